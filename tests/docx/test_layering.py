"""Raw WordprocessingML and zip packages live only in generator/docx/ (the developers' guide).

The whole runtime package is walked with :mod:`ast`; outside ``generator/docx/`` none of these may
appear:

- ``import zipfile`` (or ``from zipfile import …``): packages are read and written by
  :class:`generator.docx.package.Package` only;
- a string literal holding ``<w:`` or ``</w:``: WordprocessingML is built in ``generator/docx/``
  with :mod:`generator.docx.build`;
- ``.replace(…)``, ``re.sub(…)``, ``re.compile(…)`` (and ``re.search``/``re.match``/
  ``re.finditer``/``re.findall``/``re.split``) given a string literal holding a tag — ``<`` or
  ``</`` followed by a name (``</Types>``, ``<w:numId``), ``<?xml`` or ``<!``: XML is never
  edited or searched as text. A pattern about tags in general (the lint's check for HTML an
  author typed into a letter's plain text, ``</?[A-Za-z]…``) names no tag and is not XML work.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

GENERATOR = Path(__file__).resolve().parents[2] / "generator"
DOCX = GENERATOR / "docx"

#: Files allowed to break the rules. Keep it empty: a new entry needs a reason.
ALLOWED: set[str] = set()
_RE_CALLS = {"sub", "subn", "compile", "search", "match", "fullmatch", "finditer", "findall",
             "split"}


#: A tag; not a regular expression's own ``(?P<name>``, ``(?<=``, ``(?<!``.
_TAG = re.compile(r"(?<!\?)(?<!\?P)<(?:/?[A-Za-z_]|\?xml|!)")


def _xml_like(node: ast.AST) -> bool:
    """A string literal (or the literal parts of an f-string) holding a tag."""
    return any(_TAG.search(text) for text in _literals(node))


def _literals(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        value = node.value
        return [value.decode("latin-1") if isinstance(value, bytes) else value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value for v in node.values
                        if isinstance(v, ast.Constant) and isinstance(v.value, str))]
    return []


def problems_of(source: str, name: str) -> list[str]:
    """Every breach of the rules in one module's source, ``name:line: what``."""
    found = []
    tree = ast.parse(source)
    for node in ast.walk(tree):
        where = f"{name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Import) and any(a.name == "zipfile" for a in node.names):
            found.append(f"{where}: import zipfile")
        elif isinstance(node, ast.ImportFrom) and node.module == "zipfile":
            found.append(f"{where}: from zipfile import")
        elif isinstance(node, (ast.Constant, ast.JoinedStr)):
            if any("<w:" in text or "</w:" in text for text in _literals(node)):
                found.append(f"{where}: WordprocessingML in a string literal")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method = node.func.attr
            receiver = node.func.value
            is_re = isinstance(receiver, ast.Name) and receiver.id == "re" and method in _RE_CALLS
            if (method == "replace" or is_re) and any(_xml_like(arg) for arg in node.args):
                found.append(f"{where}: {'re.' if is_re else '.'}{method} on XML text")
    return sorted(set(found))


def _modules():
    for path in sorted(GENERATOR.rglob("*.py")):
        if DOCX in path.parents:
            continue
        yield path, path.relative_to(GENERATOR).as_posix()


def test_no_wordprocessingml_or_zip_outside_docx():
    problems = []
    for path, name in _modules():
        if name in ALLOWED:
            continue
        problems += problems_of(path.read_text(encoding="utf-8"), name)
    assert not problems, "raw XML or zip outside generator/docx/:\n" + "\n".join(problems)


def test_allowed_files_exist():
    """An allowance for a file that is gone is stale: take it out."""
    for name in ALLOWED:
        assert (GENERATOR / name).is_file(), name


BREACHES = [
    ("import zipfile\n", "import zipfile"),
    ("from zipfile import ZipFile\n", "from zipfile import"),
    ("x = '<w:p>'\n", "WordprocessingML in a string literal"),
    ("x = f'</w:t>{y}'\n", "WordprocessingML in a string literal"),
    ("x = y.replace('</Types>', z)\n", ".replace on XML text"),
    ("import re\nx = re.sub(r'<a([ >])', '', y)\n", "re.sub on XML text"),
    ("import re\nx = re.compile(rb'<x:xmpmeta.*?</x:xmpmeta>')\n", "re.compile on XML text"),
]


def test_each_rule_finds_its_breach():
    for source, words in BREACHES:
        problems = problems_of(source, "m.py")
        assert len(problems) == 1 and words in problems[0], (source, problems)


def test_plain_text_is_not_a_breach():
    assert problems_of("import re\nx = y.replace('**', '')\nz = 'a < b'\n"
                       "m = re.compile(r'</?[A-Za-z][A-Za-z0-9]*/?>(?<!x)(?P<n>a)')\n", "m.py") == []
