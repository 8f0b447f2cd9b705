"""The Thai formatting layer: pure functions, no I/O.

>>> from generator import thai
>>> thai.format_date(thai.parse_date("2024-10-30"), "weekday")
'วันพุธที่ ๓๐ ตุลาคม ๒๕๖๗'
>>> thai.baht_with_text(27450500)
'๒๗,๔๕๐,๕๐๐ บาท (ยี่สิบเจ็ดล้านสี่แสนห้าหมื่นห้าร้อยบาทถ้วน)'
"""

from .codes import (MINISTRIES, PROVINCES, Province, lookup, ministry_code, ministry_name,
                    province, province_code, province_name, provinces_by_postal, translate)
from .dates import (STYLES as DATE_STYLES, bangkok_date, bangkok_today, be_year, ce_year,
                    every_month, fiscal_quarter, fiscal_year, fiscal_year_bounds, format_date,
                    month_range, parse_date, parse_month, year_range)
from .digits import digits, protected_spans, repair_links, to_arabic_digits, to_thai_digits
from .errors import ThaiValueError
from .figures import format_number, number_range, parse_number, percent
from .money import baht_figure, baht_text, baht_with_text, parse_baht_text, to_amount
from .numbering import item_label
from .phone import format_phone, normalise_phone
from .times import format_time, parse_time

__all__ = [
    "DATE_STYLES", "MINISTRIES", "PROVINCES", "Province", "ThaiValueError", "baht_figure",
    "baht_text", "baht_with_text", "bangkok_date", "bangkok_today", "be_year", "ce_year",
    "digits", "every_month", "fiscal_quarter", "fiscal_year", "fiscal_year_bounds",
    "format_date", "format_number", "format_phone", "format_time", "item_label", "lookup",
    "ministry_code", "ministry_name", "month_range", "normalise_phone", "number_range", "parse_baht_text",
    "parse_date", "parse_month", "parse_number", "parse_time", "percent", "protected_spans",
    "province", "province_code", "province_name", "provinces_by_postal", "repair_links",
    "to_amount", "to_arabic_digits", "to_thai_digits", "translate", "year_range",
]
