"""Budgets, totals, dates and weekdays in the attachments are computed from the spec's numbers
and ISO dates: change one input and every place it shows changes with it."""

from __future__ import annotations

from pathlib import Path

from generator.docx.text import units
from generator.render.attachments import render_attachment
from generator.spec.attachments import load_attachment


def _text(path: Path, workspace: Path) -> str:
    return "\n".join(units(render_attachment(load_attachment(path), workspace)))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_budget_changes_its_figure_and_its_words(workspace: Path):
    spec = workspace / "attachments" / "002_guideline.yaml"
    before = _text(spec, workspace)
    assert "๒,๙๕๖,๖๐๐ บาท (สองล้านเก้าแสนห้าหมื่นหกพันหกร้อยบาทถ้วน)" in before
    assert "๒๗,๔๔๐,๔๐๐ บาท (ยี่สิบเจ็ดล้านสี่แสนสี่หมื่นสี่ร้อยบาทถ้วน)" in before
    _edit(spec, "budget: 2956600", "budget: 3000101")
    after = _text(spec, workspace)
    assert "๓,๐๐๐,๑๐๑ บาท (สามล้านหนึ่งร้อยเอ็ดบาทถ้วน)" in after
    assert "๒,๙๕๖,๖๐๐" not in after and "สองล้านเก้าแสน" not in after


def test_a_count_changes_every_total_and_place_it_appears(workspace: Path):
    spec = workspace / "attachments" / "002_guideline.yaml"
    before = _text(spec, workspace)
    assert "จำนวน ๗,๐๓๖ ตำบล ๆ ละไม่น้อยกว่า ๒๐ คน รวมทั้งสิ้น ๑๔๐,๗๒๐ คน" in before
    assert before.count("๗,๐๓๖") == 2                      # the target group and the area
    assert "อำเภอละ ๕ คน ประกอบด้วย" in before             # 1 + 3 + 1
    _edit(spec, "tambons: 7036", "tambons: 7255")
    _edit(spec, "district_committee: 3", "district_committee: 4")
    after = _text(spec, workspace)
    assert "จำนวน ๗,๒๕๕ ตำบล ๆ ละไม่น้อยกว่า ๒๐ คน รวมทั้งสิ้น ๑๔๕,๑๐๐ คน" in after
    assert after.count("๗,๒๕๕") == 2 and "๗,๐๓๖" not in after and "๑๔๐,๗๒๐" not in after
    assert "อำเภอละ ๖ คน ประกอบด้วย" in after and "อำเภอละ ๔ คน" in after


def test_a_visit_date_changes_its_weekday(workspace: Path):
    spec = workspace / "attachments" / "003_visits.yaml"
    before = units(render_attachment(load_attachment(spec), workspace))
    assert before.count("พุธ ๑๗ เม.ย. ๖๗") == 2
    _edit(spec, 'date: 2024-04-30, time: "08:30"', 'date: 2024-05-02, time: "09:15"')
    after = units(render_attachment(load_attachment(spec), workspace))
    assert "อังคาร ๓๐ เม.ย. ๖๗" in before and "อังคาร ๓๐ เม.ย. ๖๗" not in after
    assert "พฤหัสบดี ๒ พ.ค. ๖๗" in after and "๐๙.๑๕ น." in after


def test_fiscal_year_and_time_frames_follow_their_dates(workspace: Path):
    spec = workspace / "attachments" / "001_guideline.yaml"
    before = _text(spec, workspace)
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘" in before.splitlines()[1]
    assert before.count("มกราคม – มิถุนายน ๒๕๖๘") == 4
    _edit(spec, "fiscal_year: 2024-10-25", "fiscal_year: 2025-10-01")   # 1 Oct starts FY 2569
    text = spec.read_text(encoding="utf-8").replace("months: [2025-01, 2025-06]",
                                                    "months: [2025-02, 2026-01]")
    spec.write_text(text, encoding="utf-8")
    after = _text(spec, workspace)
    assert after.splitlines()[1] == "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"
    assert after.count("กุมภาพันธ์ ๒๕๖๘ – มกราคม ๒๕๖๙") == 4
    assert "มกราคม – มิถุนายน ๒๕๖๘" not in after


def test_report_dates_in_text_are_computed(workspace: Path):
    spec = workspace / "attachments" / "002_reporting.yaml"
    assert "ภายในวันที่ ๓๑ มีนาคม ๒๕๖๘" in _text(spec, workspace)
    _edit(spec, "${date 2025-03-31}", "${date 2025-04-30}")
    after = _text(spec, workspace)
    assert "ภายในวันที่ ๓๐ เมษายน ๒๕๖๘" in after and "๓๑ มีนาคม" not in after
