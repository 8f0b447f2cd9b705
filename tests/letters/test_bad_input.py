"""Hostile input through the real command line: one line naming the file, field and line, exit
status 1, no traceback, nothing written, no password shown.

Each row of :data:`BAD` changes a copy of the examples workspace and runs one command; the
message must contain every word listed and none of the secrets.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import copy_examples

SECRET = "s3cret-pw"
DEEP = "[" * 300 + "]" * 300
LETTER = "letters/000_1f4fc82266ea5587.yaml"     # sends an attachment list (000_list.yaml)
PICTURE_LETTER = "letters/002_969013ac331ac01f.yaml"  # its 002_process.yaml shows an image
LETTER_SPEC = """\
kind: circular
office: nk-cdd
unit: 3
recipient: นายอำเภอ ทุกอำเภอ
subject: ทดสอบ
body:
  - ด้วยจังหวัดหนองคาย ขอแจ้งว่า
closing: เพื่อโปรดทราบ
signer: pranee
"""


def _write(ws: Path, name: str, text: str) -> None:
    (ws / name).write_text(text, encoding="utf-8")


def _edit(ws: Path, name: str, old: str, new: str) -> None:
    path = ws / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _outside(ws: Path) -> Path:
    """A picture outside the workspace (beside it)."""
    folder = ws.parent / "outside"
    folder.mkdir(exist_ok=True)
    picture = folder / "x.png"
    picture.write_bytes((ws / "attachments" / "002_process.png").read_bytes())
    return picture


def deep_letter(ws):
    _write(ws, "letters/case.yaml", LETTER_SPEC + f"copy_to: {DEEP}\n")
    return ["new", "letters/case.yaml"]


def deep_items(ws):
    text = LETTER_SPEC.replace("body:\n  - ด้วยจังหวัดหนองคาย ขอแจ้งว่า\n", "") + "body:\n  - items:\n"
    indent = "      "
    for _ in range(300):
        text += f"{indent}- text: ก\n{indent}  items:\n"
        indent += "    "
    _write(ws, "letters/case.yaml", text + f"{indent}- ข\n")
    return ["new", "letters/case.yaml"]


def deep_attachment(ws):
    _write(ws, "attachments/deep.yaml", f"kind: booklet\ncontent:\n  - {DEEP}\n")
    return ["new", "attachments/deep.yaml"]


def deep_profile(ws):
    _edit(ws, "registry/nongkhai.yaml", "digit_style: thai\n",
          f"digit_style: thai\necms: {{speed_codes: {DEEP}}}\n")
    return ["log"]


def url(value):
    return lambda ws: ["--registry", value, "log"]


def image_outside(ws):
    _edit(ws, "attachments/002_process.yaml", "file: 002_process.png", f"file: {_outside(ws)}")
    return ["new", PICTURE_LETTER]


def image_dotdot(ws):
    _outside(ws)
    _edit(ws, "attachments/002_process.yaml", "file: 002_process.png", "file: ../../outside/x.png")
    return ["new", PICTURE_LETTER]


def image_symlink(ws):
    os.symlink(_outside(ws), ws / "attachments" / "link.png")
    _edit(ws, "attachments/002_process.yaml", "file: 002_process.png", "file: link.png")
    return ["new", PICTURE_LETTER]


def image_symlink_alone(ws):
    image_symlink(ws)
    return ["new", "attachments/002_process.yaml"]


def qr_file_outside(ws):
    _write(ws, "attachments/qr.yaml", "kind: booklet\ncontent:\n  - qr: {file: /etc/passwd}\n")
    return ["new", "attachments/qr.yaml"]


def list_entry_outside(ws):
    _write(ws, "attachments/list.yaml",
           "kind: attachment_list\nitems:\n  - {title: ก, file: /etc/hostname}\n")
    return ["new", "attachments/list.yaml"]


def list_of_letter_symlinked(ws):
    """The letter's attachment list is inside, a file its entries name is a symlink out."""
    os.symlink("/etc/hostname", ws / "attachments" / "hostname.txt")
    with open(ws / "attachments" / "000_list.yaml", "a", encoding="utf-8") as spec:
        spec.write("items:\n  - {title: ก, file: hostname.txt}\n")
    return ["new", LETTER]


def garuda_outside(ws):
    _edit(ws, "registry/nongkhai.yaml", "garuda: garuda.png", f"garuda: {_outside(ws)}")
    return ["log"]


def garuda_symlink(ws):
    os.symlink(_outside(ws), ws / "registry" / "emblem.png")
    _edit(ws, "registry/nongkhai.yaml", "garuda: garuda.png", "garuda: emblem.png")
    return ["log"]


def template_symlink(ws):
    (ws / "letter_templates").mkdir(exist_ok=True)
    os.symlink(_outside(ws), ws / "letter_templates" / "external.docx")
    return ["new", LETTER]


def damaged_garuda(ws):
    (ws / "registry" / "garuda.png").write_bytes(b"\x89PNG\r\n\x1a\n and then nothing")
    return ["new", LETTER]


def damaged_picture(ws):
    (ws / "attachments" / "002_process.png").write_bytes(b"\x89PNG\r\n\x1a\n and then nothing")
    return ["new", PICTURE_LETTER]


def huge_spec(ws):
    _write(ws, "letters/case.yaml", LETTER_SPEC + "# padding\n" * 300_000)
    return ["new", "letters/case.yaml"]


def office_flag_not_a_flag(ws):
    _edit(ws, "registry/nongkhai.yaml", "test_office: true", "test_office: maybe")
    return ["log"]


BAD = [
    # (case, words the one line must contain)
    (deep_letter, ["case.yaml:10:", "copy_to[0]", "nested more than 40 deep"]),
    (deep_items, ["case.yaml:", "body[0].items[0]", "nested more than 40 deep"]),
    (deep_attachment, ["deep.yaml:3:", "content[0]", "nested more than 40 deep"]),
    (deep_profile, ["nongkhai.yaml:", "ecms", "nested more than 40 deep"]),
    (url(f"postgresql://genletter:{SECRET}@127.0.0.1:1/db"),
     ["cannot open the register database", "genletter:***@127.0.0.1:1/db"]),
    (url(f"postgresql://genletter@127.0.0.1:1/db?password={SECRET}"),
     ["cannot open the register database", "password=***"]),
    (url(f"postgresql://genletter:{SECRET}@127.0.0.1:notaport/db"),
     ["the register's database URL", "is not a URL", "genletter:***@"]),
    (url(f"postgresql://genletter:{SECRET}@[::1/db"),
     ["the register's database URL", "is not a URL", "genletter:***@"]),
    (url(f"postgresql://127.0.0.1:1/db?sslmode=bogus&password={SECRET}"),
     ["cannot open the register database", "sslmode"]),
    (url(f"mysql://genletter:{SECRET}@127.0.0.1/db"),
     ["the register's database URL names 'mysql'", "not supported"]),
    (url("garbage"), ["the register's database URL 'garbage' is not a URL"]),
    (image_outside, ["002_process.yaml:9:", "content[0].image.file", "outside the workspace"]),
    (image_dotdot, ["002_process.yaml:9:", "content[0].image.file", "outside the workspace"]),
    (image_symlink, ["002_process.yaml:9:", "content[0].image.file", "x.png is outside the workspace"]),
    (image_symlink_alone, ["002_process.yaml:9:", "content[0].image.file", "outside the workspace"]),
    (qr_file_outside, ["qr.yaml:3:", "content[0].qr.file", "/etc/passwd is outside the workspace"]),
    (list_entry_outside, ["list.yaml:3:", "items[0].file", "/etc/hostname is outside the workspace"]),
    (list_of_letter_symlinked, ["000_list.yaml:", "file", "/etc/hostname is outside the workspace"]),
    (garuda_outside, ["nongkhai.yaml:", "garuda", "x.png is outside the workspace"]),
    (garuda_symlink, ["nongkhai.yaml:", "garuda", "x.png is outside the workspace"]),
    (template_symlink, ["external.docx", "template", "outside the workspace"]),
    (damaged_garuda, ["garuda.png", "garuda", "the image is damaged"]),
    (damaged_picture, ["002_process.yaml:9:", "content[0].image.file", "the image is damaged"]),
    (huge_spec, ["case.yaml", "a spec is at most 2048 KB"]),
    (office_flag_not_a_flag, ["nongkhai.yaml:", "test_office", "must be true or false"]),
]


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink()}


@pytest.mark.parametrize("case, words", BAD, ids=[case.__name__ if case.__name__ != "<lambda>"
                                                  else f"url{i}" for i, (case, _) in enumerate(BAD)])
def test_bad_input_is_one_line(tmp_path: Path, monkeypatch, case, words) -> None:
    ws = copy_examples(tmp_path / "ws")
    argv = case(ws)
    before = _files(ws)
    monkeypatch.chdir(ws)
    result = CliRunner().invoke(main, ["--workspace", str(ws), *argv])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output and SECRET not in result.output
    assert "--" not in lines[0].split(": ")[0], "the line names a flag, not the data field"
    for word in words:
        assert word in lines[0], f"{word!r} not in {lines[0]!r}"
    assert _files(ws) == before, "the command wrote into the workspace"


def test_a_trusted_folder_admits_what_it_holds(tmp_path: Path, monkeypatch) -> None:
    """The same picture outside the workspace is accepted once the office trusts its folder."""
    ws = copy_examples(tmp_path / "ws")
    picture = _outside(ws)
    _edit(ws, "attachments/002_process.yaml", "file: 002_process.png", f"file: {picture}")
    for profile in (ws / "registry").glob("*.yaml"):
        with open(profile, "a", encoding="utf-8") as handle:
            handle.write(f"trusted_folders: [{picture.parent}]\n")
    monkeypatch.chdir(ws)
    result = CliRunner().invoke(main, ["--workspace", str(ws), "new", PICTURE_LETTER])
    assert result.exit_code == 0, result.output
    assert (ws / "output" / "drafts" / "002_969013ac331ac01f.bundle.docx").is_file()


def test_the_password_never_shows_in_the_database_messages() -> None:
    from generator.registry.database import _first_line, safe_url

    for value in (f"postgresql://u:{SECRET}@h/db", f"postgresql://u@h/db?password={SECRET}",
                  f"postgresql://u:{SECRET}@h:port/db", f"postgresql://u:a@{SECRET}@h/db"):
        assert SECRET not in safe_url(value), value
    assert SECRET not in _first_line(ValueError(f"bad {SECRET}"), f"postgresql://u:{SECRET}@h/db")
