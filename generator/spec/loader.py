"""Read a YAML file into plain data plus the line of every field (for error messages).

PyYAML's safe loader is used for parsing and for typing scalars, with one change: dates are left
as text, so that ``2024-02-30`` reaches validation (and gets a message naming its field and
line) instead of failing inside the YAML library. The node tree PyYAML composes carries the
marks; no YAML library offers "value plus line" directly, hence the small walk below.

This is the one YAML reader of gen-letter — letter specs, attachment specs and office profiles
all go through :func:`compose_yaml`, so they share one error wording (``YAML syntax error: …``
with the line). Every text value is checked by :mod:`generator.thai.hygiene`: a bidi control or
zero-width character is refused with its field and line, Thai marks are put in canonical order.
Aliases (``*name``) are refused where they stand: none of these files needs
one, and nested aliases are how a 600-byte file grows to gigabytes when walked. Nesting is
bounded too (:data:`MAX_DEPTH` lists and mappings inside each other; the deepest example, a
booklet, needs 14): every step that walks a spec is recursive, and a list nested 300 deep would
otherwise end in Python's recursion limit instead of a message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import UserError

Path_ = tuple  # a field path such as ("body", 2, "items", 0)


#: How deep lists and mappings may nest in a spec or profile.
MAX_DEPTH = 40


class _AliasRefused(Exception):
    def __init__(self, line: int):
        self.line = line


class _TooDeep(Exception):
    def __init__(self, line: int, path: tuple):
        self.line = line
        self.path = path


class _Bounded:
    """Composing without aliases and with nesting bounded by :data:`MAX_DEPTH` (mixed into
    both loaders below)."""

    _path: tuple = ()

    def compose_node(self, parent, index):
        if self.check_event(yaml.events.AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark.line + 1)
        # both kinds named: libyaml's parser compares the event's class, not its base
        if self.check_event(yaml.events.SequenceStartEvent, yaml.events.MappingStartEvent):
            here = self._path + ((index if isinstance(index, int) else getattr(index, "value", "?")),) \
                if parent is not None else ()
            if len(here) >= MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark.line + 1, here)
            outer, self._path = self._path, here
            try:
                return super().compose_node(parent, index)
            finally:
                self._path = outer
        return super().compose_node(parent, index)


class _Loader(_Bounded, yaml.SafeLoader):
    """SafeLoader without the timestamp resolver (ISO dates stay strings), without aliases and
    with nesting bounded by :data:`MAX_DEPTH`."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FastLoader = None
if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _FastLoader(_Bounded, yaml.composer.Composer, CParser, yaml.constructor.SafeConstructor,
                      yaml.resolver.Resolver):
        """The same loader on libyaml's scanner and parser (``CParser``), about 15 times faster
        on an office profile (0.5 ms instead of 7.8 ms): PyYAML's own composer still builds the
        tree, so aliases and depth are refused by :class:`_Bounded` as above. A text it does
        not take is read again by :class:`_Loader`, whose message is the one given."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


class Located:
    """Parsed YAML data and the 1-based line of each field path (``lines[("body", 0)]``)."""

    def __init__(self, data: Any, lines: dict[Path_, int], file: str):
        self.data = data
        self.lines = lines
        self.file = file

    def line(self, path: Path_) -> int | None:
        """The line of ``path``, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def _walk(node: yaml.Node, path: Path_, lines: dict, loader: _Loader, file: str) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise UserError(f"field names must be text, not {key!r}", file=file,
                                line=key_node.start_mark.line + 1)
            if key in result:
                raise UserError(f"field '{key}' is given twice", file=file,
                                field=_dotted(path + (key,)), line=key_node.start_mark.line + 1)
            lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _walk(value_node, path + (key,), lines, loader, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_walk(child, path + (i,), lines, loader, file) for i, child in enumerate(node.value)]
    value = loader.construct_object(node, deep=True)
    if isinstance(value, str):
        from ..thai.hygiene import normalise, problem_character

        problem = problem_character(value)
        if problem is not None:
            code, what = problem
            raise UserError(f"contains {what} ({code}), invisible in the letter", file=file,
                            field=_dotted(path) or None, line=node.start_mark.line + 1,
                            hint="delete it (retype the text around it)")
        value = normalise(value)
    return value


def _dotted(path: Path_) -> str:
    """``("body", 2, "items", 0)`` → ``body[2].items[0]``.

    >>> _dotted(("body", 2, "items", 0, "text"))
    'body[2].items[0].text'
    """
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted


#: The largest spec or profile read (the largest example, a booklet, is about 30 KB).
MAX_BYTES = 2 * 1024 * 1024


def load_yaml(path: Path) -> Located:
    """Parse a YAML file (at most :data:`MAX_BYTES`); syntax errors become one-line UserErrors
    with the line."""
    file = str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            raise UserError(f"is {size // 1024} KB; a spec is at most {MAX_BYTES // 1024} KB",
                            file=file, hint="split it, or put long texts in attachment specs")
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError("no such file", file=file) from None
    except UnicodeDecodeError:
        raise UserError("is not UTF-8 text", file=file) from None
    except OSError as error:
        raise UserError(f"cannot read: {error.strerror}", file=file) from None
    return load_yaml_text(text, file)


def compose_yaml(text: str, file: str = "<text>") -> yaml.Node | None:
    """The YAML node tree of ``text`` (None for an empty document); every problem is one
    UserError naming the file and the line.

    >>> compose_yaml("a: &x [1]\\nb: *x\\n", "s.yaml")
    Traceback (most recent call last):
    generator.errors.UserError: s.yaml:2: YAML aliases (*name) are not accepted; write the value out
    >>> compose_yaml("a: " + "[" * 300 + "]" * 300, "d.yaml")
    Traceback (most recent call last):
    generator.errors.UserError: d.yaml:1: a[0][0][0]…: lists and mappings nested more than 40 deep (no spec needs that many levels)
    """
    if _FastLoader is not None:
        fast = _FastLoader(text)
        try:
            return fast.get_single_node()
        except Exception:  # noqa: BLE001 -- read again below, for the one wording of the problem
            pass
        finally:
            fast.dispose()
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as error:
        line = text[:error.position].count("\n") + 1
        raise UserError(f"contains the control character U+{error.character:04X}", file=file,
                        line=line, hint="remove it; YAML and Word documents cannot hold it") from None
    try:
        return loader.get_single_node()
    except _AliasRefused as refused:
        raise UserError("YAML aliases (*name) are not accepted; write the value out", file=file,
                        line=refused.line) from None
    except _TooDeep as deep:
        raise UserError(f"lists and mappings nested more than {MAX_DEPTH} deep", file=file,
                        field=(_dotted(deep.path[:4]) + "…") or None, line=deep.line,
                        hint="no spec needs that many levels") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "invalid YAML"
        if error.context and error.context_mark and error.context_mark.line + 1 != line:
            problem += f" ({error.context} started on line {error.context_mark.line + 1})"
        raise UserError(f"YAML syntax error: {problem}", file=file, line=line) from None
    except yaml.YAMLError as error:
        raise UserError(f"YAML error: {error}", file=file) from None
    finally:
        loader.dispose()


def scalar_constructor() -> yaml.SafeLoader:
    """A constructor for the scalars of a composed tree (tags already resolved)."""
    return _Loader("")


def load_yaml_text(text: str, file: str = "<text>") -> Located:
    """Parse YAML text (see :func:`load_yaml`).

    >>> located = load_yaml_text("a: 1\\nb:\\n  - 2024-02-30\\n")
    >>> located.data, located.line(("b", 0))
    ({'a': 1, 'b': ['2024-02-30']}, 3)
    """
    node = compose_yaml(text, file)
    if node is None:
        return Located(None, {(): 1}, file)
    lines: dict[Path_, int] = {}
    loader = scalar_constructor()
    try:
        data = _walk(node, (), lines, loader, file)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise UserError(f"YAML syntax error: {error.problem or error.context or 'invalid YAML'}",
                        file=file, line=mark.line + 1 if mark else None) from None
    return Located(data, lines, file)
