"""Reading what a browser sent in the query string: never trusted, never a 500."""

import re

QUARTER_KEY = re.compile(r"\d{4}-Q[1-4]")


def parse_id(value):
    """A database id (or a page, a year) from what a browser sent, or None: plain ASCII digits only, of a sensible
    length ("²" and a 5,000-digit number are not numbers here)."""
    value = (value or "").strip() if isinstance(value, str) else ""
    if value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


def quarter_key(value):
    """"2022-Q3", or None for anything else."""
    return value if isinstance(value, str) and QUARTER_KEY.fullmatch(value) else None
