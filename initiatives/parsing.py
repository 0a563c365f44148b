"""Reading money and dates as people here type them: one reading for the forms, the live eligibility panel,
the admin and the imports.

- Money in whole đồng: 15.000.000, 15 000 000, 15000000 (and a ₫, đ, VNĐ or "đồng" beside it). Anything that
  could mean two amounts (15.5, 1,5, 1.5000) is refused rather than guessed: "15.000.000" once became 15 ₫.
- Dates day first: dd/mm/yyyy, d/m/yyyy, dd.mm.yyyy, dd-mm-yyyy, dd/mm/yy (and yyyy-mm-dd, as spreadsheets
  and browsers write it).

Both raise ValueError with a message for people (Vietnamese in the portal) and return None for blank input.
"""

import datetime
import re
from decimal import Decimal

from django.utils.translation import gettext as _

MAX_AMOUNT_VND = 10**15  # a thousand trillion đồng: beyond it a zero too many, not an amount

_CURRENCY = re.compile(r"(₫|vnđ|vnd|đồng|dong|đ)\.?$|^(₫|vnđ|vnd)", re.IGNORECASE)
# Spaces people and spreadsheets put between groups of digits: ordinary, no-break, narrow no-break, thin.
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_PLAIN = re.compile(r"\d+")
_GROUPED = re.compile(r"\d{1,3}(?P<sep>[. ,])\d{3}(?:(?P=sep)\d{3})*")
_ZERO_DECIMALS = re.compile(r"(?P<whole>.+),0{1,2}")  # 15.000.000,00 as a spreadsheet writes it


def parse_money_vnd(text):
    """A whole number of đồng from what was typed, or None when nothing was. ValueError when it cannot be read
    for certain."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise ValueError(_("“%(value)s” is not an amount of money.") % {"value": text})
    if isinstance(text, int):
        return _checked_amount(text, str(text))
    if isinstance(text, (float, Decimal)):
        if text != int(text):
            raise ValueError(_("An amount is a whole number of đồng; “%(value)s” is not.") % {"value": text})
        return _checked_amount(int(text), str(text))
    shown = str(text).strip()
    value = _SPACES.sub(" ", shown).strip()
    value = _CURRENCY.sub("", value).strip()
    if not value:
        return None if not shown else _not_money(shown)
    if value.startswith("-"):
        raise ValueError(_("An amount cannot be negative."))
    zero_decimals = _ZERO_DECIMALS.fullmatch(value)
    if zero_decimals and "," not in zero_decimals["whole"]:
        value = zero_decimals["whole"]
    if _PLAIN.fullmatch(value):
        return _checked_amount(int(value), shown)
    grouped = _GROUPED.fullmatch(value)
    # "1,500" is one and a half in Vietnamese and fifteen hundred in English: only a longer run of commas is sure.
    if grouped and not (grouped["sep"] == "," and value.count(",") == 1):
        return _checked_amount(int(re.sub(r"\D", "", value)), shown)
    if re.fullmatch(r"[\d., ]+", value) and re.search(r"\d", value):
        raise ValueError(
            _(
                "“%(value)s” could be read as more than one amount. Write whole đồng, with a dot between each "
                "group of three digits: for example 15.000.000."
            )
            % {"value": shown}
        )
    return _not_money(shown)


def _not_money(shown):
    raise ValueError(
        _("“%(value)s” is not an amount of money: write it in đồng, for example 15.000.000.") % {"value": shown}
    )


def _checked_amount(amount, shown):
    if amount < 0:
        raise ValueError(_("An amount cannot be negative."))
    if amount > MAX_AMOUNT_VND:
        raise ValueError(_("“%(value)s” is too large: check the number of zeros.") % {"value": shown})
    return amount


_DAY_FIRST = re.compile(r"(?P<day>\d{1,2})(?P<sep>[/.\-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})")
_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")


def parse_date(text, *, today=None):
    """A date from what was typed, day first, or None when nothing was. A two-digit year is this century's
    unless that would put it more than ten years ahead (15/09/21 is 2021, 02/05/68 is 1968)."""
    if text is None:
        return None
    if isinstance(text, datetime.datetime):
        return text.date()
    if isinstance(text, datetime.date):
        return text
    shown = str(text).strip()
    if not shown:
        return None
    match = _DAY_FIRST.fullmatch(shown) or _ISO.fullmatch(shown)
    if match is None:
        raise ValueError(_("Date not understood, write dd/mm/yyyy (for example 15/09/2021)."))
    day, month, year = int(match["day"]), int(match["month"]), int(match["year"])
    if len(match["year"]) == 2:
        this_year = (today or datetime.date.today()).year
        year += 2000 if 2000 + year <= this_year + 10 else 1900
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(
            _("There is no such day as %(value)s: check the day and the month (dd/mm/yyyy).") % {"value": shown}
        ) from None
