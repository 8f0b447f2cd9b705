"""The closed vocabularies of official letters, defined once (``thai-correspondence.md``):
speed classes, secrecy classes, acting phrases. The spec schema, the profile loader and the
register all import these.

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
