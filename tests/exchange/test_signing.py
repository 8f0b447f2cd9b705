"""Signatures: ``issue --sign`` (PAdES on the PDF/A), ``export ecms --sign`` (XML-DSig), and
``verify`` of both, with a throw-away CA."""

from __future__ import annotations

import base64
import hashlib
import shutil

import pytest
from click.testing import CliRunner
from lxml import etree

from generator import pdf as pdf_module
from generator.cli import main
from generator.errors import UserError
from generator.exchange import signing
from generator.registry import Registry
from tests.issuing.conftest import SPEC, make_draft, soffice_or_skip

from .certs import PASSWORD, make_certificates
from .test_ecms import LETTER, NS


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


@pytest.fixture
def signing_workspace(workspace, monkeypatch):
    keys = workspace / "keys"
    keys.mkdir()
    make_certificates(keys)
    profile = next((workspace / "registry").glob("*.yaml"))
    profile.write_text(profile.read_text(encoding="utf-8") +
                       "signing:\n  pkcs12: ../keys/office.p12\n  trust: ../keys/ca.pem\n",
                       encoding="utf-8")
    monkeypatch.setenv(signing.PASSWORD_ENV, PASSWORD)
    return workspace


def _issue_signed(workspace, name="signed"):
    draft = make_draft(workspace / "output" / "drafts" / f"{name}.docx",
                       dict(SPEC, references=[]))
    result = run("--workspace", workspace, "issue", draft, "--date", "2024-10-25", "--sign")
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


def test_issue_sign_verifies_and_a_changed_byte_fails(signing_workspace):
    number = _issue_signed(signing_workspace)
    with Registry.open(signing_workspace) as registry:
        shown = registry.show(number)
    pdf = signing_workspace / shown["files"]["pdf"]
    # The register's checksum is of the signed file.
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == shown["sha256"]["pdf"]
    result = run("--workspace", signing_workspace, "verify", pdf)
    assert result.exit_code == 0 and "Nong Khai CDD office" in result.output
    signed = pdf.read_bytes()
    # One byte of the signed content (the page width 595 → 596), then one byte anywhere.
    pdf.write_bytes(signed.replace(b"595", b"596", 1))
    # pyHanko's validator alone sees the change of signed content ...
    with pytest.raises(UserError, match="does not match the file"):
        signing.verify_pdf(pdf, signing_workspace / "keys" / "ca.pem")
    # ... and verify, which also holds the file to its recorded checksum, any changed byte.
    for position in range(0, len(signed), max(1, len(signed) // 7)):
        data = bytearray(signed)
        data[position] ^= 0x01
        pdf.write_bytes(bytes(data))
        result = run("--workspace", signing_workspace, "verify", pdf)
        assert result.exit_code == 1, position
        assert len(result.output.strip().splitlines()) == 1


def test_unsigned_pdf_fails_verify(signing_workspace, letters):
    result = run("--workspace", signing_workspace, "verify", letters[0].pdf)
    assert result.exit_code == 1 and "no signature" in result.output


def test_a_wrong_password_takes_no_number(signing_workspace, monkeypatch):
    monkeypatch.setenv(signing.PASSWORD_ENV, "wrong")
    draft = make_draft(signing_workspace / "output" / "drafts" / "w.docx",
                       dict(SPEC, references=[]))
    result = run("--workspace", signing_workspace, "issue", draft, "--sign")
    assert result.exit_code == 1 and "password" in result.output
    with Registry.open(signing_workspace) as registry:
        assert registry.audit_log() == []
    assert not (signing_workspace / "output" / "issued").exists() or \
        not any((signing_workspace / "output" / "issued").rglob("*.pdf"))


def test_an_untrusted_certificate_fails(signing_workspace, tmp_path):
    number = _issue_signed(signing_workspace)
    with Registry.open(signing_workspace) as registry:
        pdf = signing_workspace / registry.show(number)["files"]["pdf"]
    _, other_ca = make_certificates(tmp_path)
    result = run("--workspace", signing_workspace, "verify", pdf, "--trust", other_ca)
    assert result.exit_code == 1 and "trusted" in result.output


def test_message_signature_verifies_and_fails_after_a_change(signing_workspace, letters,
                                                            tmp_path):
    result = run("--workspace", signing_workspace, "export", "ecms", letters[1].number, "--sign")
    assert result.exit_code == 0, result.output
    path = result.output.strip().splitlines()[-1]
    result = run("--workspace", signing_workspace, "verify", path)
    assert result.exit_code == 0, result.output
    tree = etree.parse(path)
    assert tree.find(f"{LETTER}/../ram:GovernmentSignature/"
                     "{http://www.w3.org/2000/09/xmldsig#}Signature", NS) is not None
    for label, change in (
            ("subject", lambda t: t.find(f"{LETTER}/ram:Subject", NS).__setattr__(
                "text", "เรื่องอื่น")),
            ("pdf", lambda t: _flip_pdf(t.find(f"{LETTER}/ram:MainLetterBinaryObject", NS)))):
        changed = etree.parse(path)
        change(changed)
        target = tmp_path / f"{label}.xml"
        changed.write(str(target), xml_declaration=True, encoding="UTF-8")
        result = run("--workspace", signing_workspace, "verify", target)
        assert result.exit_code == 1, label
        assert "GovernmentSignature" in result.output and str(target) in result.output


def _flip_pdf(element):
    data = bytearray(base64.b64decode(element.text))
    data[10] ^= 0x01
    element.text = base64.b64encode(bytes(data)).decode()


@pytest.mark.libreoffice
@pytest.mark.slow
def test_a_signed_libreoffice_pdf_stays_pdf_a_2b(tmp_path):
    soffice_or_skip()
    keys = tmp_path / "keys"
    keys.mkdir()
    p12, ca = make_certificates(keys)
    docx = make_draft(tmp_path / "letter.docx", dict(SPEC, references=[]))
    pdf = tmp_path / "letter.pdf"
    pdf_module.to_pdf(docx, pdf)
    before = pdf.read_bytes()
    assert pdf_module.pdfa_identification(pdf) == ("2", "B")
    office = type("Office", (), {"signing": {"pkcs12": str(p12)}, "source": None})()
    import os

    os.environ[signing.PASSWORD_ENV] = PASSWORD
    try:
        signing.load_signer(office).sign_pdf(pdf)
    finally:
        del os.environ[signing.PASSWORD_ENV]
    after = pdf.read_bytes()
    # An incremental update: the PDF/A-2b file is kept byte for byte, the signature appended.
    assert after.startswith(before) and len(after) > len(before)
    assert pdf_module.pdfa_identification(pdf) == ("2", "B")
    assert signing.verify_pdf(pdf, ca) == \
        ["Common Name: Nong Khai CDD office, Organization: Test Province, Country: TH"]
    shutil.copy(pdf, tmp_path / "copy.pdf")


def test_a_signed_message_is_received_and_a_tampered_one_refused(signing_workspace, letters,
                                                                  tmp_path):
    result = run("--workspace", signing_workspace, "export", "ecms", letters[1].number, "--sign")
    path = result.output.strip().splitlines()[-1]
    district = tmp_path / "district"
    from generator.registry import init_workspace

    init_workspace(district)
    profile = next((district / "registry").glob("*.yaml"))
    profile.write_text(profile.read_text(encoding="utf-8") + "signing:\n  trust: "
                       f"{signing_workspace / 'keys' / 'ca.pem'}\n"
                       f"trusted_folders: [{signing_workspace / 'keys'}]\n", encoding="utf-8")
    changed = etree.parse(path)
    changed.find(f"{LETTER}/ram:Subject", NS).text = "เรื่องอื่น"
    tampered = tmp_path / "tampered.xml"
    changed.write(str(tampered), xml_declaration=True, encoding="UTF-8")
    result = run("--workspace", district, "receive", "--ecms", tampered)
    assert result.exit_code == 1 and "GovernmentSignature" in result.output
    with Registry.open(district) as registry:
        assert registry.audit_log() == []
    result = run("--workspace", district, "receive", "--ecms", path)
    assert result.exit_code == 0, result.output
    with Registry.open(district) as registry:
        assert registry.show(letters[1].number)["subject"] == letters[1].as_json()["subject"]


def test_without_the_variable_the_password_is_asked(signing_workspace, monkeypatch):
    monkeypatch.delenv(signing.PASSWORD_ENV)
    draft = make_draft(signing_workspace / "output" / "drafts" / "p.docx",
                       dict(SPEC, references=[]))
    result = CliRunner().invoke(main, ["--workspace", str(signing_workspace), "issue",
                                       str(draft), "--sign"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "password of office.p12" in result.output


@pytest.mark.parametrize("trusted", [False, True])
def test_a_key_outside_the_workspace_needs_a_trusted_folder(signing_workspace, tmp_path, trusted):
    """The profile's key is a path like any other: outside the workspace (here a symlink out)
    it is refused in one line naming ``signing.pkcs12``, unless its folder is trusted."""
    keys = tmp_path / "keys-elsewhere"
    (signing_workspace / "keys").rename(keys)
    (signing_workspace / "keys").symlink_to(keys)
    if trusted:
        profile = next((signing_workspace / "registry").glob("*.yaml"))
        profile.write_text(profile.read_text(encoding="utf-8") + f"trusted_folders: [{keys}]\n",
                           encoding="utf-8")
    draft = make_draft(signing_workspace / "output" / "drafts" / "outside.docx",
                       dict(SPEC, references=[]))
    result = CliRunner().invoke(main, ["--workspace", str(signing_workspace), "issue",
                                       str(draft), "--date", "2024-10-25", "--sign"])
    if trusted:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert "signing.pkcs12" in lines[0] and "office.p12 is outside the workspace" in lines[0]
    issued = signing_workspace / "output" / "issued"
    assert not issued.exists() or not any(p.is_file() for p in issued.rglob("*"))
