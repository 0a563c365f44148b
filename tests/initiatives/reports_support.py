"""Helpers for the reports and imports tests: reading a downloaded workbook back, building upload files."""
import datetime
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from initiatives.models import Status
from tests import factories

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_from(response, *, data_only=False):
    """The workbook a download view streamed (`data_only`: formulas read as the values written with them)."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(data), data_only=data_only)


def header_row(ws):
    """The row number of the table's heading row: the panes are frozen just under it."""
    assert ws.freeze_panes, "the heading row is frozen"
    return int(ws.freeze_panes.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) - 1


def column_layout(ws):
    """{column number: (width, hidden)} as the file states them (a <col> element may cover a range of columns of
    the same width)."""
    layout = {}
    for dimension in ws.column_dimensions.values():
        for index in range(dimension.min or 1, (dimension.max or dimension.min or 1) + 1):
            layout[index] = (dimension.width, dimension.hidden)
    return layout


def table(ws):
    """(headings, data rows, totals row) of a report sheet: data rows are those numbered 1, 2, 3…"""
    start = header_row(ws)
    headings = [cell.value for cell in ws[start]]
    rows, totals = [], None
    for row in ws.iter_rows(min_row=start + 1):
        first = row[0].value
        if isinstance(first, int):
            rows.append(row)
        else:
            totals = row
            break
    return headings, rows, totals


def all_cells(book):
    for ws in book.worksheets:
        for row in ws.iter_rows():
            yield from row


OWN_TOTAL = re.compile(r"^=SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$")


def no_formulas(book):
    """The formulas in `book` other than the reports' own totals: a SUM of the cells above it in its own column.
    (What a user typed is never a formula.)"""
    strays = []
    for cell in all_cells(book):
        if cell.data_type != "f":
            continue
        match = OWN_TOTAL.match(str(cell.value))
        if not (match and match[1] == match[3] == cell.column_letter and int(match[4]) < cell.row):
            strays.append(cell.coordinate)
    return strays


def text_of(book):
    return "\n".join(str(cell.value) for cell in all_cells(book) if cell.value is not None)


def sent(branch, title, *, sent_on=datetime.date(2022, 3, 15), **overrides):
    return factories.initiative(branch, title=title, status=Status.SENT_TO_PROVINCE,
                                sent_to_province_date=sent_on, **overrides)


def xlsx_upload(rows, *, name="danh-sach.xlsx", headings=None, sheet_title="Danh sách"):
    """An .xlsx upload with `headings` on row 1 and `rows` below."""
    book = Workbook()
    ws = book.active
    ws.title = sheet_title
    if headings:
        ws.append(headings)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def upload_bytes(data, name="danh-sach.xlsx"):
    return SimpleUploadedFile(name, data, content_type=XLSX)


def fill_template(ws, values, row=None):
    """Type `values` ({field key: value}) under the import template's headings, as a clerk would."""
    from reporting import columns

    fields = {spec.key: spec for spec in (*columns.INITIATIVE_FIELDS, *columns.ROSTER_FIELDS)}
    header_row = int(ws.freeze_panes[1:]) - 1
    by_heading = {str(cell.value).rstrip(" *"): cell.column for cell in ws[header_row] if cell.value}
    for key, value in values.items():
        ws.cell(row=row or header_row + 1, column=by_heading[str(fields[key].header)], value=value)


def checked(client, response):
    """Follow an upload to its preview. The page answers by starting the file's check as a background job and
    sending the browser to it (302 to ?job=N); the test's transaction never commits, so no thread starts: the
    job runs here, as a worker would run it (on the test's own connection, which a worker would refresh), and the
    page is read again as its progress bar would reload it."""
    from unittest import mock

    from jobs import runner

    assert response.status_code == 302 and "?job=" in response["Location"], response.status_code
    with mock.patch.object(runner, "close_old_connections"):
        runner.execute(int(response["Location"].rsplit("=", 1)[1]))
    return client.get(response["Location"])
