"""Every page of a union body makes the same number of SQL queries whatever the size of the tree under it (issue
14, item 7): an officer of the province, of a body at level 2, of a body at level 3 and of a branch, on a small
four-level tree and on one with more bodies at every level, more branches and ten times the initiatives. The
speed of the same pages on 10,000 branches and a million initiatives is bench/tree_bench.py's (PERFORMANCE.md).

The tree:  province (a root beside the seeded Vĩnh Linh one) ─ level-2 bodies ─ level-3 bodies ─ branches
"""

import datetime

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.test import Client

from initiatives.models import Initiative, Programme, ProgrammePeriod, Status
from tests import factories

pytestmark = pytest.mark.django_db
PROVINCE = "Liên đoàn Lao động tỉnh Quảng Trị"

# Each branch's first initiative is submitted, so that every list and export has rows at both sizes.
STATUSES = [Status.SUBMITTED, Status.BRANCH_APPROVED, Status.SENT_TO_PROVINCE, Status.DRAFT, Status.DISTRICT_VERIFIED]


def node_pages(node_id):
    return {
        "dashboard": f"/dashboard/?federation={node_id}",
        "dashboard, own body": "/dashboard/",
        "dashboard JSON": f"/dashboard/progress.json?federation={node_id}",
        "dashboard JSON, one period": f"/dashboard/progress.json?federation={node_id}&period=1",
        "list": "/initiatives/",
        "list filtered": "/initiatives/?status=submitted",
        "admin list": "/admin/initiatives/initiative/",
        "reports": "/reports/",
        "branch reports": "/reports/branch/",
        "ranking": "/awards/ranking/",
        "pledges": "/dashboard/pledges/",
        "export": "/reports/initiatives.xlsx",
    }


BRANCH_PAGES = {
    "dashboard": "/dashboard/",
    "dashboard JSON": "/dashboard/progress.json",
    "list": "/initiatives/",
    "admin list": "/admin/initiatives/initiative/",
    "reports": "/reports/",
    "branch reports": "/reports/branch/",
    "export": "/reports/initiatives.xlsx",
}


@pytest.fixture(autouse=True)
def small_thresholds(monkeypatch, settings):
    # A province's thresholds scaled down, as in test_query_counts_at_scale: a few branches are "many".
    settings.LIST_PROBE = 21
    settings.LONG_LIST = 3
    monkeypatch.setattr(admin.site._registry[Initiative], "list_per_page", 3)
    cache.clear()


def fill(branch, count):
    """`count` initiatives in `branch`, counting for the province's programme."""
    programme = Programme.objects.get(federation__name=PROVINCE)
    for number in range(count):
        status = STATUSES[number % len(STATUSES)]
        sent = datetime.date(2022, 3, 1 + number % 20) if status == Status.SENT_TO_PROVINCE else None
        factories.initiative(
            branch, status=status, sent_to_province_date=sent,
            authors=[(factories.member(branch, f"Nguyễn Văn {branch.pk}-{number}"), 60),
                     (factories.member(branch, f"Lê Thị {branch.pk}-{number}"), 40)],
        )
    Initiative.objects.filter(branch=branch).update(programme=programme)  # the tallies follow (triggers)


@pytest.fixture
def tree(db):
    factories.node(None, "Liên đoàn Lao động tỉnh khác")  # another root: the province is not the whole portal
    province = factories.node(None, PROVINCE, place_name="Quảng Trị")
    plan = Programme.current()  # the province runs a programme of its own, on the plan's dates
    programme = Programme.objects.create(
        name="Phong trào 2026", window_start=plan.window_start, window_end=plan.window_end,
        research_applied_from=plan.research_applied_from, total_target=plan.total_target,
        participation_target_rate=plan.participation_target_rate, federation=province)
    for period in plan.periods.all():
        ProgrammePeriod.objects.create(programme=programme, number=period.number, start=period.start,
                                       end=period.end, target=period.target)
    level2 = factories.node(province, "Công đoàn khu vực 1")
    level3 = factories.node(level2, "Công đoàn xã 1.1")
    branch = factories.branch("CĐCS Trường Tiểu học 1.1.1", federation=level3)
    officers = {
        "province": factories.district_user("tinh", of_node=province),
        "level2": factories.district_user("cd2", of_node=level2),
        "level3": factories.district_user("cd3", of_node=level3),
        "branch": factories.officer(branch, "cdcs"),
    }
    return {"province": province, "level2": level2, "level3": level3, "branch": branch, "officers": officers}


def grow(tree, width, per_branch):
    """`width` more bodies at level 2 and at level 3 (under the level-2 officer's body), `width` more branches
    under the level-3 officer's body and under each new body, `per_branch` initiatives in every new branch and in
    the branch officer's."""
    for _ in range(width):
        other2 = factories.node(tree["province"])
        other3 = factories.node(tree["level2"])
        deeper = factories.node(other2)
        for parent in (tree["level3"], other3, deeper):
            fill(factories.branch(federation=parent), per_branch)
    fill(tree["branch"], per_branch)


def counts(tree):
    found = {}
    for who, user in tree["officers"].items():
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        client.get("/")  # the session's first-request work out of the way
        pages = BRANCH_PAGES if who == "branch" else node_pages(tree[who].pk)
        for name, url in pages.items():
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            cache.clear()  # the figures counted afresh each time, as on the first look
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
                if hasattr(response, "streaming_content"):
                    b"".join(response.streaming_content)
            assert response.status_code == 200, (who, name, response.status_code)
            found[(who, name)] = len(queries.captured_queries)
    return found


def test_every_page_of_every_level_makes_as_many_queries_on_a_larger_tree(tree):
    grow(tree, 1, 4)  # one branch of each kind, a handful of initiatives: the admin lists already have two pages
    small = counts(tree)
    grow(tree, 3, 6)  # past every threshold: several bodies per level, many branches, lists longer than a page
    large = counts(tree)
    grown = {key: (small[key], large[key]) for key in small if large[key] != small[key]}
    assert not grown, f"pages whose queries grew with the tree (small, large): {grown}"
