"""Regular expressions compiled on first use.

The Thai patterns (dates written out, links, tokens over the whole of Unicode) take from a
fraction of a millisecond to 20 ms each to compile; compiled at import, every command paid for
all of them, ``gen-letter search`` included, which uses none. :class:`Pattern` compiles its
expression the first time it is used and is otherwise a ``re.Pattern``.

>>> digits = Pattern(r"\\d+")
>>> digits.findall("๑๒ 34"), digits.pattern
(['๑๒', '34'], '\\\\d+')
"""

from __future__ import annotations

import re
from typing import Any


class Pattern:
    """``re.compile(pattern, flags)``, done on first use."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> "re.Pattern[str]":
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:  # match, search, finditer, sub, …
        return getattr(self.compiled(), name)
