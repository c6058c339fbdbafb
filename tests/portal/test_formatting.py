"""portal.formatting: money, numbers and dates as CLDR writes them in each site language."""

import datetime

from django.utils import translation

import pytest

from portal.formatting import format_date, format_money, format_number

NNBSP, NBSP = "\u202f", "\xa0"


@pytest.mark.parametrize(
    ("language", "with_cents", "whole"),
    [
        ("fr", f"1{NNBSP}234,50{NBSP}€", f"2{NNBSP}500{NBSP}€"),
        ("nl", f"€{NBSP}1.234,50", f"€{NBSP}2.500"),
        ("de", f"1.234,50{NBSP}€", f"2.500{NBSP}€"),
        ("en", "€1,234.50", "€2,500"),
    ],
)
def test_money_in_each_language(language, with_cents, whole):
    assert format_money(123_450, language) == with_cents
    assert format_money(250_000, language) == whole


def test_cents_always_show_two_digits_and_nothing_shows_as_nothing():
    assert format_money(2_550, "en") == "€25.50"
    assert format_money(5, "fr") == f"0,05{NBSP}€"
    assert format_money(0, "de") == f"0{NBSP}€"
    assert format_money(None, "fr") == ""


def test_an_unknown_language_falls_back_to_french_and_the_active_one_is_the_default():
    assert format_money(123_450, "xx") == f"1{NNBSP}234,50{NBSP}€"

    with translation.override("en"):
        assert format_money(123_450) == "€1,234.50"


@pytest.mark.parametrize(
    ("language", "number", "date"),
    [
        ("fr", f"1{NNBSP}234,5", "3 décembre 2026"),
        ("nl", "1.234,5", "3 december 2026"),
        ("de", "1.234,5", "3. Dezember 2026"),
        ("en", "1,234.5", "December 3, 2026"),
    ],
)
def test_numbers_and_dates_in_each_language(language, number, date):
    assert format_number(1234.5, language) == number
    assert format_date(datetime.date(2026, 12, 3), language) == date
