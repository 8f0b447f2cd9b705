"""The stock templates of the kinds beyond letters and memos: ``order.docx`` (คำสั่ง),
``announcement.docx`` (ประกาศ) and ``stamped.docx`` (หนังสือประทับตรา).

Built with the letters' templates, from the same pieces (:mod:`tools.templates.pieces`: page,
header with page numbers and draft mark, number and date content controls, body with Thai-digit
numbering, signature block) and a few styles of their own.

An order (rules §1, thai-correspondence.md): Garuda 3 cm at the top centre; ``คำสั่ง<agency>``,
``ที่ ๑๒/๒๕๖๗`` and ``เรื่อง …`` centred, then a short rule; the body; the committee as the
aligned list offices use — the number at the body's indent, the name, the position and the role
at tab stops, a wrapped line going back under the name; its duties as numbered items; ``ทั้งนี้
ตั้งแต่บัดนี้เป็นต้นไป`` (or the effective date); ``สั่ง ณ วันที่ …`` from the page centre, 1 cm to
its left, and the signature centred under it. An order has no recipient, references,
complimentary close or owner unit.

An announcement: as an order, with ``ประกาศ<agency>`` and ``ประกาศ ณ วันที่ …``; its number
line ``ที่ ๓/๒๕๖๗`` is printed when the office numbers announcements, and is otherwise hidden
text (Word's ``w:vanish``): the register's number stays in the document without showing.

A stamped letter (rules §1): Garuda 3 cm at the top centre, ``ที่`` at the left margin level with
its foot (as an external letter, without the address); ``ถึง`` and the recipient; references,
attachments and the body as in a letter; then, from the page centre, the agency's name with room
above it for the red stamp, the initials of the responsible officer (``ลงชื่อย่อกำกับตรา``) and
the date; the owner unit and its phone at the foot.
"""

from __future__ import annotations

from lxml import etree

from generator.docx.build import el
from generator.docx.geometry import CM, PAGE_CENTRE, TEXT_WIDTH
from generator.thai import vocabulary

from .pieces import (attachments_block, body_block, bold, build_package, cell, date_control,
                     document_part, ind, item_branches, jc, keep, number_control, owner_block, p,
                     pstyle, references_block, row, section, signature_block, spacing, t, tab,
                     table, tabs, tag)

#: The committee list's stops, from the left margin: number, name, position, role.
MEMBER_NUMBER = int(1.5 * CM)
MEMBER_NAME = int(2.25 * CM)
MEMBER_POSITION = int(7.25 * CM)
MEMBER_ROLE = int(12.0 * CM)
SIGNED_ON_INDENT = PAGE_CENTRE - CM


def order_styles() -> list[etree._Element]:
    """An order's own styles."""
    return [
        pstyle("OrderTitle", "ชื่อคำสั่ง", [spacing(120), jc("center")], bold()),
        pstyle("OrderHeading", "ที่และเรื่องของคำสั่ง", [jc("center")]),
        # the rule under the subject: a short line, centred (a bottom border of an empty
        # paragraph)
        pstyle("OrderRule", "เส้นคั่น",
               [el("w:pBdr", el("w:bottom", val="single", sz=6, space=1, color="auto")),
                spacing(0, 120),
                ind(left=PAGE_CENTRE - 2 * CM, right=TEXT_WIDTH - PAGE_CENTRE - 2 * CM)]),
        pstyle("OrderMember", "รายชื่อกรรมการ",
               [tabs(("left", MEMBER_NAME), ("left", MEMBER_POSITION), ("left", MEMBER_ROLE)),
                spacing(0), ind(left=MEMBER_NAME, hanging=MEMBER_NAME - MEMBER_NUMBER)]),
        pstyle("OrderSignedOn", "สั่ง ณ วันที่", [*keep(), spacing(360),
                                                 ind(left=SIGNED_ON_INDENT)]),
    ]


def announcement_styles() -> list[etree._Element]:
    """An announcement's own styles: the order's, and the hidden number line."""
    return order_styles() + [
        pstyle("AnnouncementNumberHidden", "ที่ (ไม่แสดง)", [jc("center")], [el("w:vanish")]),
    ]


def stamped_styles() -> list[etree._Element]:
    """A stamped letter's own styles."""
    return [
        pstyle("StampedRecipient", "ถึง", [tabs(("left", int(1.25 * CM))), spacing(240),
                                           ind(left=int(1.25 * CM), hanging=int(1.25 * CM))]),
        # the agency under the body, with room above it for the red stamp
        pstyle("StampedAgency", "ชื่อส่วนราชการ (ประทับตรา)",
               [*keep(), spacing(1200), ind(left=PAGE_CENTRE), jc("center")]),
        pstyle("StampedInitials", "ลงชื่อย่อกำกับตรา",
               [*keep(), spacing(120), ind(left=PAGE_CENTRE), jc("center")]),
        pstyle("StampedDate", "วัน เดือน ปี (ประทับตรา)",
               [el("w:keepLines"), spacing(120), ind(left=PAGE_CENTRE), jc("center")]),
    ]


def _items(name: str) -> list[etree._Element]:
    """Numbered items of a list in the context other than the body (an order's duties)."""
    return [tag(f"for block in {name}"), *item_branches("if"), tag("endfor")]


def order_document() -> etree._Element:
    """คำสั่ง: see the module docstring."""
    signed_on = vocabulary.SIGNED_ON["order"]
    return document_part(
        p(t("{{ garuda(3.0) }}"), style="LetterGaruda"),
        p(t("คำสั่ง{{ agency }}"), style="OrderTitle"),
        p(t("ที่ "), number_control(), style="OrderHeading"),
        p(t("เรื่อง {{ subject }}"), style="OrderHeading"),
        p(style="OrderRule"),
        tag("if amends"),
        p(t("ตามคำสั่ง{{ amends.agency }} ที่ {{ amends.number }}{% if amends.date %} ลงวันที่ "
            "{{ amends.date }}{% endif %} เรื่อง {{ amends.subject }} นั้น"), style="LetterBody"),
        tag("endif"),
        body_block(),
        tag("for m in committee"),
        p(t("{{ m.label }}"), tab(), t("{{ m.name }}"), tab(), t("{{ m.position }}"), tab(),
          t("{{ m.role }}"), style="OrderMember"),
        tag("endfor"),
        tag("if duties"),
        p(t("ให้คณะกรรมการมีอำนาจหน้าที่ ดังนี้"), style="LetterBody"),
        _items("duties"),
        tag("endif"),
        p(t("ทั้งนี้ {% if effective %}ตั้งแต่วันที่ {{ effective }} เป็นต้นไป{% else %}"
            + vocabulary.EFFECTIVE_NOW.removeprefix("ทั้งนี้ ") + "{% endif %}"),
          style="LetterBody", ppr=[el("w:keepNext")]),
        p(t(f"{signed_on} "), date_control(), style="OrderSignedOn"),
        signature_block(with_close=False),
        section(),
    )


def announcement_document() -> etree._Element:
    """ประกาศ: see the module docstring."""
    signed_on = vocabulary.SIGNED_ON["announcement"]
    return document_part(
        p(t("{{ garuda(3.0) }}"), style="LetterGaruda"),
        p(t("ประกาศ{{ agency }}"), style="OrderTitle"),
        tag("if numbered"),
        p(t("ที่ "), number_control(), style="OrderHeading"),
        tag("else"),
        p(t("ที่ "), number_control(), style="AnnouncementNumberHidden"),
        tag("endif"),
        p(t("เรื่อง {{ subject }}"), style="OrderHeading"),
        p(style="OrderRule"),
        body_block(),
        p(t(f"{signed_on} "), date_control(), style="OrderSignedOn"),
        signature_block(with_close=False),
        section(),
    )


def stamped_document() -> etree._Element:
    """หนังสือประทับตรา: see the module docstring."""
    col = [int(6.5 * CM), TEXT_WIDTH - 2 * int(6.5 * CM), int(6.5 * CM)]
    heading = table(
        col,
        row(cell(col[0], p(t("{{ speed }}", "LetterSpeed"), style="LetterNumber"),
                 p(t("ที่ "), number_control(), style="LetterNumber")),
            cell(col[1], p(t("{{ garuda(3.0) }}"), style="LetterGaruda"), valign="top"),
            cell(col[2], p(style="LetterAddress"))),
    )
    return document_part(
        heading,
        p(t("ถึง"), tab(), t("{{ recipient }}"), style="StampedRecipient"),
        references_block(),
        attachments_block(),
        body_block(),
        p(t("{{ agency }}"), style="StampedAgency"),
        p(t("({{ initials }})"), style="StampedInitials"),
        p(date_control(), style="StampedDate"),
        owner_block(),
        section(),
    )


def packages() -> dict[str, bytes]:
    """The templates of this module: file name → DOCX bytes."""
    return {"order.docx": build_package(order_document(), "คำสั่ง", order_styles()),
            "announcement.docx": build_package(announcement_document(), "ประกาศ",
                                               announcement_styles()),
            "stamped.docx": build_package(stamped_document(), "หนังสือประทับตรา",
                                          stamped_styles())}
