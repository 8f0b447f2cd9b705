"""Announcements (ประกาศ, rules §1): ``ประกาศ<agency>`` / ``เรื่อง …`` / a rule / the body /
``ประกาศ ณ วันที่ ๒๕ ตุลาคม พ.ศ. ๒๕๖๗`` / the signature.

An announcement takes the next number of the office's series of announcements, so that the
register keeps it (and ``verify`` checks it) like any document; the number is printed
(``ที่ ๓/๒๕๖๗`` under the title) only when the office profile says ``numbering: announcements:
numbered``; otherwise it stays in the document as hidden text, where issuing stamps it.
"""

from __future__ import annotations


def context(spec, printer) -> dict:
    """The template values of an announcement's own parts: whether its number is printed."""
    return {"numbered": getattr(printer.office, "announcements", "unnumbered") == "numbered"}
