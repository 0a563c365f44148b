"""The branch's periodic report: the officer writes and submits it with figures from the data; the district
sees who has reported, reads it, downloads it alone or with the others of the period, and can hand it back."""
import pytest
from django.urls import reverse

from initiatives.models import BranchReport, Pledge, PledgeTarget, Programme, Status
from tests import factories
from tests.initiatives.reports_support import no_formulas, sent, table, text_of, workbook_from

pytestmark = pytest.mark.django_db


@pytest.fixture
def period():
    return Programme.current().periods.get(number=1)


@pytest.fixture
def figures_data(branch_a, period):
    sent(branch_a, "Gửi tỉnh trong giai đoạn 1")
    factories.initiative(branch_a, title="Chờ duyệt", status=Status.SUBMITTED)
    factories.initiative(branch_a, title="Bản nháp")
    pledge = Pledge.objects.create(branch=branch_a, programme=Programme.current())
    PledgeTarget.objects.create(pledge=pledge, period=period, initiatives=3)


def report_url(branch, period):
    return reverse("branch-report", args=[branch.pk, period.pk])


def test_officer_sees_the_figures_filled_in(login, officer_a, branch_a, period, figures_data):
    response = login(officer_a).get(report_url(branch_a, period))
    assert response.status_code == 200
    figures = {label: value for label, value, _kind, _definition in response.context["figures"]}
    values = list(figures.values())
    assert branch_a.member_count in values
    assert response.context["editable"]
    assert not BranchReport.objects.exists()  # opening does not create anything


def test_save_a_draft_then_submit(login, officer_a, branch_a, period, figures_data):
    client = login(officer_a)
    response = client.post(report_url(branch_a, period), {
        "achievements": "Tổ chức phát động phong trào.", "difficulties": "", "proposals": "", "save": "1"})
    assert response.status_code == 302
    report = BranchReport.objects.get(branch=branch_a, period=period)
    assert report.state == BranchReport.State.DRAFT
    assert report.figures["sent_in_period"] == 1
    assert report.figures["submitted"] == 2
    assert report.figures["pledged"] == 3 and report.figures["pledge_reached"] is False

    client.post(report_url(branch_a, period), {
        "achievements": "Tổ chức phát động phong trào.", "difficulties": "Thiếu thời gian.",
        "proposals": "Tập huấn viết sáng kiến.", "submit": "1"})
    report.refresh_from_db()
    assert report.state == BranchReport.State.SUBMITTED
    assert report.submitted_by == officer_a and report.submitted_at is not None


def test_submitted_figures_are_kept_as_submitted(login, officer_a, branch_a, period, figures_data):
    client = login(officer_a)
    client.post(report_url(branch_a, period), {"achievements": "Đã làm.", "submit": "1"})
    sent(branch_a, "Gửi thêm sau khi nộp báo cáo")
    response = client.get(report_url(branch_a, period))
    figures = dict((label, value) for label, value, *_rest in response.context["figures"])
    report = BranchReport.objects.get()
    assert report.figures["sent_in_period"] == 1
    assert 1 in figures.values() and not response.context["editable"]


def test_submitting_needs_what_was_done(login, officer_a, branch_a, period):
    login(officer_a).post(report_url(branch_a, period), {"achievements": "  ", "submit": "1"})
    assert not BranchReport.objects.filter(state=BranchReport.State.SUBMITTED).exists()


def test_a_submitted_report_cannot_be_changed_by_the_officer(login, officer_a, branch_a, period):
    BranchReport.objects.create(branch=branch_a, period=period, state="submitted", achievements="Đã nộp")
    response = login(officer_a).post(report_url(branch_a, period), {"achievements": "Sửa lại", "save": "1"})
    assert response.status_code == 403
    assert BranchReport.objects.get().achievements == "Đã nộp"


def test_district_reads_but_does_not_write(login, district, branch_a, period):
    BranchReport.objects.create(branch=branch_a, period=period, state="draft", achievements="Nháp của CĐCS")
    client = login(district)
    response = client.get(report_url(branch_a, period))
    assert response.status_code == 200 and not response.context["editable"]
    assert client.post(report_url(branch_a, period), {"achievements": "x", "save": "1"}).status_code == 403


def test_district_overview_shows_who_has_reported(login, district, branch_a, branch_b, period):
    BranchReport.objects.create(branch=branch_a, period=period, state="submitted", achievements="Xong")
    response = login(district).get(reverse("branch-reports"), {"period": period.pk})
    assert response.status_code == 200
    counts = response.context["counts"]
    assert counts == {"branches": 2, "submitted": 1, "drafts": 0, "missing": 1}
    states = {row["branch"].pk: row["report"] for row in response.context["rows"]}
    assert states[branch_a.pk].state == "submitted" and states[branch_b.pk] is None


def test_district_hands_a_report_back(login, district, officer_a, branch_a, period):
    BranchReport.objects.create(branch=branch_a, period=period, state="submitted", achievements="Xong")
    response = login(district).post(reverse("branch-report-reopen", args=[branch_a.pk, period.pk]))
    assert response.status_code == 302
    assert BranchReport.objects.get().state == BranchReport.State.DRAFT


def test_an_officer_cannot_hand_a_report_back(login, officer_a, branch_a, period):
    BranchReport.objects.create(branch=branch_a, period=period, state="submitted", achievements="Xong")
    response = login(officer_a).post(reverse("branch-report-reopen", args=[branch_a.pk, period.pk]))
    assert response.status_code == 403
    assert BranchReport.objects.get().state == BranchReport.State.SUBMITTED


def test_one_report_as_a_workbook(login, district, officer_a, branch_a, period, figures_data):
    login(officer_a).post(report_url(branch_a, period), {
        "achievements": "=HYPERLINK(\"http://x\",\"y\")", "difficulties": "Khó khăn", "proposals": "Đề xuất",
        "submit": "1"})
    book = workbook_from(login(district).get(reverse("branch-report-download", args=[branch_a.pk, period.pk])))
    text = text_of(book)
    assert branch_a.name.upper() in text
    assert "TM. BAN CHẤP HÀNH" in text and "Khó khăn" in text and "Đề xuất" in text
    assert no_formulas(book) == []
    _h, rows, _t = table(book.worksheets[0])
    assert len(rows) == 12
    assert rows[0][2].value == branch_a.member_count


def test_all_branches_of_a_period_in_one_workbook(login, district, branch_a, branch_b, period):
    BranchReport.objects.create(branch=branch_a, period=period, state="submitted", achievements="Việc của A")
    BranchReport.objects.create(branch=branch_b, period=period, state="submitted", achievements="Việc của B")
    book = workbook_from(login(district).get(reverse("branch-reports-download", args=[period.pk])))
    assert len(book.worksheets) == 3  # the overview, then one sheet per submitted report
    text = text_of(book)
    assert "Việc của A" in text and "Việc của B" in text
    _h, rows, _t = table(book.worksheets[0])
    assert [row[1].value for row in rows] == sorted([branch_a.name, branch_b.name])


def test_overview_queries_do_not_grow_with_branches(login, district, period, django_assert_max_num_queries):
    client = login(district)
    for _ in range(2):
        BranchReport.objects.create(branch=factories.branch(), period=period, state="submitted", achievements="x")
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("branch-reports"), {"period": period.pk})
    for _ in range(20):
        BranchReport.objects.create(branch=factories.branch(), period=period, state="draft", achievements="x")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("branch-reports"), {"period": period.pk})
    assert response.context["counts"]["branches"] == 22


def test_reports_page_queries_are_fixed(login, district, django_assert_max_num_queries):
    client = login(district)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("reports"))
    for _ in range(15):
        factories.branch()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("reports")).status_code == 200


def test_period_workbook_queries_do_not_grow_with_submitted_reports(login, district, period,
                                                                     django_assert_max_num_queries):
    client = login(district)

    def submit(count):
        for _ in range(count):
            officer = factories.officer(factories.branch())
            BranchReport.objects.create(branch=officer.officer_of.first(), period=period, state="submitted",
                                        achievements="x", figures={"submitted": 1}, submitted_by=officer)

    def download():
        return b"".join(client.get(reverse("branch-reports-download", args=[period.pk])).streaming_content)

    submit(2)
    with django_assert_max_num_queries(40) as few:
        download()
    submit(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        download()
