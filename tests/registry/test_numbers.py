"""Full letter numbers: formatting in both digit styles, loose parsing, search keys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import UserError
from generator.registry.numbers import (Code, LetterNumber, format_number, number_key,
                                        parse_number)
from tests.conftest import seed_path


def test_the_seed_letters_numbers_format_exactly():
    # 001: an ordinary letter of a unit; 000: a circular. The seeds write "/ " and "/ว ".
    assert format_number("นค 0019", 15557, unit="3") == "นค ๐๐๑๙.๓/ ๑๕๕๕๗"
    assert format_number("นข ๐๐๑๙", 1607, circular=True) == "นข ๐๐๑๙/ว ๑๖๐๗"
    assert "ที่ นค ๐๐๑๙.๓/ ๑๕๕๕๗" in seed_path("001").read_text(encoding="utf-8")
    assert "ที่ นข ๐๐๑๙/ว ๑๖๐๗" in seed_path("000").read_text(encoding="utf-8")


def test_contract_example_and_arabic_style():
    assert format_number("นค 0019", 15557, unit="3", circular=True) == "นค ๐๐๑๙.๓/ว ๑๕๕๕๗"
    assert (format_number("นค 0019", 15557, unit="3", circular=True, digit_style="arabic")
            == "นค 0019.3/ว 15557")


@pytest.mark.parametrize("typed", [
    "นค ๐๐๑๙.๓/ว ๑๕๕๕๗", "นค0019.3/ว15557", "นค 0019.3 / ว 15557", "ที่ นค ๐๐๑๙.๓/ว๑๕๕๕๗",
    "  นค  0019 . 3/ว   15557 ", "น.ค. 0019.3/ว 15557", "นค ๐๐๑๙.3/ว 1๕๕๕7",
])
def test_loosely_typed_numbers_parse_to_the_same_number(typed):
    number = parse_number(typed)
    assert number == LetterNumber(Code("นค", "0019.3"), True, 15557)
    assert number.key == "นค0019.3/ว15557"
    assert number.text("thai") == "นค ๐๐๑๙.๓/ว ๑๕๕๕๗"


def test_ordinary_and_circular_numbers_have_different_keys():
    assert number_key("นค 0019/ 5") == "นค0019/5"
    assert number_key("นค 0019/ว 5") == "นค0019/ว5"


@pytest.mark.parametrize("bad", ["", "15557", "นค/ว 12", "นค 0019", "นค 0019/ว", "AB 0019/ 3",
                                 "นค 0019/ 0", "นค 0019/ ว ๑/๒"])
def test_things_that_are_not_numbers_are_user_errors(bad):
    with pytest.raises(UserError, match="not a letter number|starts at 1"):
        parse_number(bad)


def test_codes_parse_with_units():
    assert Code.parse("มท ๐๘๑๐.๔") == Code("มท", "0810.4")
    assert Code.parse("นค 0019").with_unit("๓").text("thai") == "นค ๐๐๑๙.๓"
    with pytest.raises(UserError, match="not a letter code"):
        Code.parse("0019")


letters = st.text(alphabet="กขคงจฉชซญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ", min_size=2, max_size=3)


@given(letters=letters, dept=st.from_regex(r"\A[0-9]{4}\Z"),
       unit=st.none() | st.from_regex(r"\A[0-9]{1,2}\Z"), circular=st.booleans(),
       running=st.integers(min_value=1, max_value=999_999),
       style=st.sampled_from(["thai", "arabic"]), spaces=st.booleans())
def test_any_number_round_trips_in_either_digit_style(letters, dept, unit, circular, running,
                                                      style, spaces):
    text = format_number(f"{letters} {dept}", running, unit=unit, circular=circular,
                         digit_style=style)
    typed = text if spaces else text.replace(" ", "")
    number = parse_number(typed)
    assert number.running == running and number.circular == circular
    assert number.text(style) == text
    assert number.key == "".join(format_number(f"{letters} {dept}", running, unit=unit,
                                               circular=circular, digit_style="arabic").split())
