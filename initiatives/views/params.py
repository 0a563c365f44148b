"""Reading what a browser sent in the query string: never trusted, never a 500."""

def parse_id(value):
    """A database id (or a page, a year) from what a browser sent, or None: plain ASCII digits only, of a sensible
    length ("²" and a 5,000-digit number are not numbers here)."""
    value = (value or "").strip() if isinstance(value, str) else ""
    if value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None

