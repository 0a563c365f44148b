"""A union body under the programme's body heads its dashboard with the target the body above gave it (issue 14,
item 3: targets given down the tree), on the page and in /dashboard/progress.json?federation=<id>, for its own
officer and for the province drilling down alike; without one it falls back to its branches' pledges, as before.
The body that runs the programme keeps the programme's own targets."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from initiatives import targets
from initiatives.models import Federation, Pledge, PledgeTarget, Programme
from tests import factories, trees


@pytest.fixture
def tree(db):
    """LĐLĐ tỉnh (programme 2026: 50 + 70) ─┬─ Công đoàn xã Vĩnh Hoàng ─┬─ school (2 sent in round 1)
                                             │                          └─ clinic
                                             └─ Công đoàn KCN Quán Ngang ── factory"""
    tree = trees.province_tree(("school", "clinic", "factory"))
    for date in ("2026-04-01", "2026-05-01"):
        trees.sent(tree["school"], tree["programme"], datetime.date.fromisoformat(date))
    return tree


def give(tree, child, rounds, total, rate=None):
    first, second = tree["periods"]
    targets.do_give_targets(giver=tree["province"], programme=tree["programme"], acting_user=tree["tinh"], rows=[
        targets.Given(child=child, periods={first: rounds[0], second: rounds[1]}, total=total,
                      participation_rate=rate)])


def pledge(tree, branch, rounds):
    record = Pledge.objects.create(branch=branch, programme=tree["programme"], accepted_by_district=True)
    for period, initiatives in zip(tree["periods"], rounds, strict=True):
        PledgeTarget.objects.create(pledge=record, period=period, initiatives=initiatives)


def headline(data):
    return ((data["programme"]["target"], data["programme"]["target_source"]),
            [(p["target"], p["target_source"]) for p in data["periods"]])


def test_a_commune_officer_sees_the_target_the_province_gave_their_body(login, tree):
    give(tree, tree["commune"], (4, 6), 12, rate=Decimal("0.250"))
    data = login(tree["xa"]).get("/dashboard/progress.json").json()
    assert data["federation"]["id"] == tree["commune"].pk
    assert headline(data) == ((12, "node"), [(4, "node"), (6, "node")])
    assert data["programme"]["sent"] == 2 and data["programme"]["share"] == pytest.approx(2 / 12)
    assert data["periods"][0]["share"] == 0.5
    # The participation target the province gave: a quarter of the commune's 52 members.
    assert data["participation"]["target_rate"] == 0.25 and data["participation"]["target_participants"] == 13


def test_the_province_drilling_down_sees_the_same_headline_as_the_commune_and_as_its_own_row(login, tree):
    give(tree, tree["commune"], (4, 6), 12)
    client = login(tree["tinh"])
    commune = client.get(f"/dashboard/progress.json?federation={tree['commune'].pk}").json()
    assert headline(commune) == ((12, "node"), [(4, "node"), (6, "node")])
    province = client.get(f"/dashboard/progress.json?federation={tree['province'].pk}").json()
    row = next(r for r in province["children"] if r["id"] == tree["commune"].pk)
    assert row["target"] == commune["programme"]["target"]
    assert [r["target"] for r in row["rounds"]] == [p["target"] for p in commune["periods"]]
    # The province itself runs the programme: its own targets, whatever it gave.
    assert headline(province) == ((120, "programme"), [(50, "programme"), (70, "programme")])


def test_the_dashboard_page_names_where_the_commune_target_comes_from(login, tree):
    give(tree, tree["commune"], (4, None), None)
    page = login(tree["xa"]).get("/dashboard/").content.decode()
    assert "Chỉ tiêu (cấp trên giao)" in page and "Chỉ tiêu (theo giao ước)" not in page
    assert "chưa giao" in page  # round 2: nothing given


def test_only_rounds_given_add_up_to_the_programme_target_and_only_a_total_leaves_the_rounds_empty(login, tree):
    give(tree, tree["commune"], (4, 6), None)
    client = login(tree["xa"])
    assert headline(client.get("/dashboard/progress.json").json()) == ((10, "node"), [(4, "node"), (6, "node")])
    give(tree, tree["commune"], (None, None), 30)
    assert headline(client.get("/dashboard/progress.json").json()) == ((30, "node"), [(None, "node"), (None, "node")])


def test_without_a_given_target_the_commune_falls_back_to_its_branches_pledges(login, tree):
    pledge(tree, tree["school"], (3, 5))
    pledge(tree, tree["clinic"], (1, 1))
    client = login(tree["xa"])
    assert headline(client.get("/dashboard/progress.json").json()) == (
        (10, "pledges"), [(4, "pledges"), (6, "pledges")])
    # A target given to another body, or in another programme, changes nothing here.
    give(tree, tree["zone"], (9, 9), 18)
    other = Programme.objects.create(
        name="Chương trình khác", window_start=datetime.date(2026, 1, 1), window_end=datetime.date(2026, 12, 31),
        research_applied_from=datetime.date(2026, 1, 1), total_target=5, participation_target_rate="0.100",
        is_current=False, federation=tree["province"])
    targets.do_give_targets(giver=tree["province"], programme=other, acting_user=tree["tinh"],
                            rows=[targets.Given(child=tree["commune"], total=5)])
    assert headline(client.get("/dashboard/progress.json").json()) == (
        (10, "pledges"), [(4, "pledges"), (6, "pledges")])
    # Once the province gives one, it wins over the pledges.
    give(tree, tree["commune"], (2, 2), None)
    assert headline(client.get("/dashboard/progress.json").json()) == ((4, "node"), [(2, "node"), (2, "node")])


def test_a_changed_target_shows_at_once_though_the_figures_are_cached(login, tree):
    give(tree, tree["commune"], (4, 6), 10)
    client = login(tree["xa"])
    assert client.get("/dashboard/progress.json").json()["programme"]["target"] == 10
    give(tree, tree["commune"], (5, 6), 11)
    assert client.get("/dashboard/progress.json").json()["programme"]["target"] == 11
    give(tree, tree["commune"], (None, None), None)  # taken back: the pledges again (none here)
    assert headline(client.get("/dashboard/progress.json").json()) == (
        (None, "pledges"), [(None, "pledges"), (None, "pledges")])


def test_one_branch_of_the_commune_is_judged_on_pledges_not_on_the_body_target(login, tree):
    give(tree, tree["commune"], (4, 6), 10)
    pledge(tree, tree["school"], (3, 5))
    data = login(tree["xa"]).get(f"/dashboard/progress.json?branch={tree['school'].pk}").json()
    assert headline(data) == ((8, "pledges"), [(3, "pledges"), (5, "pledges")])


def test_province_demo_commune_and_province_headlines_and_vinh_linh_unchanged(settings, db, login):
    settings.DEBUG = True
    call_command("seed_demo")
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    vinh_linh = login(users.get(username="vanphong")).get("/dashboard/progress.json").json()
    call_command("seed_demo", province=True)
    commune = Federation.objects.get(name="Công đoàn xã Cửa Tùng")
    xa = login(users.get(username="xa")).get("/dashboard/progress.json").json()
    assert xa["federation"]["id"] == commune.pk
    assert headline(xa) == ((15, "node"), [(6, "node"), (9, "node")])
    client = login(users.get(username="tinh"))
    assert headline(client.get(f"/dashboard/progress.json?federation={commune.pk}").json()) == headline(xa)
    province = client.get("/dashboard/progress.json").json()
    assert headline(province) == ((60, "programme"), [(25, "programme"), (35, "programme")])
    after = login(users.get(username="vanphong")).get("/dashboard/progress.json").json()
    assert headline(after) == headline(vinh_linh) == ((400, "programme"), [(90, "programme"), (300, "programme")])


def test_a_branch_officer_sees_the_target_their_commune_gave_the_branch_before_its_pledge(login, tree):
    """The bottom level of targets given down the tree: the commune gives its school a target; the school's officer
    is judged on it (as the commune sees the school in its table), and on the pledge while none is given."""
    officer = factories.officer(tree["school"], "cb_truong")
    pledge(tree, tree["school"], (3, 5))
    client = login(officer)
    assert headline(client.get("/dashboard/progress.json").json()) == (
        (8, "pledges"), [(3, "pledges"), (5, "pledges")])
    first, second = tree["periods"]
    targets.do_give_targets(giver=tree["commune"], programme=tree["programme"], acting_user=tree["xa"], rows=[
        targets.Given(child=tree["school"], periods={first: 2, second: 4}, total=None)])
    data = client.get("/dashboard/progress.json").json()
    assert headline(data) == ((6, "node"), [(2, "node"), (4, "node")])
    assert data["periods"][0]["sent"] == 2 and data["periods"][0]["share"] == 1.0
    commune = login(tree["xa"]).get("/dashboard/progress.json").json()
    row = next(r for r in commune["children"] if r["id"] == tree["school"].pk)
    assert [r["target"] for r in row["rounds"]] == [2, 4]
    # Another branch's officer keeps their own pledge.
    clinic_officer = factories.officer(tree["clinic"], "cb_tram")
    pledge(tree, tree["clinic"], (1, 1))
    assert headline(login(clinic_officer).get("/dashboard/progress.json").json()) == (
        (2, "pledges"), [(1, "pledges"), (1, "pledges")])
