"""Report rows written as XML text (initiatives/reports/row_xml.py) are byte for byte what openpyxl itself writes,
for every kind of value a report holds."""

import datetime
import io
import re
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from initiatives.reports import workbook
from initiatives.reports.row_xml import FastRowWriter
from initiatives.reports.workbook import Column, Issuer, OfficialWorkbook

COLUMNS = [
    Column("Số TT", 6, workbook.INDEX),
    Column("Tên sáng kiến", 40),
    Column("Ngày", 12, workbook.DATE),
    Column("Làm lợi", 14, workbook.MONEY, total=True),
    Column("Tỷ lệ", 8, workbook.PERCENT),
    Column("Ẩn", 8, hidden=True),
]
ROWS = [
    [1, "Sáng kiến <cải tiến> & \"tiết kiệm\"", datetime.date(2021, 9, 1), 1_234_567, 0.25, "x"],
    [2, "  lề trái và phải  ", datetime.date(2023, 9, 1), Decimal("10.50"), 1.0, ""],
    [3, "=SUM(A1:A2)", None, None, None, None],  # a formula typed by a user stays text
    [4, "+84 912 345 678", datetime.datetime(2022, 3, 5, 14, 30), 0, True, "a\tb"],
    [5, "dòng một\ndòng hai\r\nba", datetime.date(1999, 12, 31), -5, 0.0, "\x07bị bỏ"],
    [6, "", "", "", "", ""],
    [7, "   ", "chữ trong cột ngày", Decimal("3.5"), "chữ", None],
]


def sheet_xml(monkeypatch, fast):
    if not fast:
        monkeypatch.setattr(workbook, "use_fast_rows", lambda ws: None)
    issuer = Issuer(upper_body="LĐLĐ TỈNH QUẢNG TRỊ", body="LĐLĐ HUYỆN VĨNH LINH", reference="12/BC-LĐLĐ",
                    on_behalf="TM. BAN THƯỜNG VỤ", signer_title="CHỦ TỊCH", signer_name="Nguyễn Văn A",
                    place_name="Vĩnh Linh", recipients=("LĐLĐ tỉnh",))
    book = OfficialWorkbook(issuer, today=datetime.date(2024, 3, 5))
    book.add_table("Danh sách", title="DANH SÁCH THỬ", columns=COLUMNS, rows=iter(ROWS), total_label="Tổng cộng")
    output = io.BytesIO()
    book.save(output)
    monkeypatch.undo()
    assert isinstance(book.book.worksheets[0]._writer, FastRowWriter) == fast
    with zipfile.ZipFile(output) as archive:
        return archive.read("xl/worksheets/sheet1.xml"), output


def without_cached_totals(xml):
    """openpyxl writes a formula without its value; the fast writer adds the total's value (CachedFormula)."""
    return re.sub(rb"(</f>)(<v>[^<]*</v>|<v ?/>)", rb"\1<v/>", xml)


def test_rows_are_the_bytes_openpyxl_writes(monkeypatch):
    fast, fast_file = sheet_xml(monkeypatch, fast=True)
    stock, _ = sheet_xml(monkeypatch, fast=False)
    assert b"<f>SUM(D8:D14)</f><v>1234576</v>" in fast  # the totals row: the formula and its value now
    assert without_cached_totals(fast) == without_cached_totals(stock)
    sheet = load_workbook(fast_file).active
    assert any(cell.value == "=SUM(A1:A2)" and cell.data_type == "s" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_numbers_a_sheet_cannot_hold_are_written_as_openpyxl_writes_them(monkeypatch, value):
    global ROWS
    saved = ROWS
    ROWS = [[1, "x", None, value, None, None]]
    try:
        fast, stock = sheet_xml(monkeypatch, fast=True)[0], sheet_xml(monkeypatch, fast=False)[0]
        assert without_cached_totals(fast) == without_cached_totals(stock)
    finally:
        ROWS = saved
