"""The blank import templates offered for download: the headings on the first sheet, the way to fill each
column and the allowed values on the second. The headings are the ones the import looks for."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import columns
from . import workbook as wb

NUMBER_FORMATS = {wb.DATE: wb.DATE_FORMAT, wb.MONEY: wb.MONEY_FORMAT}
TEMPLATE_ROWS = 500  # rows pre-formatted for dates and amounts


def write_template(target, fields):
    book = Workbook()
    sheet = book.active
    sheet.title = str(_("List"))
    help_sheet = book.create_sheet(str(_("How to fill it in")))
    heading_font = Font(name=wb.FONT_NAME, bold=True, size=11)
    fill = PatternFill("solid", fgColor="E7EEF7")
    for index, spec in enumerate(fields, 1):
        cell = sheet.cell(row=1, column=index, value=str(spec.header))
        cell.font = heading_font
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(spec.width, 12)
        number_format = NUMBER_FORMATS.get(spec.kind)
        if number_format:
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = number_format
    sheet.row_dimensions[1].height = 45
    sheet.freeze_panes = "A2"

    help_sheet.column_dimensions["A"].width = 34
    help_sheet.column_dimensions["B"].width = 14
    help_sheet.column_dimensions["C"].width = 90
    help_sheet.append([_("Column"), _("Required"), _("How to fill it in")])
    for cell in help_sheet[1]:
        cell.font = heading_font
        cell.fill = fill
    for spec in fields:
        help_sheet.append([str(spec.header), columns.yes_no(spec.required), str(spec.help)])
    help_sheet.append([])
    help_sheet.append([_("Start on row 2 of the first sheet; keep the headings of row 1. Rows left empty are "
                         "skipped. Importing the same file again adds nothing twice.")])

    lists_row = help_sheet.max_row + 2
    keys = {spec.key for spec in fields}
    for offset, key in enumerate(name for name in columns.CHOICES if name in keys and name != "status"):
        column = 1 + offset
        help_sheet.cell(row=lists_row, column=column, value=str(_find(fields, key).header)).font = heading_font
        labels = [str(label) for _code, label in columns.CHOICES[key]]
        for row, label in enumerate(labels, lists_row + 1):
            help_sheet.cell(row=row, column=column, value=label)
        letter = get_column_letter(column)
        source = f"'{help_sheet.title}'!${letter}${lists_row + 1}:${letter}${lists_row + len(labels)}"
        validation = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=False)
        target_letter = get_column_letter([spec.key for spec in fields].index(key) + 1)
        validation.add(f"{target_letter}2:{target_letter}{TEMPLATE_ROWS + 1}")
        sheet.add_data_validation(validation)
    for row in help_sheet.iter_rows(min_row=2, max_row=lists_row - 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    book.save(target)


def _find(fields, key):
    return next(spec for spec in fields if spec.key == key)
