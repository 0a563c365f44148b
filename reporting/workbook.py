"""The layout every report shares: an official document a federation can print, sign and file.

A sheet reads top to bottom like a Vietnamese administrative document (Decree 30/2020/NĐ-CP,
appendix I): the issuing body on the left and the national motto on the right, the reference
and the place and date line; the title; the table with a frozen, repeated header row, dates as
real dates shown dd/mm/yyyy, amounts as numbers with a thousands format, and a totals row; then
the recipients on the left and the signature block on the right. Print set-up is A4 landscape,
fitted to the page width.

The workbook is written by XlsxWriter in its constant_memory mode: each row goes to a temporary
file as soon as the next one starts, so a sheet of a million rows costs little more memory than
one of 100 (only rows taller than a table row keep a few hundred bytes of bookkeeping). XlsxWriter
rather than openpyxl's write-only mode: through their public APIs it writes three to four times as
many rows per second, and it writes a formula together with its value (the totals), which openpyxl
cannot. Each style is one XlsxWriter Format, made once per workbook.

The elements of the administrative form itself (the motto, "Số:", "ngày … tháng … năm …",
"TM.", "Nơi nhận:", "Lưu") are fixed by that form and are written in Vietnamese whatever the
interface language; titles and column headings are interface text and go through gettext.
"""

import datetime
import math
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal

import xlsxwriter
from django.utils import timezone
from xlsxwriter.utility import xl_col_to_name

from initiatives.xml_safety import xml_safe

from .cells import CachedFormula, clean_text, looks_like_formula

MOTTO_COUNTRY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
ON_BEHALF_OF_STANDING_COMMITTEE = "TM. BAN THƯỜNG VỤ"
ON_BEHALF_OF_EXECUTIVE_COMMITTEE = "TM. BAN CHẤP HÀNH"
RECIPIENTS_LABEL = "Nơi nhận:"
FILED = "- Lưu: VT, VP."

FONT_NAME = "Times New Roman"
PAPER_A4 = "9"  # the OOXML paper size code
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
# Money as 1.234.567 ₫ whatever the reader's locale: a "#,##0" format groups with the reader's own separator
# (1,234,567 on an English system), and no format code spells a grouping character; so the dots are literal
# text between digit groups, chosen by the amount's size with the format's two conditions. The value stays a
# number (sums and sorting work). MONEY_FORMAT is exact from 0 to 999.999.999 ₫, MONEY_FORMAT_LARGE from
# 1.000 to 999.999.999.999 ₫; a cell gets the one that fits its value (`money_style`).
MONEY_FORMAT = '[>=1000000]#"."###"."###" ₫";[>=1000]#"."###" ₫";0" ₫"'
MONEY_FORMAT_LARGE = '[>=1000000000]#"."###"."###"."###" ₫";[>=1000000]#"."###"."###" ₫";#"."###" ₫"'
LARGE_MONEY = 1_000_000_000
INTEGER_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"
DECIMAL_FORMAT = "0.##"

# Column kinds: how a value is aligned and shown.
TEXT = "text"
CENTER = "center"
INDEX = "index"
INTEGER = "integer"
MONEY = "money"
DATE = "date"
PERCENT = "percent"
DECIMAL = "decimal"


def date_line(place_name, day):
    """ "Vĩnh Linh, ngày 05 tháng 3 năm 2024": days below 10 and the months 1 and 2 take a leading zero
    (Decree 30/2020/NĐ-CP, appendix I)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place_name}, ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass(frozen=True)
class Column:
    header: object
    width: float
    kind: str = TEXT
    total: bool = False  # summed in the totals row
    hidden: bool = False  # kept in the file (e.g. for re-import) but neither shown nor printed
    key: str = ""
    printed: bool = True  # False: shown on screen, right of the print area (printed columns come first)


@dataclass(frozen=True)
class Issuer:
    """Who issues the document: the header's left block and the signature block."""

    upper_body: str
    body: str
    reference: str
    on_behalf: str
    signer_title: str
    signer_name: str
    place_name: str
    recipients: tuple = ()

    @classmethod
    def district(cls, federation):
        return cls(
            upper_body=federation.upper_body_name.upper(),
            body=federation.name.upper(),
            reference="Số:        /BC-LĐLĐ",
            on_behalf=ON_BEHALF_OF_STANDING_COMMITTEE,
            signer_title=federation.chair_title.upper(),
            signer_name=federation.chair_name,
            place_name=federation.place_name,
            recipients=(f"- {federation.upper_body_name};", FILED),
        )

    @classmethod
    def branch(cls, federation, branch, signer_name="", signer_title="Chủ tịch"):
        return cls(
            upper_body=federation.name.upper(),
            body=branch.name.upper(),
            reference="Số:        /BC-CĐCS",
            on_behalf=ON_BEHALF_OF_EXECUTIVE_COMMITTEE,
            signer_title=(signer_title or "Chủ tịch").upper(),
            signer_name=signer_name,
            place_name=federation.place_name,
            recipients=(f"- {federation.name} (qua Văn phòng);", FILED),
        )


@dataclass
class Section:
    """A heading and free text after the table (what was done, difficulties, proposals)."""

    heading: str
    text: str


@dataclass(frozen=True)
class Value:
    """A value shown in another kind than its column's (a rate in a column of counts)."""

    value: object
    kind: str


class BoldRow(list):
    """A row of values written in bold: a heading inside a table."""


@dataclass
class SheetResult:
    rows: int = 0
    totals: dict = field(default_factory=dict)


def sheet_name(name, taken=()):
    """A valid sheet title, unique among `taken` (casefolded titles, as Excel compares them): at most 31
    characters, none of []:*?/\\, no apostrophe at either end."""
    base = re.sub(r"[\[\]:*?/\\]", " ", xml_safe(name)).strip().strip("'")[:31].strip("'") or "Sheet"
    candidate, n = base, 2
    while candidate.casefold() in taken:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    return candidate


LINE_HEIGHT = 14.5  # points, for the table's 11-point font
# Times New Roman 11 characters per unit of column width, counted low (a unit is 7 px of the default font in
# Excel and in LibreOffice with Carlito), so that a row is never shorter than its wrapped text.
CHARACTERS_PER_WIDTH = 1.0
HEADING_ROWS = 5  # the issuer and motto (3 rows), a blank row, the title
TABLE_ROW_HEIGHT = LINE_HEIGHT + 3  # a table row of one line
BLANK_ROW_HEIGHT = 12
SIGNATURE_LINE_HEIGHT = 18
SIGNATURE_LINES = 7
# Table rows fitted to their wrapped text (about 1,500 printed pages); rows after them keep the sheet's row height.
FITTED_ROWS = 50_000

# The printed page: A4 landscape with the margins below, measured through LibreOffice (tests/initiatives/
# test_reports_printing.py). Every row has an explicit height, and the scale is fixed (not "fit to width", which
# each program computes its own way), so where a page ends is known when the sheet is written.
PAGE_BODY_HEIGHT = 595.3 - 2 * 0.79 * 72  # points between the top and bottom margins
PAGE_WIDTH_UNITS = 128  # column-width units across the printable width at 100 %
TABLE_FONT_SIZE = 11
MIN_PRINTED_SIZE = 10  # points: no printed text smaller
MIN_SCALE = math.ceil(100 * MIN_PRINTED_SIZE / TABLE_FONT_SIZE)  # 91 %


def print_scale(columns):
    """The print scale (per cent) that fits the printed columns across the page, never below MIN_SCALE."""
    width = sum(column.width for column in columns if column.printed and not column.hidden)
    return max(MIN_SCALE, min(100, math.floor(100 * PAGE_WIDTH_UNITS / width)))


def money_style(value, large_style, style):
    """The money style whose format fits `value` (see MONEY_FORMAT)."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and abs(value) >= LARGE_MONEY:
        return large_style
    return style


class OfficialWorkbook:
    """A streamed workbook whose sheets are official documents.

    >>> book = OfficialWorkbook(Issuer.district(Federation.current()))
    >>> book.add_table("Danh sách", title=..., columns=[...], rows=iterator)
    >>> book.save(file_or_path)
    """

    def __init__(self, issuer, *, today=None):
        self.issuer = issuer
        self.today = today or timezone.localdate()
        # XlsxWriter zips the workbook into its output when it is closed; the caller names the target only then.
        self._output = tempfile.TemporaryFile()
        self.book = xlsxwriter.Workbook(self._output, {
            "constant_memory": True,
            # Every value is written by its type (write_string, write_number…): nothing typed becomes a formula,
            # a link or a number by the writer's guess.
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        })
        self._formats = {}
        self._taken = set()

    # -- styles ---------------------------------------------------------------------------

    def style(self, name, variant=None):
        """The Format called `name` (made once per workbook); `variant` "quoted" adds the quote prefix (text that
        looks like a formula), "date" and "datetime" a date format (a date in a column of another kind)."""
        key = (name, variant)
        if key not in self._formats:
            spec = dict(STYLE_SPECS[name])
            if variant == "quoted":
                spec["quote_prefix"] = True
            elif variant == "date":
                spec["num_format"] = DATE_FORMAT
            elif variant == "datetime":
                spec["num_format"] = DATETIME_FORMAT
            self._formats[key] = self.book.add_format(spec)
        return self._formats[key]

    # -- sheets ---------------------------------------------------------------------------

    def add_table(self, name, *, title, columns, rows, lines=(), before=(), sections=(), notes=(),
                  total_label=None, total_values=None, signature=True, issuer=None):
        """Write one document sheet; `rows` is any iterable of value lists (one per column).

        `total_label` (text, or a function of the SheetResult) asks for a totals row: the `total` columns are
        summed as rows stream by, and `total_values` ({column index: value}) sets others (a rate, say).
        `issuer` heads and signs this sheet instead of the workbook's (a branch's report among others).
        Returns a SheetResult with the number of rows and the totals.
        """
        issuer = issuer or self.issuer
        scale = print_scale(columns)
        title_name = sheet_name(name, self._taken)
        self._taken.add(title_name.casefold())
        sheet = _Sheet(self, self.book.add_worksheet(title_name), page_height=PAGE_BODY_HEIGHT * 100 / scale)
        layout = _Layout(columns)
        self._set_up_page(sheet.ws, columns, scale)

        header_row = HEADING_ROWS + len(lines) + len(before) + 2  # then a blank row
        sheet.ws.freeze_panes(header_row, 0)
        if not sections:  # a table header repeated over the text sections would read oddly
            sheet.ws.repeat_rows(header_row - 1)
        self._write_heading(sheet, issuer, layout, title, lines, before)
        header_height = _header_height(columns)
        sheet.append([(str(column.header), "table_header") for column in columns], height=header_height)
        if not sections:
            sheet.pager.title_height = as_written(header_height)  # repeated at the top of every later page
        first_data_row = sheet.next_row

        result = SheetResult(totals={i: 0 for i, column in enumerate(columns) if column.total})
        styles = [COLUMN_STYLES[column.kind] for column in columns]
        bold_styles = [name + "_bold" for name in styles]
        characters_per_line = [
            None if column.hidden or column.kind not in (TEXT, CENTER)
            else max(column.width - 1, 1) * CHARACTERS_PER_WIDTH
            for column in columns
        ]
        hidden = [column.hidden for column in columns]
        money = {index for index, column in enumerate(columns) if column.kind == MONEY}
        for values in rows:
            bold = isinstance(values, BoldRow)
            row_styles = bold_styles if bold else styles
            cells = []
            for index, value in enumerate(values):
                if hidden[index] and (value is None or value == ""):
                    cells.append(None)  # no border to draw in a hidden column
                    continue
                if isinstance(value, Value):
                    style = COLUMN_STYLES[value.kind]
                    value = value.value
                else:
                    style = row_styles[index]
                    if index in money:
                        style = money_style(value, "cell_money_large_bold" if bold else "cell_money_large", style)
                cells.append((value, style))
            for index in result.totals:
                value = values[index]
                if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                    result.totals[index] += value
            # A row fitted to its wrapped text costs XlsxWriter a few hundred bytes kept to the end; past
            # FITTED_ROWS (a list nobody prints) rows keep the sheet's height, so memory stays flat.
            fitted = result.rows < FITTED_ROWS and row_height(values, characters_per_line)
            sheet.append(cells, height=fitted or TABLE_ROW_HEIGHT)
            result.rows += 1
        last_data_row = sheet.next_row - 1

        if total_label is not None:
            sums = {index for index in result.totals if index not in (total_values or {})}
            for index, value in (total_values or {}).items():
                result.totals[index] = value
            label = total_label(result) if callable(total_label) else total_label
            data_rows = (first_data_row, last_data_row) if result.rows else None
            self._write_totals(sheet, layout, columns, label, result, sums=sums, data_rows=data_rows)
        for note in notes:
            self._write_wide_text(sheet, layout, note, "note")
        for section in sections:
            sheet.append([])
            self._write_wide_text(sheet, layout, section.heading, "section_heading")
            paragraphs = [p for p in (section.text or "").splitlines() if p.strip()] or ["—"]
            for paragraph in paragraphs:
                self._write_wide_text(sheet, layout, paragraph, "paragraph")
        if signature:
            # The closing block (recipients, "TM. …", title, name) is never split and never alone on a page: if
            # it does not fit under what is already on the page, it takes the table's last row (and the totals
            # and notes after it) with it to the next page.
            keep_from = sheet.next_row - 1 if sections else max(last_data_row, first_data_row - 1)
            sheet.keep_together(keep_from, as_written(BLANK_ROW_HEIGHT)
                                + SIGNATURE_LINES * as_written(SIGNATURE_LINE_HEIGHT))
            sheet.append([], height=BLANK_ROW_HEIGHT)
            self._write_signature(sheet, issuer, layout)
        sheet.finish(layout)
        return result

    def save(self, target):
        """Close the workbook and copy it to `target`, a path or a binary file. (A spreadsheet program
        recalculates every formula on opening: XlsxWriter asks for it.)"""
        if not self.book.worksheets():
            self.book.add_worksheet("Sheet")
        self.book.close()
        self._output.seek(0)
        try:
            if isinstance(target, (str, bytes)) or hasattr(target, "__fspath__"):
                with open(target, "wb") as handle:
                    shutil.copyfileobj(self._output, handle)
            else:
                shutil.copyfileobj(self._output, target)
        finally:
            self._output.close()

    # -- parts of a sheet -----------------------------------------------------------------

    def _set_up_page(self, ws, columns, scale):
        for index, column in enumerate(columns):
            # A width as the file states it (what openpyxl reads back and the page is planned with): XlsxWriter
            # takes pixels, 7 to a unit of width.
            ws.set_column_pixels(index, index, int(column.width * 7), None, {"hidden": column.hidden})
        ws.set_default_row(TABLE_ROW_HEIGHT)
        ws.set_landscape()
        ws.set_paper(PAPER_A4)
        ws.set_print_scale(scale)
        ws.center_horizontally()
        # Decree 30/2020: margins of 20-25 mm top and bottom, 30-35 mm left, 15-20 mm right.
        ws.set_margins(left=1.18, right=0.59, top=0.79, bottom=0.79)
        ws.set_header("", {"margin": 0.3})
        ws.set_footer(f'&C&"{FONT_NAME},Regular"&11&P/&N', {"margin": 0.3})

    def _merged_row(self, sheet, parts, height=None):
        """Append one row made of (first column, last column, value, style) parts, merging each part."""
        cells = {}
        for first, last, value, style in parts:
            cells[first] = (value, style)
            if last > first:
                sheet.merge(first, last, style)
        width = max(cells) if cells else 0
        sheet.append([cells.get(index) for index in range(1, width + 1)], height=height)

    def _write_heading(self, sheet, issuer, layout, title, lines, before):
        """The document header, then the title and its lines, then a blank row."""
        left, right = layout.left, layout.right
        self._merged_row(sheet, [(*left, issuer.upper_body, "body_upper"), (*right, MOTTO_COUNTRY, "motto")],
                         height=max(layout.height_for(issuer.upper_body, left, 17),
                                    layout.height_for(MOTTO_COUNTRY, right, 17)))
        self._merged_row(sheet, [(*left, issuer.body, "body"), (*right, MOTTO, "motto_line")],
                         height=layout.height_for(issuer.body, left, 17))
        self._merged_row(sheet, [(*left, issuer.reference, "reference"),
                                 (*right, date_line(issuer.place_name, self.today), "date_line")], height=22)
        sheet.append([])
        self._merged_row(sheet, [(*layout.full, str(title).upper(), "title")],
                         height=layout.height_for(str(title), layout.full, 21, per_unit=0.85))
        for line in lines:
            self._merged_row(sheet, [(*layout.full, str(line), "subtitle")],
                             height=layout.height_for(str(line), layout.full, 17))
        for line in before:
            self._merged_row(sheet, [(*layout.full, str(line), "paragraph_bold")],
                             height=layout.height_for(str(line), layout.full, 17))
        sheet.append([])

    def _write_totals(self, sheet, layout, columns, label, result, *, sums=(), data_rows=None):
        """The totals row: a column that sums the rows above is the workbook's own SUM (with its value now), so a
        clerk's correction of a row updates it; other totals (a rate, a count of distinct people) are values."""
        cells = []
        for index, column in enumerate(columns):
            if index == 0:
                cells.append((str(label), "total_label"))
            elif index in result.totals:
                value = result.totals[index]
                kind = value.kind if isinstance(value, Value) else column.kind
                value = value.value if isinstance(value, Value) else value
                style_name = TOTAL_STYLES[kind]
                if kind == MONEY:
                    style_name = money_style(value, "total_money_large", style_name)
                if index in sums and data_rows is not None:
                    letter = xl_col_to_name(index)
                    value = CachedFormula(f"SUM({letter}{data_rows[0]}:{letter}{data_rows[1]})", value)
                cells.append((value, style_name))
            else:
                cells.append((None, "total_label"))
        if layout.label_span > 1:
            sheet.merge(1, layout.label_span, "total_label")
        sheet.append(cells, height=20)

    def _write_wide_text(self, sheet, layout, text, style):
        small = style == "note"
        self._merged_row(sheet, [(*layout.full, str(text), style)],
                         height=layout.height_for(str(text), layout.full, 16 if small else 17,
                                                  per_unit=1.2 if small else 1.05))

    def _write_signature(self, sheet, issuer, layout):
        left, right = layout.left, layout.right
        recipients = list(issuer.recipients)
        lines = [
            ((*left, RECIPIENTS_LABEL, "recipients_label"), (*right, issuer.on_behalf, "signature")),
            ((*left, recipients[0] if recipients else "", "recipients"), (*right, issuer.signer_title, "signature")),
        ]
        for extra in recipients[1:]:
            lines.append(((*left, extra, "recipients"), None))
        while len(lines) < 6:
            lines.append((None, None))
        lines.append((None, (*right, issuer.signer_name, "signature")))
        for left_part, right_part in lines:
            self._merged_row(sheet, [part for part in (left_part, right_part) if part is not None],
                             height=SIGNATURE_LINE_HEIGHT)


def as_written(height):
    """A row height as the file will hold it: XlsxWriter keeps row heights in whole pixels (¾ point each)."""
    return int(height * 4 / 3 + 0.5) * 0.75


class _Sheet:
    """A worksheet being written top to bottom, the number of its next row (1-based, as Excel counts) and where
    its pages break."""

    def __init__(self, book, ws, page_height):
        self.book = book
        self.ws = ws
        self.next_row = 1
        self.pager = _Pager(page_height)
        self.breaks = []
        self._default_height = as_written(TABLE_ROW_HEIGHT)

    def merge(self, first, last, style):
        """Merge columns `first`…`last` (1-based) of the row about to be appended, in `style` (the value is
        written by `append`, by its type)."""
        row = self.next_row - 1
        self.ws.merge_range(row, first - 1, row, last - 1, None, self.book.style(style))

    def append(self, cells, height=None):
        """Write a row of (value, style name) pairs (None: no cell), `height` points high (every row has its
        height, so that the pages break where `pager` expects)."""
        height = as_written(height or (TABLE_ROW_HEIGHT if cells else BLANK_ROW_HEIGHT))
        row = self.next_row - 1
        self.pager.add(self.next_row, height)
        if height != self._default_height:
            self.ws.set_row(row, height)  # a table row of one line takes the sheet's default height
        if not any(cells):
            # A row with no cell is kept by a streamed sheet only if something is written in it.
            self.ws.write_blank(row, 0, None, self.book.style("blank"))
        for column, cell in enumerate(cells):
            if cell is not None:
                self._write(row, column, *cell)
        self.next_row += 1

    def _write(self, row, column, value, style):
        ws, book = self.ws, self.book
        if value is None or value == "":
            ws.write_blank(row, column, None, book.style(style))
        elif isinstance(value, CachedFormula):
            ws.write_formula(row, column, value, book.style(style), value.cached)
        elif isinstance(value, bool):
            ws.write_boolean(row, column, value, book.style(style))
        elif isinstance(value, (int, float, Decimal)):
            if math.isfinite(value):
                ws.write_number(row, column, value, book.style(style))
            else:
                ws.write_blank(row, column, None, book.style(style))  # no cell holds NaN or infinity
        elif isinstance(value, datetime.datetime):
            # Excel has no time zones: show the local wall-clock time.
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            ws.write_datetime(row, column, value.replace(tzinfo=None), book.style(style, "datetime"))
        elif isinstance(value, datetime.date):
            dated = STYLE_SPECS[style].get("num_format") == DATE_FORMAT
            ws.write_datetime(row, column, value, book.style(style, None if dated else "date"))
        else:
            text = clean_text(value)
            quoted = looks_like_formula(text)
            # Line breaks as a cell holds them (a form's textarea sends CR LF; a lone CR would be escaped).
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            ws.write_string(row, column, text, book.style(style, "quoted" if quoted else None))

    def keep_together(self, first_row, block_height):
        """Before a block of `block_height` points is written: if it would not fit on the current page, or would
        start a page of its own, break the page before `first_row` so that rows `first_row`… go with it."""
        pager = self.pager
        if block_height <= pager.room() and pager.has_content() and pager.page_start <= first_row:
            return  # it fits, on the page that holds the rows it closes
        kept = [height for row, height in pager.recent if row >= first_row]
        if not kept or first_row <= 1 or sum(kept) + block_height > pager.capacity - pager.title_height:
            first_row = self.next_row - 1  # too much to keep: the last row alone goes with the block
            kept = [pager.recent[-1][1]] if pager.recent else []
        if pager.page_starts_at(first_row):
            return  # already at the top of a page: breaking before it would change nothing
        self.breaks.append(first_row - 1)  # a break under row first_row - 1
        pager.restart(pager.title_height + sum(kept), [(row, h) for row, h in pager.recent if row >= first_row])

    def finish(self, layout):
        """The page breaks and the print area: the printed columns of every row (columns shown only on screen
        stay out)."""
        if self.breaks:
            self.ws.set_h_pagebreaks(self.breaks)
        self.ws.print_area(0, 0, max(self.next_row - 2, 0), layout.printed_last - 1)


class _Pager:
    """Where the pages of a sheet break, followed row by row as the sheet is written: a row that does not fit
    under the rows already on a page starts the next one, which begins with the repeated header row."""

    KEEP = 40  # rows remembered, enough for a table's last row, its totals and notes

    def __init__(self, capacity):
        self.capacity = capacity
        self.title_height = 0
        self.used = 0
        self.page_start = 1
        self.recent = []  # (row, height) of the latest rows, oldest first
        self.on_page = 0  # rows on the current page, the repeated header aside

    def add(self, row, height):
        if self.used + height > self.capacity and self.on_page:
            self.used, self.on_page, self.page_start = self.title_height, 0, row
        self.used += height
        self.on_page += 1
        self.recent.append((row, height))
        if len(self.recent) > self.KEEP:
            del self.recent[0]

    def room(self):
        return self.capacity - self.used

    def has_content(self):
        return self.on_page > 0

    def page_starts_at(self, row):
        return row == self.page_start

    def restart(self, used, rows):
        self.used, self.on_page = used, len(rows)
        self.page_start = rows[0][0] if rows else self.page_start


def row_height(values, characters_per_line):
    """The height a table row needs for its wrapped text: spreadsheet programs do not grow rows by
    themselves when they open a file, so a long title would otherwise be cut off in print."""
    lines = 1
    for value, characters in zip(values, characters_per_line, strict=False):
        if isinstance(value, Value):  # shown in another kind than its column's: its text wraps all the same
            value = value.value
        if characters is None or not isinstance(value, str) or (len(value) <= characters and "\n" not in value):
            continue
        lines = max(lines, wrapped_lines(value, characters))
    return None if lines == 1 else lines * LINE_HEIGHT + 3


def wrapped_lines(text, characters):
    """How many lines `text` takes wrapped at word boundaries in `characters` per line (a word longer than a
    line is broken)."""
    total = 0
    for paragraph in str(text).split("\n"):
        count, current = 1, 0
        for word in paragraph.split():
            length = len(word)
            if current and current + 1 + length > characters:
                count, current = count + 1, 0
            if length > characters:
                count += math.ceil(length / characters) - 1
                length = length % characters or characters
            current += length + (1 if current else 0)
        total += count
    return total


class _Layout:
    """Where the header blocks and merged lines sit, from the visible columns' widths."""

    def __init__(self, columns):
        visible = [(index, column.width) for index, column in enumerate(columns, 1)
                   if not column.hidden and column.printed]
        self.printed_last = visible[-1][0]
        self.visible = visible
        total = sum(width for _i, width in visible)
        self.total_width = total
        first, last = visible[0][0], visible[-1][0]
        self.full = (first, last)
        # The issuing body takes about the left 40%, the motto and signature the right half.
        running, left_end = 0, first
        for index, width in visible:
            running += width
            left_end = index
            if running >= total * 0.38:
                break
        running, right_start = 0, last
        for index, width in reversed(visible):
            running += width
            right_start = index
            if running >= total * 0.48:
                break
        if right_start <= left_end:
            right_start = min(left_end + 1, last)
        self.left = (first, left_end)
        self.right = (right_start, last)
        # The totals label spans the index column and the next one.
        self.label_span = 2 if len(visible) > 2 else 1
        self._widths = dict(visible)

    def width_of(self, span):
        first, last = span
        return sum(self._widths.get(index, 0) for index in range(first, last + 1))

    def height_for(self, text, span, line_height, per_unit=1.05):
        """A row height fitting `text` wrapped in `span` (merged cells never grow by themselves);
        `per_unit` is how many characters of the font fit in a unit of column width."""
        characters = max(self.width_of(span) * per_unit - 2, 1)
        return max(line_height, wrapped_lines(text, characters) * line_height)


def _header_height(columns):
    """Enough lines for the longest heading, wrapped at word boundaries as well as can be guessed."""
    lines = 1
    for column in columns:
        if column.hidden:
            continue
        # Bold headings are wider than body text.
        characters = max((column.width - 1) * CHARACTERS_PER_WIDTH * 0.92, 1)
        lines = max(lines, wrapped_lines(str(column.header), characters))
    return max(20, LINE_HEIGHT * lines + 6)


# XlsxWriter format properties.
BOX = {"border": 1, "border_color": "#000000"}  # thin, black, all four sides


def _font(size=12, *, bold=False, italic=False, underline=False):
    spec = {"font_name": FONT_NAME, "font_size": size}
    if bold:
        spec["bold"] = True
    if italic:
        spec["italic"] = True
    if underline:
        spec["underline"] = 1
    return spec


def _align(horizontal="left", vertical="center", wrap=True, indent=0):
    spec = {"align": horizontal, "valign": "vcenter" if vertical == "center" else vertical}
    if wrap:
        spec["text_wrap"] = True
    if indent:
        spec["indent"] = indent
    return spec


STYLE_SPECS = {
    "body_upper": {**_font(12), **_align("center")},
    "body": {**_font(12, bold=True), **_align("center")},
    "reference": {**_font(12), **_align("center")},
    "motto": {**_font(12, bold=True), **_align("center")},
    "motto_line": {**_font(13, bold=True, underline=True), **_align("center")},
    "date_line": {**_font(12, italic=True), **_align("center")},
    "title": {**_font(14, bold=True), **_align("center")},
    "subtitle": {**_font(12, italic=True), **_align("center")},
    "paragraph_bold": {**_font(12, bold=True), **_align("left")},
    "table_header": {
        **_font(11, bold=True),
        **_align("center"),
        **BOX,
        "pattern": 1, "bg_color": "#E7EEF7",
    },
    "cell_text": {**_font(11), **_align("left"), **BOX},
    "cell_center": {**_font(11), **_align("center"), **BOX},
    "cell_index": {**_font(11), **_align("center"), **BOX, "num_format": "0"},
    "cell_integer": {**_font(11), **_align("right"), **BOX, "num_format": INTEGER_FORMAT},
    "cell_money": {**_font(11), **_align("right"), **BOX, "num_format": MONEY_FORMAT},
    "cell_money_large": {**_font(11), **_align("right"), **BOX,
                         "num_format": MONEY_FORMAT_LARGE},
    "cell_date": {**_font(11), **_align("center"), **BOX, "num_format": DATE_FORMAT},
    "cell_percent": {**_font(11), **_align("right"), **BOX, "num_format": PERCENT_FORMAT},
    "cell_decimal": {**_font(11), **_align("right"), **BOX, "num_format": DECIMAL_FORMAT},
    "total_label": {**_font(11, bold=True), **_align("center"), **BOX},
    "total_integer": {**_font(11, bold=True), **_align("right"), **BOX,
                      "num_format": INTEGER_FORMAT},
    "total_money": {**_font(11, bold=True), **_align("right"), **BOX,
                    "num_format": MONEY_FORMAT},
    "total_money_large": {**_font(11, bold=True), **_align("right"), **BOX,
                          "num_format": MONEY_FORMAT_LARGE},
    "total_percent": {**_font(11, bold=True), **_align("right"), **BOX,
                      "num_format": PERCENT_FORMAT},
    "total_decimal": {**_font(11, bold=True), **_align("right"), **BOX,
                      "num_format": DECIMAL_FORMAT},
    "note": {**_font(11, italic=True), **_align("left", vertical="top")},
    "section_heading": {**_font(12, bold=True), **_align("left")},
    "paragraph": {**_font(12), **_align("justify", vertical="top", indent=1)},
    "recipients_label": {**_font(11, bold=True, italic=True), **_align("left", wrap=False)},
    "recipients": {**_font(11), **_align("left", wrap=False)},
    "signature": {**_font(12, bold=True), **_align("center")},
}

for _name in [name for name in STYLE_SPECS if name.startswith("cell_")]:
    STYLE_SPECS[_name + "_bold"] = {**STYLE_SPECS[_name], **_font(11, bold=True)}
STYLE_SPECS["blank"] = _font(11)  # the one cell of an empty row

COLUMN_STYLES = {
    TEXT: "cell_text",
    CENTER: "cell_center",
    INDEX: "cell_index",
    INTEGER: "cell_integer",
    MONEY: "cell_money",
    DATE: "cell_date",
    PERCENT: "cell_percent",
    DECIMAL: "cell_decimal",
}
TOTAL_STYLES = {MONEY: "total_money", PERCENT: "total_percent", DECIMAL: "total_decimal"}
TOTAL_STYLES.update({kind: "total_integer" for kind in (CENTER, INDEX, INTEGER, DATE)})
TOTAL_STYLES[TEXT] = "total_label"
