"""The one exception type that means "the user gave us something wrong".

Every user-facing failure (bad YAML, an unknown signer, an impossible date…) is raised
as :class:`UserError` with enough context to print a single line naming the file, the
field and the line. The command line prints ``str(error)`` and exits with status 1;
anything else is a bug and keeps its traceback — except the errors of the machine around it
(a full disk, a read-only folder: :data:`ENVIRONMENT_ERRNOS`), which are one line naming the file
too. Every step that writes does so atomically and cleans up on any exception, so such a line
can say that nothing was written.
"""

from __future__ import annotations

import errno


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


#: The errors of the machine around a command, not of gen-letter: a full disk, a read-only
#: folder, a file without permission. The command line prints them as one line naming the file
#: (:func:`os_error_line`) instead of a traceback.
ENVIRONMENT_ERRNOS = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM", "EIO",
                                      "EMFILE", "ENFILE", "EFBIG", "ENAMETOOLONG", "ENOTDIR",
                                      "EISDIR", "ENOTEMPTY", "EXDEV", "ETXTBSY")
    if hasattr(errno, name))

_HINTS = {
    errno.ENOSPC: "the disk is full: free some space and run the command again",
    errno.EROFS: "the folder is on a read-only disk: run the command where it can be written",
    errno.EACCES: "no permission: check who owns the folder",
}
if hasattr(errno, "EDQUOT"):
    _HINTS[errno.EDQUOT] = "the disk quota is used up: free some space and run the command again"


def is_environment_error(error: BaseException) -> bool:
    """Is ``error`` one of :data:`ENVIRONMENT_ERRNOS`?

    >>> is_environment_error(OSError(errno.ENOSPC, "No space left on device", "a.pdf"))
    True
    >>> is_environment_error(ValueError("x"))
    False
    """
    return isinstance(error, OSError) and error.errno in ENVIRONMENT_ERRNOS


def os_error_line(error: OSError) -> str:
    """One line naming the file an operating-system error is about and what to do.

    >>> os_error_line(OSError(errno.ENOSPC, "No space left on device", "output/issued/x.pdf"))
    'output/issued/x.pdf: No space left on device; the command stopped and wrote nothing (the disk is full: free some space and run the command again)'
    """
    names = [name for name in (error.filename, error.filename2) if name is not None]
    where = " → ".join(str(name) for name in names)
    reason = error.strerror or type(error).__name__
    hint = _HINTS.get(error.errno)
    return (f"{where + ': ' if where else ''}{reason}; the command stopped and wrote nothing"
            + (f" ({hint})" if hint else ""))
