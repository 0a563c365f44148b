"""The import templates a clerk fills in without help: only the columns the import reads, required ones marked,
a drop-down for every choice, the instructions in full with an example for every column, one A4 page per sheet
(LibreOffice prints the initiatives template on 2 pages: docs/SECURITY.md, 'Import templates')."""
import pytest
from django.urls import reverse

from reporting import columns, import_templates
from tests.initiatives.reports_support import workbook_from

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(login, officer_a, branch_a):
    return workbook_from(login(officer_a).get(reverse("import-template", args=["initiatives"])))


def headings(ws):
    return [cell.value for cell in ws[3] if cell.value]


def test_only_the_columns_the_import_reads_with_the_required_ones_marked(template):
    shown = headings(template.worksheets[0])
    assert "Trạng thái" not in shown and "STT" not in shown and "Ngày gửi LĐLĐ tỉnh" not in " ".join(shown)
    required = [heading for heading in shown if heading.endswith(" *")]
    assert required == ["Tên sáng kiến *", "Tác giả được công nhận *", "Loại sáng kiến *", "Ngày áp dụng lần đầu *"]
    assert len(shown) == len(import_templates.template_fields(columns.INITIATIVE_FIELDS))


def test_every_choice_has_a_drop_down(template, branch_a):
    ws = template.worksheets[0]
    column_of = {heading.rstrip(" *"): index for index, heading in enumerate(headings(ws), 1)}
    lists = template["Danh mục"]
    assert lists.sheet_state == "hidden"
    validated = {}
    for validation in ws.data_validations.dataValidation:
        assert validation.type == "list"
        letter = str(validation.sqref).split(":")[0].rstrip("0123456789")
        source = validation.formula1.split("!")[1].replace("$", "").split(":")
        values = [cell.value for row in lists[source[0]:source[1]] for cell in row]
        validated[letter] = values
    letters = {heading: ws.cell(row=3, column=column).column_letter for heading, column in column_of.items()}
    assert "Giải pháp kỹ thuật" in validated[letters["Loại sáng kiến"]]
    assert len(validated[letters["Loại sáng kiến"]]) == 7
    assert validated[letters["CĐCS"]] == [branch_a.name]  # the officer's own branches only
    assert validated[letters["Cấp công nhận"]] == ["Hội đồng sáng kiến", "Thủ trưởng cơ quan, đơn vị"]
    for heading in ("Áp dụng", "Cấp đề tài"):
        assert validated[letters[heading]]
    assert any(values == ["Có", "Không"] for values in validated.values())


def test_the_instructions_are_whole_and_give_an_example_for_every_column(template):
    help_sheet = template.worksheets[1]
    text = " ".join(str(cell.value) for row in help_sheet.iter_rows() for cell in row if cell.value)
    assert "dd/mm/yyyy" in text and "15.000.000" in text and "công thức" in text and "Lê Thị Bình (40%)" in text
    examples = {row[0].value.rstrip(" *"): row[3].value for row in help_sheet.iter_rows(min_row=9) if row[0].value}
    assert examples["Tên sáng kiến"] == "Sổ liên lạc điện tử giữa nhà trường và phụ huynh"
    assert examples["Hiệu quả kinh tế (đồng)"] == "15.000.000"
    assert examples["Ngày áp dụng lần đầu"] == "01/03/2022"


def test_each_printed_sheet_fits_one_a4_page(template):
    for ws in template.worksheets[:2]:
        assert ws.page_setup.paperSize == 9
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert template.worksheets[0].print_area == "'Danh sách'!$A$1:$R$15"  # headings and 12 rows to fill
