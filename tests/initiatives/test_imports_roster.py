"""Importing a branch roster: preview with every problem by row and column, then all rows or none, and the
same file twice adds nothing twice. An officer imports only into their own branch."""
import datetime

import pytest
from django.urls import reverse

from initiatives.models import Member
from reporting import imports
from tests.initiatives.reports_support import checked, fill_template, workbook_from, xlsx_upload

pytestmark = pytest.mark.django_db

HEADINGS = ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Trình độ", "Điện thoại", "Email"]
ROWS = [
    [1, "Trần Thị Mai", datetime.date(1985, 4, 12), "Giáo viên", "Thạc sĩ", "0912345678", "mai@example.vn"],
    [2, "Phạm Văn Hùng", "03/11/1990", "Nhân viên", "Cử nhân", "0987654321", ""],
    [3, "Võ Thị Lan", None, "Kế toán", "", "", ""],
]


def upload(client, rows=ROWS, headings=HEADINGS, branch=None, **kwargs):
    data = {"file": xlsx_upload(rows, headings=headings, **kwargs)}
    if branch is not None:
        data["branch"] = branch.pk
    response = client.post(reverse("import", args=["roster"]), data)
    return checked(client, response) if response.status_code == 302 else response


def confirm(client, token):
    return client.post(reverse("import-confirm", args=["roster"]), {"token": token})


def test_preview_then_confirm(login, officer_a, branch_a):
    client = login(officer_a)
    response = upload(client, branch=branch_a)
    assert response.status_code == 200
    plan = response.context["plan"]
    assert plan.problems == []
    assert [row.summary for row in plan.rows] == ["Trần Thị Mai", "Phạm Văn Hùng", "Võ Thị Lan"]
    assert [row.row for row in plan.rows] == [2, 3, 4]
    assert not Member.objects.exists()  # the preview changes nothing
    assert confirm(client, response.context["token"]).status_code == 302
    members = {m.full_name: m for m in Member.objects.all()}
    assert set(members) == {"Trần Thị Mai", "Phạm Văn Hùng", "Võ Thị Lan"}
    assert members["Phạm Văn Hùng"].date_of_birth == datetime.date(1990, 11, 3)
    assert members["Trần Thị Mai"].branch == branch_a
    assert members["Trần Thị Mai"].search_name == "tran thi mai"


def test_the_same_file_twice_adds_nothing_twice(login, officer_a, branch_a):
    client = login(officer_a)
    confirm(client, upload(client, branch=branch_a).context["token"])
    response = upload(client, branch=branch_a)
    plan = response.context["plan"]
    assert plan.rows == [] and len(plan.skipped) == 3
    assert response.context["token"] is None
    assert Member.objects.count() == 3


def test_confirming_twice_imports_once(login, officer_a, branch_a):
    client = login(officer_a)
    token = upload(client, branch=branch_a).context["token"]
    confirm(client, token)
    confirm(client, token)
    assert Member.objects.count() == 3


def test_problems_are_named_by_row_and_column_and_nothing_is_imported(login, officer_a, branch_a):
    rows = [
        [1, "Trần Thị Mai", "31/02/1985", "Giáo viên", "", "", "khong-phai-email"],
        [2, "", "01/01/1990", "", "", "", ""],
        [3, "Võ Thị Lan", None, "Kế toán", "", "", ""],
        [4, "Trần Thị Mai", "31/02/1985", "", "", "", ""],
    ]
    client = login(officer_a)
    response = upload(client, rows=rows, branch=branch_a)
    assert response.status_code == 200
    plan = response.context["plan"]
    found = {(problem.row, problem.column.rsplit("(", 1)[-1].rstrip(")")) for problem in plan.problems}
    assert found == {(2, "C"), (2, "G"), (3, "B"), (5, "C")}  # bad date, bad e-mail, no name, bad date
    assert response.context["token"] is None
    assert b"31/02/1985" in response.content
    assert not Member.objects.exists()


def test_a_row_naming_another_branch_is_refused(login, officer_a, branch_a, branch_b):
    rows = [[1, "Trần Thị Mai", None, "", "", "", "", branch_b.name]]
    response = upload(login(officer_a), rows=rows, headings=[*HEADINGS, "CĐCS"], branch=branch_a)
    plan = response.context["plan"]
    assert [p.row for p in plan.problems] == [2]
    assert not Member.objects.exists()


def test_choosing_another_branch_on_the_page_is_a_404(login, officer_a, branch_b):
    response = upload(login(officer_a), branch=branch_b)
    assert response.status_code == 404
    assert not Member.objects.exists()


def test_district_imports_into_the_branch_named_by_each_row(login, district, branch_a, branch_b):
    rows = [[1, "Trần Thị Mai", None, "", "", "", "", branch_a.code],
            [2, "Lê Văn Tám", None, "", "", "", "", branch_b.name]]
    client = login(district)
    response = upload(client, rows=rows, headings=[*HEADINGS, "CĐCS"])
    confirm(client, response.context["token"])
    assert {m.full_name: m.branch for m in Member.objects.all()} == {"Trần Thị Mai": branch_a, "Lê Văn Tám": branch_b}


def test_a_confirmation_from_another_session_does_nothing(login, officer_a, officer_b, branch_a, client):
    token = upload(login(officer_a), branch=branch_a).context["token"]
    client.logout()
    other = login(officer_b)
    response = confirm(other, token)
    assert response.status_code == 404  # the check is officer_a's job: another user finds nothing there
    assert not Member.objects.exists()


def test_the_template_has_the_headings_the_import_reads(login, officer_a):
    book = workbook_from(login(officer_a).get(reverse("import-template", args=["roster"])))
    headings = [cell.value for cell in book.worksheets[0][3] if cell.value]
    assert headings[0] == "Họ và tên *"
    assert len(headings) == len(imports.FIELDS["roster"]) - 1  # the list's number (STT) is not imported
    assert book.worksheets[0].freeze_panes == "A4"


def test_a_filled_in_template_imports(login, officer_a, branch_a, tmp_path):
    client = login(officer_a)
    book = workbook_from(client.get(reverse("import-template", args=["roster"])))
    fill_template(book.worksheets[0], {"full_name": "Đỗ Thị Hoa", "date_of_birth": datetime.date(1992, 5, 6),
                                       "position": "Y sĩ", "phone": "0912345678"})
    path = tmp_path / "mau.xlsx"
    book.save(path)
    with open(path, "rb") as handle:
        response = checked(client, client.post(reverse("import", args=["roster"]),
                                               {"file": handle, "branch": branch_a.pk}))
    confirm(client, response.context["token"])
    member = Member.objects.get()
    assert member.full_name == "Đỗ Thị Hoa" and member.date_of_birth == datetime.date(1992, 5, 6)
    assert member.phone == "0912345678"
