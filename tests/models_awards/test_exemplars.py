"""Exemplars selected each year against the targets (1 collective + 2 individuals), and the dashboard row."""

import pytest

from initiatives import dashboard_panels
from initiatives.models import Programme
from models_awards import exemplars
from models_awards.dashboard import exemplar_panel
from models_awards.models import Nomination, NominationStatus
from tests import factories

from . import helpers

S = NominationStatus


@pytest.fixture
def year_2022(branch_a, branch_b):
    helpers.nomination(branch_a, status=S.SELECTED, year=2022)
    helpers.nomination(branch_a, member=factories.member(branch_a), status=S.RECOGNISED, year=2022)
    helpers.nomination(branch_b, member=factories.member(branch_b), status=S.PROPOSED_UPWARD, year=2022)
    # Not exemplars (yet): every other status.
    for status in (S.DRAFT, S.PROPOSED, S.SHORTLISTED, S.DECLINED):
        helpers.nomination(branch_a, member=factories.member(branch_a), status=status, year=2022)
        helpers.nomination(branch_b, status=status, year=2022)
    helpers.nomination(branch_b, member=factories.member(branch_b), status=S.SELECTED, year=2023)


def rows_by_year(rows):
    return {row.year: row for row in rows}


def test_yearly_counts_against_targets(year_2022):
    programme = Programme.current()
    rows = rows_by_year(exemplars.yearly_exemplars(Nomination.objects.all(), programme))
    assert sorted(rows) == [2021, 2022, 2023, 2024, 2025]
    row = rows[2022]
    assert (row.collectives, row.individuals, row.collective_target, row.individual_target) == (1, 2, 1, 2)
    assert row.collectives_met and row.individuals_met and row.met
    assert (rows[2023].collectives, rows[2023].individuals, rows[2023].met) == (0, 1, False)
    assert rows[2021].collectives == rows[2021].individuals == 0


def test_targets_come_from_the_programme(year_2022):
    programme = Programme.current()
    programme.exemplar_individuals_per_year = 3
    programme.save()
    row = rows_by_year(exemplars.yearly_exemplars(Nomination.objects.all(), programme))[2022]
    assert row.individual_target == 3 and not row.met


def test_the_count_is_one_query(year_2022, django_assert_num_queries):
    programme = Programme.current()
    programme.exemplar_years()
    with django_assert_num_queries(1):
        exemplars.yearly_exemplars(Nomination.objects.all(), programme)


def test_the_panel_is_registered_and_moves_when_the_district_selects(year_2022, district, login, branch_b):
    assert exemplar_panel in dashboard_panels.registered()
    client = login(district)
    data = client.get("/dashboard/progress.json").json()
    before = {row["year"]: row for row in data["panels"]["exemplars"]["years"]}
    assert before[2023]["individuals"] == 1 and before[2023]["collectives"] == 0
    nomination = helpers.nomination(branch_b, status=S.SHORTLISTED, year=2023)
    from models_awards import nomination_workflow

    nomination_workflow.apply(nomination, "select", district)
    after = {row["year"]: row for row in client.get("/dashboard/progress.json").json()["panels"]["exemplars"]["years"]}
    assert after[2023]["collectives"] == 1
    page = client.get("/dashboard/")
    assert page.status_code == 200
    assert b'id="exemplar-panel-title"' in page.content


def test_an_officer_panel_counts_their_branches_only(year_2022, officer_b, login):
    data = login(officer_b).get("/dashboard/progress.json").json()
    row = {r["year"]: r for r in data["panels"]["exemplars"]["years"]}[2022]
    assert (row["collectives"], row["individuals"]) == (0, 1)


def test_no_panel_for_a_member(year_2022, member_a, rf):
    request = rf.get("/dashboard/")
    request.user = member_a.user
    assert exemplar_panel(request, scope=None) is None
