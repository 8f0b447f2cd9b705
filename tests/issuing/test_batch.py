"""Issuing a batch folder: consecutive numbers in one go, all or nothing (real SQLite; a stand-in
converter writing small real PDFs, and one case with real LibreOffice)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from generator import pdf
from generator.cli import main
from generator.docx.text import paragraphs
from generator.errors import UserError
from generator.issuing import issue
from generator.issuing.batch import issue_batch
from generator.registry import Registry, database
from generator.registry.schema import letters
from generator.render.batch import render_batch
from generator.thai.digits import to_thai_digits
from tests.conftest import copy_examples
from tests.exchange.conftest import small_pdf
from tests.issuing.conftest import soffice_or_skip
from tests.registry.conftest import fresh_pg_schema

DAY = date(2024, 1, 15)
SPEC = """\
kind: external
office: ub-cdd
recipient: นายอำเภอ${district}
subject: เป้าหมายการพัฒนาตำบล${tambon}
body:
  - ตำบล${tambon} มีเป้าหมาย ${households} ครัวเรือน
closing: จึงเรียนมาเพื่อโปรดทราบ
signer: pista
"""


class Calls(list):
    """The stand-in's calls: the letters (PDF stems) of each; ``failing`` stems fail."""

    failing: tuple[str, ...] = ()
    workers: list[int]


@pytest.fixture
def stand_in(monkeypatch) -> Calls:
    """A converter writing small real PDFs in place of LibreOffice."""
    made = Calls()
    made.workers = []

    def convert(pairs, **kw):
        made.append([Path(p).stem for _d, p in pairs])
        made.workers.append(kw.get("workers", 1))
        for _docx, pdf_path in pairs:
            if Path(pdf_path).stem in made.failing:
                raise UserError(f"LibreOffice could not convert {pdf_path}")
            small_pdf(Path(pdf_path))
        return pdf.Conversion([Path(p) for _d, p in pairs], None)

    monkeypatch.setattr(pdf, "convert", convert)
    return made


def batch_of(tmp_path: Path, count: int, name: str = "ws") -> tuple[Path, Path]:
    ws = copy_examples(tmp_path / name)
    spec = ws / "letters" / "tambon.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    table = ws / "list.csv"
    table.write_text("tambon,district,households\n" + "".join(
        f"ตำบลที่{n},อำเภอที่{n % 3},{n * 10}\n" for n in range(1, count + 1)), encoding="utf-8")
    return ws, render_batch(spec, table, ws).folder


def register_of(ws: Path, url: str | None = None) -> list[tuple[int, str]]:
    with Registry.open(ws, url) as registry, database.read(registry.engine) as connection:
        return sorted(connection.execute(sa.select(letters.c.running, letters.c.status)).all())


def archived(ws: Path) -> list[Path]:
    folder = ws / "output" / "issued"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_a_batch_takes_consecutive_numbers_in_the_folders_order(tmp_path, stand_in) -> None:
    ws, folder = batch_of(tmp_path, 7)
    issued = issue_batch([folder], ws, date=DAY, workers=2)
    assert [letter.running for letter in issued] == list(range(1, 8))
    assert register_of(ws) == [(n, "issued") for n in range(1, 8)]
    assert [letter.subject for letter in issued] == [f"เป้าหมายการพัฒนาตำบลตำบลที่{to_thai_digits(str(n))}"
                                                     for n in range(1, 8)]
    assert len(archived(ws)) == 7 * 3
    assert stand_in == [[letter.pdf.stem for letter in issued]]  # one conversion of all
    assert stand_in.workers == [2]
    # The next letter, issued on its own, follows the batch.
    draft = folder / "tambon-001.docx"
    with pytest.raises(UserError, match="issued already"):
        issue(draft, ws, date=DAY)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failure_in_letter_57_of_100_takes_nothing(tmp_path, stand_in, workers) -> None:
    ws, folder = batch_of(tmp_path, 100)
    stand_in.failing = ("อบ0019-57",)
    with pytest.raises(UserError, match="could not convert"):
        issue_batch([folder], ws, date=DAY, workers=workers)
    assert register_of(ws) == []
    assert archived(ws) == []
    assert [p for p in (ws / "output").iterdir() if p.name.startswith(".issuing-")] == []
    stand_in.failing = ()
    again = issue_batch([folder / "tambon-002.docx", folder / "tambon-001.docx"], ws, date=DAY)
    assert [letter.running for letter in again] == [1, 2]
    assert again[0].subject.endswith("ตำบลที่๒")


@pytest.mark.postgres
def test_on_postgresql_the_numbers_are_consecutive_and_a_failure_takes_none(tmp_path,
                                                                            stand_in) -> None:
    ws, folder = batch_of(tmp_path, 6)
    with fresh_pg_schema() as url:
        stand_in.failing = ("อบ0019-3",)
        with Registry.open(ws, url) as registry:
            with pytest.raises(UserError):
                issue_batch([folder], ws, date=DAY, registry=registry)
        assert register_of(ws, url) == [] and archived(ws) == []
        stand_in.failing = ()
        with Registry.open(ws, url) as registry:
            issued = issue_batch([folder], ws, date=DAY, registry=registry, workers=2)
        assert [letter.running for letter in issued] == list(range(1, 7))
        assert register_of(ws, url) == [(n, "issued") for n in range(1, 7)]


def test_a_failure_while_archiving_removes_what_was_archived(tmp_path, stand_in,
                                                              monkeypatch) -> None:
    import importlib

    archive = importlib.import_module("generator.issuing.archive")  # the function shadows it

    ws, folder = batch_of(tmp_path, 5)
    real = archive.rename_new

    def rename(target):
        if Path(target).stem == "อบ0019-4":
            raise OSError(28, "No space left on device", str(target))
        real(target)

    monkeypatch.setattr(archive, "rename_new", rename)
    with pytest.raises(OSError):
        issue_batch([folder], ws, date=DAY)
    assert register_of(ws) == []
    assert archived(ws) == []


def test_a_file_already_archived_stops_the_batch_before_anything(tmp_path, stand_in) -> None:
    ws, folder = batch_of(tmp_path, 4)
    stray = ws / "output" / "issued" / "2567" / "อบ0019-3.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"%PDF-")
    with pytest.raises(UserError, match="never overwritten"):
        issue_batch([folder], ws, date=DAY)
    assert register_of(ws) == [] and archived(ws) == [stray] and stand_in == []


def test_drafts_of_two_series_or_the_same_draft_twice_are_refused(tmp_path, stand_in) -> None:
    ws, folder = batch_of(tmp_path, 2)
    with pytest.raises(UserError, match="same draft"):
        issue_batch([folder / "tambon-001.docx", folder / "tambon-001.docx"], ws, date=DAY)
    spec = ws / "letters" / "tambon.yaml"
    spec.write_text(SPEC.replace("kind: external", "kind: circular"), encoding="utf-8")
    other = render_batch(spec, ws / "list.csv", ws, ws / "output" / "drafts" / "circ").folder
    with pytest.raises(UserError, match="one series"):
        issue_batch([folder, other], ws, date=DAY)
    assert register_of(ws) == [] and stand_in == []


def test_the_command_issues_a_folder_and_prints_each_number(tmp_path, stand_in) -> None:
    ws, folder = batch_of(tmp_path, 3)
    run = lambda *args: CliRunner().invoke(main, ["--workspace", str(ws), "issue", *args])  # noqa: E731
    refused = run(str(folder), "--number", "อบ 0019/ 9")
    assert refused.exit_code == 2 and "batch" in refused.output
    result = run(str(folder), "--date", DAY.isoformat(), "--workers", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n")[:3] == ["อบ ๐๐๑๙/ ๑", "อบ ๐๐๑๙/ ๒", "อบ ๐๐๑๙/ ๓"]


@pytest.mark.parametrize("day", ["0001-01-01", "1800-06-01", "9999-12-31"])
def test_a_batch_checks_the_date_before_lint_as_one_letter_does(tmp_path, stand_in, day) -> None:
    """A batch of letters dated 9999 gets the date rule's error, not lint's misreading of the
    year's digits (10542 as a postal code), in the words of a single issue; nothing is taken."""
    ws = copy_examples(tmp_path / "ws")
    spec = ws / "letters" / "tambon.yaml"
    spec.write_text(SPEC + f"date: {day}\n", encoding="utf-8")
    table = ws / "list.csv"
    table.write_text("tambon,district,households\nก,ข,1\nค,ง,2\n", encoding="utf-8")
    folder = render_batch(spec, table, ws).folder
    run = lambda *args: CliRunner().invoke(main, ["--workspace", str(ws), "issue", *args])  # noqa: E731
    batch, single = run(str(folder)), run(str(folder / "tambon-001.docx"))
    assert batch.exit_code == 1 and single.exit_code == 1, batch.output
    [line] = batch.stderr.strip().splitlines()
    assert line == single.stderr.strip()  # the same words for one letter and for a batch
    where = re.match(r"gen-letter: (.+):(\d+): date: (.*)", line)
    assert where and where[1] == str(folder / "tambon-001.docx"), line
    assert f"{day} is in the year {int(day[:4]) + 543} BE, outside 2500–2600" in where[3]
    assert "--allow-date" in where[3] and "lint" not in line
    shown = paragraphs((folder / "tambon-001.docx").read_bytes())[int(where[2]) - 1]
    assert to_thai_digits(str(int(day[:4]) + 543)) in shown  # the line the date is printed on
    assert register_of(ws) == [] and archived(ws) == [] and stand_in == []
    log = CliRunner().invoke(main, ["--workspace", str(ws), "log"])
    assert log.exit_code == 0 and log.output.strip() == ""  # no number taken


@pytest.mark.libreoffice
def test_real_libreoffice_two_workers_make_pdf_a(tmp_path) -> None:
    soffice_or_skip()
    ws, folder = batch_of(tmp_path, 3)
    issued = issue_batch([folder], ws, date=DAY, workers=2)
    assert [letter.running for letter in issued] == [1, 2, 3]
    for letter in issued:
        assert pdf.pdfa_identification(letter.pdf.read_bytes()) == ("2", "B")
    from generator.reader import read_file

    text = "".join(line.text for line in read_file(issued[1].pdf).lines)
    assert "ตำบลที่๒" in text.replace(" ", "")


ATTACHED = """\
attachments:
  - title: แนวทางการขับเคลื่อนตำบลเข้มแข็ง
    quantity: 1
    unit: ฉบับ
    document: ../attachments/001_guideline.yaml
"""


def test_attachment_documents_shared_by_the_batch_are_rendered_once(tmp_path, stand_in,
                                                                   monkeypatch) -> None:
    from generator.render import bundle

    ws = copy_examples(tmp_path / "ws")
    spec = ws / "letters" / "tambon.yaml"
    spec.write_text(SPEC + ATTACHED, encoding="utf-8")
    table = ws / "list.csv"
    table.write_text("tambon,district,households\n" + "".join(
        f"ตำบลที่{n},อำเภอที่{n},{n * 10}\n" for n in range(1, 6)), encoding="utf-8")
    folder = render_batch(spec, table, ws).folder
    real, calls = bundle.attachment_parts, []

    def counted(*args, **kw):
        calls.append(1)
        return real(*args, **kw)

    monkeypatch.setattr(bundle, "attachment_parts", counted)
    issued = issue_batch([folder], ws, date=DAY)
    assert len(issued) == 5 and len(calls) == 1
    sent = [letter.sha256["att1"] for letter in issued]   # the same document archived with each
    assert len(set(sent)) == 1
    assert all(letter.bundle is not None and letter.bundle.is_file() for letter in issued)
    # One letter issued on its own renders its documents itself, and archives the same text.
    alone = render_batch(spec, table, ws, ws / "output" / "drafts" / "alone").folder
    calls.clear()
    letter = issue(alone / "tambon-001.docx", ws, date=DAY)
    from generator.docx.text import paragraphs

    assert len(calls) == 1
    assert paragraphs((ws / letter.files["att1"]).read_bytes()) == \
        paragraphs((ws / issued[0].files["att1"]).read_bytes())


def test_letters_sending_other_documents_are_rendered_apart(tmp_path, stand_in,
                                                            monkeypatch) -> None:
    from generator.render import bundle

    ws = copy_examples(tmp_path / "ws")
    table = ws / "list.csv"
    table.write_text("tambon,district,households\nก,ข,1\n", encoding="utf-8")
    folders = []
    for n, document in enumerate(("001_guideline.yaml", "002_reporting.yaml")):
        spec = ws / "letters" / f"tambon{n}.yaml"
        spec.write_text(SPEC + ATTACHED.replace("001_guideline.yaml", document), encoding="utf-8")
        folders.append(render_batch(spec, table, ws).folder)
    real, calls = bundle.attachment_parts, []
    monkeypatch.setattr(bundle, "attachment_parts",
                        lambda *a, **kw: calls.append(1) or real(*a, **kw))
    issued = issue_batch(folders, ws, date=DAY)
    assert len(calls) == 2 and issued[0].sha256["att1"] != issued[1].sha256["att1"]


def test_new_for_reports_progress_once_per_draft(tmp_path) -> None:
    ws = copy_examples(tmp_path / "ws")
    spec = ws / "letters" / "tambon.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    table = ws / "list.csv"
    table.write_text("tambon,district,households\n" + "".join(
        f"ตำบลที่{n},อำเภอที่{n},{n}\n" for n in range(1, 5)), encoding="utf-8")
    steps: list[int] = []
    batch = render_batch(spec, table, ws, progress=steps.append)
    assert steps == [1, 1, 1, 1] and len(batch.drafts) == 4
