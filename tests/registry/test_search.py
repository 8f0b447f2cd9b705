"""Thai substring search over subject, recipients, sender and number (both backends)."""

from __future__ import annotations

from datetime import date

import pytest

from .test_numbering import issue
from .test_references import receive_seed_references


@pytest.fixture
def filled(reg):
    receive_seed_references(reg)
    issue(reg, unit="3", subject="การขับเคลื่อนตำบลเข้มแข็งตามหลักปรัชญาของเศรษฐกิจพอเพียง "
                                 "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", recipients=["นายอำเภอ ทุกอำเภอ"],
          date=date(2024, 10, 25))
    issue(reg, circular=True, subject="แผนพัฒนาตำบล ประจำปี 2568",
          recipients=["ผู้อำนวยการสำนักงานพัฒนาชุมชนอำเภอ"], date=date(2024, 11, 1))
    issue(reg, subject="การประชุมคณะทำงาน", recipients=["หัวหน้าสำนักงานจังหวัด"],
          date=date(2024, 11, 2))
    reg.reserve(1, date=date(2024, 11, 3))
    return reg


def numbers(hits):
    return sorted(hit.number for hit in hits)


def expect(*texts):
    return sorted(texts)


def test_a_thai_word_inside_running_text_is_found(filled):
    # "เข้มแข็ง" sits inside "ตำบลเข้มแข็งตามหลัก…" with no spaces around it.
    assert numbers(filled.search("เข้มแข็ง")) == expect("นค ๐๐๑๙.๓/ ๑", "นข ๐๐๑๙/ว ๖๓๒")
    assert numbers(filled.search("ปรัชญาของเศรษฐ")) == expect("นค ๐๐๑๙.๓/ ๑")
    assert numbers(filled.search("พัฒนาตำบล")) == expect("นค ๐๐๑๙/ว ๑")
    assert filled.search("ไม่มีคำนี้แน่นอน") == []


def test_short_queries_use_the_like_fallback(filled):
    # Two characters: below the trigram size.
    assert numbers(filled.search("ปร")) == expect("นค ๐๐๑๙.๓/ ๑", "นค ๐๐๑๙/ว ๑", "นค ๐๐๑๙/ ๒")
    assert numbers(filled.search("คั")) == expect("นข ๐๐๑๙/ว ๑๑๕๑")


def test_recipients_and_senders_are_searched(filled):
    assert numbers(filled.search("ทุกอำเภอ")) == expect("นค ๐๐๑๙.๓/ ๑")
    hits = filled.search("เชียงใหม่")
    assert numbers(hits) == ["นข ๐๐๑๙/ว ๑๑๕๑", "นข ๐๐๑๙/ว ๖๓๒"]
    assert {hit.kind for hit in hits} == {"incoming"}
    assert {hit.receipt for hit in hits} == {"๑/๒๕๖๖", "๒/๒๕๖๖"}


@pytest.mark.parametrize("typed", ["นค ๐๐๑๙.๓/ ๑", "นค0019.3/1", "นค 0019.3 / 1", "0019.3/1",
                                   "๐๐๑๙.๓/ ๑", "ที่ นค๐๐๑๙.๓/๑"])
def test_numbers_match_in_either_digit_form_and_any_spacing(filled, typed):
    assert numbers(filled.search(typed)) == expect("นค ๐๐๑๙.๓/ ๑")


def test_digits_in_subjects_match_either_form(filled):
    assert numbers(filled.search("ปี 2568")) == expect("นค ๐๐๑๙/ว ๑")
    assert numbers(filled.search("ปี ๒๕๖๘")) == expect("นค ๐๐๑๙/ว ๑")
    assert numbers(filled.search("พ.ศ. 2568")) == expect("นค ๐๐๑๙.๓/ ๑")


def test_their_numbers_and_reserved_numbers_are_found(filled):
    assert numbers(filled.search("นข0019/ว632")) == expect("นข ๐๐๑๙/ว ๖๓๒")
    (hit,) = filled.search("นค 0019/ 3")
    assert (hit.number, hit.status, hit.subject) == ("นค ๐๐๑๙/ ๓", "reserved", None)


def test_like_wildcards_in_queries_are_literal(filled):
    assert filled.search("%") == [] and filled.search("_") == []
    assert filled.search("   ") == []


def test_results_are_newest_first(filled):
    hits = filled.search("นค")
    assert [hit.number for hit in hits][:3] == ["นค ๐๐๑๙/ ๓", "นค ๐๐๑๙/ ๒", "นค ๐๐๑๙/ว ๑"]


def test_the_gram_index_is_used(reg, backend):
    issue(reg, subject="ทดสอบดัชนี")
    with reg.engine.connect() as connection:
        if backend == "sqlite":
            count = connection.exec_driver_sql(
                "SELECT count(*) FROM search_head WHERE search_head MATCH 'g0e140e310e0a'"
            ).scalar()   # ดัช
            assert count == 1
            plan = " ".join(str(row) for row in connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT d.id FROM search_body JOIN search_docs d "
                "ON d.id = search_body.rowid WHERE search_body MATCH 'g0e07' "
                "ORDER BY search_body.rowid DESC LIMIT 10"))
            assert "VIRTUAL TABLE INDEX" in plan and "TEMP B-TREE" not in plan, plan
        else:
            found = connection.exec_driver_sql(
                "SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%%search_grams%%' "
                "AND schemaname = current_schema() ORDER BY indexname").scalars().all()
            assert found == ["ix_search_docs_body_key", "ix_search_docs_head_key"]
            connection.exec_driver_sql("SET enable_seqscan = off")
            plan = " ".join(connection.exec_driver_sql(
                "EXPLAIN SELECT id FROM search_docs WHERE search_grams(head_key) @> "
                "ARRAY['ดัช']").scalars())
            assert "ix_search_docs_head_key" in plan, plan


@pytest.fixture
def stand_in_pdf(monkeypatch):
    """LibreOffice replaced by a stand-in PDF writer (the PDF tests run the real one)."""
    from pathlib import Path

    from generator import pdf

    def convert(pairs, **_kw):
        for _docx, pdf_path in pairs:
            Path(pdf_path).write_bytes(b"%PDF-1.7\n% stand-in\n%%EOF\n")
        return pdf.Conversion([Path(p) for _d, p in pairs], None)

    monkeypatch.setattr(pdf, "convert", convert)


def test_the_issued_documents_text_is_searched(workspace, db_url, stand_in_pdf):
    """The body of the issued DOCX is taken into the register when the letter is issued: a
    phrase found only there (typed with Thai digits, or across the paragraph break it spans)
    is a body match; a subject word is a head match."""
    import copy

    from generator.issuing import issue as issue_draft
    from generator.registry import Registry
    from tests.issuing.conftest import SPEC, make_draft

    spec = {**copy.deepcopy(SPEC), "references": []}
    draft = make_draft(workspace / "output" / "drafts" / "d.docx", spec,
                       body=["ขอให้รายงานผลโครงการ โคก หนอง", "นา ภายในวันที่ 31 มีนาคม 2568"])
    with Registry.open(workspace, db_url) as registry:
        letter = issue_draft(draft, workspace, date=date(2024, 10, 25), registry=registry)
        for phrase in ("โคก หนอง นา", "โคกหนองนาภายใน", "๓๑ มีนาคม ๒๕๖๘"):
            assert [(hit.number, hit.found_in) for hit in registry.search(phrase)] == [
                (letter.number, "body")], phrase
        assert [(hit.number, hit.found_in) for hit in registry.search("ตำบลเข้มแข็ง")] == [
            (letter.number, "head")]
        assert registry.search("ไม่มีในหนังสือ") == []
