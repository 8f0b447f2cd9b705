"""Names a package loads on first use (PEP 562): its ``__getattr__`` and ``__dir__``.

``generator.spec`` and ``generator.registry`` export names whose modules are heavy (the spec
model, SQLAlchemy); the quick commands import the packages for one light name each, so the rest
is imported only when asked for, and kept in the package's namespace after.
"""

from __future__ import annotations

import sys
from typing import Callable


def lazy_exports(package: str, exports: dict[str, str]) -> tuple[Callable, Callable]:
    """``(__getattr__, __dir__)`` for ``package``: ``exports`` maps a name to the module (relative
    to the package) that defines it.

    >>> getattr_, dir_ = lazy_exports("generator", {"UserError": ".errors"})
    >>> getattr_("UserError").__name__, "UserError" in dir_()
    ('UserError', True)
    """
    def __getattr__(name: str):
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(exports[name], package), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(exports))

    return __getattr__, __dir__
