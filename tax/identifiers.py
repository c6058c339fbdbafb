"""Belgian identifiers checked by their mod-97 check digits: enterprise and national numbers.

An enterprise number (BCE/KBO) has 10 digits: its last two are 97 minus the first eight modulo
97. A national register number has 11: YYMMDD (birth date; month and day may be 00 when unknown,
the month is raised by 20 or 40 for "bis" numbers), a 3-digit sequence, and 2 check digits that
are 97 minus the first nine modulo 97 — for people born from 2000, computed on "2" followed by
those nine digits. The century is known only from which of the two checks holds.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s.\-/]")


def digits_of(value):
    """The value without its usual separators (spaces, dots, dashes, slashes)."""
    return _SEPARATORS.sub("", str(value or ""))


def _this_year():
    return datetime.date.today().year


def _check(number):
    return 97 - number % 97


def normalize_enterprise_number(value):
    """ "0203.201.340" or "BE 0203201340" → "0203201340"; raises ValidationError if invalid."""
    digits = digits_of(value).upper().removeprefix("BE")
    if not re.fullmatch(r"[01]\d{9}", digits):
        raise ValidationError(
            _("An enterprise number has 10 digits and starts with 0 or 1 (0203.201.340)."),
            code="invalid",
        )
    if _check(int(digits[:8])) != int(digits[8:]):
        raise ValidationError(
            _("This enterprise number's check digits are wrong: check it on your BCE/KBO papers."),
            code="checksum",
        )
    return digits


def format_enterprise_number(digits):
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def validate_enterprise_number(value):
    normalize_enterprise_number(value)


def _is_birth_date(digits, century):
    """Whether YYMMDD is a real date (a month or day of 00 stands for "unknown")."""
    year, month, day = int(digits[:2]), int(digits[2:4]) % 20, int(digits[4:6])
    if month == 0 or day == 0:
        return True
    try:
        datetime.date(century + year, month, day)
    except ValueError:
        return False
    return True


def normalize_national_number(value):
    """ "85.07.30-033.61" → "85073003361"; raises ValidationError (with a reason) if invalid."""
    digits = digits_of(value)
    if not re.fullmatch(r"\d{11}", digits):
        raise ValidationError(
            _("A national register number has 11 digits (YY.MM.DD-XXX.CC)."), code="invalid"
        )
    month = int(digits[2:4])
    if month % 20 > 12 or month > 52 or int(digits[4:6]) > 31:
        raise ValidationError(
            _("The first six digits of a national register number are a birth date (YYMMDD)."),
            code="birth_date",
        )
    body, check = int(digits[:9]), int(digits[9:])
    if _check(body) == check:
        century = 1900
    elif _check(2_000_000_000 + body) == check and 2000 + int(digits[:2]) <= _this_year():
        century = 2000
    else:
        raise ValidationError(
            _("This national register number's check digits are wrong: check it on your ID card."),
            code="checksum",
        )
    if not _is_birth_date(digits, century):
        raise ValidationError(
            _("The first six digits of a national register number are a birth date (YYMMDD)."),
            code="birth_date",
        )
    return digits


def mask_national_number(digits):
    """What anyone is ever shown of a stored number: its last digit."""
    if not digits:
        return ""
    return "••.••.••-•••.•" + digits[-1]


def format_national_number(digits):
    """YY.MM.DD-XXX.CC, as printed on the attestation (never on a page or in the API)."""
    if not digits:
        return ""
    return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:]}"
