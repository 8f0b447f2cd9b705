"""Round trips of the Thai layer, property-based (hypothesis)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import thai

THAI_LETTERS = "กขคงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮะาำิีึืุูเแโใไ่้๊๋็์ฯๆ"
ARABIC = "0123456789"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"

# Running text: Thai words, numbers, spaces and the punctuation letters use, but no Latin letters
# (so nothing in it is a link or an identifier).
running_text = st.text(alphabet=THAI_LETTERS + ARABIC + " .,-/()%+:\n", max_size=80)

url = st.builds(
    lambda host, path, digits: f"https://{host}.go.th/{path}{digits}x{digits}",
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_", min_size=1, max_size=12),
    st.text(alphabet=ARABIC, min_size=1, max_size=6),
)


@given(running_text)
def test_digits_thai_then_arabic_gives_the_text_back(text):
    assert thai.to_arabic_digits(thai.to_thai_digits(text)) == text


@given(running_text)
def test_running_text_keeps_no_arabic_digit(text):
    converted = thai.to_thai_digits(text)
    assert not re.search(r"[0-9]", converted)
    assert thai.to_thai_digits(thai.to_arabic_digits(converted)) == converted


@given(running_text, url, running_text)
def test_links_keep_their_arabic_digits(before, link, after):
    text = f"{before} {link} {after}"
    converted = thai.to_thai_digits(text)
    assert f" {link} " in converted
    assert thai.to_arabic_digits(converted) == text
    # A blind conversion turns the link's digits Thai too; repair_links mends exactly that.
    broken = converted.replace(link, link.translate(str.maketrans(ARABIC, THAI_DIGITS)))
    assert broken != converted
    assert thai.repair_links(broken) == converted


DAY_STYLES = ("full", "day", "weekday")
SHORT_STYLES = ("abbr", "abbr-weekday")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2400, 12, 31)),
       st.sampled_from(DAY_STYLES), st.sampled_from(["thai", "arabic"]))
def test_day_styles_parse_back(day, style, digit_style):
    assert thai.parse_date(thai.format_date(day, style, digit_style)) == day


@given(st.dates(min_value=date(1957, 1, 1), max_value=date(2056, 12, 31)),
       st.sampled_from(SHORT_STYLES), st.sampled_from(["thai", "arabic"]))
def test_two_digit_year_styles_parse_back(day, style, digit_style):
    # Two-digit Buddhist years name 2500–2599, i.e. 1957–2056.
    assert thai.parse_date(thai.format_date(day, style, digit_style)) == day


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2400, 12, 31)))
def test_month_style_parses_back_to_its_month(day):
    assert thai.parse_month(thai.format_date(day, "month")) == (day.year, day.month)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2400, 12, 31)))
def test_fiscal_year_bounds_hold_the_date(day):
    first, last = thai.fiscal_year_bounds(thai.fiscal_year(day))
    assert first <= day <= last
    assert (last - first).days in (364, 365)
    quarter_start = date(first.year, 10, 1)
    months_in = (day.year - quarter_start.year) * 12 + day.month - 10
    assert thai.fiscal_quarter(day) == months_in // 3 + 1


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                    timezones=st.just(timezone.utc)))
def test_bangkok_date_is_seven_hours_ahead_of_utc(moment):
    assert thai.bangkok_date(moment) == (moment + timedelta(hours=7)).date()


satang_amounts = st.integers(min_value=-10**14, max_value=10**14).map(lambda n: Decimal(n) / 100)


@settings(max_examples=300)
@given(satang_amounts)
def test_baht_text_parses_back(amount):
    assert thai.parse_baht_text(thai.baht_text(amount)) == amount


@given(satang_amounts)
def test_baht_figure_parses_back(amount):
    figure = thai.baht_figure(amount).removesuffix(" บาท")
    assert thai.parse_number(figure) == amount


@given(st.decimals(min_value=-10**6, max_value=10**6, places=4, allow_nan=False))
def test_rounding_is_half_up_to_the_satang(amount):
    rounded = thai.to_amount(amount)
    assert abs(rounded - amount) <= Decimal("0.005")
    if abs(rounded - amount) == Decimal("0.005"):
        assert abs(rounded) > abs(amount)  # ties go away from zero


@given(st.integers(min_value=1, max_value=99))
def test_amounts_under_one_baht_keep_their_sign(satang):
    amount = -Decimal(satang) / 100
    assert thai.baht_text(amount).startswith("ลบ")
    assert thai.parse_baht_text(thai.baht_text(amount)) == amount


@given(st.from_regex(r"0[2-7][0-9]{7}", fullmatch=True), st.sampled_from([" ", "-", ""]))
def test_phone_forms_agree(number, sep):
    typed = sep.join([number[:3], number[3:6], number[6:]])
    assert thai.format_phone(typed) == thai.format_phone(number)
    assert thai.normalise_phone(thai.format_phone(number))[0] == number
