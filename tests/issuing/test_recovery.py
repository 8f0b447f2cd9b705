"""Recovery of interrupted issues, in one process: a pending number whose issue has ended is
undone (given back when last, spoilt behind a later number, reserved again when it was
reserved); one whose issue still runs is left alone by ``verify`` (and reported by the register's
own check as unfinished); an archiving letter with a lost file is undone, files and all; one
with its files staged is finished. On SQLite and PostgreSQL."""

from __future__ import annotations

import importlib
import shutil

from generator.issuing import claims, issue, recover, verify_archive
from generator.registry import Registry

from .conftest import make_draft
from .test_crashes import DAY, site, spec, statuses  # noqa: F401  (the two-backend fixture)

archive = importlib.import_module("generator.issuing.archive")


def _take(registry, name="output/.issuing-gone", **kwargs):
    return registry.take_number(claim=name, unit="3", circular=True, date=DAY, **kwargs)


def test_an_ended_pending_issue_is_given_back_or_spoilt(site):
    workspace, url = site
    with Registry.open(workspace, url) as registry:
        first = _take(registry, "output/.issuing-a")
        assert [f.problem for f in registry.verify()] == ["unfinished"]  # the register's view
        [number] = registry.reserve(1, unit="3", circular=True, date=DAY)
        third = _take(registry, "output/.issuing-c", reserved=number)
        second = _take(registry, "output/.issuing-b")
        lines = recover(workspace, registry)
        assert lines == [f"{first.number_text}: undid an interrupted issue; the number is "
                         f"recorded as spoilt",
                         f"{third.number_text}: undid an interrupted issue; the number is "
                         f"reserved again",
                         f"{second.number_text}: undid an interrupted issue; the number was "
                         f"given back (the next letter takes it)"]
        assert recover(workspace, registry) == []  # once
        assert verify_archive(workspace, registry).findings == []
    assert statuses(workspace, url) == [(1, "spoilt"), (2, "reserved")]


def test_a_running_issue_is_left_alone(site):
    workspace, url = site
    with Registry.open(workspace, url) as registry, claims.claimed(workspace) as claim:
        pending = _take(registry, claim.name)
        checked = verify_archive(workspace, registry)
        assert checked.recovered == [] and checked.findings == []
        assert [(f.number, f.problem) for f in registry.verify()] == [
            (pending.number_text, "unfinished"), (None, "leftover")]
        assert statuses(workspace, url) == [(1, "pending")]
    with Registry.open(workspace, url) as registry:  # its process gone (the claim let go)
        assert len(recover(workspace, registry)) == 1
    assert statuses(workspace, url) == []


def _archiving(workspace, registry, fake_pdf, monkeypatch, stop_at):
    """An issue stopped (an exception that skips its clean-up) at ``stop_at``; its claim folder
    is kept as a killed process would leave it."""
    class Killed(BaseException):
        pass

    def observer(step):
        if step == stop_at:
            raise Killed

    kept = []
    real_release = claims.Claim.release
    monkeypatch.setattr(claims.Claim, "release", lambda self: kept.append(self.folder) or (
        self._fd is not None and __import__("os").close(self._fd)))
    monkeypatch.setattr(archive, "OBSERVERS", [observer])
    issuing = importlib.import_module("generator.issuing")
    real_give_back = issuing.give_back
    monkeypatch.setattr(issuing, "give_back", lambda *a, **k: None)  # a kill cleans up nothing
    draft = make_draft(workspace / "output" / "drafts" / "d.docx", spec())
    try:
        issue(draft, workspace, registry=registry, date=DAY)
    except Killed:
        pass
    monkeypatch.setattr(claims.Claim, "release", real_release)
    monkeypatch.setattr(archive, "OBSERVERS", [])
    monkeypatch.setattr(issuing, "give_back", real_give_back)
    return kept[0]


def test_an_archiving_letter_with_its_files_staged_is_finished(site, fake_pdf, monkeypatch):
    workspace, url = site
    with Registry.open(workspace, url) as registry:
        _archiving(workspace, registry, fake_pdf, monkeypatch, "rename:docx:before")
        staged = sorted(p.name for p in (workspace / "output" / "issued" / "2567").iterdir())
        assert staged == [".นค0019.3-ว1.docx.part", ".นค0019.3-ว1.json.part",
                          ".นค0019.3-ว1.pdf.part"]
        checked = verify_archive(workspace, registry)
        assert checked.recovered == ["นค ๐๐๑๙.๓/ว ๑: finished an issue that was interrupted "
                                     "while archiving its files"]
        assert checked.findings == []
        assert [hit.number for hit in registry.search("ตำบลเข้มแข็ง")] == ["นค ๐๐๑๙.๓/ว ๑"]
    assert statuses(workspace, url) == [(1, "issued")]
    assert sorted(p.name for p in (workspace / "output" / "issued" / "2567").iterdir()) == [
        "นค0019.3-ว1.docx", "นค0019.3-ว1.json", "นค0019.3-ว1.pdf"]


def test_an_archiving_letter_with_a_lost_file_is_undone(site, fake_pdf, monkeypatch):
    workspace, url = site
    with Registry.open(workspace, url) as registry:
        folder = _archiving(workspace, registry, fake_pdf, monkeypatch, "rename:pdf:before")
        issued = workspace / "output" / "issued" / "2567"
        (issued / ".นค0019.3-ว1.pdf.part").unlink()
        (folder / "นค0019.3-ว1.pdf").unlink()
        lines = recover(workspace, registry)
        assert lines == ["นค ๐๐๑๙.๓/ว ๑: undid an interrupted issue; the number was given back "
                         "(the next letter takes it)"]
        assert list(issued.iterdir()) == []  # the DOCX already renamed is taken back out
        assert not folder.exists()
        letter = issue(make_draft(workspace / "output" / "drafts" / "e.docx", spec()), workspace,
                       registry=registry, date=DAY)
        assert letter.number == "นค ๐๐๑๙.๓/ว ๑"
        assert verify_archive(workspace, registry).findings == []
    shutil.rmtree(workspace / "output" / "drafts")
