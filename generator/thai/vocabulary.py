"""The closed vocabularies of official letters, defined once (``thai-correspondence.md``):
speed classes, secrecy classes, acting phrases, the roles of committee members in an order, and
the title each document kind prints. The spec schema, the profile loader, the register and the
document reader all import these.

``ด่วนภายใน`` is a speed class when followed by the date (and time) it is due:

>>> is_speed("ด่วนภายใน ๓๑ มีนาคม ๒๕๖๘"), is_speed("ด่วนภายใน"), is_speed("ด่วนมาก"), is_speed("เร็ว")
(True, False, True, False)
"""

from __future__ import annotations

import re

SPEEDS = ("ด่วนที่สุด", "ด่วนมาก", "ด่วน")
SPEED_WITHIN = "ด่วนภายใน"
#: The JSON-schema pattern of ``ด่วนภายใน`` + its date.
SPEED_WITHIN_PATTERN = r"^ด่วนภายใน\s*\S.*$"
SECRECY = ("ลับที่สุด", "ลับมาก", "ลับ")
ACTING = ("ปฏิบัติราชการแทน", "รักษาราชการแทน", "รักษาการในตำแหน่ง")


def is_speed(value: str) -> bool:
    """Is ``value`` a speed class as written on letters?"""
    return value in SPEEDS or re.match(SPEED_WITHIN_PATTERN, value) is not None

#: Counting words and units that follow a number (``๑ ชุด``, ``๐๘.๓๐ น.``, ``๕๐๐ บาท``): the
#: number and its unit stand on one line (:func:`generator.thai.nobreak.keep_together`).
UNITS = ("ชุด", "ฉบับ", "เล่ม", "แผ่น", "หน้า", "คน", "ราย", "บาท", "สตางค์", "แห่ง", "ครั้ง",
         "รายการ", "กิจกรรม", "หมู่บ้าน", "ครัวเรือน", "ตำบล", "อำเภอ", "จังหวัด", "ภาค", "มิติ",
         "วัน", "เดือน", "ปี", "ชั่วโมง", "นาที", "น.", "พรรษา", "รอบ", "อย่าง", "ข้อ", "กลุ่ม",
         "เครื่อง", "ชิ้น", "ตัว", "กล่อง", "ไร่", "งาน", "ตารางวา", "กิโลเมตร", "เมตร", "ล้าน")
#: Words that stand before the number they introduce (``จำนวน ๑``, ``พ.ศ. ๒๕๖๘``, ``ร้อยละ ๘๕``).
NUMBER_LEADS = ("จำนวน", "พ.ศ.", "ร้อยละ", "ภายในวันที่", "วันที่", "เลขที่", "หมู่ที่")

#: The roles of a member of a committee or working group appointed by an order (คำสั่ง), in the
#: order an order lists them; an appointment needs its chair (:data:`CHAIR`).
COMMITTEE_ROLES = ("ประธานกรรมการ", "รองประธาน", "กรรมการ", "กรรมการและเลขานุการ",
                   "ผู้ช่วยเลขานุการ")
CHAIR = COMMITTEE_ROLES[0]

#: The title a document kind prints above its number (rules §1-2): a memo's heading is the
#: title alone; an order's and an announcement's run on into the agency (``คำสั่งจังหวัดหนองคาย``).
DOCUMENT_TITLES = {"memo": "บันทึกข้อความ", "order": "คำสั่ง", "announcement": "ประกาศ"}

#: The words before an order's effective date (``ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป``) and before the
#: date it is signed (``สั่ง ณ วันที่``; an announcement's ``ประกาศ ณ วันที่``).
EFFECTIVE_NOW = "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป"
SIGNED_ON = {"order": "สั่ง ณ วันที่", "announcement": "ประกาศ ณ วันที่"}
