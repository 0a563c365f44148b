"""Cells that are safe to hand to a spreadsheet: what a user typed is never run as a formula.

openpyxl turns any string starting with "=" into a formula and "#N/A"-like strings into errors;
a spreadsheet program also reads text starting with +, -, @, a tab or a carriage return as the
start of a formula when the cell is edited. Every text value of a report goes through
`text_cell`, which keeps the cell's type a string and, for those leading characters, sets the
cell's quote prefix (Excel's leading apostrophe) so it stays text when edited too.
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.styles.numbers import is_date_format

from ..xml_safety import xml_safe

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32_767


def clean_text(value):
    """`value` as text a worksheet can hold: valid XML 1.0 (`xml_safe`), at most 32,767 characters."""
    return xml_safe(value)[:MAX_CELL_TEXT]


def looks_like_formula(text):
    return text.startswith(FORMULA_TRIGGERS) or text.strip() in ERROR_CODES


def text_cell(worksheet, value, style_array=None, *, row=None, column=None):
    """A cell holding `value` as a string, whatever its first character."""
    text = clean_text(value)
    cell = Cell(worksheet, row=row, column=column, value=text, style_array=style_array)
    cell.data_type = "s"
    if looks_like_formula(text):
        cell.quotePrefix = True
    return cell


class PreparedStyle:
    """A workbook's style, registered once: its cells share the style array and know their style id, instead
    of copying the array and looking the id up again for every one of 100,000 rows × 20 columns."""

    def __init__(self, cell):
        """From a cell (of the workbook) carrying the style."""
        self.array = cell._style
        self.id = cell.style_id
        self.is_date = is_date_format(cell.number_format)


class PreparedCell(Cell):
    """A cell sharing a PreparedStyle; nothing may change its style (see `value_cell`)."""

    __slots__ = ("_prepared_style_id",)

    @property
    def style_id(self):
        return self._prepared_style_id


def _prepared_cell(worksheet, value, style, row, column):
    cell = PreparedCell(worksheet, row=row, column=column)
    cell._style = style.array  # shared, never modified: values that would modify it take the other path
    cell._prepared_style_id = style.id
    if value is not None:
        # What openpyxl's value setter would decide, without its checks: `_fast_value` has cleaned the text,
        # kept formulas and error codes out (they take the other path) and allowed dates only in date columns.
        cell._value = value
        cell.data_type = _DATA_TYPES.get(type(value)) or _data_type(value)
    return cell


_DATA_TYPES = {str: "s", bool: "b", int: "n", float: "n", Decimal: "n", datetime.date: "d"}


def _data_type(value):
    if isinstance(value, str):
        return "s"
    if isinstance(value, bool):
        return "b"
    return "d" if isinstance(value, datetime.date) else "n"


class CachedFormula(str):
    """A formula the report writes itself (never from user input), with the value it has now: "=SUM(K10:K44)"
    and 1234567. Both are written, so a reader that does not calculate (a phone viewer, a script) sees the value
    and a clerk who corrects a row sees the total follow."""

    def __new__(cls, formula, cached):
        text = super().__new__(cls, formula if formula.startswith("=") else "=" + formula)
        text.cached = cached
        return text


def formula_cell(worksheet, formula, style, *, row=None, column=None):
    """A cell holding a CachedFormula, in a PreparedStyle."""
    cell = PreparedCell(worksheet, row=row, column=column)
    cell._style = style.array
    cell._prepared_style_id = style.id
    cell._value = formula
    cell.data_type = "f"
    return cell


def value_cell(worksheet, value, style=None, *, row=None, column=None):
    """A cell for any report value: numbers and dates as such, everything else as safe text.

    `style` is a PreparedStyle, a style array, or None; `row` and `column` are where the cell goes (a write-only
    sheet sets them again on append)."""
    if isinstance(style, PreparedStyle):
        fast = _fast_value(value, style)
        if fast is not _SLOW:
            return _prepared_cell(worksheet, fast, style, row, column)
        style = style.array
    style_array = style
    if value is None or value == "":
        if style_array is None:
            return None
        return Cell(worksheet, row=row, column=column, style_array=style_array)
    if isinstance(value, bool):
        return Cell(worksheet, row=row, column=column, value=value, style_array=style_array)
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: show the local wall-clock time.
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.replace(tzinfo=None)
    if isinstance(value, (int, float, Decimal, datetime.date)):
        return Cell(worksheet, row=row, column=column, value=value, style_array=style_array)
    return text_cell(worksheet, value, style_array, row=row, column=column)


_SLOW = object()


def _fast_value(value, style):
    """The value to put in a shared-style cell, or _SLOW when the cell needs its own style: text that needs a
    quote prefix, or a date in a column without a date format (openpyxl would give it one)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = clean_text(value)
        if looks_like_formula(text):
            return _SLOW
        return text
    if isinstance(value, bool):
        return value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return _SLOW if not style.is_date or isinstance(value, datetime.datetime) else value
    if isinstance(value, (int, float, Decimal)):
        return value
    return _SLOW
