"""Reading an uploaded workbook: is it really an .xlsx file, which sheet and row hold the headings, which
column is which, and the rows below, with their row numbers. Anything wrong with the file as a whole is a
`FileProblem` whose message says plainly what to do; nothing here lets an exception reach the user.

A hostile file costs little: before openpyxl touches it, every part of the archive is checked against a size
bound (what it says it unpacks to; zipfile never unpacks more than that), the shared strings are counted as they
stream by, and no part may declare a DOCTYPE; while reading, every row counts (blank ones too) and the clock runs.
Past any bound the file is refused with a message, and nothing is imported. `Limits` holds the bounds.
"""

import datetime
import re
import time
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from initiatives import parsing
from initiatives.text import fold
from initiatives.uploads import sniff
from initiatives.xml_safety import xml_safe

MAX_BYTES = 10 * 1024 * 1024
HEADING_SEARCH_ROWS = 30


@dataclass(frozen=True)
class Limits:
    """What reading one upload may cost. A real import (5,000 members, 1,000 initiatives) stays far below each."""

    sheet_bytes: int = 64 * 1024 * 1024  # a worksheet unpacked; openpyxl streams it
    # A worksheet without its <dimension> (Excel and LibreOffice always write one): openpyxl looks for it by parsing
    # the whole sheet into memory, about 20 times its size.
    sheet_without_dimension_bytes: int = 16 * 1024 * 1024
    shared_strings_bytes: int = 16 * 1024 * 1024  # openpyxl holds every shared string in memory
    shared_strings: int = 200_000
    other_part_bytes: int = 8 * 1024 * 1024  # styles, workbook, relationships: parsed whole by openpyxl
    parts: int = 2_000
    rows: int = 20_000  # rows read under the headings, blank rows counted
    seconds: float = 20.0  # the whole reading, well inside the server's timeout


LIMITS = Limits()


class FileProblem(Exception):
    """The file as a whole cannot be imported; `message` is for people."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class Formula:
    """A cell that holds a formula, in place of its value: imports refuse formulas, naming the cell."""

    def __init__(self, text):
        self.text = xml_safe(text)

    def __str__(self):
        return self.text


@dataclass
class Table:
    sheet: str
    header_row: int
    columns: dict  # field key → column number (1-based)
    rows: list  # (row number, {field key: raw value})
    notices: list = field(default_factory=list)

    def letter(self, key):
        return get_column_letter(self.columns[key]) if key in self.columns else ""


def _megabytes(size):
    return f"{size / 1048576:.1f}".replace(".", ",")


def _damaged(reason=""):
    return FileProblem(_("The workbook could not be read (%(reason)s). Save it again as “Excel Workbook "
                         "(.xlsx)” and upload it once more.") % {"reason": reason or _("damaged file")})


def _too_large(what, limit):
    return FileProblem(_("The workbook is too large to import: %(what)s is bigger than %(limit)s MB once unpacked. "
                         "Keep only the list in the file (one sheet, no pictures), or split it into several files."
                         ) % {"what": what, "limit": _megabytes(limit)})


class Clock:
    """The time an import has left; `check()` refuses the file once it is spent."""

    def __init__(self, seconds):
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds

    def check(self):
        if time.monotonic() > self.deadline:
            raise FileProblem(_("Reading the workbook took longer than %(seconds)s seconds, so it was stopped and "
                                "nothing was imported. Keep only the list in the file, or split it into smaller "
                                "files.") % {"seconds": int(self.seconds)})


def check_archive(uploaded, limits=LIMITS, clock=None):
    """Refuse an archive whose parts would cost too much to read, before openpyxl opens it."""
    clock = clock or Clock(limits.seconds)
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            infos = archive.infolist()
            if len(infos) > limits.parts:
                raise _damaged(_("too many parts"))
            for info in infos:
                name = info.filename
                if info.is_dir() or not name.lower().endswith((".xml", ".rels", ".vml")):
                    continue  # pictures and other binary parts are never read
                if name.startswith("xl/worksheets/"):
                    limit, what = limits.sheet_bytes, _("a sheet")
                elif name == "xl/sharedStrings.xml":
                    limit, what = limits.shared_strings_bytes, _("the text of the cells")
                else:
                    limit, what = limits.other_part_bytes, _("a part of the file (%(name)s)") % {"name": name[:60]}
                if info.file_size > limit:
                    raise _too_large(what, limit)
                _scan_part(archive, info, limits, clock)
                if name.startswith("xl/worksheets/") and not _declares_dimension(archive, info, limits, clock) \
                        and info.file_size > limits.sheet_without_dimension_bytes:
                    raise FileProblem(_("The sheet in this file does not say how large it is, which Excel and "
                                        "LibreOffice always do, and it is too large to read without it. Open the file "
                                        "in Excel or LibreOffice, save it as “Excel Workbook (.xlsx)” and upload it "
                                        "again."))
    except zipfile.BadZipFile as error:
        raise _damaged(_("damaged file")) from error
    except (OSError, EOFError, RuntimeError, NotImplementedError, ValueError) as error:
        raise _damaged(type(error).__name__) from error
    finally:
        uploaded.seek(0)


_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension[\s/>]")
_SHEET_DATA = re.compile(rb"<(?:[\w.-]+:)?sheetData[\s/>]")
_ROW = re.compile(rb"<(?:[\w.-]+:)?row[\s/>]")


def _declares_dimension(archive, info, limits, clock):
    """Whether the worksheet part gives its <dimension> before its rows. Without one (openpyxl's write-only
    files, some generators), its rows are counted here as they stream by, blank ones too, against the bound.
    Counted on the bytes: a "<row" in a cell's text is written "&lt;row", so only real rows (or a comment
    faking them, which can only make the count larger) are counted."""
    rows = 0
    in_data = False
    for body in _pieces(archive, info):
        if not in_data:
            data = _SHEET_DATA.search(body)
            dimension = _DIMENSION.search(body)
            if dimension and (data is None or dimension.start() < data.start()):
                return True
            if data is None:
                continue
            in_data, body = True, body[data.start():]
        rows += len(_ROW.findall(body))
        if rows > limits.rows:
            raise FileProblem(_("A sheet of the workbook has more than %(limit)s rows (empty rows count too). "
                                "Delete the empty rows below the list, or split it into several files.") % {
                "limit": f"{limits.rows:,}".replace(",", ".")})
        clock.check()
    return False


_SHARED_STRING = re.compile(rb"<(?:[\w.-]+:)?si[\s/>]")


def _scan_part(archive, info, limits, clock):
    """Stream one XML part: no DOCTYPE (entities) anywhere, and the shared strings counted as they go by (on the
    bytes, like the rows: C speed, whatever the load)."""
    shared = info.filename == "xl/sharedStrings.xml"
    count = 0
    for body in _pieces(archive, info):
        if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
            raise _damaged(_("it declares a DOCTYPE, which a spreadsheet never does"))
        if shared:
            count += len(_SHARED_STRING.findall(body))
            if count > limits.shared_strings:
                raise FileProblem(_("The workbook holds more than %(limit)s different texts, more than any list "
                                    "to import. Keep only the list in the file, or split it into several files."
                                    ) % {"limit": f"{limits.shared_strings:,}".replace(",", ".")})
        clock.check()


def _pieces(archive, info):
    """A part's bytes in pieces of about a megabyte, each cut just before a "<", so that no tag is split between
    two pieces (the last piece is what follows the last cut)."""
    carry = b""
    with archive.open(info) as stream:
        while chunk := stream.read(1024 * 1024):
            buffer = carry + chunk
            cut = buffer.rfind(b"<")
            if cut <= 0:
                cut = len(buffer)
            body, carry = buffer[:cut], buffer[cut:]
            yield body
    if carry:
        yield carry


def open_workbook(uploaded, limits=LIMITS, clock=None):
    """The workbook in `uploaded` (a Django UploadedFile or any binary file with .name and .size), read-only and
    with formulas kept as formulas (an import refuses them)."""
    size = getattr(uploaded, "size", None)
    if size is not None and size > MAX_BYTES:
        raise FileProblem(_("The file is %(size)s MB; an import may be at most %(limit)s MB. Split it into several "
                            "files.") % {"size": _megabytes(size), "limit": MAX_BYTES // 1048576})
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
    check_archive(uploaded, limits, clock)
    try:
        uploaded.seek(0)
        return load_workbook(uploaded, read_only=True, data_only=False)
    except Exception as error:  # a damaged or unusual file: any failure of the reader is a message, not a 500
        raise _damaged(type(error).__name__) from error


def heading_names(fields):
    """{folded heading: field key} for every heading the fields answer to."""
    names = {}
    for spec in fields:
        for name in spec.names():
            names.setdefault(name, spec.key)
    return names


def _values(ws, *, min_row=1, max_row=None, limits=LIMITS, clock=None):
    """(row number, values) of a read-only sheet, a formula as a `Formula`; every row read counts against the
    limits (blank rows too: a few bytes of XML can stand for a million of them), and a sheet that turns out to be
    damaged half-way down is a FileProblem, never an exception."""
    clock = clock or Clock(limits.seconds)
    number = min_row - 1
    try:
        for number, cells in enumerate(ws.iter_rows(min_row=min_row, max_row=max_row), min_row):
            if number - min_row >= limits.rows:
                raise FileProblem(_("The sheet “%(sheet)s” has more than %(limit)s rows under its headings (empty "
                                    "rows count too). Delete the empty rows below the list, or split it into "
                                    "several files.") % {"sheet": ws.title,
                                                         "limit": f"{limits.rows:,}".replace(",", ".")})
            if number % 256 == 0:
                clock.check()
            yield number, tuple(Formula(cell.value) if cell.data_type == "f" else cell.value for cell in cells)
    except FileProblem:
        raise
    except Exception as error:  # malformed XML or an unusual cell, found only when the reader reaches it
        raise FileProblem(_("The sheet “%(sheet)s” is damaged after row %(row)s (%(reason)s), so nothing was "
                            "imported. Open the file in Excel or LibreOffice, save it again as “Excel Workbook "
                            "(.xlsx)” and upload it once more.") % {
            "sheet": ws.title, "row": number, "reason": type(error).__name__}) from error


def _header_candidates(ws, names, clock):
    """Rows near the top that look like a heading row: (row number, {key: column}, duplicates, unknown)."""
    candidates = []
    for number, values in _values(ws, max_row=HEADING_SEARCH_ROWS, clock=clock):
        found, duplicates, unknown = {}, [], []
        for column, value in enumerate(values, 1):
            # A required column's heading in the template ends in " *": the heading is read without it.
            folded = fold(value).rstrip("*").strip() if value is not None and not isinstance(value, Formula) else ""
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


def read_table(workbook, fields, *, max_rows, limits=LIMITS, clock=None):
    """Find the heading row on the first sheet that has one, and read the rows under it.

    Stops at a totals row (what an exported list ends with) and skips blank rows. Raises FileProblem for an
    empty sheet, a missing heading row or missing required columns, for more than `max_rows` rows, and past
    any of the `limits`. A formula in a cell is read as a `Formula`, for the import to refuse.
    """
    clock = clock or Clock(limits.seconds)
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
        for candidate in _header_candidates(ws, names, clock):
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
        if not any(_has_values(ws, clock) for ws in workbook.worksheets):
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
    for number, values in _values(ws, min_row=header_row + 1, limits=limits, clock=clock):
        record = {key: values[column - 1] if column - 1 < len(values) else None for key, column in found.items()}
        first_value = values[0] if values else None
        if _is_total_label(first_value, stop_labels) or _is_total_label(record.get(first_key), stop_labels):
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


def _is_total_label(value, labels):
    if value is None or isinstance(value, Formula):
        return False
    return fold(value).rstrip(":").split(":")[0].strip() in labels


def _has_values(ws, clock):
    for _number, values in _values(ws, max_row=HEADING_SEARCH_ROWS, clock=clock):
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
    lines = xml_safe(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def as_date(value):
    """A date from a real date cell, or from text as people write it (`parsing.parse_date`); None when blank."""
    if _blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2_958_466:
        return from_excel(value).date()  # a date cell that lost its format: Excel's day number
    try:
        return parsing.parse_date(as_text(value))
    except ValueError as error:
        raise ValueProblem(str(error)) from None


def as_amount(value):
    """A whole number of đồng from a number cell or from text as people write it (15.000.000 đ, 15 000 000:
    `parsing.parse_money_vnd`); None when blank."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ValueProblem(_("“%(value)s” is not an amount in đồng.") % {"value": value})
    if isinstance(value, (int, float, Decimal)):
        if value < 0:
            raise ValueProblem(_("An amount cannot be negative (%(value)s).") % {"value": value})
        return int(round(value))
    try:
        return parsing.parse_money_vnd(as_text(value))
    except ValueError as error:
        raise ValueProblem(str(error)) from None
