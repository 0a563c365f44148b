"""Importing initiatives collected on paper: each row checked by the eligibility rules, all rows or none,
nothing twice; wrong files get a clear message and never a 500; an exported list imports back the same."""
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from initiatives import workflow
from initiatives.models import Category, Initiative, InitiativeAuthor, Member, Status, StatusChange
from reporting import imports
from tests import factories
from tests.initiatives.helpers import PNG_BYTES
from tests.initiatives.reports_support import checked, fill_template, sent, upload_bytes, workbook_from, xlsx_upload

pytestmark = pytest.mark.django_db

HEADINGS = ["STT", "Tên sáng kiến", "Tác giả", "Đồng tác giả", "Loại sáng kiến", "Lĩnh vực", "Cấp công nhận",
            "Số quyết định", "Ngày quyết định", "Ngày áp dụng", "Hiệu quả kinh tế", "Hiệu quả xã hội"]


def row(number, title, author="Nguyễn Văn An (60%)", coauthors="Lê Thị Bình (40%)", **changes):
    values = {
        "category": "Giải pháp tác nghiệp", "field": "Giáo dục", "body": "Hội đồng sáng kiến",
        "decision": f"{number}/QĐ-THPT", "decided": "01/04/2022", "applied": datetime.date(2022, 3, 1),
        "economic": "5.000.000 đ", "social": "Phụ huynh nắm tình hình học tập kịp thời.",
    }
    values.update(changes)
    return [number, title, author, coauthors, values["category"], values["field"], values["body"],
            values["decision"], values["decided"], values["applied"], values["economic"], values["social"]]


ROWS = [row(1, "Sổ liên lạc điện tử"), row(2, "Ngân hàng đề kiểm tra", author="Lê Thị Bình", coauthors="")]


def upload(client, file, branch=None):
    data = {"file": file}
    if branch is not None:
        data["branch"] = branch.pk
    response = checked(client, client.post(reverse("import", args=["initiatives"]), data))
    assert response.status_code == 200, response.status_code
    return response


def confirm(client, token, **answers):
    """Confirm the preview, saying yes to the new members it lists (and `answers` to its name questions)."""
    return client.post(reverse("import-confirm", args=["initiatives"]),
                       {"token": token, "confirm_new_members": "1", **answers})


def test_eligible_rows_are_imported_and_submitted(login, officer_a, branch_a):
    client = login(officer_a)
    response = upload(client, xlsx_upload(ROWS, headings=HEADINGS), branch_a)
    plan = response.context["plan"]
    assert plan.problems == [] and len(plan.rows) == 2
    assert any("Nguyễn Văn An" in note for note in plan.rows[0].notes)  # new on the roster
    confirm(client, response.context["token"])
    first = Initiative.objects.get(title="Sổ liên lạc điện tử")
    assert first.branch == branch_a and first.status == Status.SUBMITTED
    assert first.category == Category.OPERATIONAL and first.economic_benefit_vnd == 5_000_000
    assert first.recognition_date == datetime.date(2022, 4, 1) and first.entered_by == officer_a
    assert first.credited_author.full_name == "Nguyễn Văn An"
    assert [(a.member.full_name, a.share_percent) for a in first.authors.all()] == [
        ("Nguyễn Văn An", Decimal("60")), ("Lê Thị Bình", Decimal("40"))]
    # "Lê Thị Bình" is an author of both rows: added to the roster once.
    assert Member.objects.filter(full_name="Lê Thị Bình").count() == 1
    assert StatusChange.objects.filter(to_status=Status.SUBMITTED).count() == 2


def test_authors_on_the_roster_are_linked_not_duplicated(login, officer_a, branch_a):
    existing = factories.member(branch_a, "Nguyễn Văn An")
    client = login(officer_a)
    confirm(client, upload(client, xlsx_upload(ROWS[:1], headings=HEADINGS), branch_a).context["token"])
    assert Initiative.objects.get().credited_author == existing


def test_an_ineligible_row_is_named_and_nothing_is_imported(login, officer_a, branch_a):
    rows = [*ROWS, row(3, "Áp dụng trước chương trình", applied="15/05/2021"),
            row(4, "Không có quyết định", decision="", body="")]
    client = login(officer_a)
    response = upload(client, xlsx_upload(rows, headings=HEADINGS), branch_a)
    plan = response.context["plan"]
    assert {problem.row for problem in plan.problems} == {4, 5}
    assert any(p.row == 4 and "(J)" in p.column for p in plan.problems)  # the application date's column
    assert response.context["token"] is None
    assert not Initiative.objects.exists()


def test_unreadable_values_are_named(login, officer_a, branch_a):
    rows = [row(1, "Sai loại", category="Loại không có"), row(2, "Sai số tiền", economic="năm triệu"),
            row(3, "Sai tỷ lệ", author="Nguyễn Văn An (60%)", coauthors="Lê Thị Bình"),
            row(4, "", author="Nguyễn Văn An")]
    plan = upload(login(officer_a), xlsx_upload(rows, headings=HEADINGS), branch_a).context["plan"]
    assert {(p.row, p.column.rsplit("(", 1)[-1].rstrip(")")) for p in plan.problems} >= {
        (2, "E"), (3, "K"), (4, "D"), (5, "B")}


def test_all_rows_or_none_when_a_move_fails_midway(login, officer_a, branch_a, monkeypatch):
    client = login(officer_a)
    token = upload(client, xlsx_upload(ROWS, headings=HEADINGS), branch_a).context["token"]
    real_apply = workflow.apply
    calls = []

    def failing_apply(initiative, action, user, **details):
        calls.append(initiative.pk)
        if len(calls) == 2:
            raise workflow.TransitionError("Không thể gửi.")
        return real_apply(initiative, action, user, **details)

    monkeypatch.setattr(imports.workflow, "apply", failing_apply)
    response = confirm(client, token)
    assert response.status_code == 302
    assert not Initiative.objects.exists() and not Member.objects.exists()


def test_the_same_file_twice_adds_nothing_twice(login, officer_a, branch_a):
    client = login(officer_a)
    data = xlsx_upload(ROWS, headings=HEADINGS).read()
    confirm(client, upload(client, upload_bytes(data), branch_a).context["token"])
    response = upload(client, upload_bytes(data), branch_a)
    assert response.context["plan"].rows == [] and len(response.context["plan"].skipped) == 2
    assert Initiative.objects.count() == 2


def test_an_officer_cannot_import_into_another_branch(login, officer_a, branch_a, branch_b):
    headings = [*HEADINGS, "CĐCS"]
    rows = [[*ROWS[0], branch_b.name]]
    plan = upload(login(officer_a), xlsx_upload(rows, headings=headings), branch_a).context["plan"]
    assert [p.row for p in plan.problems] == [2]
    assert not Initiative.objects.exists()
    response = login(officer_a).post(reverse("import", args=["initiatives"]),
                                     {"file": xlsx_upload(ROWS, headings=HEADINGS), "branch": branch_b.pk})
    assert response.status_code == 404


# -- wrong files: a clear message, never a 500 ------------------------------------------------------------


def _problem_text(response):
    plan = response.context["plan"]
    assert plan.problems and plan.problems[0].row is None
    assert response.context["token"] is None
    return plan.problems[0].message


def test_a_text_file_named_xlsx(login, officer_a, branch_a):
    message = _problem_text(upload(login(officer_a), upload_bytes(b"STT;Ten sang kien\n1;abc\n"), branch_a))
    assert "xlsx" in message


def test_a_renamed_picture(login, officer_a, branch_a):
    assert _problem_text(upload(login(officer_a), upload_bytes(PNG_BYTES, name="anh.xlsx"), branch_a))


def test_a_damaged_workbook(login, officer_a, branch_a):
    data = xlsx_upload(ROWS, headings=HEADINGS).read()
    assert _problem_text(upload(login(officer_a), upload_bytes(data[: len(data) // 2]), branch_a))


def test_an_empty_workbook(login, officer_a, branch_a):
    buffer = io.BytesIO()
    Workbook().save(buffer)
    assert _problem_text(upload(login(officer_a), upload_bytes(buffer.getvalue()), branch_a))


def test_headings_without_rows(login, officer_a, branch_a):
    assert _problem_text(upload(login(officer_a), xlsx_upload([], headings=HEADINGS), branch_a))


def test_missing_columns_are_named(login, officer_a, branch_a):
    headings = [h for h in HEADINGS if h != "Loại sáng kiến"]
    rows = [[value for index, value in enumerate(r) if index != 4] for r in ROWS]
    message = _problem_text(upload(login(officer_a), xlsx_upload(rows, headings=headings), branch_a))
    category = next(spec for spec in imports.FIELDS["initiatives"] if spec.key == "category")
    with translation.override("vi"):
        assert str(category.header) in message


def test_columns_out_of_order_are_matched_by_heading(login, officer_a, branch_a):
    order = [1, 0, 4, 2, 3, 11, 10, 9, 8, 7, 6, 5]
    headings = [HEADINGS[i] for i in order]
    rows = [[r[i] for i in order] for r in ROWS]
    client = login(officer_a)
    response = upload(client, xlsx_upload(rows, headings=headings), branch_a)
    plan = response.context["plan"]
    assert plan.problems == [] and len(plan.rows) == 2
    assert plan.notices  # says the columns were matched by their headings
    confirm(client, response.context["token"])
    assert Initiative.objects.get(title="Sổ liên lạc điện tử").economic_benefit_vnd == 5_000_000


def test_fifty_thousand_rows(login, officer_a, branch_a):
    book = Workbook(write_only=True)
    ws = book.create_sheet("Danh sách")
    ws.append(HEADINGS)
    sample = row(1, "Sáng kiến")
    for number in range(1, 50_001):
        ws.append([number, f"Sáng kiến {number}", *sample[2:]])
    buffer = io.BytesIO()
    book.save(buffer)
    message = _problem_text(upload(login(officer_a), upload_bytes(buffer.getvalue()), branch_a))
    # A write-only file has no <dimension>: its rows are counted before openpyxl reads it (reading.Limits.rows).
    assert "20.000 dòng" in message and "chia thành nhiều tệp" in message
    assert not Initiative.objects.exists()


def test_more_rows_than_an_import_takes(login, officer_a, branch_a):
    rows = [row(number, f"Sáng kiến {number}") for number in range(1, imports.MAX_ROWS["initiatives"] + 2)]
    message = _problem_text(upload(login(officer_a), xlsx_upload(rows, headings=HEADINGS), branch_a))
    assert f"{imports.MAX_ROWS['initiatives']:,}".replace(",", ".") in message
    assert not Initiative.objects.exists()


# -- round trip -------------------------------------------------------------------------------------------


FIELDS = ["title", "category", "field_of_work", "recognition_body", "recognition_decision_no", "recognition_date",
          "application_kind", "application_date", "application_place", "economic_benefit_vnd",
          "economic_benefit_description", "social_benefit", "research_level", "research_accepted_date",
          "research_effect_confirmed"]


def snapshot():
    result = {}
    for initiative in Initiative.objects.select_related("branch", "credited_author"):
        authors = [(a.member.full_name, a.share_percent, a.is_lead)
                   for a in InitiativeAuthor.objects.filter(initiative=initiative).select_related("member")]
        result[initiative.title] = ({field: getattr(initiative, field) for field in FIELDS},
                                    initiative.branch.code, initiative.credited_author.full_name, authors)
    return result


def test_an_exported_list_imports_back_the_same_initiatives(login, district, branch_a, branch_b):
    an, binh, cuong = (factories.member(branch_a, name) for name in ("Nguyễn Văn An", "Lê Thị Bình", "Trần Cường"))
    dung = factories.member(branch_b, "Hồ Thị Dung")
    sent(branch_a, "Sổ liên lạc điện tử", authors=[(an, 50), (binh, Decimal("33.33")), (cuong, Decimal("16.67"))],
         application_place="Trường THPT Vĩnh Linh", economic_benefit_description="Tiết kiệm giấy in.")
    factories.initiative(branch_a, title="=HYPERLINK(\"http://x\",\"y\")", status=Status.SUBMITTED,
                         authors=[(binh, 100)], economic_benefit_vnd=None, application_kind="trial")
    factories.initiative(branch_b, title="Đề tài phác đồ điều trị", status=Status.BRANCH_APPROVED,
                         authors=[(dung, 70, True), (factories.member(branch_b, "Phan Văn Em"), 30)],
                         category=Category.RESEARCH, recognition_body="", recognition_decision_no="",
                         recognition_date=None, research_level="provincial",
                         research_accepted_date=datetime.date(2022, 6, 1), research_effect_confirmed=True)
    before = snapshot()
    client = login(district)
    exported = b"".join(client.get(reverse("report-download", args=["initiatives"])).streaming_content)

    # An empty database: no initiative, no member; only the branches set up by the administrator.
    Initiative.objects.all().delete()
    Member.objects.all().delete()
    response = upload(client, upload_bytes(exported))
    plan = response.context["plan"]
    assert plan.problems == [], [(p.row, p.column, p.message) for p in plan.problems]
    confirm(client, response.context["token"])
    assert snapshot() == before
    assert set(Initiative.objects.values_list("status", flat=True)) == {Status.SUBMITTED}
    # And once more: nothing is added twice.
    assert upload(client, upload_bytes(exported)).context["plan"].rows == []


def test_the_template_reads_back(login, officer_a, branch_a):
    client = login(officer_a)
    book = workbook_from(client.get(reverse("import-template", args=["initiatives"])))
    ws = book.worksheets[0]
    sample = dict(zip(HEADINGS, row(1, "Từ mẫu"), strict=True))
    fill_template(ws, {"title": "Từ mẫu", "credited_author": sample["Tác giả"], "coauthors": sample["Đồng tác giả"],
                       "category": sample["Loại sáng kiến"], "field_of_work": sample["Lĩnh vực"],
                       "recognition_decision_no": sample["Số quyết định"],
                       "recognition_date": sample["Ngày quyết định"],
                       "application_date": sample["Ngày áp dụng"], "economic_benefit_vnd": sample["Hiệu quả kinh tế"],
                       "social_benefit": sample["Hiệu quả xã hội"], "recognition_body": sample["Cấp công nhận"]})
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(client, upload_bytes(buffer.getvalue()), branch_a)
    plan = response.context["plan"]
    assert plan.problems == [] and [r.summary for r in plan.rows] == ["Từ mẫu"]


def test_the_preview_reads_the_database_a_fixed_number_of_times(login, officer_a, branch_a,
                                                                 django_assert_max_num_queries):
    client = login(officer_a)
    factories.member(branch_a, "Nguyễn Văn An")
    few = xlsx_upload([row(n, f"Sáng kiến số {n}") for n in range(1, 4)], headings=HEADINGS)
    many = xlsx_upload([row(n, f"Sáng kiến số {n}") for n in range(1, 61)], headings=HEADINGS)
    def check(file):  # what the background job does with the file
        return imports.plan_import("initiatives", file, user=officer_a, default_branch=branch_a)

    with django_assert_max_num_queries(25) as few_queries:
        assert len(check(few).rows) == 3
    with django_assert_max_num_queries(len(few_queries.captured_queries) + 1):
        assert len(check(many).rows) == 60
    again = xlsx_upload([row(n, f"Sáng kiến số {n}") for n in range(1, 61)], headings=HEADINGS)
    assert upload(client, again, branch_a).context["plan"].row_count == 60
