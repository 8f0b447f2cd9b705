"""``gen-letter lint``: the checks of :data:`generator.lint.checks.CHECKS` run over letters read
by :mod:`generator.reader`, as :class:`Finding` values sorted by line.

Selection works as ruff's does: ``select`` keeps only the named codes (all when empty), then
``ignore`` drops codes. An unknown code in either is a :class:`UserError`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from ..errors import UserError
from ..reader import Letter, read_docx, read_file, read_text
from .checks import CHECKS, Check

CODES = tuple(check.code for check in CHECKS)


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    severity: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity} {self.code} {self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


def chosen(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> tuple[Check, ...]:
    """The checks to run.

    >>> [c.code for c in chosen(select=["weekday", "markup"], ignore=["markup"])]
    ['weekday']
    """
    select, ignore = list(select), list(ignore)
    for code in select + ignore:
        if code not in CODES:
            raise UserError(f"{code!r} is no lint code; the codes are {', '.join(CODES)}",
                            field="code")
    return tuple(c for c in CHECKS if (not select or c.code in select) and c.code not in ignore)


def lint_letter(letter: Letter, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Finding]:
    """Every finding of the chosen checks in one letter, sorted by line (then table order).

    >>> letter = read_text("ที่ ฉช ๐๐๑๙/ว ๑\\nศาลากลางจังหวัดฉะเชิงเทรา\\nถนนเรืองวุฒิ ฉช ๒๕๐๐๐", "a.txt")
    >>> print(*lint_letter(letter), sep="\\n")
    a.txt:3: error postal-province postal code ๒๕๐๐๐ is Prachin Buri's; จังหวัดฉะเชิงเทรา's are 24xxx
    """
    found = []
    for order, check in enumerate(chosen(select, ignore)):
        for line, message in check.run(letter):
            found.append((line, order, Finding(letter.source, line, check.severity, check.code, message)))
    found.sort(key=lambda item: (item[0], item[1]))
    return [finding for _, _, finding in found]


def lint_document(source: Path | str | bytes, *, name: str | None = None, select: Iterable[str] = (),
                  ignore: Iterable[str] = ()) -> list[Finding]:
    """Lint a letter file (.txt, .docx, .pdf), or DOCX bytes (a draft in memory)."""
    if isinstance(source, bytes):
        letter = read_docx(source, name or "<docx>")
    else:
        letter = read_file(source)
        if name:
            letter = Letter(name, letter.lines, letter.parts, letter.end)
    return lint_letter(letter, select, ignore)


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


__all__ = ["CHECKS", "CODES", "Finding", "chosen", "errors", "lint_document", "lint_letter",
           "read_text"]


class LintRefused(UserError):
    """Errors lint found in a letter about to be issued: one line per finding."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("\n".join(str(f) for f in findings[:-1]) + ("\n" if len(findings) > 1 else "")
                         + str(findings[-1]) + f" (not issued, no number taken: {len(findings)} lint "
                         f"error{'s' if len(findings) > 1 else ''}; correct the draft, or allow the "
                         f"code knowingly)")

    def __str__(self) -> str:
        return self.message


def refuse_errors(docx: bytes, name: str, allow: Iterable[str] = ()) -> list[Finding]:
    """Lint a draft before it is issued: raise :class:`LintRefused` for any error whose code is
    not in ``allow``; return the errors that were allowed (for the audit log)."""
    allow = list(allow)
    chosen(allow)  # an unknown code is refused by name
    found = errors(lint_document(docx, name=name))
    refused = [f for f in found if f.code not in allow]
    if refused:
        raise LintRefused(refused)
    return found
