"""The "to do" count in the menu and its page: what waits for an officer or the district office, in their scope."""

import pytest
from django.contrib.auth import get_user_model

from initiatives import todo
from initiatives.models import MembershipRequest, Status
from tests import factories


def asks_to_join(branch, name):
    account = factories.user()
    return MembershipRequest.objects.create(user=account, branch=branch, full_name=name)


@pytest.fixture
def work(branch_a, branch_b):
    """Branch A: 2 submitted, 1 approved, 1 verified, 1 draft, 1 join request; branch B: the same again."""
    made = {}
    for branch, tag in ((branch_a, "A"), (branch_b, "B")):
        made[tag] = {
            "submitted": [factories.initiative(branch, title=f"Chờ duyệt {tag}{n}", status=Status.SUBMITTED)
                          for n in (1, 2)],
            "approved": factories.initiative(branch, title=f"Chờ xác nhận {tag}", status=Status.BRANCH_APPROVED),
            "verified": factories.initiative(branch, title=f"Chờ gửi tỉnh {tag}", status=Status.DISTRICT_VERIFIED),
            "draft": factories.initiative(branch, title=f"Bản nháp {tag}"),
            "request": asks_to_join(branch, f"Người xin vào {tag}"),
        }
    confirmed = asks_to_join(branch_a, "Đã xác nhận rồi")
    MembershipRequest.objects.filter(pk=confirmed.pk).update(state=MembershipRequest.State.CONFIRMED)
    return made


def test_an_officer_counts_only_what_waits_in_their_branch(work, officer_a):
    counts = todo.counts_for(officer_a)
    assert (counts.to_review, counts.join_requests, counts.to_verify, counts.to_send) == (2, 1, 0, 0)
    assert counts.total == 3


def test_the_district_office_counts_what_waits_for_it_everywhere(work, district):
    counts = todo.counts_for(district)
    assert (counts.to_review, counts.join_requests, counts.to_verify, counts.to_send) == (0, 0, 2, 2)


def test_a_member_has_nothing_to_do(work, member_a, client):
    assert todo.counts_for(member_a.user).total == 0
    client.force_login(member_a.user)
    page = client.get("/todo/").content.decode()
    assert "Không có việc nào đang chờ" in page
    assert "Chờ duyệt" not in page


def test_the_menu_shows_the_count_and_the_page_lists_the_work_of_the_officers_branch(work, officer_a, client):
    client.force_login(officer_a)
    home = client.get("/initiatives/").content.decode()
    assert 'href="/todo/">Việc cần làm <span class="badge rounded-pill text-bg-danger">3<' in home

    page = client.get("/todo/").content.decode()
    for initiative in work["A"]["submitted"]:
        assert f'href="/initiatives/{initiative.pk}/"' in page and initiative.title in page
    assert "Người xin vào A" in page and "/admin/initiatives/membershiprequest/?state__exact=pending" in page
    for hidden in ("Chờ duyệt B", "Người xin vào B", "Bản nháp A", "Chờ xác nhận A", "Đã xác nhận rồi"):
        assert hidden not in page


def test_the_district_page_lists_what_to_verify_and_send(work, district, client):
    client.force_login(district)
    page = client.get("/todo/").content.decode()
    for tag in ("A", "B"):
        assert work[tag]["approved"].title in page and work[tag]["verified"].title in page
        assert work[tag]["submitted"][0].title not in page
    assert "Sáng kiến cần xác nhận" in page and "Sáng kiến cần gửi LĐLĐ tỉnh" in page


def test_no_badge_when_nothing_waits(officer_a, client):
    client.force_login(officer_a)
    home = client.get("/initiatives/").content.decode()
    assert 'href="/todo/">Việc cần làm</a>' in home


@pytest.mark.parametrize("role", ["officer", "district"])
def test_the_count_and_the_page_ask_a_fixed_number_of_queries(
    role, branch_a, officer_a, district, django_assert_max_num_queries
):
    user = {"officer": officer_a, "district": district}[role]
    for n in range(30):
        factories.initiative(branch_a, title=f"Nhiều {n}", status=Status.SUBMITTED if n % 2 else Status.BRANCH_APPROVED)
        asks_to_join(branch_a, f"Người {n}")

    fresh = get_user_model().objects.get(pk=user.pk)  # nothing cached on the user
    with django_assert_max_num_queries(4):  # groups, officer's branches, initiatives, join requests
        counts = todo.counts_for(fresh)
    assert counts.total in (15, 45)

    from django.test import Client

    client = Client()
    client.force_login(user)
    client.get("/todo/")  # warm caches that are not about the data (session, templates)
    with django_assert_max_num_queries(12):
        assert client.get("/todo/").status_code == 200
