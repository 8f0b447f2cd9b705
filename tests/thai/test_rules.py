"""The format rules of thai-correspondence.md §4–5 that the seed letters do not show."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from pythainlp.corpus import provinces as pythainlp_provinces

from generator import thai
from generator.thai import ThaiValueError


# --- dates ------------------------------------------------------------------------------------

def test_fiscal_year_is_named_by_the_later_year():
    # ปีงบประมาณ พ.ศ. ๒๕๖๘ = 1 Oct 2024 – 30 Sep 2025
    assert thai.fiscal_year_bounds(2568) == (date(2024, 10, 1), date(2025, 9, 30))
    assert thai.format_date(date(2024, 10, 1), "fiscal") == "ปีงบประมาณ พ.ศ. ๒๕๖๘"
    assert thai.format_date(date(2024, 9, 30), "fiscal") == "ปีงบประมาณ พ.ศ. ๒๕๖๗"
    assert thai.format_date(date(2024, 12, 31), "quarter") == "ไตรมาสที่ ๑"
    assert thai.format_date(date(2025, 9, 30), "quarter") == "ไตรมาสที่ ๔"


def test_new_year_in_bangkok_comes_seven_hours_before_utc():
    assert thai.bangkok_date(datetime(2024, 12, 31, 23, 30, tzinfo=timezone.utc)) == date(2025, 1, 1)
    assert thai.bangkok_date(datetime(2024, 12, 31, 16, 59, tzinfo=timezone.utc)) == date(2024, 12, 31)
    assert thai.bangkok_today(datetime(2024, 12, 31, 17, 0, tzinfo=timezone.utc)) == date(2025, 1, 1)


def test_month_range_across_years_names_both_years():
    assert thai.month_range(date(2024, 10, 1), date(2025, 9, 30)) == "ตุลาคม ๒๕๖๗ – กันยายน ๒๕๖๘"
    with pytest.raises(ThaiValueError):
        thai.month_range(date(2025, 9, 1), date(2025, 1, 1))


@pytest.mark.parametrize("text, expected", [
    ("10 มีนาคม 2566", date(2023, 3, 10)),
    ("๑๐ มี.ค. ๒๕๖๖", date(2023, 3, 10)),
    ("๑๐ มีค ๖๖", date(2023, 3, 10)),
    ("ลงวันที่ ๓๑ มกราคม ๒๕๖๖", date(2023, 1, 31)),
    ("ภายในวันพุธที่ ๓๐ ตุลาคม ๒๕๖๗", date(2024, 10, 30)),
    ("วันพฤหัสที่ 18 เมษายน 2567", date(2024, 4, 18)),
    ("พฤหัสบดี ๑๘ เม.ย. ๖๗", date(2024, 4, 18)),
    ("๓๐   ตุลาคม\n๒๕๖๗", date(2024, 10, 30)),
    ("30 ตุลาคม ค.ศ. 2024", date(2024, 10, 30)),
    ("2024-10-30", date(2024, 10, 30)),
])
def test_parse_date_reads_every_form(text, expected):
    assert thai.parse_date(text) == expected


@pytest.mark.parametrize("text, words", [
    ("๓๑ กุมภาพันธ์ ๒๕๖๗", "has no day 31"),
    ("๒๙ กุมภาพันธ์ ๒๕๖๖", "has no day 29"),      # 2023 is not a leap year
    ("2024-02-30", "has no day 30"),
    ("2024-13-01", "no month 13"),
    ("วันจันทร์ที่ ๓๐ ตุลาคม ๒๕๖๗", "is a พุธ"),
    ("อังคาร ๑๗ เม.ย. ๖๗", "is a พุธ"),
    ("30 ตุลาคม 2024", "not a Buddhist-era year"),
    ("ตุลาคม ๒๕๖๗", "not a date"),
    ("", "not a date"),
])
def test_parse_date_refuses_impossible_dates(text, words):
    with pytest.raises(ThaiValueError, match=words):
        thai.parse_date(text)


def test_leap_day_is_a_real_date():
    assert thai.parse_date("๒๙ กุมภาพันธ์ ๒๕๖๗") == date(2024, 2, 29)


# --- money ------------------------------------------------------------------------------------

@pytest.mark.parametrize("amount, words", [
    (Decimal("1"), "หนึ่งบาทถ้วน"),
    (Decimal("11"), "สิบเอ็ดบาทถ้วน"),
    (Decimal("21"), "ยี่สิบเอ็ดบาทถ้วน"),
    (Decimal("101"), "หนึ่งร้อยเอ็ดบาทถ้วน"),
    (Decimal("101000000"), "หนึ่งร้อยเอ็ดล้านบาทถ้วน"),
    (Decimal("1000000000000"), "หนึ่งล้านล้านบาทถ้วน"),
    (Decimal("0.50"), "ห้าสิบสตางค์"),
    (Decimal("0.01"), "หนึ่งสตางค์"),
    (Decimal("0"), "ศูนย์บาทถ้วน"),
    (Decimal("-0.50"), "ลบห้าสิบสตางค์"),
    (Decimal("-1"), "ลบหนึ่งบาทถ้วน"),
    (Decimal("100.25"), "หนึ่งร้อยบาทยี่สิบห้าสตางค์"),
    (Decimal("0.005"), "หนึ่งสตางค์"),             # half up to the satang
    (Decimal("0.004"), "ศูนย์บาทถ้วน"),
    (Decimal("-0.004"), "ศูนย์บาทถ้วน"),           # no ลบ on a zero
    (Decimal("2.675"), "สองบาทหกสิบแปดสตางค์"),     # a float would give 2.67
])
def test_baht_text(amount, words):
    assert thai.baht_text(amount) == words


def test_float_input_is_read_through_its_decimal_form():
    assert thai.baht_text(2.675) == "สองบาทหกสิบแปดสตางค์"


@pytest.mark.parametrize("bad", ["abc", "1,23,4", "12..5", "", "NaN", "Infinity"])
def test_bad_amounts_are_refused(bad):
    with pytest.raises(ThaiValueError):
        thai.baht_text(bad)


@pytest.mark.parametrize("bad", ["สองร้อย", "บาทถ้วน", "สองร้อยบาทหนึ่งร้อยสตางค์", "hello"])
def test_bad_baht_words_are_refused(bad):
    with pytest.raises(ThaiValueError):
        thai.parse_baht_text(bad)


# --- phone numbers, list labels ------------------------------------------------------------------

@pytest.mark.parametrize("typed, official", [
    ("042411182", "๐ ๔๒๔๑ ๑๑๘๒"),
    ("0 4241 1182", "๐ ๔๒๔๑ ๑๑๘๒"),
    ("+66 42 411 182", "๐ ๔๒๔๑ ๑๑๘๒"),
    ("66-4241-1182", "๐ ๔๒๔๑ ๑๑๘๒"),
    ("(042) 411182", "๐ ๔๒๔๑ ๑๑๘๒"),
    ("0812345678", "๐๘ ๑๒๓๔ ๕๖๗๘"),
    ("+66 81 234 5678", "๐๘ ๑๒๓๔ ๕๖๗๘"),
    ("1111", "๑๑๑๑"),
    ("02-123-4567 ต่อ 105", "๐ ๒๑๒๓ ๔๕๖๗ ต่อ ๑๐๕"),
    ("042411182-3", "๐ ๔๒๔๑ ๑๑๘๒-๓"),          # a run of lines, not a 10-digit number
    ("0 4241 1182 - 83", "๐ ๔๒๔๑ ๑๑๘๒-๘๓"),
])
def test_phone_numbers(typed, official):
    assert thai.format_phone(typed) == official


@pytest.mark.parametrize("bad", ["12345678", "0424111820000", "abc", "+1 202 555 0100", "",
                                 "0424111823"])   # ten digits, but 04 is no mobile prefix
def test_bad_phone_numbers_are_refused(bad):
    with pytest.raises(ThaiValueError):
        thai.format_phone(bad)


def test_item_labels():
    assert thai.item_label([1]) == "๑."
    assert thai.item_label([3, 1]) == "๓.๑"
    assert thai.item_label([1], "paren") == "๑)"
    assert thai.item_label([1, 1], "paren") == "๑.๑)"
    assert thai.item_label([12], digit_style="arabic") == "12."
    with pytest.raises(ThaiValueError):
        thai.item_label([0])


# --- codes ------------------------------------------------------------------------------------

def test_77_provinces_with_the_standard_abbreviations():
    assert len(thai.PROVINCES) == 77
    ours = {p.name: p.code for p in thai.PROVINCES}
    theirs = {p["name_th"]: p["abbr_th"] for p in pythainlp_provinces(details=True)}
    theirs["กรุงเทพมหานคร"] = "กท"   # the letter code, not the everyday กทม
    assert ours == theirs


def test_codes_are_unique_and_postal_prefixes_only_shared_by_bangkok_and_samut_prakan():
    codes = [p.code for p in thai.PROVINCES]
    assert len(set(codes)) == 77
    by_prefix: dict[str, list[str]] = {}
    for p in thai.PROVINCES:
        by_prefix.setdefault(p.postal, []).append(p.code)
    shared = {k: v for k, v in by_prefix.items() if len(v) > 1}
    assert shared == {"10": ["กท", "สป"]}


def test_codes_both_ways():
    for p in thai.PROVINCES:
        assert thai.province_code(p.name) == p.code
        assert thai.province_name(p.code) == p.name
        assert p in thai.provinces_by_postal(p.postal + "000")
    for code, name in thai.MINISTRIES.items():
        assert thai.ministry_code(name) == code
        assert thai.ministry_name(code) == name
    # the seed offices
    assert thai.province_code("หนองคาย") == "นค"
    assert thai.province_code("ฉะเชิงเทรา") == "ฉช"
    assert thai.province_code("อุบลราชธานี") == "อบ"
    assert thai.provinces_by_postal("34000")[0].name == "อุบลราชธานี"
    assert thai.provinces_by_postal("24000")[0].name == "ฉะเชิงเทรา"


@pytest.mark.parametrize("bad", ["นข", "ฌข", "นช", "กรุงเทพ", "xx"])
def test_unknown_codes_are_refused(bad):
    # นข, ฌข and นช appear in the seed letters' headings, copied wrongly: none is a province.
    with pytest.raises(ThaiValueError):
        thai.province(bad)
