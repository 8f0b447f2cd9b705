"""Circulars to a recipient list: the distribution list in the PDF, one number, one delivery
record per recipient, one e-CMS message per recipient; acknowledgements back."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from lxml import etree

from generator.cli import main
from generator.errors import UserError
from generator.exchange.message import NOTIFIER, RAM, RSM, SOAP, WSA, schema
from generator.issuing import issue
from generator.registry import Registry, init_workspace
from generator.registry.recipients import read_list

NS = {"soap": SOAP, "wsa": WSA, "rsm": RSM, "ram": RAM}
LETTER = "soap:Body/rsm:GovernmentDocument/ram:CorrespondenceLetter"
EXAMPLE_LIST = Path(__file__).parents[2] / "examples" / "registry" / "recipients" / \
    "udon-districts.yaml"
DAY = date(2024, 10, 25)
CIRCULAR = {
    "kind": "circular", "unit": 3, "recipient": "นายอำเภอ ทุกอำเภอ",
    "recipients": "udon-districts",
    "subject": "การขับเคลื่อนตำบลเข้มแข็ง ตามหลักปรัชญาของเศรษฐกิจพอเพียง",
    "body": ["ด้วยจังหวัดได้กำหนดแนวทางการขับเคลื่อนตำบลเข้มแข็ง จึงขอให้อำเภอแจ้งผู้เกี่ยวข้องทราบ"],
    "closing": "เพื่อโปรดทราบ", "signer": "pranee",
}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def with_list(root: Path) -> Path:
    folder = root / "registry" / "recipients"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE_LIST, folder / EXAMPLE_LIST.name)
    return root


def write_spec(root: Path, name: str = "circular", **changes) -> Path:
    spec = dict(CIRCULAR, **changes)
    path = root / "letters" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def issue_circular(root: Path, **changes):
    with Registry.open(root) as registry:
        return issue(write_spec(root, **changes), root, date=DAY, registry=registry)


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice and pdftotext")
def test_a_circular_to_the_twenty_districts(tmp_path):
    """Acceptance: one number, the distribution list in the PDF, 20 delivery records, 20 valid
    messages each carrying the issued PDF byte for byte."""
    root = with_list(init_workspace(tmp_path / "ws").root)
    districts = read_list(EXAMPLE_LIST).recipients
    assert len(districts) == 20
    letter = issue_circular(root)
    text = squeeze(subprocess.run(["pdftotext", str(letter.pdf), "-"], capture_output=True,
                                  check=True, text=True).stdout)
    assert squeeze("บัญชีรายชื่อผู้รับหนังสือ") in text
    for district in districts:
        assert squeeze(district.position) in text, district.position
    assert squeeze(letter.number) in text
    page2 = squeeze(subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(letter.pdf), "-"],
                                   capture_output=True, check=True, text=True).stdout)
    assert squeeze("บัญชีรายชื่อผู้รับหนังสือ") in page2     # the number on the list's page
    assert squeeze(f"แนบท้ายหนังสือที่{letter.number}ลงวันที่{letter.date_text}") in page2, page2
    with Registry.open(root) as registry:
        log = registry.audit_log()
        assert [e.action for e in log] == ["allocate", "issue"]      # one number
        records = registry.deliveries(letter.number)
    assert [(d.position, d.recipient, d.organization_id, d.list_name, d.method)
            for d in records] == [(i, r.position, r.organization_id, "udon-districts", None)
                                  for i, r in enumerate(districts, 1)]

    result = run("--workspace", root, "export", "ecms", letter.number, "--to", "udon-districts")
    assert result.exit_code == 0, result.output
    paths = result.output.split()
    assert len(paths) == len(set(paths)) == 20
    issued = letter.pdf.read_bytes()
    ids = []
    for path, district in zip(paths, districts):
        tree = etree.parse(path)
        assert schema().validate(tree), path
        body = tree.find(LETTER, NS)
        assert body.findtext("ram:ReceiverParty/ram:JobTitle", namespaces=NS) == \
            district.position
        assert body.findtext("ram:ReceiverParty/ram:DepartmentOrganization/ram:ID",
                             namespaces=NS) == district.organization_id
        blob = base64.b64decode(body.findtext("ram:MainLetterBinaryObject", namespaces=NS))
        assert blob == issued
        assert hashlib.sha256(blob).hexdigest() == letter.sha256["pdf"]
        ids.append(tree.findtext("soap:Header/wsa:MessageID", namespaces=NS))
    with Registry.open(root) as registry:
        records = registry.deliveries(letter.number)
        assert [e.action for e in registry.audit_log()] == ["allocate", "issue", "send"]
    assert [(d.method, d.message_id) for d in records] == [("ecms", i) for i in ids]
    assert all(d.sent_at is not None and d.acknowledged_at is None for d in records)
    shown = run("--workspace", root, "show", letter.number).output
    assert "deliveries: 20 (20 sent, 0 acknowledged)" in shown
    assert "นายอำเภอประจักษ์ศิลปาคม\tecms" in shown


@pytest.fixture
def listed(workspace):
    """The exchange workspace (stand-in PDFs) with the districts list and a circular to it."""
    with_list(workspace)
    return issue_circular(workspace)


def test_export_without_receivers_sends_to_the_delivery_records(workspace, listed):
    result = run("--workspace", workspace, "export", "ecms", listed.number)
    assert result.exit_code == 0, result.output
    assert len(result.output.split()) == 20


def test_export_to_positions_adds_a_record_for_a_receiver_outside_the_list(workspace, listed):
    result = run("--workspace", workspace, "export", "ecms", listed.number,
                 "--to", "นายอำเภอเพ็ญ", "--to", "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา")
    assert result.exit_code == 0, result.output
    with Registry.open(workspace) as registry:
        records = registry.deliveries(listed.number)
    sent = [(d.position, d.recipient) for d in records if d.method == "ecms"]
    assert sent == [(14, "นายอำเภอเพ็ญ"), (21, "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา")]
    # Each message is named after its receiver's delivery record.
    assert [Path(p).name for p in result.output.split()] == ["นค0019.3-ว1.14.xml",
                                                             "นค0019.3-ว1.21.xml"]


def test_an_unknown_list_is_one_line_and_writes_nothing(workspace, listed):
    result = run("--workspace", workspace, "export", "ecms", listed.number, "--to", "districtz")
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "districtz" in result.output and "udon-districts" in result.output
    assert not (workspace / "output" / "exports" / "ecms").exists()


def test_acceptance_notice_round_trip(workspace, listed, tmp_path):
    result = run("--workspace", workspace, "export", "ecms", listed.number)
    third = result.output.split()[2]
    district = init_workspace(tmp_path / "district").root
    received = run("--workspace", district, "receive", "--ecms", third, "--accept",
                   "--received-at", "2024-10-28T09:15:00+07:00")
    assert received.exit_code == 0, received.output
    receipt, notice = received.output.split()
    assert receipt == "๑/๒๕๖๗"
    assert "output/exports/ecms/" in notice
    tree = etree.parse(notice)
    assert schema(NOTIFIER).validate(tree)
    assert not schema().validate(tree)             # not a GovernmentDocument
    body = tree.find(f"soap:Body/rsm:{NOTIFIER}", NS)
    assert body.findtext("ram:AcceptID", namespaces=NS) == "1/2567"
    assert body.findtext("ram:AcceptDate", namespaces=NS) == "2024-10-28"
    assert body.findtext("ram:LetterID", namespaces=NS) == "นค 0019.3/ว 1"
    assert tree.findtext("soap:Header/wsa:RelatesTo", namespaces=NS) == \
        etree.parse(third).findtext("soap:Header/wsa:MessageID", namespaces=NS)

    back = run("--workspace", workspace, "receive", "--ecms", notice)
    assert back.exit_code == 0, back.output
    assert "นายอำเภอหนองวัวซอ" in back.output and "1/2567" in back.output
    with Registry.open(workspace) as registry:
        records = registry.deliveries(listed.number)
        assert registry.search("การขับเคลื่อน")[0].number == listed.number  # nothing received
    acknowledged = [(d.position, d.their_receipt) for d in records if d.acknowledged_at]
    assert acknowledged == [(3, "1/2567")]
    again = run("--workspace", workspace, "receive", "--ecms", notice)
    assert again.exit_code == 1 and "acknowledged already" in again.output


def _changed_notice(path: Path, where: str, text: str) -> bytes:
    tree = etree.parse(str(path))
    tree.find(where, NS).text = text
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


BAD_NOTICES = [
    ("unknown message", "soap:Header/wsa:RelatesTo", "urn:uuid:0", ["RelatesTo", "urn:uuid:0"]),
    ("another letter", f"soap:Body/rsm:{NOTIFIER}/ram:LetterID", "นค 0019.3/ว 99",
     ["LetterID", "ว 99"]),
    ("empty receipt", f"soap:Body/rsm:{NOTIFIER}/ram:AcceptID", " ", ["AcceptID"]),
    ("Buddhist date", f"soap:Body/rsm:{NOTIFIER}/ram:AcceptDate", "2567-10-28", ["AcceptDate"]),
]


@pytest.mark.parametrize("where, text, words", [b[1:] for b in BAD_NOTICES],
                         ids=[b[0] for b in BAD_NOTICES])
def test_a_bad_notice_is_one_line_and_acknowledges_nothing(workspace, listed, tmp_path, where,
                                                           text, words):
    first = run("--workspace", workspace, "export", "ecms", listed.number).output.split()[0]
    district = init_workspace(tmp_path / "district").root
    notice = run("--workspace", district, "receive", "--ecms", first,
                 "--accept").output.split()[1]
    bad = tmp_path / "bad.xml"
    bad.write_bytes(_changed_notice(Path(notice), where, text))
    result = run("--workspace", workspace, "receive", "--ecms", bad)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0]
    for word in words:
        assert word in lines[0]
    with Registry.open(workspace) as registry:
        assert not any(d.acknowledged_at for d in registry.deliveries(listed.number))
        assert [e.action for e in registry.audit_log()][-1] == "send"


def test_a_letter_without_a_list_has_a_record_per_recipient(workspace, letters):
    with Registry.open(workspace) as registry:
        records = registry.deliveries(letters[0].number)
    assert [(d.recipient, d.list_name, d.method) for d in records] == \
        [("นายอำเภอ ทุกอำเภอ", None, None)]


SPEC_ERRORS = [
    ({"recipients": "districtz"}, ["recipients", "districtz", "udon-districts"]),
    ({"recipients": "อำเภอ"}, ["recipients"]),
    ({"kind": "external"}, ["recipients", "circular"]),
]


@pytest.mark.parametrize("changes, words", SPEC_ERRORS)
def test_a_spec_naming_a_bad_list_is_refused_before_a_number_is_taken(workspace, changes,
                                                                      words):
    with_list(workspace)
    spec = write_spec(workspace, **changes)
    result = run("--workspace", workspace, "issue", spec, "--date", "2024-10-25")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(spec.name) in lines[0], result.output
    for word in words:
        assert word in lines[0]
    with Registry.open(workspace) as registry:
        assert registry.audit_log() == []


LIST_ERRORS = [
    ("recipients:\n  - agency: ที่ทำการปกครองอำเภอเพ็ญ\n", ["recipients[0].position", ":2:"]),
    ("recipients:\n  - position: นายอำเภอเพ็ญ\n  - position: นายอำเภอเพ็ญ\n",
     ["recipients[1].position", "twice", "line 2"]),
    ("recipients:\n  - position: นายอำเภอเพ็ญ\n    phone: 042\n", ["recipients[0].phone"]),
    ("recipients:\n  - position: นายอำเภอเพ็ญ\n    email: saraban\n", ["email", "saraban"]),
    ("recipients: []\n", ["lists no recipient"]),
    ("title: [x\n", ["YAML syntax error"]),
    ("districts:\n  - นายอำเภอเพ็ญ\n", ["districts"]),
]


@pytest.mark.parametrize("text, words", LIST_ERRORS)
def test_a_bad_recipient_list_is_one_error_naming_file_line_and_field(tmp_path, text, words):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_list(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message
    for word in words:
        assert word in message


def test_a_csv_list_reads_like_the_yaml_one(tmp_path):
    path = tmp_path / "few.csv"
    path.write_text("position,agency,organization_id,email\n"
                    "นายอำเภอเพ็ญ,ที่ทำการปกครองอำเภอเพ็ญ,1502.41.14,pen@example.go.th\n"
                    "นายอำเภอนายูง,,,\n", encoding="utf-8")
    listed = read_list(path)
    assert [(r.position, r.organization_id) for r in listed.recipients] == \
        [("นายอำเภอเพ็ญ", "1502.41.14"), ("นายอำเภอนายูง", "")]
    path.write_text("position\nนายอำเภอเพ็ญ,extra\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"few.csv:2: .*more cells"):
        read_list(path)


def test_a_failure_while_writing_the_messages_records_no_sending(workspace, listed,
                                                                  monkeypatch):
    from generator.exchange import ecms

    calls = []

    def failing(path, blob):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(blob)

    monkeypatch.setattr(ecms, "write_atomically", failing)
    with Registry.open(workspace) as registry, pytest.raises(OSError):
        ecms.export(registry, listed.number)
    assert not list((workspace / "output" / "exports" / "ecms").glob("*.xml"))
    with Registry.open(workspace) as registry:
        assert not any(d.sent_at for d in registry.deliveries(listed.number))
        assert "send" not in [e.action for e in registry.audit_log()]
