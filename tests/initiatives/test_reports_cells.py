"""Safe cells: what a user typed is written as text, whatever it starts with, and can always be written."""
import datetime
import io

import pytest
from openpyxl import Workbook, load_workbook

from initiatives.reports.cells import text_cell, value_cell

RISKY = ['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "#N/A", "=1"]


def round_trip(values):
    book = Workbook(write_only=True)
    ws = book.create_sheet("s")
    ws.append([value_cell(ws, value, row=1, column=index) for index, value in enumerate(values, 1)])
    buffer = io.BytesIO()
    book.save(buffer)
    return list(load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0].iter_rows())[0]


@pytest.mark.parametrize("text", RISKY)
def test_risky_text_stays_a_string(text):
    (cell,) = round_trip([text])
    assert cell.data_type == "s"
    assert cell.value.strip() == text.strip()
    assert cell.quotePrefix


def test_plain_text_has_no_quote_prefix():
    (cell,) = round_trip(["Sổ liên lạc điện tử"])
    assert cell.data_type == "s" and not cell.quotePrefix


def test_control_characters_are_dropped_not_a_crash():
    (cell,) = round_trip(["Tên\x0bsáng\x00kiến"])
    assert cell.value == "Tênsángkiến"


def test_numbers_and_dates_keep_their_type():
    number, day = round_trip([1234567, datetime.date(2022, 3, 1)])
    assert number.data_type == "n" and number.value == 1234567
    assert day.is_date


def test_text_cell_forces_string_even_for_digits_like_text():
    book = Workbook(write_only=True)
    ws = book.create_sheet("s")
    cell = text_cell(ws, "=1+1", row=1, column=1)
    assert cell.data_type == "s"
