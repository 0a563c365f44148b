"""The lists' paginator (initiatives/paging.py): the same rows, in the same order, as Django's own paginator,
whether the list fits in the probe or not; and a count the planner only estimated is shown as "about N"."""

import pytest
from django.core.paginator import Paginator

from initiatives import paging
from initiatives.models import Initiative
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven(branch_a):
    return [factories.initiative(branch_a, title=f"Sáng kiến số {n}") for n in range(7)]


@pytest.mark.parametrize("probe", [3, 10])  # the list longer than the probe, and within it
def test_every_page_holds_the_rows_djangos_paginator_gives(seven, probe):
    ordered = Initiative.objects.order_by("-created_at", "-pk")
    ours, stock = paging.LargeListPaginator(ordered, 2, probe=probe), Paginator(ordered, 2)
    # Past the probe PostgreSQL's planner only estimates the total (its guess for a table this small is far off);
    # the pages that exist hold the same rows all the same.
    assert ours.num_pages == stock.num_pages == 4 or (ours.estimated and probe < 7)
    for number in stock.page_range:
        assert list(ours.page(number)) == list(stock.page(number))


def test_an_estimated_count_is_shown_as_about(login, district, seven, settings, monkeypatch):
    settings.LIST_PROBE = 3
    monkeypatch.setattr(paging, "approximate_count", lambda queryset: (40, False))  # the planner's guess
    # A search: the tallies cannot count it, so the paginator probes and, past the probe, asks the planner.
    page = login(district).get("/initiatives/", {"q": "sang kien"}).content.decode()
    assert "Khoảng 40 sáng kiến" in page and "Trang 1 / khoảng 2" in page


def test_an_exact_count_is_shown_as_it_is(login, district, seven):
    page = login(district).get("/initiatives/").content.decode()
    assert "7 sáng kiến" in page and "Khoảng" not in page
