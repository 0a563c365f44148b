"""Safe cells: what a user typed is written as text, whatever it starts with, and every value a report holds can
be written (through the report writer, reporting/workbook.py, and read back with openpyxl)."""
import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from reporting import workbook as wb

RISKY = ['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "#N/A", "=1"]
COLUMNS = [
    wb.Column("Số TT", 6, wb.INDEX),
    wb.Column("Tên sáng kiến", 40),
    wb.Column("Ngày", 12, wb.DATE),
    wb.Column("Làm lợi", 14, wb.MONEY, total=True),
    wb.Column("Tỷ lệ", 8, wb.PERCENT),
    wb.Column("Ẩn", 8, hidden=True),
]
ISSUER = wb.Issuer(upper_body="LĐLĐ TỈNH QUẢNG TRỊ", body="LĐLĐ HUYỆN VĨNH LINH", reference="12/BC-LĐLĐ",
                   on_behalf="TM. BAN THƯỜNG VỤ", signer_title="CHỦ TỊCH", signer_name="Nguyễn Văn A",
                   place_name="Vĩnh Linh", recipients=("LĐLĐ tỉnh",))


def written(rows, *, data_only=False, raw=False):
    book = wb.OfficialWorkbook(ISSUER, today=datetime.date(2024, 3, 5))
    book.add_table("Danh sách", title="DANH SÁCH THỬ", columns=COLUMNS, rows=iter(rows), total_label="Tổng cộng")
    output = io.BytesIO()
    book.save(output)
    if raw:
        with zipfile.ZipFile(output) as archive:
            return archive.read("xl/worksheets/sheet1.xml")
    return load_workbook(io.BytesIO(output.getvalue()), data_only=data_only).worksheets[0]


def data_rows(ws):
    start = int(ws.freeze_panes[1:])
    return [row for row in ws.iter_rows(min_row=start) if isinstance(row[0].value, int)]


def round_trip(text_values):
    """The cells of the title column for each value."""
    return [row[1] for row in data_rows(written([[n, value] + [None] * 4 for n, value in
                                                 enumerate(text_values, 1)]))]


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


def test_spaces_and_markup_are_kept():
    cells = round_trip(["  lề trái và phải  ", 'Sáng kiến <cải tiến> & "tiết kiệm"', "dòng một\ndòng hai"])
    assert [cell.value for cell in cells] == ["  lề trái và phải  ", 'Sáng kiến <cải tiến> & "tiết kiệm"',
                                              "dòng một\ndòng hai"]


def test_every_kind_of_value_is_written_as_itself():
    rows = [
        [1, "a", datetime.date(2021, 9, 1), 1_234_567, 0.25, "ẩn"],
        [2, "b", datetime.datetime(2022, 3, 5, 14, 30), Decimal("10.50"), True, ""],
        [3, "c", "chữ trong cột ngày", None, "chữ", None],
        [4, "d", None, None, float("nan"), None],
        [5, "e", None, None, float("inf"), None],
        [6, "", "", "", "", ""],
    ]
    ws = written(rows)
    one, two, three, four, five, six = data_rows(ws)
    assert one[2].value == datetime.datetime(2021, 9, 1) and one[2].number_format == wb.DATE_FORMAT
    assert one[3].value == 1_234_567 and one[3].number_format == wb.MONEY_FORMAT
    assert one[4].value == 0.25 and one[4].number_format == wb.PERCENT_FORMAT
    assert one[5].value == "ẩn"
    assert two[2].value == datetime.datetime(2022, 3, 5, 14, 30)
    assert two[3].value == 10.5 and two[4].value is True
    assert three[2].value == "chữ trong cột ngày" and three[2].data_type == "s"
    # A number no cell can hold is left empty, not a broken file; empty cells keep their borders.
    assert four[4].value is None and five[4].value is None
    assert six[1].value is None and six[1].border.left.style == "thin"
    # A date in a column of another kind still shows as a date.
    ws = written([[1, datetime.date(2024, 1, 2), None, None, None, None]])
    assert data_rows(ws)[0][1].is_date


def test_the_totals_row_is_a_formula_written_with_its_value():
    rows = [[1, "a", None, 1_000, None, None], [2, "b", None, Decimal("234.5"), None, None]]
    xml = written(rows, raw=True)
    first = data_rows(written(rows))[0][0].row
    assert f"<f>SUM(D{first}:D{first + 1})</f><v>1234.5</v>".encode() in xml
    ws = written(rows, data_only=True)
    assert any(cell.value == 1234.5 for row in ws.iter_rows() for cell in row)


def test_sheet_names_are_valid_and_unique_as_excel_compares_them():
    taken = {"danh sách"}
    assert wb.sheet_name("DANH SÁCH", taken) == "DANH SÁCH (2)"
    assert wb.sheet_name("'Báo cáo'") == "Báo cáo"
    assert wb.sheet_name("a/b:c" + "x" * 40) == ("a b c" + "x" * 40)[:31]


def test_past_the_fitted_rows_a_table_row_keeps_the_sheets_height(monkeypatch):
    """A row fitted to its wrapped text costs the writer memory until the end: a very long list (past
    FITTED_ROWS) keeps its memory flat with the sheet's own row height, which the file states."""
    monkeypatch.setattr(wb, "FITTED_ROWS", 2)
    long_title = "Cải tiến quy trình tiếp nhận và trả kết quả hồ sơ hành chính một cửa liên thông " * 2
    ws = written([[n, long_title, None, None, None, None] for n in range(1, 5)])
    heights = [ws.row_dimensions[row[0].row].height for row in data_rows(ws)]
    assert heights[0] > wb.TABLE_ROW_HEIGHT and heights[1] > wb.TABLE_ROW_HEIGHT
    assert heights[2:] == [wb.as_written(wb.TABLE_ROW_HEIGHT)] * 2  # the sheet's own row height


def test_a_row_grows_to_its_wrapped_text_also_in_a_value_of_another_kind():
    """Printed, a row is never shorter than its text: a section heading's definition written as a Value in a
    column of another kind wraps like any text, and a name that just overflows its column (22 characters in a
    column of 20 units wrap in LibreOffice: tests/initiatives/test_reports_printing.py prints the reports)."""
    definition = "Số sáng kiến của Chương trình ở từng trạng thái tính đến hôm nay, kể cả bản nháp."
    assert wb.row_height([wb.Value(definition, wb.TEXT)], [30]) == 3 * wb.LINE_HEIGHT + 3
    assert wb.row_height(["CĐCS thị trấn Cửa Tùng"], [(20 - 1) * wb.CHARACTERS_PER_WIDTH]) == 2 * wb.LINE_HEIGHT + 3
    assert wb.row_height(["CĐCS Trạm Y tế"], [(20 - 1) * wb.CHARACTERS_PER_WIDTH]) is None
