"""Rows of a write-only sheet written as XML text, not built as an element tree cell by cell.

openpyxl serialises each cell of a write-only sheet by building an element and handing it to its incremental XML
writer: at 100,000 rows × 17 columns that is 60% of an export's time. `FastRowWriter.write_row` writes the same
bytes (tests/initiatives/test_report_row_xml.py compares them with openpyxl's own output) straight to the
writer's output. It knows the cells the reports make (text, numbers, booleans, dates, empty styled cells) and
hands anything else (a formula, rich text, a comment, a hyperlink) and any other XML writer (lxml's) back to
openpyxl's own `write_row`.
"""

import re
from datetime import date, datetime, timedelta

from openpyxl.cell._writer import write_cell
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.functions import Element, SubElement

from .cells import CachedFormula

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_MARKUP = re.compile("[&<>]")
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;",
                            "\r": "&#13;", "\t": "&#09;"})
_SIMPLE_TYPES = {"s", "n", "b", "d"}


class _NotSimple(Exception):
    """A cell this writer leaves to openpyxl."""


def use_fast_rows(ws):
    """Make the write-only sheet `ws` write its rows through FastRowWriter (call before its first row)."""

    def get_writer():
        if ws._writer is None:
            ws._writer = FastRowWriter(ws)
            ws._writer.write_top()

    ws._get_writer = get_writer


class FastRowWriter(WorksheetWriter):
    _letters = {}

    def write_row(self, xf, row, row_idx):
        output = getattr(xf, "_file", None)  # et_xmlfile's writer; lxml's has no raw output
        row = list(row)
        if output is None:
            if any(isinstance(cell._value, CachedFormula) for cell in row):
                return self._write_row_with_totals(xf, row, row_idx)
            return super().write_row(xf, row, row_idx)
        try:
            cells = "".join(self._cell(cell, row_idx) for cell in row)
        except _NotSimple:
            return super().write_row(xf, row, row_idx)
        attributes = {"r": str(row_idx), **dict(self.ws.row_dimensions.get(row_idx, {}))}
        output(f"<row {_attributes(attributes)}>{cells}</row>")

    def _write_row_with_totals(self, xf, row, row_idx):
        """openpyxl's write_row (lxml's writer), a total's formula written with its value."""
        attributes = {"r": str(row_idx), **dict(self.ws.row_dimensions.get(row_idx, {}))}
        with xf.element("row", attributes):
            for cell in row:
                if isinstance(cell._value, CachedFormula):
                    style = {"s": str(cell.style_id)} if cell.has_style else {}
                    element = Element("c", {"r": cell.coordinate, **style})
                    SubElement(element, "f").text = cell._value[1:]
                    SubElement(element, "v").text = safe_string(cell._value.cached)
                    xf.write(element)
                elif cell._value is not None or cell.has_style:
                    write_cell(xf, self.ws, cell, cell.has_style)

    def _cell(self, cell, row_idx):
        value = cell._value
        styled = cell.has_style
        if value is None and not styled and cell._comment is None:
            return ""
        data_type = cell.data_type
        if isinstance(value, CachedFormula) and cell._comment is None and not cell.hyperlink:
            # The report's own formula and its value now (openpyxl alone writes the formula only).
            letter = self._letters.get(cell.column) or get_column_letter(cell.column)
            head = f'<c r="{letter}{row_idx}"' + (f' s="{cell.style_id}"' if styled else "")
            return f"{head}><f>{value[1:].translate(_TEXT)}</f><v>{safe_string(value.cached)}</v></c>"
        if data_type not in _SIMPLE_TYPES or cell._comment is not None or cell.hyperlink:
            raise _NotSimple
        letter = self._letters.get(cell.column)
        if letter is None:
            letter = self._letters[cell.column] = get_column_letter(cell.column)
        head = f'<c r="{letter}{row_idx}"'
        if styled:
            head += f' s="{cell.style_id}"'
        if data_type == "s":
            if value is None or value == "":
                return head + ' t="inlineStr" />'
            if not isinstance(value, str):
                raise _NotSimple  # rich text
            stripped = value.strip()
            space = ' xml:space="preserve"' if stripped and stripped != value else ""
            if _MARKUP.search(value):
                value = value.translate(_TEXT)
            return f'{head} t="inlineStr"><is><t{space}>{value}</t></is></c>'
        if data_type == "d":
            if not isinstance(value, (date, datetime)) or isinstance(value, timedelta):
                raise _NotSimple
            if getattr(value, "tzinfo", None) is not None or self.ws.parent.iso_dates:
                raise _NotSimple  # openpyxl refuses the first and writes the second as ISO text
            head += ' t="n"'
            value = to_excel(value, self.ws.parent.epoch)
        else:
            head += f' t="{data_type}"'
        if value is None or value == "":
            return head + " />"
        text = safe_string(value)  # "" for NaN and infinities
        return f"{head}><v>{text.translate(_TEXT)}</v></c>" if text else f"{head}><v /></c>"


def _attributes(attributes):
    return " ".join(f'{name}="{str(value).translate(_ATTRIBUTE)}"' for name, value in attributes.items())
