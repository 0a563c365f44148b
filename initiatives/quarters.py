"""Calendar quarters, the one place they are worked out: the key the JSON, the query string and the code use
("2021-Q3"), the number the tallies store (year × 10 + quarter: 20213), the label people read ("Quý 3/2021"),
and the quarters a span of dates covers. Used by the dashboard's figures, the awards' ranking and the views."""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext

KEY = re.compile(r"(\d{4})-Q([1-4])")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @property
    def key(self):
        return f"{self.year}-Q{self.number}"

    @property
    def tally(self):
        """The quarter as the tallies store it (TallyBranchSent.sent_quarter): year × 10 + quarter."""
        return self.year * 10 + self.number

    @property
    def start(self):
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self):
        if self.number == 4:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, 3 * self.number + 1, 1) - datetime.timedelta(days=1)

    def next(self):
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def __str__(self):
        return label(self.key)

    @classmethod
    def parse(cls, key):
        """"2022-Q1" (or "2022-q1") → Quarter(2022, 1); None for anything else, or a year out of 2000–2100."""
        try:
            year, number = str(key).upper().split("-Q")
            quarter = cls(int(year), int(number))
        except (TypeError, ValueError):
            return None
        return quarter if 1 <= quarter.number <= 4 and 2000 <= quarter.year <= 2100 else None

    @classmethod
    def of(cls, date):
        return cls(date.year, (date.month - 1) // 3 + 1)

    @classmethod
    def of_month(cls, month):
        """The quarter of a month as the tallies store it (yyyymm)."""
        return cls(month // 100, (month % 100 - 1) // 3 + 1)

    @classmethod
    def of_tally(cls, number):
        """The quarter of the tallies' year × 10 + quarter."""
        return cls(number // 10, number % 10)

    @classmethod
    def of_key(cls, key):
        year, number = key.split("-Q")
        return cls(int(year), int(number))


def key(year, number):
    return Quarter(year, number).key


def clean_key(value):
    """"2022-Q3" as a browser sent it, or None for anything else."""
    return value if isinstance(value, str) and KEY.fullmatch(value) else None


def label(key):
    """A quarter as people write it ("Quý 3/2021"), from its key ("2021-Q3"); anything else as it is.
    The one way a quarter is shown: pages, charts, ranking and Excel reports."""
    match = KEY.fullmatch(str(key))
    if not match:
        return str(key)
    return gettext("Quarter %(quarter)s/%(year)s") % {"quarter": match[2], "year": match[1]}


def between(start, end):
    """The calendar quarters from the one holding `start` to the one holding `end`, in order."""
    quarters, current = [], Quarter.of(start)
    while current.start <= end:
        quarters.append(current)
        current = current.next()
    return quarters


def keys_between(start, end):
    """The keys of `between`: ["2021-Q3", "2021-Q4", …]."""
    return [quarter.key for quarter in between(start, end)]


def latest_begun(keys, today):
    """The last of `keys` (in order) that has begun by `today`, the first one if none has, None for none."""
    begun = [k for k in keys if k <= Quarter.of(today).key]
    return begun[-1] if begun else (keys[0] if keys else None)
