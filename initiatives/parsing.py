"""What people type for money and dates, read the Vietnamese way. The web forms (site and admin), the live
eligibility panel and the imports all share it.

- `parse_money_vnd(text) -> int`: "15.000.000", "15 000 000", "15000000", "15.000.000 đ", "15,000,000" are fifteen
  million đồng. Anything that could be read two ways ("15,000": fifteen or fifteen thousand? "1.5") is refused:
  "15.000.000" once became 15 ₫.
- `parse_date(text) -> date`: dd/mm/yyyy, d/m/yyyy, dd.mm.yyyy, dd-mm-yyyy, dd/mm/yy and the ISO yyyy-mm-dd that a
  browser's date input sends. Month-first or year-less dates are refused.

Both also take what a spreadsheet cell holds (a number; a date). Both raise `ValueError` whose message, for people,
says what to write instead. Neither accepts blank text: whether a value is required is the caller's business.
"""

import datetime
import re
import unicodedata
from decimal import Decimal

from django.utils.translation import gettext as _

MAX_AMOUNT_VND = 10**15  # a thousand trillion đồng: beyond it, a zero too many rather than an amount

# Spaces people (and spreadsheets) put between digit groups: space, no-break space, narrow no-break space, thin space.
_SPACES = "\u0020\u00a0\u202f\u2009"
_CURRENCY = re.compile(r"(?:vnđ|vnd|đồng|đ|₫|d)\.?$")


def _money_error(text):
    return ValueError(_("“%(value)s” is not an amount in đồng that can be read one way only: write it as "
                        "15.000.000 or 15000000.") % {"value": text})


def parse_money_vnd(text):
    """A whole, non-negative number of đồng from what a person typed; ValueError (message for people) otherwise."""
    if isinstance(text, bool):
        raise _money_error(text)
    if isinstance(text, (int, float, Decimal)):  # a number cell
        if text != int(text):
            raise ValueError(_("An amount in đồng has no decimals: “%(value)s” cannot be saved as it is.") % {
                "value": text})
        return _within_bounds(int(text), str(text))
    original = str(text).strip()
    value = unicodedata.normalize("NFC", original).lower()
    for space in _SPACES[1:]:
        value = value.replace(space, " ")
    value = _CURRENCY.sub("", value.strip()).strip()
    if not value:
        raise ValueError(_("Write an amount in đồng, e.g. 15.000.000."))
    if value.startswith("-"):
        raise ValueError(_("An amount cannot be negative (%(value)s).") % {"value": original})

    if re.fullmatch(r"\d+", value):
        return _within_bounds(int(value), original)
    whole, decimal_separator = value, None
    # A decimal part: the last separator with one or two digits after it, behind plain digits or digits grouped with
    # another separator (15,5 · 1.234,56 · 1,234.00). Zeros add nothing; anything else is not a whole đồng.
    match = re.fullmatch(r"(.+)([.,])(\d{1,2})", value)
    if match and (re.fullmatch(r"\d+", match.group(1)) or _is_grouped(match.group(1), other_than=match.group(2))):
        whole, decimal_separator, fraction = match.group(1), match.group(2), match.group(3)
        if set(fraction) != {"0"}:
            raise ValueError(_("An amount in đồng has no decimals: “%(value)s” cannot be saved as it is.") % {
                "value": original})
        if re.fullmatch(r"\d+", whole):
            return _within_bounds(int(whole), original)
    separator = _is_grouped(whole)
    if not separator:
        raise _money_error(original)
    if separator == "," and whole.count(",") == 1 and decimal_separator is None:
        raise _money_error(original)  # "15,000": fifteen (Vietnamese decimals) or fifteen thousand (English)?
    return _within_bounds(int(re.sub(r"\D", "", whole)), original)


def _within_bounds(amount, original):
    if amount < 0:
        raise ValueError(_("An amount cannot be negative (%(value)s).") % {"value": original})
    if amount > MAX_AMOUNT_VND:
        raise ValueError(_("“%(value)s” is too large: check the number of zeros.") % {"value": original})
    return amount


def _is_grouped(value, other_than=None):
    """The separator when `value` is digits in groups of three behind one kind of it (1.234.567, 1 234 567)."""
    for separator in (".", ",", " "):
        if separator == other_than:
            continue
        if re.fullmatch(r"\d{1,3}(?:" + re.escape(separator) + r"\d{3})+", value):
            return separator
    return None


_DATE = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(text, *, today=None):
    """A date from dd/mm/yyyy (or d/m/yyyy, dd.mm.yyyy, dd-mm-yyyy, dd/mm/yy, yyyy-mm-dd); ValueError otherwise.

    A two-digit year is this century's unless that would lie in the future, then the last century's (15/09/85 is
    1985: birth dates are typed that way too).
    """
    if isinstance(text, datetime.datetime):  # a date cell
        return text.date()
    if isinstance(text, datetime.date):
        return text
    original = str(text).strip()
    value = "".join(original.split())
    day_month_year = None
    match = _DATE.fullmatch(value)
    if match:
        day, month, year = int(match.group(1)), int(match.group(3)), match.group(4)
        if len(year) == 2:
            today = today or datetime.date.today()
            year = 2000 + int(year) if 2000 + int(year) <= today.year else 1900 + int(year)
        day_month_year = (day, month, int(year))
    match = _ISO_DATE.fullmatch(value)
    if match:
        day_month_year = (int(match.group(3)), int(match.group(2)), int(match.group(1)))
    if day_month_year is not None:
        day, month, year = day_month_year
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise ValueError(
                _("There is no such day as %(value)s: check the day and the month (dd/mm/yyyy).") % {"value": original}
            ) from None
    if not value:
        raise ValueError(_("Write a date as dd/mm/yyyy, e.g. 15/09/2021."))
    raise ValueError(_("Date “%(value)s” not understood: write it as dd/mm/yyyy, e.g. 15/09/2021.") % {
        "value": original})
