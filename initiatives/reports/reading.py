"""Reading an uploaded workbook: is it really an .xlsx file, which sheet and row hold the headings, which
column is which, and the rows below, with their row numbers. Anything wrong with the file as a whole is a
`FileProblem` whose message says plainly what to do; nothing here lets an exception reach the user.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from ..text import fold
from ..uploads import sniff

MAX_BYTES = 10 * 1024 * 1024
HEADING_SEARCH_ROWS = 30


class FileProblem(Exception):
    """The file as a whole cannot be imported; `message` is for people."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    sheet: str
    header_row: int
    columns: dict  # field key → column number (1-based)
    rows: list  # (row number, {field key: raw value})
    notices: list = field(default_factory=list)

    def letter(self, key):
        return get_column_letter(self.columns[key]) if key in self.columns else ""


def open_workbook(uploaded):
    """The workbook in `uploaded` (a Django UploadedFile or any binary file with .name and .size)."""
    size = getattr(uploaded, "size", None)
    if size is not None and size > MAX_BYTES:
        raise FileProblem(_("The file is %(size)s MB; an import may be at most %(limit)s MB. Split it into several "
                            "files.") % {"size": f"{size / 1048576:.1f}".replace(".", ","),
                                          "limit": MAX_BYTES // 1048576})
    if not size and size is not None:
        raise FileProblem(_("The file is empty. Choose the Excel file (.xlsx) you filled in."))
    kind = sniff(uploaded)
    if kind == "ole":
        raise FileProblem(_("This is an old Excel file (.xls). Open it in Excel or LibreOffice and save it as "
                            "“Excel Workbook (.xlsx)”, then upload that file."))
    if kind != "xlsx":
        raise FileProblem(_("This file is not an Excel workbook (.xlsx): its content is not a spreadsheet, "
                            "whatever its name says. Download the template from this page, fill it in and "
                            "upload it."))
    try:
        uploaded.seek(0)
        return load_workbook(uploaded, read_only=True, data_only=True)
    except Exception as error:  # a damaged or unusual file: any failure of the reader is a message, not a 500
        raise FileProblem(_("The workbook could not be read (%(reason)s). Save it again as “Excel Workbook "
                            "(.xlsx)” and upload it once more.") % {"reason": type(error).__name__}) from error


def heading_names(fields):
    """{folded heading: field key} for every heading the fields answer to."""
    names = {}
    for spec in fields:
        for name in spec.names():
            names.setdefault(name, spec.key)
    return names


def _header_candidates(ws, names):
    """Rows near the top that look like a heading row: (row number, {key: column}, duplicates, unknown)."""
    candidates = []
    for number, values in enumerate(ws.iter_rows(max_row=HEADING_SEARCH_ROWS, values_only=True), 1):
        found, duplicates, unknown = {}, [], []
        for column, value in enumerate(values, 1):
            folded = fold(value) if value is not None else ""
            if not folded:
                continue
            key = names.get(folded)
            if key is None:
                unknown.append(str(value))
            elif key in found:
                duplicates.append(str(value))
            else:
                found[key] = column
        if len(found) >= 2:
            candidates.append((number, found, duplicates, unknown))
    return candidates


def total_labels():
    labels = {"tong cong", "total"}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            labels.add(fold(_("Total")))
    return labels


def read_table(workbook, fields, *, max_rows):
    """Find the heading row on the first sheet that has one, and read the rows under it.

    Stops at a totals row (what an exported list ends with) and skips blank rows. Raises FileProblem for an
    empty sheet, a missing heading row or missing required columns, and for more than `max_rows` rows.
    """
    names = heading_names(fields)
    required = [spec for spec in fields if spec.required]
    order = [spec.key for spec in fields]
    best = None
    chosen = None
    for ws in workbook.worksheets:
        if getattr(ws, "sheet_state", "visible") != "visible":
            continue
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()  # some programs write a wrong size; read every row there is
        for candidate in _header_candidates(ws, names):
            missing = [spec for spec in required if spec.key not in candidate[1]]
            if not missing:
                chosen = (ws, candidate)
                break
            if best is None or len(candidate[1]) > len(best[1][1]):
                best = (ws, candidate, missing)
        if chosen:
            break

    if chosen is None:
        if best is not None:
            ws, candidate, missing = best
            raise FileProblem(_("The sheet “%(sheet)s” has no column for: %(missing)s. Keep the template's headings "
                                "in the heading row (row %(row)s), then upload the file again.") % {
                "sheet": ws.title, "missing": ", ".join(f"“{spec.header}”" for spec in missing),
                "row": candidate[0]})
        if not any(_has_values(ws) for ws in workbook.worksheets):
            raise FileProblem(_("The workbook is empty: there is nothing to import. Fill in the template and "
                                "upload it again."))
        raise FileProblem(_("No heading row was found in the first %(rows)s rows. The columns must carry the "
                            "template's headings, such as %(examples)s.") % {
            "rows": HEADING_SEARCH_ROWS, "examples": ", ".join(f"“{spec.header}”" for spec in required)})

    ws, (header_row, found, duplicates, unknown) = chosen
    table = Table(sheet=ws.title, header_row=header_row, columns=found, rows=[])
    if duplicates:
        raise FileProblem(_("Two columns of the sheet “%(sheet)s” carry the same heading: %(names)s. Keep one of "
                            "them.") % {"sheet": ws.title, "names": ", ".join(f"“{d}”" for d in duplicates)})
    present = [key for key in order if key in found]
    if sorted(present, key=lambda key: found[key]) != present:
        table.notices.append(_("The columns are not in the template's order; they were matched by their headings. "
                               "Check the preview below."))
    if unknown:
        table.notices.append(_("These columns are not part of the template and were left out: %(names)s.") % {
            "names": ", ".join(f"“{name}”" for name in unknown[:10])})

    stop_labels = total_labels()
    first_key = min(found, key=found.get)
    for number, values in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), header_row + 1):
        record = {key: values[column - 1] if column - 1 < len(values) else None for key, column in found.items()}
        first_value = values[0] if values else None
        if first_value is not None and fold(first_value).rstrip(":").split(":")[0].strip() in stop_labels:
            break
        if record.get(first_key) is not None and fold(record[first_key]).split(":")[0].strip() in stop_labels:
            break
        if all(_blank(value) for value in record.values()):
            continue
        table.rows.append((number, record))
        if len(table.rows) > max_rows:
            raise FileProblem(_("The file has more than %(limit)s rows to import. Split it into files of at most "
                                "%(limit)s rows and import them one after the other.") % {
                "limit": f"{max_rows:,}".replace(",", ".")})
    if not table.rows:
        raise FileProblem(_("There are no rows to import under the headings of the sheet “%(sheet)s”.") % {
            "sheet": ws.title})
    return table


def _has_values(ws):
    for values in ws.iter_rows(max_row=HEADING_SEARCH_ROWS, values_only=True):
        if any(not _blank(value) for value in values):
            return True
    return False


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


# -- cell values -----------------------------------------------------------------------------------------


class ValueProblem(ValueError):
    """A cell whose value cannot be read; the message is for people."""


def as_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    lines = str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


DATE_PATTERN = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
ISO_PATTERN = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def as_date(value):
    """A date from a real date cell, or from text written dd/mm/yyyy; None when blank."""
    if _blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and 1 <= value < 2_958_466:
        return from_excel(value).date()  # a date cell that lost its format: Excel's day number
    text = str(value).strip()
    match = DATE_PATTERN.match(text)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
        match = ISO_PATTERN.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
    except ValueError:
        pass
    raise ValueProblem(_("“%(value)s” is not a date: write it as dd/mm/yyyy, e.g. 15/03/2022.") % {"value": text})


def as_amount(value):
    """A whole number of đồng from a number cell or from text such as "5.000.000 đ"; None when blank."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ValueProblem(_("“%(value)s” is not an amount in đồng.") % {"value": value})
    if isinstance(value, (int, float, Decimal)):
        if value < 0:
            raise ValueProblem(_("An amount cannot be negative (%(value)s).") % {"value": value})
        return int(round(value))
    text = str(value).strip().lower()
    text = re.sub(r"(vnd|vnđ|đồng|đ|₫|\s)", "", text)
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
        text = re.sub(r"[.,]", "", text)
    try:
        amount = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise ValueProblem(_("“%(value)s” is not an amount in đồng: write a number, e.g. 5000000.") % {
            "value": value}) from None
    if amount < 0:
        raise ValueProblem(_("An amount cannot be negative (%(value)s).") % {"value": value})
    return int(amount)
