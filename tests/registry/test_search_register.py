"""Search over a generated register: results equal a brute-force scan of the same text.

The register is built through the library (issue with the letter's text, receive with the
incoming letter's text, reserve) from the seed letters' lines, bodies keeping their line breaks.
The brute force reads the texts this test wrote, not the database, and applies the matching
rule as the README states it: Thai digits equal Arabic ones, spaces, line breaks and zero-width
characters are ignored, Latin case is ignored; number, subject and parties (the head) rank before
the body, and within each the newest entry first.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from generator.registry.search import Query
from generator.thai.dates import BANGKOK

SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"
FALLBACK = [
    "ตามที่ จังหวัดได้แจ้งแนวทางการขับเคลื่อนโครงการ โคก หนอง นา ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
    "ในการนี้ ขอให้อำเภอรายงานผลการดำเนินงาน ภายในวันที่ ๓๑ มีนาคม ๒๕๖๖",
    "งบประมาณ 250,000 บาท (สองแสนห้าหมื่นบาทถ้วน)",
    "จึงเรียนมาเพื่อโปรดทราบและพิจารณาดำเนินการต่อไป",
    "สำนักงานพัฒนาชุมชนจังหวัด กลุ่มงานส่งเสริมการพัฒนาชุมชน โทร. ๐ ๔๒๔๑ ๑๑๘๒",
]


def seed_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = " ".join(line.replace("**", "").split())
            if len(line) >= 8:
                lines.append(line)
    return lines or FALLBACK


def rule(text: str) -> str:
    """The matching rule, written out independently of the library."""
    text = text.replace("\u0e4d\u0e32", "\u0e33")
    text = text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    return re.sub(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", text).casefold()


@dataclass
class Entry:
    kind: str
    number: str
    head: str
    body: str
    year: int


@pytest.fixture(params=["scan", "extend", "index"])
def register(request, reg, monkeypatch):
    """The register, searched as built (every row within the first newest-first scan), or with
    a first scan of a few rows that reads on or turns to the n-gram index for the older ones."""
    if request.param != "scan":
        from generator.registry import search

        monkeypatch.setattr(search, "WINDOW", 6)
        monkeypatch.setattr(search, "EXTEND", 3 if request.param == "extend" else 0)
    rng = random.Random(13)
    lines = seed_lines()
    office = reg.office()
    unit = next(iter(office.units))
    entries: list[Entry] = []
    day = date(2022, 12, 20)
    for i in range(90):
        day += timedelta(days=rng.randint(0, 9))
        if i % 9 == 4:
            sender = rng.choice(["จังหวัดเชียงใหม่", "กรมการพัฒนาชุมชน", "อำเภอเมืองหนองคาย"])
            subject = rng.choice(lines)[:60]
            body = "\n".join(rng.sample(lines, 3))
            number = f"นข ๐๐๑๙/ว {rng.randint(1, 2000)}"
            reg.receive(their_number=number, their_date=day, sender=sender, subject=subject,
                        received_at=datetime(day.year, day.month, day.day, 10, tzinfo=BANGKOK),
                        text=body)
            received = reg.search(Query(number, kind="incoming", limit=1))[0].number
            entries.append(Entry("incoming", received, "\n".join([received, subject, sender]),
                                 body, day.year + 543))
            continue
        with_unit = i % 3 == 0
        subject = rng.choice(lines)[:70]
        recipients = [rng.choice(["นายอำเภอ ทุกอำเภอ", "ผู้อำนวยการสำนักงานพัฒนาชุมชนอำเภอ",
                                  "หัวหน้าส่วนราชการ"])]
        body = "\n".join(rng.sample(lines, rng.randint(2, 6)))
        with reg.allocate(unit=unit if with_unit else None, circular=i % 4 == 1,
                          date=day) as alloc:
            alloc.record(subject=subject, recipients=recipients, text=body)
        head = [alloc.number_text, subject, *recipients, office.agency, office.name]
        if with_unit:
            head.append(office.units[unit].name)
        entries.append(Entry("letter", alloc.number_text, "\n".join(head), body, alloc.year))
    for number in reg.reserve(2, date=day):
        entries.append(Entry("letter", number, "\n".join([number, office.agency, office.name]),
                             "", day.year + 543))
    return reg, entries


def brute_force(entries: list[Entry], query: str, limit: int) -> list[tuple[str, str]]:
    """Exactly the number first, then the head, then the body; newest entry first in each."""
    wanted = rule(query).removeprefix("ที่")
    newest_first = entries[::-1]
    exact = [(e.number, "number") for e in newest_first if rule(e.number) == wanted]
    newest_first = [e for e in newest_first if rule(e.number) != wanted]
    head = exact + [(e.number, "head") for e in newest_first if wanted in rule(e.head)]
    body = [(e.number, "body") for e in newest_first
            if wanted not in rule(e.head) and wanted in rule(e.body)]
    return (head + body)[:limit]


def line_break_phrase(entries: list[Entry]) -> tuple[str, str]:
    """A phrase of a body that runs over a line break, as typed without it (and with a space)."""
    for entry in entries:
        at = entry.body.find("\n")
        if at > 6:
            before = entry.body[:at].rstrip()[-5:]
            after = entry.body[at + 1:].lstrip()[:5]
            return before + after, f"{before} {after}"
    raise AssertionError("no body with a line break")


def test_results_equal_a_brute_force_scan(register):
    reg, entries = register
    phrase, spaced = line_break_phrase(entries)
    letter = next(e for e in entries if e.kind == "letter" and "." in e.number)
    number_typed = rule(letter.number)                    # นค0019.3/12: Arabic, no spaces
    queries = ["ง", "ฯ", "ษ", "งบ", "ปี", "ตำ", phrase, spaced,
               "๒๕๖๖", "2566", "๓๑ มีนาคม", "31มีนาคม", number_typed, letter.number,
               f"ที่ {letter.number}",
               "จังหวัดเชียงใหม่", "ไม่มีในทะเบียนแน่นอน"]
    assert any(e.body and rule(phrase) in rule(e.body) and rule(phrase) not in
               rule(e.body.replace("\n", "\u0000")) for e in entries)  # really spans a break
    for query in queries:
        for limit in (1000, 7):
            found = [(hit.number, hit.found_in) for hit in reg.search(query, limit=limit)]
            assert found == brute_force(entries, query, limit), query
    assert reg.search("2566", limit=1000) == reg.search("๒๕๖๖", limit=1000)
    (first, *_rest) = reg.search(number_typed)
    assert (first.number, first.found_in) == (letter.number, "number")


def test_filters_equal_a_brute_force_scan(register):
    reg, entries = register
    for kind in ("letter", "incoming"):
        found = [hit.number for hit in reg.search("ง", limit=1000, kind=kind)]
        assert found == [n for n, _ in brute_force([e for e in entries if e.kind == kind],
                                                   "ง", 1000)]
    years = {e.year for e in entries}
    for year in years:
        found = [hit.number for hit in reg.search("า", limit=1000, year=year)]
        assert found == [n for n, _ in brute_force([e for e in entries if e.year == year],
                                                   "า", 1000)]
    assert reg.search("ง", year=2400) == []


def test_the_matched_phrase_is_shown_in_context(register):
    reg, entries = register
    phrase, _spaced = line_break_phrase(entries)
    hit = next(h for h in reg.search(phrase, limit=1000) if h.found_in == "body")
    start, end = hit.match
    assert rule(hit.context[start:end]) == rule(phrase)
    assert "\n" not in hit.context and 0 < start <= end <= len(hit.context)
