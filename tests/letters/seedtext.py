"""Each seed letter as text to compare with: the letter part as paragraphs, and the whole seed
(letter, then its attachments) as lines and table cells, with the documented corrections.

For the attachments (everything after the letter's ``end`` line), :func:`attachment_lines` applies
``att_corrections`` and drops exactly what is listed: ``pictures`` (a picture's words, attached as
an image), ``layout`` (continuation marks), ``repeated`` (a table header row repeated on the next
page). ``moved`` lines stood under the signature in the original and belong to the attachment
list; ``rendered_only`` names rendered texts the seed lost (the words beside lost QR pictures).
Table rows (tab-separated in the seed) give one text per cell, their ``<p>``/``<ul>`` markup and
``**`` bold marks removed. :func:`match_units` then checks the rendered paragraphs and cells
against those lines in order.

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
    # --- the attachments (everything after ``end``) ---
    moved: tuple[tuple[str, str], ...] = ()              # letter-part lines printed with the attachments
    att_corrections: tuple[tuple[str, str, str], ...] = ()
    pictures: tuple[tuple[str, str, str], ...] = ()      # (first line, last line, why): a picture's words
    layout: tuple[tuple[str, str], ...] = ()             # lines the page layout made (continuations)
    repeated: tuple[tuple[str, str], ...] = ()           # table header rows repeated on later pages
    rendered_only: tuple[tuple[str, str], ...] = ()      # (regex, why): rendered text lost from the seed

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
    for dropped, why in seed.not_letter + seed.moved:
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
DASH = ("time frame written with a hyphen where the table's other ranges use the en dash; "
        "the program writes every month range alike (generator.thai.dates.month_range)")
LINK = "a link whose digits were turned Thai: it no longer works; links keep Arabic digits (§5)"
REPEATED = "the table's header row repeated at the top of the next page (w:tblHeader), not text"
QR_PAGE = ("the attachment list (QR codes) was printed beside the signature on the letter's last "
           "page; it is its own document, printed right after the letter")
QR_LOST = ("the QR list's entries (title, quantity, link next to each QR picture) were part of the "
           "QR picture block, lost from the seed text")
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
        not_letter=(("/๓. ประเมินผล...", CONTINUATION),),
        moved=(("รายละเอียดสิ่งที่ส่งมาด้วย", QR_PAGE),),
        rendered_only=((r"^สิ่งที่ส่งมาด้วย [๑-๓]\. ", QR_LOST), (r"^https://", QR_LOST)),
    ),
    "001": SeedLetter(
        stem="001_5e28ea4e505824d1",
        number="นค ๐๐๑๙.๓/ ๑๕๕๕๗",
        end="หนองคาย “เมืองน่าอยู่ มุ่งสู่เกษตรอินทรีย์ ท่องเที่ยววิถีกลุ่มน้ำโขง เชื่อมโยงการค้าชายแดน”",
        att_corrections=(
            ("มิถุนายน - กรกฎาคม ๒๕๖๘", "มิถุนายน – กรกฎาคม ๒๕๖๘", DASH),
            ("กรกฎาคม - กันยายน ๒๕๖๘", "กรกฎาคม – กันยายน ๒๕๖๘", DASH),
        ),
        layout=(("/๓. พื้นที่...", CONTINUATION),),
        repeated=(("ที่\tประเด็นการดำเนินงาน\tกรอบระยะเวลา ดำเนินการ", REPEATED),),
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
        att_corrections=(
            ("๒๗,๔๕๐,๕๐๐ บาท (ยี่สิบเจ็ดล้านสี่แสนสี่หมื่นสี่ร้อยบาทถ้วน)",
             "๒๗,๔๔๐,๔๐๐ บาท (ยี่สิบเจ็ดล้านสี่แสนสี่หมื่นสี่ร้อยบาทถ้วน)",
             "activity 2's budget figure 27,450,500 disagrees with its words 27,440,400, the "
             "intended amount (= 7,036 tambons × 3,900 = 140,720 participants × 195; the figure "
             "divides by neither); the figure is mistyped"),
            ("https://forms.gle/ppGUYQsXQTE๑wNS๓A", "https://forms.gle/ppGUYQsXQTE1wNS3A", LINK),
            ("https://docs.google.com/spreadsheets/d/๑๙AtVJtp๒๑nnS๙cjALrecsd๕Sv_๓LxsWdNGRIRyTuClc",
             "https://docs.google.com/spreadsheets/d/19AtVJtp21nnS9cjALrecsd5Sv_3LxsWdNGRIRyTuClc",
             LINK),
        ),
        pictures=(("การจัดทำแผนและประสานแผนพัฒนาพื้นที่ ตามระเบียบ มท.",
                   "รายงานให้กรรมการปกครองทราบ",
                   "attachment 1 is a process diagram, a picture in the original: these are the "
                   "words inside it; the example attaches an image file instead"),),
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
        att_corrections=(
            ("๑๑. การดำเนินงานหน่วยงานคุณธรรม", "๑๑) การดำเนินงานหน่วยงานคุณธรรม",
             "the last entry of the list ๑) … ๑๐) was numbered '๑๑.'"),
            ('"क्रम"', '"ลำดับ"', "Devanagari क्रम ('order'), kept from a conversion: no font "
             "of the letter has it, and PDF/A cannot draw a missing glyph; in Thai, ลำดับ"),
        ),
        repeated=(("ลำดับ\tโครงการ/กิจกรรม\tประเด็น\tหมายเหตุ", REPEATED),),
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
            ("สิ่งทีส่งมาด้วย ๑-๓", "สิ่งที่ส่งมาด้วย ๑-๓", "typo in the QR caption"),
            ("โทร/โทรสาร ๐๔๕-๓๔๕๖๒๘", "โทร./โทรสาร ๐ ๔๕๓๔ ๕๖๒๘",
             "label and phone in the office style"),
        ),
        moved=(("คิวอาร์โค้ด สิ่งที่ส่งมาด้วย ๑-๓", QR_PAGE),),
        rendered_only=((r"^สิ่งที่ส่งมาด้วย [๑-๓]\. ", QR_LOST), (r"^https://", QR_LOST)),
    ),
}


# --- the whole seed: the letter, then its attachments ------------------------------------------

_MARKUP = re.compile(r"</?(?:p|ul|li)(?:\s[^>]*)?>")


def _unit_lines(line: str) -> list[str]:
    """One seed line as the texts it holds: table rows (tab-separated) give one text per
    non-empty cell; extraction markup (``**`` bold marks, ``<p>``/``<ul>``/``<li>`` in cells,
    ``<…>`` around links, a leading ``- ``) is dropped."""
    line = line.replace("**", "")
    line = _MARKUP.sub(" ", line)
    line = re.sub(r"<(https?://[^>]+)>", r"\1", line)
    cells = line.split("\t") if "\t" in line else [line]
    out = []
    for cell in cells:
        cell = _space(cell)
        if cell.startswith("- "):
            cell = cell[2:].strip()
        if cell:
            out.append(cell)
    return out


def attachment_lines(seed: SeedLetter) -> list[str]:
    """The seed after the letter part, as texts (lines and table cells) in order, with the
    documented corrections applied and the documented non-text lines removed."""
    lines = seed.path.read_text(encoding="utf-8").splitlines()
    ends = [i for i, line in enumerate(lines) if line.strip() == seed.end]
    assert ends, f"{seed.stem}: the end line {seed.end!r} is not in the seed"
    text = "\n".join(lines[ends[0] + 1:])
    for old, new, why in seed.att_corrections:
        assert old in text, f"{seed.stem}: attachment correction not applicable ({why}): {old!r}"
        text = text.replace(old, new)
    rest = [line.strip() for line in text.splitlines()]
    for first, last, why in seed.pictures:
        assert first in rest and last in rest, f"{seed.stem}: picture lines not found ({why})"
        a, b = rest.index(first), rest.index(last)
        assert a <= b, f"{seed.stem}: picture lines out of order ({why})"
        rest = rest[:a] + rest[b + 1:]
    for dropped, why in seed.layout:
        assert dropped in rest, f"{seed.stem}: layout line not found ({why}): {dropped!r}"
        rest = [line for line in rest if line != dropped]
    for header, why in seed.repeated:
        seen = [i for i, line in enumerate(rest) if line == header]
        assert len(seen) > 1, f"{seed.stem}: repeated header not repeated ({why}): {header!r}"
        rest = [line for i, line in enumerate(rest) if line != header or i == seen[0]]
    moved = [m for m, _ in seed.moved]
    out = []
    for line in moved + rest:
        out.extend(_unit_lines(line))
    return out


def whole_seed_lines(seed: SeedLetter) -> list[str]:
    """The whole seed as texts in order: the letter part's paragraphs (a wrap inside one split
    back into its lines), then the attachments."""
    out = []
    for paragraph in seed_paragraphs(seed):
        out.extend(piece for piece in paragraph.split(WRAP))
    return out + attachment_lines(seed)


def match_units(seed_lines: list[str], rendered: list[str],
                rendered_only: tuple[tuple[str, str], ...] = ()) -> list[str]:
    """Compare rendered texts (paragraphs and table cells, in order) with the seed's lines.

    Each rendered text must be one or more consecutive seed lines (a seed line break inside it
    stood for a space or for nothing); every seed line must be used, in order. A rendered text
    that is not next in the seed but matches one of ``rendered_only``'s patterns (what the seed
    lost: e.g. the words next to a QR picture) is skipped. Returns the problems found (empty when they match)."""
    problems = []
    i = 0
    skip = [re.compile(pattern) for pattern, _ in rendered_only]
    for n, unit in enumerate(rendered):
        want = _space(unit)
        acc = ""
        start = i
        while i < len(seed_lines) and acc != want:
            line = _space(seed_lines[i])
            spaced = f"{acc} {line}" if acc else line
            joined = acc + line
            if want.startswith(spaced) and (want == spaced or not want.startswith(joined)
                                            or len(spaced) <= len(want)):
                acc = spaced
            elif want.startswith(joined):
                acc = joined
            else:
                break
            i += 1
        if acc != want and any(p.search(want) for p in skip):
            i = start  # not in the seed, and documented as lost from it
            continue
        if acc != want:
            seen = " ⏎ ".join(seed_lines[start:i + 1])[:300]
            problems.append(f"rendered text {n + 1} does not match the seed:\n"
                            f"  rendered: {want[:300]}\n  seed:     {seen}")
            return problems
    if i < len(seed_lines):
        problems.append(f"seed text not rendered: {seed_lines[i:i + 3]}")
    return problems
