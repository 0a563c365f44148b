"""Ranking of branches and members on hand-made data: overall, per cluster, per quarter, by count and benefit."""

import datetime

import pytest

from initiatives import access, quarters
from initiatives.models import Branch, EmulationCluster, Initiative, Programme, Status
from initiatives.quarters import Quarter
from models_awards import ranking
from tests import factories

from . import helpers


@pytest.fixture
def made(db, district):
    schools = EmulationCluster.objects.create(name="Khối Giáo dục")
    health = EmulationCluster.objects.create(name="Khối Y tế")
    a = factories.branch("CĐCS A", code="a", cluster=schools)
    b = factories.branch("CĐCS B", code="b", cluster=schools)
    c = factories.branch("CĐCS C", code="c", kind="health", cluster=health)
    idle = factories.branch("CĐCS D", code="d", kind="health", cluster=health)
    an, binh, cuong = factories.member(a, "An"), factories.member(b, "Bình"), factories.member(c, "Cường")
    q1, q2 = datetime.date(2022, 2, 10), datetime.date(2022, 5, 10)
    # A: 3 sent (2 in Q1 2022), small benefit; B: 1 sent with a large benefit; C: 2 sent in Q2.
    helpers.sent(a, author=an, sent_on=q1, benefit=1_000_000)
    helpers.sent(a, author=an, sent_on=q1, benefit=2_000_000)
    helpers.sent(a, author=an, sent_on=q2)
    helpers.sent(b, author=binh, sent_on=q1, benefit=50_000_000)
    helpers.sent(c, author=cuong, sent_on=q2, benefit=4_000_000)
    helpers.sent(c, author=cuong, sent_on=q2, benefit=4_000_000)
    # Not counted: not sent yet, or approved only.
    factories.initiative(a, status=Status.DISTRICT_VERIFIED, economic_benefit_vnd=900_000_000)
    factories.initiative(idle, status=Status.SUBMITTED)
    return {"a": a, "b": b, "c": c, "idle": idle, "schools": schools, "health": health, "district": district,
            "an": an, "binh": binh, "cuong": cuong}


def names(rows):
    return [(row.rank, row.name, row.sent, row.benefit) for row in rows]


def test_branches_by_initiatives_sent(made):
    rows = ranking.rank_branches(made["district"], basis=ranking.BY_SENT)
    assert names(rows) == [
        (1, "CĐCS A", 3, 3_000_000),
        (2, "CĐCS C", 2, 8_000_000),
        (3, "CĐCS B", 1, 50_000_000),
        (4, "CĐCS D", 0, 0),
    ]


def test_branches_by_economic_benefit(made):
    rows = ranking.rank_branches(made["district"], basis=ranking.BY_BENEFIT)
    assert [row.name for row in rows] == ["CĐCS B", "CĐCS C", "CĐCS A", "CĐCS D"]
    assert [row.rank for row in rows] == [1, 2, 3, 4]


def test_per_quarter(made):
    q1 = Quarter.parse("2022-Q1")
    rows = ranking.rank_branches(made["district"], basis=ranking.BY_SENT, quarter=q1)
    assert names(rows)[:2] == [(1, "CĐCS A", 2, 3_000_000), (2, "CĐCS B", 1, 50_000_000)]
    # C and D sent nothing in that quarter: they share the last rank.
    assert [(row.rank, row.sent) for row in rows[2:]] == [(3, 0), (3, 0)]


def test_per_cluster(made):
    groups = dict(ranking.group_by_cluster(ranking.rank_branches(made["district"]), basis=ranking.BY_SENT))
    assert names(groups["Khối Giáo dục"]) == [(1, "CĐCS A", 3, 3_000_000), (2, "CĐCS B", 1, 50_000_000)]
    assert names(groups["Khối Y tế"]) == [(1, "CĐCS C", 2, 8_000_000), (2, "CĐCS D", 0, 0)]
    only_health = ranking.rank_branches(made["district"], cluster_id=made["health"].pk)
    assert [row.name for row in only_health] == ["CĐCS C", "CĐCS D"]


@pytest.fixture(params=["counted", "tally"])
def programme(request, db):
    """The members' ranking over a whole programme reads the tally of what each member sent; without a programme
    (or within a quarter) it counts the initiatives. Both must give the same ranking."""
    return Programme.current() if request.param == "tally" else None


def test_members_by_count_and_benefit(made, programme):
    by_sent = ranking.rank_members(made["district"], basis=ranking.BY_SENT, programme=programme)
    assert [(r.rank, r.name, r.sent, r.benefit, r.branch_name) for r in by_sent] == [
        (1, "An", 3, 3_000_000, "CĐCS A"), (2, "Cường", 2, 8_000_000, "CĐCS C"), (3, "Bình", 1, 50_000_000, "CĐCS B"),
    ]
    by_benefit = ranking.rank_members(made["district"], basis=ranking.BY_BENEFIT, programme=programme)
    assert [r.name for r in by_benefit] == ["Bình", "Cường", "An"]
    in_q2 = ranking.rank_members(made["district"], quarter=Quarter(2022, 2), programme=programme)
    assert [(r.name, r.sent) for r in in_q2] == [("Cường", 2), ("An", 1)]
    health = ranking.rank_members(made["district"], cluster_id=made["health"].pk, programme=programme)
    assert [(r.name, r.sent) for r in health] == [("Cường", 2)]


def test_members_follow_a_change_of_credited_author_and_benefit(made, programme):
    moved = Initiative.objects.filter(credited_author=made["an"], status=Status.SENT_TO_PROVINCE).first()
    Initiative.objects.filter(pk=moved.pk).update(credited_author=made["binh"], economic_benefit_vnd=7)
    rows = ranking.rank_members(made["district"], programme=programme)
    assert [(r.rank, r.name, r.sent) for r in rows] == [(1, "Bình", 2), (1, "Cường", 2), (1, "An", 2)]  # by benefit
    assert {r.name: r.benefit for r in rows}["Bình"] == 50_000_007


def test_ties_share_a_rank(db, district):
    x, y, z = factories.branch("X", code="x"), factories.branch("Y", code="y"), factories.branch("Z", code="z")
    helpers.sent(x)
    helpers.sent(y)
    helpers.sent(z)
    helpers.sent(z)
    assert [(r.rank, r.name) for r in ranking.rank_branches(district)] == [(1, "Z"), (2, "X"), (2, "Y")]


def test_cluster_leaders_each_quarter_name_all_ties(made):
    helpers.sent(made["b"], sent_on=datetime.date(2022, 2, 1))  # B now ties A in Q1 2022 with 2
    leaders = ranking.cluster_leaders_by_quarter(made["district"])
    assert leaders[("Khối Giáo dục", "2022-Q1")] == (2, ["CĐCS A", "CĐCS B"])
    assert leaders[("Khối Giáo dục", "2022-Q2")] == (1, ["CĐCS A"])
    assert leaders[("Khối Y tế", "2022-Q2")] == (2, ["CĐCS C"])
    assert ("Khối Y tế", "2022-Q1") not in leaders


def test_an_officer_ranks_only_their_branches(made, programme):
    officer = factories.officer(made["a"])
    assert [row.name for row in ranking.rank_branches(officer)] == ["CĐCS A"]
    assert [row.name for row in ranking.rank_members(officer, programme=programme)] == ["An"]


def test_quarters():
    assert Quarter.parse("2022-Q4").end == datetime.date(2022, 12, 31)
    assert Quarter.parse("2022-Q1").end == datetime.date(2022, 3, 31)
    assert Quarter.parse("2022-Q5") is None and Quarter.parse("nonsense") is None
    keys = [q.key for q in quarters.between(datetime.date(2021, 9, 1), datetime.date(2022, 4, 1))]
    assert keys == ["2021-Q3", "2021-Q4", "2022-Q1", "2022-Q2"]


def test_ranking_queries_do_not_grow_with_data(made, django_assert_max_num_queries):
    access.is_district(made["district"])  # the user's groups, read once per request
    with django_assert_max_num_queries(1):
        ranking.rank_branches(made["district"])
    with django_assert_max_num_queries(1):
        ranking.rank_members(made["district"])
    programme = Programme.current()
    with django_assert_max_num_queries(1):
        ranking.rank_members(made["district"], programme=programme)
    with django_assert_max_num_queries(1):
        ranking.cluster_leaders_by_quarter(made["district"])


@pytest.mark.django_db
def test_a_province_officer_ranks_the_branches_on_the_province_programme(login):
    """The ranking follows the viewer's body's programme (programmes.for_viewer), as the dashboard does: the
    province's officer sees what their branches sent in the province's 2026 programme, not in the Vĩnh Linh plan."""
    from initiatives.models import Programme, Status
    from tests import factories

    province = factories.node(None, "Liên đoàn Lao động tỉnh Quảng Trị", place_name="Quảng Trị")
    commune = factories.node(province, "Công đoàn xã Vĩnh Hoàng")
    programme = Programme.objects.create(
        name="Chương trình thi đua 2026", window_start=datetime.date(2026, 1, 1),
        window_end=datetime.date(2026, 12, 31), research_applied_from=datetime.date(2026, 1, 1), total_target=120,
        participation_target_rate="0.100", is_current=True, federation=province)
    school = factories.branch("CĐCS Trường Tiểu học Vĩnh Hoàng", federation=commune)
    for _n in range(2):
        record = factories.initiative(school, status=Status.SENT_TO_PROVINCE)
        type(record).objects.filter(pk=record.pk).update(programme=programme,
                                                         sent_to_province_date=datetime.date(2026, 4, 1))
    page = login(factories.district_user("tinh", of_node=province)).get("/awards/ranking/")
    [row] = [r for r in page.context["page"].object_list if r.pk == school.pk]
    assert row.sent == 2


@pytest.mark.parametrize("small_scope", [0, 1000], ids=["from the index of the best", "from the roster"])
def test_a_body_officer_ranks_the_members_of_its_subtree_either_way(made, programme, monkeypatch, small_scope):
    monkeypatch.setattr(ranking, "SMALL_SCOPE", small_scope)
    body = factories.node(factories.root_node(), "Công đoàn xã Vĩnh Giang")
    Branch.objects.filter(pk__in=[made["a"].pk, made["c"].pk]).update(federation=body)
    officer = factories.district_user("xa", of_node=body)
    rows = ranking.rank_members(officer, programme=programme)
    assert [(r.rank, r.name, r.sent, r.branch_name) for r in rows] == [
        (1, "An", 3, "CĐCS A"), (2, "Cường", 2, "CĐCS C")]
    health = ranking.rank_members(officer, basis=ranking.BY_BENEFIT, cluster_id=made["health"].pk, programme=programme)
    assert [(r.name, r.benefit) for r in health] == [("Cường", 8_000_000)]
