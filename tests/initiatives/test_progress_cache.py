"""The dashboard's figures come from the cache only while nothing they count has changed: every kind of write
(a move, a queryset update, a branch renamed or moved to another cluster, a pledge, a period's target) gives new
figures at once; an unchanged scope costs one query."""

import datetime

import pytest
from django.core.cache import cache

from initiatives import progress, workflow
from initiatives.models import Branch, EmulationCluster, Initiative, Pledge, PledgeTarget, Programme, Status
from tests import factories

pytestmark = pytest.mark.django_db
APPROVE = {"novelty_confirmed": True, "lawful_confirmed": True}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def figures(user, programme=None, **filters):
    programme = programme or Programme.objects.prefetch_related("periods").get(is_current=True)
    return progress.compute_cached(progress.scope_for_user(user, programme, **filters), branch_page=1)


def test_a_second_look_costs_one_query_and_equals_a_fresh_count(district, branch_a, django_assert_max_num_queries):
    factories.initiative(branch_a, status=Status.SUBMITTED)
    programme = Programme.objects.prefetch_related("periods").get(is_current=True)
    first = figures(district, programme)
    with django_assert_max_num_queries(1):  # the data's versions; the rest comes from the cache
        again = figures(district, programme)
    fresh = progress.compute(progress.scope_for_user(district, programme), branch_page=1)
    assert again == first and {key: value for key, value in first.items() if key != "version"} == fresh


def test_every_kind_of_write_shows_at_once(district, branch_a, branch_b, member_a, officer_a):
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], status=Status.SUBMITTED)
    assert figures(district)["by_status"][Status.SUBMITTED] == 1
    workflow.apply(initiative, "approve", officer_a, **APPROVE)
    data = figures(district)
    assert data["by_status"][Status.BRANCH_APPROVED] == 1 and data["participation"]["participants"] == 1
    Initiative.objects.filter(pk=initiative.pk).update(status=Status.SENT_TO_PROVINCE,
                                                       sent_to_province_date=datetime.date(2022, 1, 5))
    assert figures(district)["periods"][0]["sent"] == 1
    Branch.objects.filter(pk=branch_a.pk).update(name="CĐCS Đổi tên")
    assert "CĐCS Đổi tên" in {row["name"] for row in figures(district)["by_branch"]}
    cluster = EmulationCluster.objects.create(name="Cụm mới")
    Branch.objects.filter(pk=branch_b.pk).update(cluster=cluster)
    assert "Cụm mới" in {row["name"] for row in figures(district)["by_cluster"]}
    period = Programme.current().periods.get(number=1)
    pledge = Pledge.objects.create(branch=branch_a, programme=period.programme)
    target = PledgeTarget.objects.create(pledge=pledge, period=period, initiatives=4)
    assert figures(district)["periods"][0]["pledged"] == 4
    PledgeTarget.objects.filter(pk=target.pk).update(initiatives=7)
    assert figures(district)["periods"][0]["pledged"] == 7
    type(period).objects.filter(pk=period.pk).update(target=123)
    assert figures(district)["periods"][0]["target"] == 123


def test_scopes_and_filters_are_kept_apart(district, officer_a, branch_a, branch_b):
    factories.initiative(branch_a, status=Status.SUBMITTED)
    factories.initiative(branch_b, status=Status.SUBMITTED)
    assert figures(district)["by_status"][Status.SUBMITTED] == 2
    assert figures(officer_a)["by_status"][Status.SUBMITTED] == 1
    assert figures(district, branch=branch_b)["by_branch"][0]["id"] == branch_b.pk
    assert figures(district, branch=branch_a)["by_branch"][0]["id"] == branch_a.pk


def test_the_dashboard_page_redraws_its_cached_tables_after_a_write(login, district, branch_a):
    factories.initiative(branch_a, status=Status.SUBMITTED)
    client = login(district)
    assert branch_a.name in client.get("/dashboard/").content.decode()
    Branch.objects.filter(pk=branch_a.pk).update(name="CĐCS Tên mới")
    page = client.get("/dashboard/").content.decode()
    assert "CĐCS Tên mới" in page and branch_a.name not in page


def test_the_home_page_figures_are_cached_until_a_write(branch_a, member_a, officer_a, django_assert_max_num_queries):
    """The whole programme's figures are its branches' rows added up (no portal-wide row): counted once per change
    of the data, shown at once after any write."""
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], status=Status.SUBMITTED)
    programme = Programme.objects.prefetch_related("periods").get(is_current=True)
    first = progress.headline_cached(programme)
    assert first == progress.headline(programme)
    with django_assert_max_num_queries(1):
        assert progress.headline_cached(programme) == first
    workflow.apply(initiative, "approve", officer_a, **APPROVE)
    assert progress.headline_cached(programme)["participation"]["participants"] == 1
    Branch.objects.filter(pk=branch_a.pk).update(member_count=7)
    assert progress.headline_cached(programme) == progress.headline(programme)
