"""Labels of numbered items in Thai digits: ``๑.``, ``๓.๑``, ``๑)``, ``๑.๑)``.

>>> [item_label(p) for p in [(1,), (3, 1), (2, 1, 4)]]
['๑.', '๓.๑', '๒.๑.๔']
>>> [item_label(p, "paren") for p in [(1,), (1, 1)]]
['๑)', '๑.๑)']
"""

from __future__ import annotations

from collections.abc import Sequence

from .digits import digits as _digits
from .errors import ThaiValueError

STYLES = ("dot", "paren")


def item_label(path: Sequence[int], style: str = "dot", digit_style: str = "thai") -> str:
    """The label of the item at ``path`` (1-based numbers from the outermost list in).

    ``dot``: ``๑.`` at the top level, ``๓.๑`` below it (no final dot, as in the seeds);
    ``paren``: ``๑)`` and ``๑.๑)``.
    """
    if not path or any(not isinstance(n, int) or n < 1 for n in path):
        raise ThaiValueError(f"item numbers must be whole numbers from 1, not {list(path)!r}")
    if style not in STYLES:
        raise ThaiValueError(f"unknown numbering style {style!r}: use 'dot' or 'paren'")
    joined = ".".join(str(n) for n in path)
    if style == "paren":
        label = joined + ")"
    else:
        label = joined + ("." if len(path) == 1 else "")
    return _digits(label, digit_style)
