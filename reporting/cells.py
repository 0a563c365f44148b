"""Values that are safe to hand to a spreadsheet: what a user typed is never run as a formula.

A spreadsheet program reads text starting with =, +, -, @, a tab or a carriage return as the start of a formula
when the cell is edited, and "#N/A"-like text as an error. The report writer (workbook.py) writes every text
value as a string cell (never through a writer's guessing `write()`), and for text that `looks_like_formula` it
sets the cell's quote prefix (Excel's leading apostrophe) so it stays text when edited too.
"""

from initiatives.xml_safety import xml_safe

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ERROR_CODES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")
MAX_CELL_TEXT = 32_767


def clean_text(value):
    """`value` as text a worksheet can hold: valid XML 1.0 (`xml_safe`), at most 32,767 characters."""
    return xml_safe(value)[:MAX_CELL_TEXT]


def looks_like_formula(text):
    return text.startswith(FORMULA_TRIGGERS) or text.strip() in ERROR_CODES


class CachedFormula(str):
    """A formula the report writes itself (never from user input), with the value it has now: "=SUM(K10:K44)"
    and 1234567. Both are written, so a reader that does not calculate (a phone viewer, a script) sees the value
    and a clerk who corrects a row sees the total follow."""

    def __new__(cls, formula, cached):
        text = super().__new__(cls, formula if formula.startswith("=") else "=" + formula)
        text.cached = cached
        return text
