"""The Excel reports read back with openpyxl: headings, rows, totals, formats, layout, and no formula anywhere."""
import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl.utils import get_column_letter

from initiatives import progress
from initiatives.models import Federation, Programme, ProgrammePeriod, Status
from reporting import columns
from reporting import workbook as wb
from tests import factories
from tests.initiatives.reports_support import column_layout, no_formulas, sent, table, text_of, workbook_from

pytestmark = pytest.mark.django_db

INJECTION = '=HYPERLINK("http://x","y")'


@pytest.fixture
def federation(db):
    return Federation.objects.create(
        name="Liên đoàn Lao động huyện Vĩnh Linh", short_name="LĐLĐ huyện Vĩnh Linh",
        parent_name="Liên đoàn Lao động tỉnh Quảng Trị", place_name="Vĩnh Linh", chair_title="Chủ tịch",
        chair_name="Nguyễn Bá Lưu",
    )


@pytest.fixture
def data(branch_a, branch_b):
    a1 = factories.member(branch_a, "Nguyễn Văn An")
    a2 = factories.member(branch_a, "Lê Thị Bình")
    return {
        "sent_a": sent(branch_a, "Sổ liên lạc điện tử", authors=[(a1, 60), (a2, 40)], economic_benefit_vnd=5_000_000),
        "sent_b": sent(branch_b, "Phần mềm quản lý thuốc", sent_on=datetime.date(2022, 9, 1),
                       economic_benefit_vnd=12_500_000),
        "submitted_a": factories.initiative(branch_a, title=INJECTION, status=Status.SUBMITTED,
                                            economic_benefit_vnd=None, social_benefit="@SUM(A1:A2)"),
        "draft_a": factories.initiative(branch_a, title="Bản nháp chưa gửi"),
    }


def download(client, kind, **params):
    return client.get(reverse("report-download", args=[kind]), params)


# Where each field of the list sits: the printed columns first, then the screen-only ones, then the hidden ones.
AT = {columns.INITIATIVE_FIELDS[index].key: position for position, index in enumerate(columns.list_order())}


def our_formulas(book):
    """Every formula in the book: each must be a SUM of its own column, written by the report (with its value)."""
    return [(cell.coordinate, cell.value) for cell in (c for ws in book.worksheets for row in ws.iter_rows()
                                                       for c in row) if cell.data_type == "f"]


def test_initiative_list_rows_totals_and_formats(login, district, federation, data):
    book = workbook_from(download(login(district), "initiatives"))
    ws = book.worksheets[0]
    headings, rows, totals = table(ws)
    assert len(headings) == 21
    # Every status but draft, numbered 1..n.
    assert [row[0].value for row in rows] == [1, 2, 3]
    titles = {row[1].value for row in rows}
    assert titles == {"Sổ liên lạc điện tử", "Phần mềm quản lý thuốc", INJECTION}
    by_title = {row[1].value: row for row in rows}
    first = by_title["Sổ liên lạc điện tử"]
    assert first[AT["credited_author"]].value == "Nguyễn Văn An (60%)"
    assert first[AT["coauthors"]].value == "Lê Thị Bình (40%)"
    # Dates are real dates shown dd/mm/yyyy; amounts are numbers shown 1.234.567 ₫.
    sent_on = first[AT["sent_to_province_date"]]
    assert isinstance(sent_on.value, datetime.datetime)
    assert sent_on.value.date() == datetime.date(2022, 3, 15)
    assert sent_on.number_format == "dd/mm/yyyy"
    applied = first[AT["application_date"]]
    assert applied.number_format == "dd/mm/yyyy" and applied.is_date
    benefit = first[AT["economic_benefit_vnd"]]
    assert benefit.value == 5_000_000 and benefit.data_type == "n"
    assert benefit.number_format == wb.MONEY_FORMAT
    # The totals row sums the amounts with the workbook's own formula, over the rows above it.
    total = totals[AT["economic_benefit_vnd"]]
    letter = total.column_letter
    assert total.value == f"=SUM({letter}{rows[0][0].row}:{letter}{rows[-1][0].row})"
    assert total.number_format == wb.MONEY_FORMAT
    assert our_formulas(book) == [(total.coordinate, total.value)]


def test_user_text_is_never_a_formula(login, district, federation, data):
    book = workbook_from(download(login(district), "initiatives"))
    ws = book.worksheets[0]
    _headings, rows, _totals = table(ws)
    cell = next(row[1] for row in rows if row[1].value == INJECTION)
    assert cell.data_type == "s"
    assert cell.value == INJECTION
    assert cell.quotePrefix  # stays text when the cell is edited in a spreadsheet program
    social = next(row[AT["social_benefit"]] for row in rows if row[1].value == INJECTION)
    assert social.data_type == "s" and social.value == "@SUM(A1:A2)"


def test_the_layout_of_an_official_document(login, district, federation, data):
    book = workbook_from(download(login(district), "initiatives"))
    ws = book.worksheets[0]
    text = text_of(book)
    assert "LIÊN ĐOÀN LAO ĐỘNG TỈNH QUẢNG TRỊ" in text
    assert "LIÊN ĐOÀN LAO ĐỘNG HUYỆN VĨNH LINH" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Vĩnh Linh, ngày " in text and " tháng " in text and " năm " in text
    assert "TM. BAN THƯỜNG VỤ" in text
    assert "CHỦ TỊCH" in text and "Nguyễn Bá Lưu" in text
    start = int(ws.freeze_panes[1:]) - 1
    assert ws.print_title_rows == f"${start}:${start}"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    # A fixed scale, never under 91 % (11-point text prints at 10 points at least), not "fit to page".
    assert wb.MIN_SCALE <= ws.page_setup.scale <= 100
    assert not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["B"].width >= 20
    assert ws[f"B{start + 1}"].alignment.wrap_text
    # The re-import columns are in the file but hidden; the screen-only ones are outside the print area.
    hidden = [index for index in columns.list_order() if not columns.INITIATIVE_FIELDS[index].in_list]
    for position in range(len(columns.list_order()) - len(hidden), len(columns.list_order())):
        assert column_layout(ws)[position + 1][1]
    last_printed = get_column_letter(AT["sent_to_province_date"] + 1)
    assert ws.print_area == f"'{ws.title}'!$A$1:${last_printed}${ws.max_row}"


def test_status_and_period_filters(login, district, federation, data):
    client = login(district)
    _h, rows, _t = table(workbook_from(download(client, "initiatives", status=Status.SUBMITTED)).worksheets[0])
    assert [row[1].value for row in rows] == [INJECTION]
    period_1 = ProgrammePeriod.objects.get(programme=Programme.current(), number=1)
    _h, rows, _t = table(workbook_from(download(client, "initiatives", period=period_1.pk)).worksheets[0])
    assert [row[1].value for row in rows] == ["Sổ liên lạc điện tử"]


def test_summary_by_branch_rows_and_totals(login, district, federation, data, branch_a, branch_b):
    book = workbook_from(download(login(district), "summary"), data_only=True)
    ws = book.worksheets[0]
    headings, rows, totals = table(ws)
    names = [row[1].value for row in rows]
    assert names == sorted([branch_a.name, branch_b.name])
    row_a = rows[names.index(branch_a.name)]
    assert row_a[2].value == branch_a.member_count
    assert row_a[3].value == 2  # submitted + sent; the draft does not count
    assert totals[2].value == branch_a.member_count + branch_b.member_count
    assert totals[3].value == 3
    rate_column = next(i for i, cell in enumerate(rows[0]) if cell.number_format == "0.0%")
    assert totals[rate_column].value == pytest.approx(2 / (branch_a.member_count + branch_b.member_count))
    assert no_formulas(book) == []


def test_programme_workbook_has_summary_branches_and_list(login, district, federation, data):
    book = workbook_from(download(login(district), "programme"))
    assert len(book.worksheets) == 3
    _h, list_rows, _t = table(book.worksheets[2])
    assert len(list_rows) == 3
    _h, branch_rows, _t = table(book.worksheets[1])
    assert len(branch_rows) == 2
    summary = book.worksheets[0]
    values = [cell.value for row in summary.iter_rows() for cell in row]
    assert 400 in values and 90 in values and 300 in values  # the programme's targets, from its data
    assert no_formulas(book) == []


def test_list_streams_in_a_constant_number_of_queries(login, district, federation, branch_a,
                                                     django_assert_max_num_queries):
    for n in range(3):
        sent(branch_a, f"Sáng kiến {n}")
    client = login(district)
    with django_assert_max_num_queries(20):
        workbook_from(download(client, "initiatives"))
    for n in range(30):
        sent(branch_a, f"Sáng kiến thêm {n}")
    with django_assert_max_num_queries(20):
        book = workbook_from(download(client, "initiatives"))
    assert len(table(book.worksheets[0])[1]) == 33


def test_date_line_follows_the_decree():
    assert wb.date_line("Vĩnh Linh", datetime.date(2024, 3, 5)) == "Vĩnh Linh, ngày 05 tháng 3 năm 2024"
    assert wb.date_line("Vĩnh Linh", datetime.date(2024, 2, 15)) == "Vĩnh Linh, ngày 15 tháng 02 năm 2024"
    assert wb.date_line("Vĩnh Linh", datetime.date(2024, 12, 25)) == "Vĩnh Linh, ngày 25 tháng 12 năm 2024"


def test_share_written_with_a_decimal_comma(login, district, federation, branch_a):
    a, b, c = (factories.member(branch_a) for _ in range(3))
    sent(branch_a, "Ba tác giả", authors=[(a, Decimal("33.34")), (b, Decimal("33.33")), (c, Decimal("33.33"))])
    _h, rows, _t = table(workbook_from(download(login(district), "initiatives")).worksheets[0])
    assert rows[0][2].value == f"{a.full_name} (33,34%)"


def test_summary_totals_are_the_dashboards_participation(login, district, federation, data, branch_a, branch_b):
    # An inactive branch that still submitted (its row is listed, its members are not counted), and a member
    # credited in two branches (one participant, not two).
    closed = factories.branch("CĐCS đã giải thể", code="giai-the", member_count=100, is_active=False)
    factories.initiative(closed, status=Status.SUBMITTED)
    an = data["sent_a"].credited_author
    sent(branch_b, "Sáng kiến thứ hai của An", authors=[(an, 100)])
    headings, rows, totals = table(workbook_from(download(login(district), "summary")).worksheets[0])
    assert closed.name in " ".join(str(row[1].value) for row in rows)
    participation = progress.compute(progress.scope_for_user(district, Programme.current()))["participation"]
    members_column = 2
    rate_column = next(i for i, cell in enumerate(rows[0]) if cell.number_format == "0.0%")
    assert totals[members_column].value == participation["members"] == branch_a.member_count + branch_b.member_count
    assert totals[rate_column - 1].value == participation["participants"]
    assert totals[rate_column].value == pytest.approx(participation["rate"])
