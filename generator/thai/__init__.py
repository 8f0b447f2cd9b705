"""The Thai formatting layer: pure functions, no I/O.

>>> from generator import thai
>>> thai.format_date(thai.parse_date("2024-10-30"), "weekday")
'วันพุธที่ ๓๐ ตุลาคม ๒๕๖๗'
>>> thai.baht_with_text(27450500)
'๒๗,๔๕๐,๕๐๐ บาท (ยี่สิบเจ็ดล้านสี่แสนห้าหมื่นห้าร้อยบาทถ้วน)'
"""

# Digits and errors are light and loaded now (``digits`` is also the name of its module, which
# must not shadow the function); the other names are loaded on first use, so that
# ``generator.thai.errors``, which every command imports, does not pull in the money words and
# with them pythainlp.
from .digits import digits, protected_spans, repair_links, to_arabic_digits, to_thai_digits
from .errors import ThaiValueError

_EXPORTS = {
    **dict.fromkeys(["MINISTRIES", "PROVINCES", "Province", "lookup", "ministry_code",
                     "ministry_name", "province", "province_code", "province_name",
                     "provinces_by_postal", "translate"], ".codes"),
    **dict.fromkeys(["bangkok_date", "bangkok_today", "be_year", "ce_year", "every_month",
                     "fiscal_quarter", "fiscal_year", "fiscal_year_bounds", "format_date",
                     "month_range", "parse_date", "parse_month", "year_range"], ".dates"),
    **dict.fromkeys(["format_number", "number_range", "parse_number", "percent"], ".figures"),
    **dict.fromkeys(["baht_figure", "baht_text", "baht_with_text", "parse_baht_text",
                     "to_amount"], ".money"),
    "item_label": ".numbering",
    "format_phone": ".phone", "normalise_phone": ".phone",
    "format_time": ".times", "parse_time": ".times",
}

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


def __getattr__(name: str):
    from importlib import import_module

    if name == "DATE_STYLES":
        value = import_module(".dates", __name__).STYLES
    elif name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name], __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
