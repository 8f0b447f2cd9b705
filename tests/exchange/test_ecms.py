"""e-CMS export and import round trip, schema checks, and refused messages."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import date

import pytest
from click.testing import CliRunner
from lxml import etree

from generator.cli import main
from generator.errors import UserError
from generator.exchange import codes
from generator.exchange.message import RAM, RSM, SOAP, WSA, schema
from generator.registry import Registry, init_workspace
from generator.registry.numbers import number_key

NS = {"soap": SOAP, "wsa": WSA, "rsm": RSM, "ram": RAM}
LETTER = "soap:Body/rsm:GovernmentDocument/ram:CorrespondenceLetter"
ORDER = ["ID", "CorrespondenceDate", "Subject", "SecretCode", "SpeedCode", "SenderParty",
         "ReceiverParty", "ReferenceCorrespondence", "Attachment", "SendDate", "Description",
         "MainLetterBinaryObject"]


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result


def export(workspace, number, *to):
    result = run("--workspace", workspace, "export", "ecms", number,
                 *[x for t in to for x in ("--to", t)])
    assert result.exit_code == 0, result.output
    return [line for line in result.output.splitlines() if line]


def test_export_writes_one_valid_message_carrying_the_issued_pdf(workspace, letters):
    _first, second = letters
    paths = export(workspace, second.number)
    assert len(paths) == 1 and "output/exports/ecms/" in paths[0]
    tree = etree.parse(paths[0])
    assert schema().validate(tree)
    assert tree.find("soap:Header/wsa:MessageID", NS).text.startswith("urn:uuid:")
    letter = tree.find(LETTER, NS)
    names = [etree.QName(e).localname for e in letter]
    assert [n for i, n in enumerate(names) if n in ORDER and (i == 0 or names[i - 1] != n)] \
        == ORDER
    assert letter.findtext("ram:ID", namespaces=NS) == "นค 0019.3/ว 2"
    assert letter.findtext("ram:CorrespondenceDate", namespaces=NS) == "2024-10-25"
    assert letter.findtext("ram:SpeedCode", namespaces=NS) == codes.SPEED_CODES["ด่วนที่สุด"]
    assert letter.findtext("ram:SenderParty/ram:MinistryOrganization/ram:ID",
                           namespaces=NS) == "1500"
    assert letter.findtext("ram:ReceiverParty/ram:JobTitle", namespaces=NS) == \
        "นายอำเภอ ทุกอำเภอ"
    blob = letter.find("ram:MainLetterBinaryObject", NS)
    assert blob.get("mimeCode") == "application/pdf"
    # Decoding gives the issued PDF byte for byte, the one whose checksum the register holds.
    assert base64.b64decode(blob.text) == second.pdf.read_bytes()
    assert hashlib.sha256(base64.b64decode(blob.text)).hexdigest() == second.sha256["pdf"]
    assert tree.find("soap:Body/rsm:GovernmentDocument/ram:GovernmentSignature", NS) is not None


def test_one_message_per_receiver(workspace, letters):
    paths = export(workspace, letters[0].number, "นายอำเภอเมืองหนองคาย", "นายอำเภอท่าบ่อ")
    assert len(paths) == 2 and len(set(paths)) == 2
    titles = [etree.parse(p).findtext(f"{LETTER}/ram:ReceiverParty/ram:JobTitle", namespaces=NS)
              for p in paths]
    assert titles == ["นายอำเภอเมืองหนองคาย", "นายอำเภอท่าบ่อ"]


def test_round_trip_through_receive(workspace, letters, tmp_path):
    first, second = letters
    [path] = export(workspace, second.number)
    district = init_workspace(tmp_path / "district").root
    result = run("--workspace", district, "receive", "--ecms", path)
    assert result.exit_code == 0, result.output
    assert result.output.strip().startswith("๑/")
    with Registry.open(district) as registry:
        shown = registry.show(second.number)
    assert shown["kind"] == "incoming"
    assert number_key(shown["number"]) == number_key(second.number)
    assert shown["date"] == "2024-10-25"
    assert shown["from"] == "จังหวัดหนองคาย"
    assert shown["subject"] == second.as_json()["subject"]
    assert shown["speed"] == "ด่วนที่สุด"
    # The references are the register's, not only the JSON record's.
    assert [(number_key(r["number"]), r["date"], r["subject"])
            for r in shown["their_references"]] == \
        [(number_key(first.number), "2024-10-25", "แนวทางการดำเนินงาน ปี ๒๕๖๘")]
    assert "cites (theirs): นค 0019.3/ว 1 2024-10-25" in \
        run("--workspace", district, "show", second.number).output
    [record] = (district / "output" / "received").glob("*.json")
    data = json.loads(record.read_text(encoding="utf-8"))
    assert [(number_key(r["number"]), r["date"]) for r in data["references"]] == \
        [(number_key(first.number), "2024-10-25")]
    stored = district / data["file"]
    assert stored.read_bytes() == second.pdf.read_bytes()
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == data["sha256"] == second.sha256["pdf"]


def _message(workspace, letters) -> bytes:
    [path] = export(workspace, letters[1].number)
    return open(path, "rb").read()


def _replace(data: bytes, path: str, text: str | None) -> bytes:
    tree = etree.fromstring(data)
    element = tree.find(path, NS)
    if text is None:
        element.getparent().remove(element)
    else:
        element.text = text
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


BAD = [
    ("no subject", lambda d: _replace(d, f"{LETTER}/ram:Subject", None),
     ["CorrespondenceLetter", "SecretCode"]),   # the schema names where the order broke
    ("empty number", lambda d: _replace(d, f"{LETTER}/ram:ID", " "), ["ID"]),
    ("Buddhist date", lambda d: _replace(d, f"{LETTER}/ram:CorrespondenceDate", "2567-10-25"),
     ["CorrespondenceDate"]),
    ("not base64", lambda d: _replace(d, f"{LETTER}/ram:MainLetterBinaryObject", "%%%"),
     ["MainLetterBinaryObject"]),
    ("unknown speed code", lambda d: _replace(d, f"{LETTER}/ram:SpeedCode", "7"), ["SpeedCode"]),
    ("not XML", lambda d: d[:200], ["not well-formed"]),
    ("entity", lambda d: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM '
                         b'"file:///etc/passwd">]>' + d.split(b"?>", 1)[1], ["DOCTYPE"]),
]


@pytest.mark.parametrize("change, words", [(c, w) for _, c, w in BAD], ids=[b[0] for b in BAD])
def test_a_malformed_message_is_one_line_and_registers_nothing(workspace, letters, tmp_path,
                                                               change, words):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(change(_message(workspace, letters)))
    district = init_workspace(tmp_path / "district").root
    result = run("--workspace", district, "receive", "--ecms", bad, "--accept")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0], result.output
    assert not (district / "output" / "exports" / "ecms").exists()   # no acceptance either
    for word in words:
        assert word in lines[0]
    with Registry.open(district) as registry:
        assert registry.search("การขับเคลื่อน") == [] and registry.audit_log() == []
    assert not (district / "output" / "received").exists() or \
        not any((district / "output" / "received").iterdir())


def test_a_letter_whose_archived_pdf_changed_is_not_exported(workspace, letters):
    pdf = letters[1].pdf
    pdf.write_bytes(pdf.read_bytes() + b"\n")
    result = run("--workspace", workspace, "export", "ecms", letters[1].number)
    assert result.exit_code == 1 and "SHA-256" in result.output
    assert not (workspace / "output" / "exports" / "ecms").exists()


def test_office_overrides_the_code_table():
    assert codes.code("speed", "ด่วนมาก", {"speed_codes": {"ด่วนมาก": "U2"}}) == "U2"
    assert codes.value("speed", "U2", {"speed_codes": {"ด่วนมาก": "U2"}}) == "ด่วนมาก"
    with pytest.raises(UserError, match="ecms.speed_codes"):
        codes.table("speed", {"speed_codes": {"เร็ว": "9"}})
