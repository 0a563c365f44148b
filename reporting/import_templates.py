"""The blank import templates offered for download, made for a clerk who fills them in without help.

- The first sheet holds only the columns the import reads, under the headings it looks for; a required column's
  heading ends in " *" (the import reads the heading without it). Every choice is a drop-down (data validation):
  categories, recognising body, application, research level, yes/no, and the branches the user may import into.
- The second sheet says how to fill each column (required or not, and when), with an example row.
- Lists for the drop-downs sit on a hidden third sheet. Each printed sheet fits on one A4 page.
Every text goes through `cells.clean_text` (valid XML 1.0), like every report.
"""

import datetime

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties

from . import columns
from . import workbook as wb
from .cells import clean_text

NUMBER_FORMATS = {wb.DATE: wb.DATE_FORMAT, wb.MONEY: wb.MONEY_FORMAT}
TEXT_FORMAT = "@"  # typed as text: a phone number keeps its leading zero
TEMPLATE_ROWS = 500  # rows with the drop-downs and formats
PRINTED_ROWS = 12  # blank rows printed under the headings, for filling in by hand
REQUIRED_MARK = " *"

# Columns the import never reads (the list's number, the status and the date sent are for information only).
NOT_IMPORTED = {"index", "status", "sent_to_province_date"}
TEXT_COLUMNS = {"phone", "recognition_decision_no"}
# Narrower than the printed list's, so that a page holds every column at a size still read on paper.
TEMPLATE_WIDTHS = {"title": 24, "credited_author": 17, "coauthors": 17, "branch": 15, "category": 15,
                   "social_benefit": 15, "economic_benefit_description": 13, "application_place": 12,
                   "full_name": 24, "position": 20, "qualification": 16, "email": 22, "phone": 13}


def requirement(key):
    """When a column must be filled in, for the instructions ("" when never required)."""
    return {
        "title": _("Required"),
        "credited_author": _("Required"),
        "category": _("Required"),
        "full_name": _("Required"),
        "branch": _("Required unless a branch is chosen on the import page"),
        "recognition_body": _("Required, except for a research topic"),
        "recognition_decision_no": _("Required, except for a research topic"),
        "recognition_date": _("Required, except for a research topic"),
        "application_date": _("Required"),
        "economic_benefit_vnd": _("At least one benefit: economic (amount or description) or social"),
        "economic_benefit_description": _("At least one benefit: economic (amount or description) or social"),
        "social_benefit": _("At least one benefit: economic (amount or description) or social"),
        "research_level": _("Required for a research topic"),
        "research_accepted_date": _("Required for a research topic"),
        "research_effect_confirmed": _("Required for a research topic"),
    }.get(key, "")


def is_required(key):
    return requirement(key) == _("Required")


def template_fields(fields):
    return [spec for spec in fields if spec.key not in NOT_IMPORTED]


def example_values(kind):
    """One filled-in row, as a clerk would write it."""
    if kind == "roster":
        return {"full_name": "Nguyễn Văn An", "date_of_birth": datetime.date(1985, 9, 15),
                "position": _("Teacher"), "qualification": _("Bachelor"), "phone": "0912345678",
                "email": "nguyenvanan@example.vn", "branch": ""}
    return {
        "title": _("Electronic contact book between school and parents"),
        "credited_author": "Nguyễn Văn An (60%)",
        "coauthors": "Lê Thị Bình (40%)",
        "branch": "",
        "category": str(dict(columns.CHOICES["category"])["operational"]),
        "field_of_work": _("Education"),
        "recognition_body": str(dict(columns.CHOICES["recognition_body"])["council"]),
        "recognition_decision_no": "12/QĐ-THPT",
        "recognition_date": datetime.date(2022, 4, 1),
        "application_kind": str(dict(columns.CHOICES["application_kind"])["applied"]),
        "application_date": datetime.date(2022, 3, 1),
        "application_place": _("Vĩnh Linh High School"),
        "economic_benefit_vnd": 15_000_000,
        "economic_benefit_description": "",
        "social_benefit": _("Parents follow their children's learning in time."),
        "research_level": "",
        "research_accepted_date": None,
        "research_effect_confirmed": "",
    }


def _text(value):
    return clean_text(value) if isinstance(value, str) or not isinstance(value, (int, float, datetime.date)) \
        else value


THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADING_FILL = PatternFill("solid", fgColor="DCE6F2")
EXAMPLE_FILL = PatternFill("solid", fgColor="F2F2F2")


def _font(**kwargs):
    return Font(name=wb.FONT_NAME, size=kwargs.pop("size", 11), **kwargs)


def _print_on_one_page(sheet, *, landscape):
    sheet.page_setup.paperSize = wb.PAPER_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 1
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5


def write_template(target, fields, *, kind="initiatives", branches=()):
    """Write the template for `fields` to `target`; `branches` are the names offered in the branch drop-down."""
    fields = template_fields(fields)
    book = Workbook()
    sheet = book.active
    sheet.title = clean_text(_("List"))
    help_sheet = book.create_sheet(clean_text(_("How to fill it in")))
    lists = book.create_sheet(clean_text(_("Lists")))
    lists.sheet_state = "hidden"

    title = _("LIST OF MEMBERS TO IMPORT") if kind == "roster" else _("LIST OF INITIATIVES TO IMPORT")
    last = get_column_letter(len(fields))
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"] = clean_text(title)
    sheet["A1"].font = _font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.merge_cells(f"A2:{last}2")
    sheet["A2"] = clean_text(_("One row per %(thing)s from row 4. Columns marked * are required; choose from the "
                               "drop-down where there is one. The sheet “%(help)s” explains every column and shows "
                               "an example.") % {
        "thing": _("member (row)") if kind == "roster" else _("initiative (row)"), "help": help_sheet.title})
    sheet["A2"].font = _font(italic=True)
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[2].height = 32
    header_row = 3
    for index, spec in enumerate(fields, 1):
        heading = str(spec.header) + (REQUIRED_MARK if is_required(spec.key) else "")
        cell = sheet.cell(row=header_row, column=index, value=clean_text(heading))
        cell.font = _font(bold=True, color="C00000" if is_required(spec.key) else None)
        cell.fill = HEADING_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = TEMPLATE_WIDTHS.get(spec.key, 10.5)
        number_format = TEXT_FORMAT if spec.key in TEXT_COLUMNS else NUMBER_FORMATS.get(spec.kind)
        for row in range(header_row + 1, header_row + 1 + TEMPLATE_ROWS):
            target_cell = sheet.cell(row=row, column=index)
            if number_format:
                target_cell.number_format = number_format
            if row <= header_row + PRINTED_ROWS:
                target_cell.border = BORDER
    sheet.row_dimensions[header_row].height = 80
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_area = f"A1:{last}{header_row + PRINTED_ROWS}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    _print_on_one_page(sheet, landscape=len(fields) > 8)

    _add_drop_downs(sheet, lists, fields, header_row, branches)
    _write_help(help_sheet, fields, kind)
    book.save(target)


def _choices(key, branches):
    if key in columns.CHOICES:
        return [str(label) for _code, label in columns.CHOICES[key]]
    if key == "research_effect_confirmed":
        return [columns.yes_no(True), columns.yes_no(False)]
    if key == "branch":
        return list(branches)
    return []


def _add_drop_downs(sheet, lists, fields, header_row, branches):
    column = 0
    for index, spec in enumerate(fields, 1):
        labels = [clean_text(label) for label in _choices(spec.key, branches)]
        if not labels:
            continue
        column += 1
        letter = get_column_letter(column)
        lists.cell(row=1, column=column, value=clean_text(spec.header))
        for row, label in enumerate(labels, 2):
            lists.cell(row=row, column=column, value=label)
        source = f"'{lists.title}'!${letter}$2:${letter}${len(labels) + 1}"
        strict = spec.key != "branch"  # a branch may also be written by its short code
        validation = DataValidation(type="list", formula1=source, allow_blank=True, showDropDown=False,
                                    showErrorMessage=strict, errorTitle=clean_text(_("Not in the list")),
                                    error=clean_text(_("Choose a value from the drop-down list.")))
        target = get_column_letter(index)
        validation.add(f"{target}{header_row + 1}:{target}{header_row + TEMPLATE_ROWS}")
        sheet.add_data_validation(validation)


def _write_help(help_sheet, fields, kind):
    widths = {"A": 30, "B": 26, "C": 62, "D": 30}
    for letter, width in widths.items():
        help_sheet.column_dimensions[letter].width = width
    help_sheet.merge_cells("A1:D1")
    help_sheet["A1"] = clean_text(_("How to fill in the import template"))
    help_sheet["A1"].font = _font(bold=True, size=14)
    steps = [
        _("1. Fill in the sheet “%(list)s”: one row per %(thing)s, from row 4, under the headings of row 3. Keep the "
          "headings as they are; do not add, remove or rename columns.") % {
            "list": _("List"), "thing": _("member (row)") if kind == "roster" else _("initiative (row)")},
        _("2. Columns whose heading ends in * must be filled in; the table below says when the others are needed. "
          "Choose categories and other choices from the drop-down lists."),
        _("3. Write dates as dd/mm/yyyy (15/09/2021) and amounts in đồng as 15.000.000 or 15000000. Type values, "
          "not formulas: a cell holding a formula is refused."),
    ]
    if kind == "roster":
        steps.append(_("4. The date of birth tells apart two members with the same name. Phone numbers keep their "
                       "leading 0."))
    else:
        steps.append(_("4. Authors: the credited author (the lead of a research topic, otherwise the largest "
                       "share) in “%(credited)s”, the others in “%(coauthors)s”, separated by semicolons, each with "
                       "their share in per cent: Lê Thị Bình (40%%); Trần Văn Cường (20%%). Shares add up to 100. "
                       "Write names exactly as on the branch roster.") % {
            "credited": _find_header(fields, "credited_author"), "coauthors": _find_header(fields, "coauthors")})
    steps.append(_("5. Upload the file on the import page: it shows what it would import and every problem by row "
                   "and column, and nothing is imported until you confirm. Importing the same file again adds "
                   "nothing twice."))
    row = 2
    for step in steps:
        help_sheet.merge_cells(f"A{row}:D{row}")
        cell = help_sheet.cell(row=row, column=1, value=clean_text(step))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = _font()
        help_sheet.row_dimensions[row].height = 15 * (1 + len(step) // 130)
        row += 1

    row += 1
    headings = [_("Column"), _("Required"), _("How to fill it in"), _("Example")]
    for column, heading in enumerate(headings, 1):
        cell = help_sheet.cell(row=row, column=column, value=clean_text(heading))
        cell.font = _font(bold=True)
        cell.fill = HEADING_FILL
        cell.border = BORDER
    example = example_values(kind)
    for spec in fields:
        row += 1
        value = example.get(spec.key, "")
        if isinstance(value, datetime.date):
            value = value.strftime("%d/%m/%Y")
        elif isinstance(value, int):
            value = f"{value:,}".replace(",", ".")
        how = str(spec.help) or (_("An amount in đồng, e.g. 15.000.000.") if spec.kind == wb.MONEY
                                  else _("Free text."))
        if spec.key in columns.CHOICES or spec.key == "research_effect_confirmed":
            how = f"{_('Choose from the list:')} {'; '.join(_choices(spec.key, ()))}."
        elif spec.key == "branch":
            how = f"{how} {_('Choose from the list, or write the short code.')}"
        values = [str(spec.header) + (REQUIRED_MARK if is_required(spec.key) else ""),
                  requirement(spec.key) or _("Optional"), how, value]
        for column, text in enumerate(values, 1):
            cell = help_sheet.cell(row=row, column=column, value=_text(text))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = BORDER
            cell.font = _font(bold=column == 1)
        longest = max(len(str(values[2])) / 58, len(str(values[1])) / 24, len(str(values[0])) / 28, 1)
        help_sheet.row_dimensions[row].height = 15 * (int(longest) + 1)
    _print_on_one_page(help_sheet, landscape=False)


def _find_header(fields, key):
    return next((str(spec.header) for spec in fields if spec.key == key), key)
