"""Resource limits and safe XML: alias bombs, zip bombs and DTDs are one-line errors, in bounded
memory. The bombs run the real command line in a child process limited to 1 GB of address space
(``resource.setrlimit``), so a reader that inflates or expands them dies instead of passing."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from generator.registry import init_workspace

from .conftest import SPEC, make_draft

LIMIT = 2**30
CHILD = textwrap.dedent(f"""
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({LIMIT}, {LIMIT}))
    from generator.cli import main
    sys.argv = ["gen-letter"] + sys.argv[1:]
    main()
""")


def _run_limited(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHILD, *map(str, args)], capture_output=True,
                          text=True, timeout=300)


def _one_line_error(result, *words):
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture
def workspace(tmp_path) -> Path:
    return init_workspace(tmp_path / "ws").root


ALIAS_BOMB = """kind: circular
a: &a ["ลอล", "ลอล", "ลอล", "ลอล", "ลอล", "ลอล", "ลอล", "ลอล", "ลอล"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
subject: *i
"""


def test_an_alias_bomb_in_a_spec_is_refused_in_bounded_memory(workspace):
    spec = workspace / "bomb.yaml"
    spec.write_text(ALIAS_BOMB, encoding="utf-8")
    assert len(ALIAS_BOMB.encode()) < 700
    result = _run_limited("--workspace", workspace, "new", spec)
    _one_line_error(result, "bomb.yaml:3:", "aliases")
    assert not (workspace / "output" / "drafts").exists() or not any(
        (workspace / "output" / "drafts").iterdir())


def test_an_alias_in_an_office_profile_is_refused(workspace):
    profile = next((workspace / "registry").glob("*.yaml"))
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text + "\nextra: &x [1]\nmore: *x\n", encoding="utf-8")
    result = _run_limited("--workspace", workspace, "log")
    _one_line_error(result, profile.name, "aliases")


def _with_part(draft: Path, target: Path, name: str, size: int, *, replace: bool) -> Path:
    """The draft with part ``name`` (replaced, or added) inflating to ``size`` bytes of zeros,
    written in chunks so the test itself stays small."""
    with zipfile.ZipFile(draft) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if replace and info.filename == name:
                continue
            out.writestr(info, source.read(info))
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with out.open(info, "w", force_zip64=True) as part:
            chunk = b"\0" * 2**20
            for _ in range(size // len(chunk)):
                part.write(chunk)
    return target


@pytest.mark.parametrize("part, replace", [("word/document.xml", True),
                                           ("word/media/image9.png", False)])
def test_a_zip_bomb_draft_is_refused_in_bounded_memory(workspace, tmp_path, part, replace):
    draft = make_draft(tmp_path / "d.docx")
    bomb = _with_part(draft, tmp_path / "bomb.docx", part, 1200 * 2**20, replace=replace)
    assert bomb.stat().st_size < 3 * 2**20
    result = _run_limited("--workspace", workspace, "issue", bomb, "--date", "2024-10-25")
    _one_line_error(result, "bomb.docx", part, "inflates")
    assert not [p for p in (workspace / "output").rglob("*") if p.is_file()]


def test_a_part_whose_stated_size_lies_is_refused(tmp_path, fake_registry, fake_pdf):
    """The zip directory says 1 KB; the data inflates to 100 MB: cut at 1 KB, CRC fails."""
    from generator.errors import UserError
    from generator.issuing import issue

    draft = make_draft(tmp_path / "d.docx")
    bomb = _with_part(draft, tmp_path / "bomb.docx", "word/media/x.bin", 100 * 2**20, replace=False)
    data = bytearray(bomb.read_bytes())
    with zipfile.ZipFile(bomb) as z:
        info = z.getinfo("word/media/x.bin")
    # Rewrite the stated size in the central directory's zip64 extra field (8 bytes, little endian).
    stated = (100 * 2**20).to_bytes(8, "little")
    at = data.rfind(stated)
    assert at > info.header_offset
    data[at:at + 8] = (1024).to_bytes(8, "little")
    bomb.write_bytes(bytes(data))
    with pytest.raises(UserError) as caught:
        issue(bomb, tmp_path, registry=fake_registry)
    assert "bomb.docx" in str(caught.value)
    assert fake_registry.running == {}


DTD_CASES = {
    "external entity": ('<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;"),
    "entity bomb": ('<!DOCTYPE w:document [<!ENTITY a "ลอลลอลลอลลอล"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>', "&d;"),
    "plain DTD": ('<!DOCTYPE w:document SYSTEM "http://example.invalid/w.dtd">', ""),
}


def _with_doctype(draft: Path, target: Path, part: str, doctype: str, reference: str) -> Path:
    with zipfile.ZipFile(draft) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                head, _, rest = data.partition(b"?>")
                data = head + b"?>" + doctype.encode() + rest
                if reference:
                    first = data.rindex(b"</w:t>")
                    data = data[:first] + reference.encode() + data[first:]
            out.writestr(info, data)
    return target


@pytest.mark.parametrize("case", sorted(DTD_CASES))
@pytest.mark.parametrize("part", ["word/document.xml", "docProps/custom.xml"])
def test_xml_with_a_dtd_is_refused(tmp_path, fake_registry, fake_pdf, case, part):
    from generator.errors import UserError
    from generator.issuing import issue

    doctype, reference = DTD_CASES[case]
    if part == "docProps/custom.xml":
        doctype = doctype.replace("w:document", "Properties")
        reference = ""
    draft = _with_doctype(make_draft(tmp_path / "d.docx"), tmp_path / "dtd.docx", part, doctype,
                          reference)
    with pytest.raises(UserError) as caught:
        issue(draft, tmp_path, registry=fake_registry)
    message = str(caught.value)
    assert "dtd.docx" in message and part in message and "DTD" in message
    assert "root:" not in message  # nothing of /etc/passwd was read into it
    assert fake_registry.running == {} and fake_pdf == []
