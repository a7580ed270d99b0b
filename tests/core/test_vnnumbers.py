import math

import pytest

from analysis.core.vnnumbers import NotANumber, parse_vn_number


@pytest.mark.parametrize(
    "text,value",
    [
        ("1.027", 1027.0),
        ("104,49", 104.49),
        ("46811173", 46811173.0),
        ("82.217.160", 82217160.0),
        ("7,9", 7.9),
        ("100", 100.0),
        ("0,15", 0.15),
        ("-8,3", -8.3),
        ("1 027", 1027.0),
        (" 521 ", 521.0),
        (1027, 1027.0),
        (104.49, 104.49),
    ],
)
def test_numbers(text, value):
    assert parse_vn_number(text).value == pytest.approx(value, abs=0)


def test_symbols_are_recorded_not_numbers():
    assert parse_vn_number("-").symbol == "-" and math.isnan(parse_vn_number("-").value)
    assert parse_vn_number("...").symbol == "..." and math.isnan(parse_vn_number("…").value)


def test_precision_and_grouping():
    p = parse_vn_number("82.217.160")
    assert p.grouped and p.decimals == 0
    assert parse_vn_number("104,49").decimals == 2


@pytest.mark.parametrize("text", ["104.49", "1,234.5", "abc", "0.550", "", "1.02", "x", "12 34", True])
def test_rejects_non_vietnamese_notation(text):
    with pytest.raises(NotANumber):
        parse_vn_number(text)


def test_english_decimal_gets_a_hint():
    with pytest.raises(NotANumber, match="decimal mark is ','"):
        parse_vn_number("104.49")
