"""Vietnamese alphabetical order for lists of branches and people: a ă â b c d đ e ê … o ô ơ … u ư …, tones in
their order (none, huyền, hỏi, ngã, sắc, nặng), case last — the order of ICU's Vietnamese collation.

One helper orders every list: `by_vietnamese("name")` in `order_by(...)`. On PostgreSQL it is ICU's collation
"vi-x-icu" (`COLLATE`); on SQLite the same order comes from `sort_key`, registered on each connection as the
collation "vi" (initiatives.apps). In Python, `sorted(rows, key=sort_key)`.
"""
import unicodedata

from django.db.models import F, OrderBy
from django.db.models.expressions import Func

POSTGRESQL_COLLATION = "vi-x-icu"
SQLITE_COLLATION = "vi"

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
RANK = {letter: index for index, letter in enumerate(ALPHABET)}
# Marks that make another letter (ă, â, ê, ô, ơ, ư) and marks that are tones, in the tones' order.
LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letters(text):
    """(letter with its letter-making marks, tone, is_upper) for each character of `text`."""
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        tone = 0
        letter_marks = ""
        for mark in marks:
            if mark in TONES:
                tone = TONES[mark]
            elif mark in LETTER_MARKS:
                letter_marks += mark
        letter = unicodedata.normalize("NFC", base + letter_marks)
        yield letter.lower(), tone, letter != letter.lower()


def _primary(letter):
    if letter in RANK:
        return (3, RANK[letter])
    if letter.isdigit():
        return (2, ord(letter))
    if letter.isspace():
        return (0, 0)
    if not letter.isalnum():
        return (1, ord(letter))
    return (4, ord(letter))


def sort_key(text):
    """A key that sorts strings in Vietnamese order: letters first, then tones, then case."""
    letters = list(_letters(text or ""))
    return (
        tuple(_primary(letter) for letter, _, _ in letters),
        tuple(tone for _, tone, _ in letters),
        tuple(upper for _, _, upper in letters),
    )


def sqlite_collation(left, right):
    """The SQLite collation function: negative, zero or positive like strcmp."""
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


class Vietnamese(Func):
    """A text column compared in Vietnamese order (COLLATE), whichever database runs the query."""

    template = "%(expressions)s"

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template=f'%(expressions)s COLLATE "{POSTGRESQL_COLLATION}"',
                           **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template=f"%(expressions)s COLLATE {SQLITE_COLLATION}", **extra)


def by_vietnamese(field, descending=False):
    """An ordering for order_by(): `field` (a column or a related one, "branch__name") in Vietnamese order."""
    return OrderBy(Vietnamese(F(field)), descending=descending)


def register_sqlite_collation(sender, connection, **kwargs):
    """connection_created receiver: teach each SQLite connection the "vi" collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, sqlite_collation)
