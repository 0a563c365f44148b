"""The reports as a clerk prints them on A4: read back from the file (scale, fonts, row heights, page breaks,
formulas, money format) and, in the `printing` tests, printed through LibreOffice and read from the PDF.

Where the pages break is worked out here from what the file says (row heights, manual breaks, the repeated
heading row, the scale), independently of the code that wrote it."""
import datetime
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl.utils import column_index_from_string, get_column_letter

from initiatives.models import BranchReport, Federation, Programme, Status
from reporting import workbook as wb
from tests import factories
from tests.initiatives.reports_support import column_layout, no_formulas, sent, table, text_of, workbook_from

pytestmark = pytest.mark.django_db

LONG = ("Cải tiến quy trình tiếp nhận và trả kết quả hồ sơ hành chính một cửa liên thông bằng phần mềm "
        "dùng chung của huyện (nhân rộng tại các xã)")


@pytest.fixture
def federation(db):
    return Federation.objects.create(
        name="Liên đoàn Lao động huyện Vĩnh Linh", short_name="LĐLĐ huyện Vĩnh Linh",
        parent_name="Liên đoàn Lao động tỉnh Quảng Trị", place_name="Vĩnh Linh", chair_title="Chủ tịch",
        chair_name="Nguyễn Bá Lưu",
    )


def many(branch, count, *, benefit=1_234_567):
    for n in range(count):
        title = LONG if n % 3 == 0 else f"Sáng kiến số {n + 1}"
        sent(branch, title, economic_benefit_vnd=benefit, social_benefit="Giảm thời gian chờ của người dân. " * (n % 4))


def download(client, kind, *, data_only=False, **params):
    return workbook_from(client.get(reverse("report-download", args=[kind]), params), data_only=data_only)


def print_area_columns(ws):
    area = ws.print_area.split("!")[-1].replace("$", "")
    last = area.split(":")[1].rstrip("0123456789")
    return column_index_from_string(last)


def pages(ws):
    """{row: page number} as a printer lays the sheet out: rows go on a page while they fit; a row that does not
    starts the next page, under the repeated heading row; a manual break ends a page."""
    scale = ws.page_setup.scale / 100
    capacity = (595.3 - (ws.page_margins.top + ws.page_margins.bottom) * 72) / scale
    title_rows = ws.print_title_rows
    title = int(title_rows.split(":")[0].strip("$")) if title_rows else None
    title_height = (ws.row_dimensions[title].height or ws.sheet_format.defaultRowHeight) if title else 0
    breaks = {brk.id for brk in ws.row_breaks.brk}
    layout, page, used, on_page = {}, 1, 0, 0
    for row in range(1, ws.max_row + 1):
        height = ws.row_dimensions[row].height
        if not height and ws.sheet_format.customHeight:
            height = ws.sheet_format.defaultRowHeight  # the sheet's own row height, stated in the file
        assert height, f"row {row} has no height of its own: the pages would break elsewhere than planned"
        if used + height > capacity and on_page:
            page, used, on_page = page + 1, title_height, 0
        layout[row] = page
        used += height
        on_page += 1
        if row in breaks:
            page, used, on_page = page + 1, title_height, 0
    return layout


def closing_rows(ws):
    """The rows of the closing block: from "Nơi nhận:" to the signer's name."""
    rows = [cell.row for row in ws.iter_rows() for cell in row if cell.value == wb.RECIPIENTS_LABEL]
    assert rows, "the sheet has a closing block"
    start = rows[0]
    return list(range(start, start + wb.SIGNATURE_LINES))


@pytest.mark.parametrize("count", [1, 4, 5, 6, 9, 10, 13, 17, 22])
def test_closing_block_is_never_split_nor_alone_on_a_page(login, district, federation, branch_a, count):
    many(branch_a, count)
    ws = download(login(district), "initiatives").worksheets[0]
    layout = pages(ws)
    block = closing_rows(ws)
    assert {layout[row] for row in block} == {layout[block[0]]}, "the closing block is split across pages"
    _headings, rows, totals = table(ws)
    last_page = layout[block[0]]
    # On its page, the block follows at least the table's last row (not only the repeated heading row).
    assert layout[rows[-1][0].row] == last_page
    assert layout[totals[0].row] == last_page


def test_printed_text_is_at_least_10_points_and_fits_the_width(login, district, federation, branch_a, branch_b):
    many(branch_a, 6)
    client = login(district)
    for kind in ("initiatives", "summary", "programme", "exemplars"):
        book = download(client, kind)
        for ws in book.worksheets:
            scale = ws.page_setup.scale
            assert wb.MIN_SCALE <= scale <= 100 and not ws.sheet_properties.pageSetUpPr.fitToPage
            printed = print_area_columns(ws)
            widths = column_layout(ws)
            width = sum(widths[i][0] for i in range(1, printed + 1) if not widths[i][1])
            assert width * scale / 100 <= wb.PAGE_WIDTH_UNITS, (kind, ws.title, width, scale)
            for row in ws.iter_rows(max_col=printed):
                for cell in row:
                    if cell.value not in (None, ""):
                        assert cell.font.sz * scale / 100 >= 10 - 1e-9, (kind, ws.title, cell.coordinate, cell.font.sz)


def test_rows_are_tall_enough_for_their_wrapped_text(login, district, federation, branch_a):
    many(branch_a, 4)
    ws = download(login(district), "initiatives").worksheets[0]
    _headings, rows, _totals = table(ws)
    title_width = ws.column_dimensions["B"].width
    for row in rows:
        title = row[1].value
        # At most 1.3 characters of 11-point Times New Roman per unit of width (measured: about 1.27).
        lines = -(-len(title) // int((title_width - 1) * 1.3))
        assert ws.row_dimensions[row[0].row].height >= lines * 12.5, (title, ws.row_dimensions[row[0].row].height)
    long_row = next(row for row in rows if row[1].value == LONG)
    assert ws.row_dimensions[long_row[0].row].height >= 4 * 12.5


def test_money_and_totals(login, district, federation, branch_a):
    many(branch_a, 3, benefit=400_000_000)  # a total above a billion takes the larger format
    client = login(district)
    ws = download(client, "initiatives").worksheets[0]
    _headings, rows, totals = table(ws)
    money_column = next(i for i, cell in enumerate(rows[0]) if cell.value == 400_000_000)
    assert rows[0][money_column].number_format == wb.MONEY_FORMAT
    total = totals[money_column]
    letter = get_column_letter(money_column + 1)
    assert total.value == f"=SUM({letter}{rows[0][0].row}:{letter}{rows[-1][0].row})"
    assert total.number_format == wb.MONEY_FORMAT_LARGE
    # The value is in the file with the formula, for readers that do not calculate.
    cached = table(download(client, "initiatives", data_only=True).worksheets[0])[2]
    assert cached[money_column].value == 1_200_000_000
    assert no_formulas(ws.parent) == []


def test_the_money_formats_write_dots_whatever_the_locale():
    # Literal dots between digit groups, a section for each size: nothing left to the reader's locale.
    for fmt in (wb.MONEY_FORMAT, wb.MONEY_FORMAT_LARGE):
        assert "," not in fmt.replace('","', "") and '"."' in fmt and "₫" in fmt


def test_default_list_leaves_out_returned_and_rejected(login, district, federation, branch_a):
    sent(branch_a, "Đã gửi", economic_benefit_vnd=5_000_000)
    factories.initiative(branch_a, title="Bị trả lại", status=Status.RETURNED, economic_benefit_vnd=7_000_000)
    factories.initiative(branch_a, title="Không công nhận", status=Status.REJECTED, economic_benefit_vnd=9_000_000)
    client = login(district)
    book = download(client, "initiatives", data_only=True)
    _headings, rows, totals = table(book.worksheets[0])
    assert [row[1].value for row in rows] == ["Đã gửi"]
    assert 5_000_000 in [cell.value for cell in totals]
    assert "Mọi trạng thái trừ nháp, trả lại để bổ sung và không công nhận" in text_of(book)
    # Asked for, they are listed.
    _h, rows, _t = table(download(client, "initiatives", status=Status.RETURNED).worksheets[0])
    assert [row[1].value for row in rows] == ["Bị trả lại"]


def test_a_period_with_another_status_is_refused_with_a_reason(login, district, federation, branch_a, tmp_path):
    client = login(district)
    period = Programme.current().periods.first()
    response = client.get(reverse("report-download", args=["initiatives"]),
                          {"period": period.pk, "status": Status.SUBMITTED})
    assert response.status_code == 400
    assert "chỉ gồm sáng kiến đã gửi LĐLĐ tỉnh" in response.content.decode()
    from django.core.management.base import CommandError
    with pytest.raises(CommandError, match="sent to the province|đã gửi LĐLĐ tỉnh"):
        call_command("export_report", "initiatives", "--period", str(period.number), "--status", "submitted",
                     "--out", str(tmp_path / "x.xlsx"))
    # A period alone says what it lists.
    sent(branch_a, "Gửi trong giai đoạn 1", sent_on=period.start + datetime.timedelta(days=3))
    book = download(client, "initiatives", period=period.pk)
    assert "Sáng kiến đã gửi LĐLĐ tỉnh trong giai đoạn (theo ngày gửi)" in text_of(book)


def test_export_report_for_a_member_says_why_not(member_a, tmp_path):
    from django.core.management.base import CommandError
    with pytest.raises(CommandError, match="may not download reports"):
        call_command("export_report", "initiatives", "--user", "member_a", "--out", str(tmp_path / "x.xlsx"))


def test_a_branch_officers_download_is_the_branchs_own(login, officer_a, district, federation, branch_a):
    branch_a.chair_name = "Trần Thị Hoa"
    branch_a.save()
    sent(branch_a, "Sổ liên lạc điện tử")
    text = text_of(download(login(officer_a), "initiatives"))
    assert branch_a.name.upper() in text and federation.name.upper() in text
    assert "TM. BAN CHẤP HÀNH" in text and "TM. BAN THƯỜNG VỤ" not in text
    assert "Trần Thị Hoa" in text and "Nguyễn Bá Lưu" not in text
    district_text = text_of(download(login(district), "initiatives"))
    assert "TM. BAN THƯỜNG VỤ" in district_text and "Nguyễn Bá Lưu" in district_text


def test_the_periodic_report_is_signed_by_the_branch_chair(login, officer_a, federation, branch_a):
    branch_a.chair_name = "Trần Thị Hoa"
    branch_a.save()
    period = Programme.current().periods.first()
    BranchReport.objects.create(branch=branch_a, period=period, achievements="Đã làm", submitted_by=officer_a,
                                state=BranchReport.State.SUBMITTED)
    response = login(officer_a).get(reverse("branch-report-download", args=[branch_a.pk, period.pk]))
    text = text_of(workbook_from(response))
    assert "TM. BAN CHẤP HÀNH" in text and "Trần Thị Hoa" in text


def test_exemplars_for_every_year_leave_no_empty_year(login, district, federation, branch_a, member_a):
    from models_awards.models import NominationStatus as S
    from tests.models_awards import helpers
    helpers.nomination(branch_a, member=member_a, status=S.SELECTED, year=2022)
    helpers.nomination(branch_a, team_name="Tổ Toán", status=S.SELECTED, year=2023)
    book = download(login(district), "exemplars")
    text = text_of(book)
    assert "Năm 2022" in text and "Năm 2023" in text and "Tổ Toán" in text
    assert "Tất cả các năm của Chương trình" in text


# -- printed through LibreOffice -------------------------------------------------------------------------------


def pdf_pages(path, tmp_path):
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / (path.stem + ".pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return text.split("\f")[:-1]


@pytest.mark.printing
@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="needs LibreOffice and poppler-utils (.ci/run installs them)")
@pytest.mark.parametrize("count", [5, 13])
def test_printed_through_libreoffice(login, district, federation, branch_a, count, tmp_path):
    many(branch_a, count)
    path = tmp_path / "danh-sach.xlsx"
    response = login(district).get(reverse("report-download", args=["initiatives"]))
    path.write_bytes(b"".join(response.streaming_content))
    printed = pdf_pages(path, tmp_path)
    signed = [index for index, page in enumerate(printed) if "Nguyễn Bá Lưu" in page]
    assert len(signed) == 1
    page = printed[signed[0]]
    assert "TM. BAN THƯỜNG VỤ" in page and "Nơi nhận:" in page  # one block, on one page
    assert "1.234.567 ₫" in page or "1.234.567 đ" in page or any("1.234.567" in p for p in printed)
    assert f"{count * 1_234_567:,}".replace(",", ".") in page  # the total, with its table
    assert "Sáng kiến số" in page or LONG[:20] in page or str(count) in page
