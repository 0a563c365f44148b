"""Awards (the district's and the branch-funded ones), the panel's scoring sheet and the exemplars report."""

import datetime

import openpyxl
import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Status
from models_awards.models import Award, AwardLevel, Candidate, InitiativeScore, NominationStatus
from models_awards.reports import write_exemplars
from reporting import registry
from tests import factories
from tests.initiatives.reports_support import no_formulas

from . import helpers

S = NominationStatus


def award_post(**overrides):
    data = {
        "year": "2022", "subject": "individual", "form": "certificate", "level": "district_federation",
        "decision_no": "45/QĐ-LĐLĐ", "decision_date": "28/05/2022", "amount_vnd": "1000000",
        "occasion": "workers_month", "occasion_note": "Tháng Công nhân 2022", "citation": "Thành tích xuất sắc.",
    }
    data.update(overrides)
    return data


def test_the_district_records_an_award_resting_on_a_nomination(district, branch_a, member_a, login):
    nomination = helpers.nomination(branch_a, member=member_a, status=S.SELECTED)
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], status=Status.SENT_TO_PROVINCE)
    nomination.initiatives.add(initiative)
    client = login(district)
    form = client.get(f"/awards/new/?nomination={nomination.pk}")
    assert form.status_code == 200
    assert form.context["form"].initial["member"] == member_a.pk
    response = client.post("/awards/new/", award_post(
        member=member_a.pk, nomination=nomination.pk, initiatives=[initiative.pk], is_published="on",
    ))
    assert response.status_code == 302
    award = Award.objects.get()
    assert (award.branch_id, award.member_id, award.nomination_id, award.recorded_by_id) == (
        branch_a.pk, member_a.pk, nomination.pk, district.pk)
    assert award.decision_date == datetime.date(2022, 5, 28) and award.amount_vnd == 1_000_000
    assert award.is_published and list(award.initiatives.all()) == [initiative]


def test_an_officer_records_only_branch_funded_awards_for_their_branch(officer_a, member_a, member_b, login):
    client = login(officer_a)
    response = client.post("/awards/new/", award_post(
        member=member_a.pk, level="district_federation", is_published="on", funded_by_branch="",
    ))
    assert response.status_code == 302
    award = Award.objects.get()
    assert award.funded_by_branch and award.level == AwardLevel.BRANCH and not award.is_published
    response = client.post("/awards/new/", award_post(member=member_b.pk))
    assert response.status_code == 200 and Award.objects.count() == 1


def test_award_pages_are_scoped(officer_a, officer_b, district, branch_a, member_a, login):
    funded = helpers.award(branch_a, member=member_a, funded_by_branch=True, citation="Do CĐCS chi.")
    districts = helpers.award(branch_a, member=member_a, citation="Do huyện khen.")
    a = login(officer_a)
    assert a.get(f"/awards/{funded.pk}/edit/").status_code == 200
    assert a.get(f"/awards/{districts.pk}/edit/").status_code == 403
    listing = a.get("/awards/list/").content.decode()
    assert f"/awards/{funded.pk}/edit/" in listing and f"/awards/{districts.pk}/edit/" not in listing
    b = login(officer_b)
    assert b.get(f"/awards/{funded.pk}/edit/").status_code == 404
    listing = b.get("/awards/list/").content.decode()
    assert "Do CĐCS chi." not in listing and member_a.full_name not in listing
    assert login(district).get(f"/awards/{districts.pk}/edit/").status_code == 200


def test_award_list_queries_stay_flat(district, branch_a, login):
    client = login(district)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get("/awards/list/").status_code == 200
        return len(context)

    helpers.award(branch_a, member=factories.member(branch_a))
    small = count()
    for _ in range(8):
        helpers.award(branch_a, member=factories.member(branch_a))
    assert count() == small


@pytest.fixture
def candidate(branch_a):
    initiative = factories.initiative(branch_a, status=Status.SENT_TO_PROVINCE, title="Ứng viên chấm điểm")
    return Candidate.objects.create(year=2022, initiative=initiative)


def test_panel_members_score_and_see_the_averages(candidate, district, login):
    other = factories.district_user("panel2")
    login(district).post(f"/awards/scoring/{candidate.pk}/", {"novelty": "8", "applicability": "6", "benefit": "7"})
    client = login(other)
    client.post(f"/awards/scoring/{candidate.pk}/", {"novelty": "6", "applicability": "8", "benefit": "9"})
    # Scoring again replaces one's own scores.
    client.post(f"/awards/scoring/{candidate.pk}/", {"novelty": "6", "applicability": "8", "benefit": "10"})
    assert InitiativeScore.objects.filter(candidate=candidate).count() == 2
    page = client.get(f"/awards/scoring/{candidate.pk}/")
    assert page.context["averages"] == {"novelty": 7, "applicability": 7, "benefit": 8.5, "total": 22.5}
    sheet = client.get("/awards/scoring/?year=2022")
    row = sheet.context["rows"][0]
    assert row["total"] == pytest.approx(22.5) and row["candidate"].scores_count == 2


def test_scores_out_of_range_are_refused(candidate, district, login):
    response = login(district).post(f"/awards/scoring/{candidate.pk}/",
                                    {"novelty": "11", "applicability": "0", "benefit": "5"})
    assert response.status_code == 200 and not InitiativeScore.objects.exists()


def test_the_district_puts_an_initiative_before_the_panel(district, branch_a, login):
    approved = factories.initiative(branch_a, status=Status.BRANCH_APPROVED)
    draft = factories.initiative(branch_a, status=Status.DRAFT)
    client = login(district)
    client.post("/awards/scoring/add/", {"year": "2022", "initiative": str(approved.pk)})
    client.post("/awards/scoring/add/", {"year": "2022", "initiative": str(draft.pk)})
    assert list(Candidate.objects.values_list("initiative_id", flat=True)) == [approved.pk]


def test_officers_do_not_score(candidate, officer_a, login):
    client = login(officer_a)
    assert client.get(f"/awards/scoring/{candidate.pk}/").status_code == 403
    assert client.post(f"/awards/scoring/{candidate.pk}/", {"novelty": "9", "applicability": "9",
                                                            "benefit": "9"}).status_code == 403
    assert not InitiativeScore.objects.exists()


def test_scoring_and_ranking_pages_queries_stay_flat(district, branch_a, branch_b, login):
    client = login(district)

    def counts():
        result = []
        for path in ("/awards/scoring/?year=2022", "/awards/ranking/", "/awards/ranking/?quarter=2022-Q1&by=benefit",
                     "/awards/creative-labour/"):
            with CaptureQueriesContext(connection) as context:
                assert client.get(path).status_code == 200
            result.append(len(context))
        return result

    def add(n):
        for i in range(n):
            branch = branch_a if i % 2 else branch_b
            initiative = helpers.sent(branch, author=factories.member(branch), benefit=90_000_000)
            candidate = Candidate.objects.create(year=2022, initiative=initiative)
            InitiativeScore.objects.create(candidate=candidate, scorer=district, novelty=5, applicability=5,
                                           benefit=5)

    add(2)
    small = counts()
    add(10)
    assert counts() == small
    assert max(small) <= 15  # the ranking: 14, and the data's versions it is remembered under


def test_the_remembered_ranking_follows_a_new_send(district, branch_a, login, settings):
    settings.PROGRESS_CACHE_SECONDS = 600
    client = login(district)
    assert "Nguyễn Văn Mới" not in client.get("/awards/ranking/").content.decode()
    client.get("/awards/ranking/")  # remembered
    helpers.sent(branch_a, author=factories.member(branch_a, "Nguyễn Văn Mới"), benefit=1)
    assert "Nguyễn Văn Mới" in client.get("/awards/ranking/").content.decode()


def test_the_exemplars_report_is_registered_and_scoped(district, officer_b, branch_a, branch_b, member_a, tmp_path):
    helpers.nomination(branch_a, member=member_a, status=S.SELECTED, year=2022)
    helpers.nomination(branch_b, team_name="Tổ Hồi sức", status=S.RECOGNISED, year=2022)
    helpers.nomination(branch_b, team_name="Tổ chưa chọn", status=S.PROPOSED, year=2022)
    helpers.award(branch_b, citation="Khen tổ Hồi sức", amount_vnd=None)
    helpers.award(branch_a, member=member_a, citation="=HYPERLINK(\"http://x\")")
    # ready() registers the kind; run it again in case another test file unregistered it.
    apps.get_app_config("models_awards").ready()
    kind = registry.get("exemplars")
    assert kind.write is write_exemplars and "year" in kind.filters
    path = tmp_path / "district.xlsx"
    rows = kind.write(path, user=district, filters=registry.ReportFilters(year=2022))
    assert rows == 4
    book = openpyxl.load_workbook(path)
    exemplars, awards = book.worksheets
    values = [c for row in exemplars.iter_rows(values_only=True) for c in row if c]
    assert member_a.full_name in values and "Tổ Hồi sức" in values and "Tổ chưa chọn" not in values
    award_values = [c for row in awards.iter_rows(values_only=True) for c in row if c]
    assert "=HYPERLINK(\"http://x\")" in award_values  # kept as text, never a formula
    # The only formula is the report's own total of the amounts (a SUM of the column above it).
    assert no_formulas(book) == []

    path_b = tmp_path / "officer.xlsx"
    kind.write(path_b, user=officer_b, filters=registry.ReportFilters(year=2022))
    values_b = [c for ws in openpyxl.load_workbook(path_b).worksheets for row in ws.iter_rows(values_only=True)
                for c in row if c]
    assert "Tổ Hồi sức" in values_b and member_a.full_name not in values_b


def test_ranking_page_shows_thousands_of_branches_a_page_at_a_time(district, login, monkeypatch):
    from initiatives.models import EmulationCluster
    from models_awards.views import selection

    monkeypatch.setattr(selection, "BRANCHES_PER_PAGE", 2)
    monkeypatch.setattr(selection, "CLUSTER_TOP", 2)
    cluster = EmulationCluster.objects.create(name="Khối Trường học")
    for index, count in enumerate([4, 3, 2, 1, 0]):
        branch = factories.branch(f"CĐCS Hạng {index + 1}", code=f"hang-{index}", cluster=cluster)
        for _ in range(count):
            helpers.sent(branch)
    client = login(district)
    first = client.get("/awards/ranking/").content.decode()
    second = client.get("/awards/ranking/", {"page": "2", "by": "sent"}).content.decode()

    def branch_table(page):  # the overall table, before the members'
        return page.split("Đoàn viên (tác giả được công nhận)")[0]

    assert "CĐCS Hạng 1" in branch_table(first) and "CĐCS Hạng 2" in branch_table(first)
    assert "CĐCS Hạng 3" not in branch_table(first)
    assert "CĐCS Hạng 3" in branch_table(second) and "Trang 2/3" in second
    # Each cluster's table names its leaders and links to the whole cluster.
    assert f"cluster={cluster.pk}" in first
    whole = client.get("/awards/ranking/", {"cluster": cluster.pk}).content.decode()
    assert "CĐCS Hạng 1" in whole and "CĐCS Hạng 2" in whole


def test_an_officers_edit_of_a_published_award_waits_for_the_district_again(officer_a, member_a, branch_a, login):
    award = helpers.award(branch_a, member=member_a, funded_by_branch=True, is_published=True)
    client = login(officer_a)
    assert f"/awards/{award.pk}/edit/" in client.get("/awards/list/").content.decode()
    response = client.post(f"/awards/{award.pk}/edit/", award_post(member=member_a.pk, citation="Lời khen mới."))
    assert response.status_code == 302
    award.refresh_from_db()
    assert award.citation == "Lời khen mới." and not award.is_published  # not public until the district says so


def test_a_wrong_initiative_number_keeps_what_was_typed_beside_the_field(district, login):
    response = login(district).post("/awards/scoring/add/", {"year": "2023", "initiative": "987654"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="987654"' in page and "#987654" in page  # the number typed, and the error naming it
    assert '<option value="2023" selected>' in page


def test_every_year_filter_offers_the_years_a_nomination_may_be_for(district, login):
    from django.utils import timezone

    from models_awards import exemplars

    this_year = timezone.localdate().year
    assert this_year in exemplars.offered_years()
    client = login(district)
    for url in ("/awards/scoring/", "/awards/nominations/"):
        assert f'<option value="{this_year}"' in client.get(url).content.decode(), url


@pytest.mark.parametrize("typed", ["2.000.000", "2 000 000", "2000000 đ"])
def test_an_award_amount_typed_with_grouping_is_saved_in_whole_dong(district, member_a, login, typed):
    response = login(district).post("/awards/new/", award_post(
        member=member_a.pk, amount_vnd=typed, decision_date="28.05.2022"))
    assert response.status_code == 302
    award = Award.objects.get()
    assert award.amount_vnd == 2_000_000 and award.decision_date == datetime.date(2022, 5, 28)


def test_an_ambiguous_award_amount_is_refused_beside_the_field(district, member_a, login):
    response = login(district).post("/awards/new/", award_post(member=member_a.pk, amount_vnd="1,5"))
    assert response.status_code == 200 and not Award.objects.exists()
    page = response.content.decode()
    assert "không thể lưu “1,5”" in page and 'value="1,5"' in page
