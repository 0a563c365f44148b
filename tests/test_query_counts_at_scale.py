"""Every page's number of SQL queries stays under a ceiling that does not grow with the data: measured on a
small set, then held at ten times the data, past each threshold where a page changes its way of counting or
listing at national scale (the paginator's probe, the long branch lists)."""

import datetime

import pytest
from django.contrib import admin
from django.core.cache import cache

from initiatives.models import Initiative, Status
from tests import factories

pytestmark = pytest.mark.django_db

PAGES = {
    "home": ("anonymous", "/"),
    "list": ("district", "/initiatives/"),
    "list filtered": ("district", "/initiatives/?status=submitted&category=operational"),
    "list search": ("district", "/initiatives/?q=nguyen+van"),
    "list deep page": ("district", "/initiatives/?page=3"),
    "officer's list": ("officer", "/initiatives/"),
    "officer's search": ("officer", "/initiatives/?q=nguyen"),
    "dashboard": ("district", "/dashboard/"),
    "dashboard JSON": ("district", "/dashboard/progress.json"),
    "dashboard JSON, one period": ("district", "/dashboard/progress.json?period=1"),
    "officer's dashboard": ("officer", "/dashboard/"),
    "officer's dashboard JSON": ("officer", "/dashboard/progress.json"),
    "admin list (district)": ("district", "/admin/initiatives/initiative/"),
    "admin list filtered (district)": ("district", "/admin/initiatives/initiative/?status=submitted"),
    "admin search (district)": ("district", "/admin/initiatives/initiative/?q=nguyen"),
    "admin list (officer)": ("officer", "/admin/initiatives/initiative/"),
    "export": ("district", "/reports/initiatives.xlsx"),
}


PAST_THE_PROBE = 1


@pytest.fixture(autouse=True)
def small_thresholds(monkeypatch, settings):
    # The thresholds of a province, scaled down: a few branches are "many", a few rows overflow the probe.
    settings.LIST_PROBE = 21  # a page (20 rows) fits in it, as with the real 1,000
    settings.LONG_LIST = 3
    # The admin reads a one-page list in one query and a longer one page by page: both sizes have several pages.
    monkeypatch.setattr(admin.site._registry[Initiative], "list_per_page", 3)
    cache.clear()


def grow(branches, per_branch, officer_branch):
    """Branches with initiatives at every step of the pipeline, authors named Nguyễn Văn…"""
    for index in range(branches):
        branch = officer_branch if index == 0 else factories.branch()
        for number in range(per_branch):
            status = [Status.SUBMITTED, Status.BRANCH_APPROVED, Status.SENT_TO_PROVINCE, Status.DRAFT][number % 4]
            factories.initiative(
                branch, status=status, sent_to_province_date=datetime.date(2022, 3, 1 + number % 20)
                if status == Status.SENT_TO_PROVINCE else None,
                authors=[(factories.member(branch, f"Nguyễn Văn {index}-{number}"), 60),
                         (factories.member(branch, f"Lê Thị {index}-{number}"), 40)],
            )


def counts(clients, capture):
    found = {}
    for name, (who, url) in PAGES.items():
        with capture() as queries:
            response = clients[who].get(url)
        assert response.status_code == 200, (name, response.status_code)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        found[name] = len(queries.captured_queries)
    return found


def test_every_page_makes_as_many_queries_with_ten_times_the_data(client, district, officer_a, branch_a,
                                                                  django_assert_max_num_queries):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = {"anonymous": Client(), "district": Client(), "officer": Client()}
    clients["district"].force_login(district, backend="django.contrib.auth.backends.ModelBackend")
    clients["officer"].force_login(officer_a, backend="django.contrib.auth.backends.ModelBackend")

    grow(2, 2, branch_a)  # under every threshold
    for page_client in clients.values():  # sessions and first-request work out of the way
        page_client.get("/")
    cache.clear()  # the home page's figures are cached too (progress.headline_cached): counted afresh at each size
    small = counts(clients, lambda: CaptureQueriesContext(connection))
    grow(6, 25, branch_a)  # past every threshold: many branches, lists longer than the probe
    cache.clear()
    for name, (who, url) in PAGES.items():
        # A list past its probe may ask for one estimate of its length (paging.approximate_count).
        with django_assert_max_num_queries(small[name] + PAST_THE_PROBE, info=name):
            response = clients[who].get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
