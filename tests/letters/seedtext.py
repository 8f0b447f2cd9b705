"""The letter part of each seed letter, as paragraphs, with its documented corrections.

The seed files are text extracted from the real letters (PDF). Each :class:`SeedLetter` says
where the covering letter ends, which seed text is corrected and why (the real-world mistakes the
example specs fix), which lines are not part of the letter's text, and which lines are only the
PDF's line wraps inside a paragraph. :func:`seed_paragraphs` applies exactly that and nothing
else; every listed item must be found in the seed, so a stale entry fails too.

General rules, for every seed:

- a blank line ends a paragraph; inside a block, each line is its own paragraph (the heading's
  address lines, the signature and the foot are separate lines) unless listed in ``wraps``;
- ``- `` at a line's start is list markup added by the text extraction, not letter text;
- white space is compared collapsed (tabs and runs of spaces are one space); where a paragraph
  wraps in the seed, the break stood for one space or for nothing (Thai has no spaces between
  words), so either is accepted there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"


@dataclass(frozen=True)
class SeedLetter:
    stem: str
    number: str                       # the number the register gives this letter (stamped at issue)
    end: str                          # the last line of the letter part
    corrections: tuple[tuple[str, str, str], ...] = ()   # (seed text, intended text, why)
    not_letter: tuple[tuple[str, str], ...] = ()         # (seed line, why it is not letter text)
    wraps: tuple[str, ...] = field(default=())           # lines that continue the line before

    @property
    def path(self) -> Path:
        return SEEDS / f"{self.stem}.txt"


WRAP = "\u0000"  # marks a seed line wrap inside a paragraph


def _space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def seed_paragraphs(seed: SeedLetter) -> list[str]:
    """The seed's letter part as paragraphs; a wrap inside one is marked with :data:`WRAP`."""
    text = seed.path.read_text(encoding="utf-8")
    lines = text.splitlines()
    ends = [i for i, line in enumerate(lines) if line.strip() == seed.end]
    assert ends, f"{seed.stem}: the end line {seed.end!r} is not in the seed"
    text = "\n".join(lines[:ends[0] + 1])
    for old, new, why in seed.corrections:
        assert old in text, f"{seed.stem}: correction not applicable ({why}): {old!r}"
        text = text.replace(old, new)

    cleaned = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("- "):
            line = line[2:].strip()
        cleaned.append(line)
    for dropped, why in seed.not_letter:
        assert dropped in cleaned, f"{seed.stem}: line to drop not found ({why}): {dropped!r}"
        cleaned = [line for line in cleaned if line != dropped]
    for wrap in seed.wraps:
        assert wrap in cleaned, f"{seed.stem}: wrapped line not found: {wrap!r}"

    paragraphs: list[str] = []
    for line in cleaned:
        if not line:
            continue
        if line in seed.wraps and paragraphs:
            paragraphs[-1] += WRAP + line
        else:
            paragraphs.append(line)
    return paragraphs


def matches(seed_paragraph: str, rendered: str) -> bool:
    """Does a rendered paragraph equal a seed paragraph, white space collapsed and a wrap
    standing for a space or nothing?"""
    pattern = r"\s?".join(re.escape(_space(piece)) for piece in seed_paragraph.split(WRAP))
    return re.fullmatch(pattern, _space(rendered)) is not None


CONTINUATION = "continuation mark at the page foot (§3): made by the page layout, not letter text"
CHACHOENGSAO = "heading copied from another province's letter: this is Chachoengsao's letter"

LETTERS = {
    "000": SeedLetter(
        stem="000_1f4fc82266ea5587",
        number="ฉช ๐๐๑๙/ว ๑๖๐๗",
        end="โทร./โทรสาร ๐-๓๘๕๑-๑๒๓๙",
        corrections=(
            ("ที่ นข ๐๐๑๙/ว ๑๖๐๗", "ที่ ฉช ๐๐๑๙/ว ๑๖๐๗", CHACHOENGSAO),
            ("ศาลากลางจังหวัดเชียงใหม่", "ศาลากลางจังหวัดฉะเชิงเทรา", CHACHOENGSAO),
            ("ถนนเรืองวุฒิ นข ๒๕๐๐๐", "ถนนเรืองวุฒิ ฉช ๒๔๐๐๐", CHACHOENGSAO + " (code, postal code)"),
            ("หนังสือจังหวัดเชียงใหม่ ด่วนที่สุด ที่ นข ๐๐๑๙/ว ๖๓๒",
             "หนังสือจังหวัดฉะเชิงเทรา ด่วนที่สุด ที่ ฉช ๐๐๑๙/ว ๖๓๒", CHACHOENGSAO + " (reference 1)"),
            ("หนังสือจังหวัดเชียงใหม่ ที่ นข ๐๐๑๙/ว ๑๑๕๑",
             "หนังสือจังหวัดฉะเชิงเทรา ที่ ฉช ๐๐๑๙/ว ๑๑๕๑", CHACHOENGSAO + " (reference 2)"),
            ("จังหวัดเชียงใหม่ได้แจ้งแนวทาง", "จังหวัดฉะเชิงเทราได้แจ้งแนวทาง", CHACHOENGSAO),
            ("ในครั้งนี้ จังหวัดเชียงใหม่ ขอให้", "ในครั้งนี้ จังหวัดฉะเชิงเทรา ขอให้", CHACHOENGSAO),
            ("โทร./โทรสาร ๐-๓๘๕๑-๑๒๓๙", "โทร./โทรสาร ๐ ๓๘๕๑ ๑๒๓๙",
             "phone written with hyphens; the office style is ๐ ๓๘๕๑ ๑๒๓๙"),
        ),
        not_letter=(
            ("/๓. ประเมินผล...", CONTINUATION),
            ("รายละเอียดสิ่งที่ส่งมาด้วย",
             "title of the attachment list printed below the signature: a separate document"),
        ),
    ),
    "001": SeedLetter(
        stem="001_5e28ea4e505824d1",
        number="นค ๐๐๑๙.๓/ ๑๕๕๕๗",
        end="หนองคาย “เมืองน่าอยู่ มุ่งสู่เกษตรอินทรีย์ ท่องเที่ยววิถีกลุ่มน้ำโขง เชื่อมโยงการค้าชายแดน”",
    ),
    "002": SeedLetter(
        stem="002_969013ac331ac01f",
        number="ฉช ๐๐๑๙/ว ๖๓๐๐",
        end="กรมการพัฒนาชุมชน กระทรวงมหาดไทย",
        corrections=(
            ("ที่ นช ๐๐๑๙/ว ๖๓๐๐", "ที่ ฉช ๐๐๑๙/ว ๖๓๐๐", CHACHOENGSAO + " (code นช)"),
            ("ถนนเรืองวุฒิ นช ๒๕๐๐๐", "ถนนเรืองวุฒิ ฉช ๒๔๐๐๐", CHACHOENGSAO + " (code, postal code)"),
            ("ช่องทางกรรายงาน", "ช่องทางการรายงาน", "typo in attachment 3"),
            ("ถูปฏิบัติ", "ถือปฏิบัติ", "typo in item 1"),
        ),
        not_letter=(("/๔. ส่งเสริม...", CONTINUATION),),
        # The seed keeps the PDF's line breaks inside these paragraphs.
        wraps=(
            "ตำบลเข้มแข็งตามหลักปรัชญาของเศรษฐกิจพอเพียง ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
            "กระทรวงมหาดไทย ว่าด้วยการจัดทำแผนและประสานแผนพัฒนาพื้นที่ในระดับอำเภอและตำบล พ.ศ. ๒๕๖๒",
            "(ฉบับปรับปรุง ประจำปีงบประมาณ พ.ศ. ๒๕๖๗) เพื่อใช้เป็นแนวทางปฏิบัติในการจัดทำแผนและประสาน",
            "แผนพัฒนาพื้นที่ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
            "และแนวทางปฏิบัติรองรับการดำเนินการตามระเบียบฯ เกิดความต่อเนื่องและเป็นไปอย่างมีประสิทธิภาพ",
            "ขอให้อำเภอมอบหมายสำนักงานพัฒนาชุมชนอำเภอดำเนินการ ดังนี้",
            "ให้พัฒนาการอำเภอ เจ้าหน้าที่พัฒนาชุมชน ผู้นำ กลุ่ม องค์กรและเครือข่ายที่เกี่ยวข้อง ถือปฏิบัติ",
            "ตามแนวทางปฏิบัติรองรับการดำเนินการตามระเบียบฯ อย่างเคร่งครัด (สิ่งที่ส่งมาด้วย ๑)",
            "การดำเนินงานโครงการพัฒนาศักยภาพกลุ่ม องค์กร และเครือข่าย ขับเคลื่อนการพัฒนาตำบลเข้มแข็ง",
            "ตามหลักปรัชญาของเศรษฐกิจพอเพียง ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ (สิ่งที่ส่งมาด้วย ๒)",
            "๒๕ ธันวาคม ๒๕๖๗ (สิ่งที่ส่งมาด้วย ๓) ดังนี้",
            "ระดับอำเภอ (ศอช.อ.)",
            "ระดับตำบล (ศอช.ต.)",
            # item 7's last paragraph is split by an empty line in the seed
            "๓๑ กรกฎาคม ๒๕๖๘",
        ),
    ),
    "003": SeedLetter(
        stem="003_94abadab182a54d7",
        number="ฉช ๐๐๑๙/ว ๑๘๕๐",
        end="กรมการพัฒนาชุมชน กระทรวงมหาดไทย",
        corrections=(
            ("ที่ ฌข ๐๐๑๘/ว ๑๘๕๐", "ที่ ฉช ๐๐๑๙/ว ๑๘๕๐",
             CHACHOENGSAO + " (ฌข is no code; the office's letters 000, 002 are ฉช ๐๐๑๙)"),
            ("ศาลากลางจังหวัดเชียงใหม่", "ศาลากลางจังหวัดฉะเชิงเทรา", CHACHOENGSAO),
            ("ถนนเรืองวุฒิ ฌข ๒๕๐๐๐", "ถนนเรืองวุฒิ ฉช ๒๔๐๐๐", CHACHOENGSAO + " (code, postal code)"),
            ("ด้วยจังหวัดเชียงใหม่ โดย", "ด้วยจังหวัดฉะเชิงเทรา โดย", CHACHOENGSAO),
            ("ภารกิจที่จังหวัดเชียงใหม่มอบหมาย", "ภารกิจที่จังหวัดฉะเชิงเทรามอบหมาย", CHACHOENGSAO),
            ("พัฒนาชุมชนจังหวัดเชียงใหม่เป็นไป", "พัฒนาชุมชนจังหวัดฉะเชิงเทราเป็นไป", CHACHOENGSAO),
            ("ผู้ว่าราชการจังหวัดเชียงใหม่", "ผู้ว่าราชการจังหวัดฉะเชิงเทรา", CHACHOENGSAO),
        ),
    ),
    "004": SeedLetter(
        stem="004_12dba536dbc2fd19",
        number="อบ ๐๐๑๙/ว ๕๓๑",
        end="โทร/โทรสาร ๐๔๕-๓๔๕๖๒๘",
        corrections=(
            ("ถนนแจ้งสนิท อบ ๓๕๐๐๐", "ถนนแจ้งสนิท อบ ๓๔๐๐๐",
             "35000 is Yasothon's postal code; Ubon Ratchathani's is 34000"),
            ("ประจำปีงบประมาณพ.ศ ๒๕๖๖", "ประจำปีงบประมาณพ.ศ. ๒๕๖๖", "typo: full stop missing"),
            ("เพื่อจกได้", "เพื่อจักได้", "typo in item 7"),
            ("โทร/โทรสาร ๐๔๕-๓๔๕๖๒๘", "โทร./โทรสาร ๐ ๔๕๓๔ ๕๖๒๘",
             "label and phone in the office style"),
        ),
        not_letter=(
            ("คิวอาร์โค้ด สิ่งทีส่งมาด้วย ๑-๓",
             "caption of the attachments' QR codes: attachment documents are a later issue"),
        ),
    ),
}
