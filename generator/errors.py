"""The one exception type that means "the user gave us something wrong".

Every user-facing failure (bad YAML, an unknown signer, an impossible date…) is raised
as :class:`UserError` with enough context to print a single line naming the file, the
field and the line. The command line prints ``str(error)`` and exits with status 1;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input, reported as one line.

    >>> str(UserError("date is not a real date", file="a.yaml", field="date", line=4))
    'a.yaml:4: date: date is not a real date'
    >>> str(UserError("no such number"))
    'no such number'
    """

    def __init__(self, message: str, *, file: str | None = None, field: str | None = None,
                 line: int | None = None, hint: str | None = None):
        self.message = message
        self.file = file
        self.field = field
        self.line = line
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        elif self.line:
            where = f"line {self.line}: "
        field = f"{self.field}: " if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{field}{self.message}{hint}"
