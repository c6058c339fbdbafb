"""Enterprise and national register numbers: check digits, birth dates, the 2000 rule, masks."""

from django.core.exceptions import ValidationError

import pytest

from tax.identifiers import (
    mask_national_number,
    normalize_enterprise_number,
    normalize_national_number,
)
from tests.tax.conftest import ALICE, BOB


@pytest.mark.parametrize(
    "value", ["85.07.30-033.28", "85073003328", "85 07 30 033 28", "85-07-30-033-28"]
)
def test_a_valid_national_number_is_accepted_in_any_usual_writing(value):
    assert normalize_national_number(value) == ALICE


def test_people_born_from_2000_have_their_check_digits_computed_with_a_leading_2():
    assert normalize_national_number("01.02.03-123.45") == BOB
    # The same first nine digits with the 20th-century check digits: someone born in 1901.
    assert normalize_national_number("01.02.03-123.16") == "01020312316"
    # The 2000 rule cannot give a birth date in the future (2085 here).
    future = _with_check("850730033", year2000=True)
    with pytest.raises(ValidationError) as error:
        normalize_national_number(future)
    assert error.value.code == "checksum"


@pytest.mark.parametrize("value", ["85073003329", "85073003327", "01020312346"])
def test_bad_check_digits_are_refused(value):
    with pytest.raises(ValidationError) as error:
        normalize_national_number(value)
    assert error.value.code == "checksum"


@pytest.mark.parametrize("value", ["8507300332", "850730033288", "85O73003328", ""])
def test_anything_but_eleven_digits_is_refused(value):
    with pytest.raises(ValidationError) as error:
        normalize_national_number(value)
    assert error.value.code == "invalid"


def _with_check(nine, year2000=False):
    body = int(nine) + (2_000_000_000 if year2000 else 0)
    return f"{nine}{97 - body % 97:02d}"


def test_the_birth_date_part_must_be_a_date():
    with pytest.raises(ValidationError) as error:
        normalize_national_number(_with_check("851330033"))  # month 13
    assert error.value.code == "birth_date"
    with pytest.raises(ValidationError) as error:
        normalize_national_number(_with_check("850230033"))  # 30 February
    assert error.value.code == "birth_date"
    # Unknown month and day (00) and "bis" numbers (month + 20 or + 40) are valid.
    assert normalize_national_number(_with_check("850000033"))
    assert normalize_national_number(_with_check("852730033"))
    assert normalize_national_number(_with_check("044730033", year2000=True))


def test_a_number_is_only_ever_shown_masked():
    assert mask_national_number(ALICE) == "••.••.••-•••.•8"
    assert ALICE[:-1] not in mask_national_number(ALICE)


@pytest.mark.parametrize("value", ["0203.201.340", "0203201340", "BE 0203 201 340", "BE0203201340"])
def test_a_valid_enterprise_number(value):
    assert normalize_enterprise_number(value) == "0203201340"


@pytest.mark.parametrize("value", ["0203.201.341", "2203.201.340", "203201340", "02032013400"])
def test_an_invalid_enterprise_number_is_refused(value):
    with pytest.raises(ValidationError):
        normalize_enterprise_number(value)
