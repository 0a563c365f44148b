"""A union body's own tallies (issue 14, item 7): the figures of a body's subtree read from its own rows
(TallyBodyCell, TallyBody) equal its branches' rows added up — after writes, and after every reorganisation on its
effective date — and a recount from scratch finds nothing to repair."""

import datetime

import pytest

from initiatives import progress, progress_counts, reorganisation, tallies
from initiatives.models import Branch, Programme, Status, TallyBodyPending, tally_sql
from tests import factories

JULY_1 = datetime.date(2025, 7, 1)
SENT = datetime.date(2022, 5, 10)


@pytest.fixture
def tree(db):
    province = factories.node(None, "Liên đoàn Lao động tỉnh Quảng Trị", place_name="Quảng Trị")
    district = factories.node(province, "Liên đoàn Lao động huyện Gio Linh")
    village = factories.node(district, "Công đoàn thị trấn Gio Linh")
    commune = factories.node(province, "Công đoàn xã Cửa Tùng")
    school = factories.branch("CĐCS Trường THCS Gio Linh", federation=district)
    clinic = factories.branch("CĐCS Trạm Y tế Gio Linh", federation=district)
    farm = factories.branch("CĐCS Nông trường Gio Linh", federation=village)
    market = factories.branch("CĐCS Chợ Cửa Tùng", federation=commune)
    teacher, nurse = factories.member(school, "Lê Thị Hoa"), factories.member(clinic, "Trần Văn Nam")
    # The teacher is credited in the school and in the market: one participant of the province, once.
    factories.initiative(school, authors=[(teacher, 60), (nurse, 40)], status=Status.BRANCH_APPROVED)
    factories.initiative(market, authors=[(teacher, 100)], status=Status.DISTRICT_VERIFIED)
    factories.initiative(clinic, authors=[(nurse, 100)], status=Status.SENT_TO_PROVINCE, sent_to_province_date=SENT)
    factories.initiative(clinic)  # a draft
    factories.initiative(farm, status=Status.SUBMITTED)
    return {
        "province": province, "district": district, "village": village, "commune": commune, "school": school,
        "clinic": clinic, "farm": farm, "market": market, "tinh": factories.district_user("tinh", of_node=province),
    }


def own_and_summed(node):
    """The node's cells and participation read from its own rows, and summed over its branches' rows."""
    node.refresh_from_db()
    programme = Programme.current()
    branches = Branch.objects.filter(federation__path__startswith=node.path)
    own = progress.Scope(programme=programme, branches=branches, body_path=node.path)
    summed = progress.Scope(programme=programme, branches=branches)
    tallies.fold()
    return ((sorted(progress_counts.cells(own)), progress_counts.participation(own)),
            (sorted(progress_counts.cells(summed)), progress_counts.participation(summed)))


def assert_every_body_exact(tree):
    for name in ("province", "district", "village", "commune"):
        own, summed = own_and_summed(tree[name])
        assert own == summed, name
    assert tallies.differences() == {}


def test_each_body_reads_its_subtree_from_its_own_rows(tree):
    assert_every_body_exact(tree)
    (cells, people), _summed = own_and_summed(tree["province"])
    assert sum(cell.n for cell in cells) == 5
    assert (people.participants, people.authors) == (2, 2)  # the teacher once, though credited in two communes
    (_cells, people), _summed = own_and_summed(tree["commune"])
    assert (people.participants, people.authors) == (1, 1)
    (cells, people), _summed = own_and_summed(tree["village"])
    assert [(c.status, c.n) for c in cells] == [(Status.SUBMITTED, 1)] and people.participants == 0


def test_a_write_leaves_pending_rows_that_the_first_look_folds_in(tree):
    tallies.fold()
    factories.initiative(tree["farm"], status=Status.BRANCH_APPROVED)
    # One row for each body above the farm: the village, the district, the province (cells and people).
    assert set(TallyBodyPending.objects.values_list("body_id", flat=True)) == {
        tree["village"].pk, tree["district"].pk, tree["province"].pk}
    scope = progress.scope_for_user(tree["tinh"], Programme.current(), node=tree["district"])
    assert scope.body_path == tree["district"].path
    figures = progress.compute(scope)
    assert not TallyBodyPending.objects.exists()
    assert figures["by_status"][Status.BRANCH_APPROVED] == 2
    assert_every_body_exact(tree)


def test_a_filtered_scope_is_summed_per_branch(tree):
    scope = progress.scope_for_user(tree["tinh"], Programme.current(), node=tree["district"], branch=tree["school"])
    assert scope.body_path is None
    assert progress.scope_for_user(tree["tinh"], Programme.current()).body_path == tree["province"].path


def test_a_branch_moved_takes_its_counts_to_the_bodies_above_its_new_place(tree):
    reorganisation.do_move_branch(branch=tree["market"], to_node=tree["village"], acting_user=tree["tinh"],
                                  effective_on=JULY_1, reason="Kết luận 157-KL/TW")
    assert_every_body_exact(tree)
    (_cells, people), _summed = own_and_summed(tree["commune"])
    assert people.participants == 0
    (cells, _people), _summed = own_and_summed(tree["village"])
    assert sum(cell.n for cell in cells) == 2


def test_a_body_moved_with_its_subtree_and_a_dissolution(tree):
    reorganisation.do_move_node(node=tree["village"], new_parent=tree["commune"], acting_user=tree["tinh"],
                                effective_on=JULY_1, reason="Sắp xếp lại")
    assert_every_body_exact(tree)
    (cells, _people), _summed = own_and_summed(tree["commune"])
    assert sum(cell.n for cell in cells) == 2  # the market's and the farm's
    reorganisation.do_dissolve_node(node=tree["district"], taken_over_by=tree["commune"], acting_user=tree["tinh"],
                                    effective_on=JULY_1, reason="Giải thể cấp huyện")
    assert_every_body_exact(tree)
    (cells, people), _summed = own_and_summed(tree["commune"])
    assert sum(cell.n for cell in cells) == 5 and (people.participants, people.authors) == (2, 2)


def test_a_merger_and_writes_after_it_stay_exact(tree):
    reorganisation.do_merge_branches(branch=tree["market"], into=tree["school"], acting_user=tree["tinh"],
                                     effective_on=JULY_1, reason="Sáp nhập")
    factories.initiative(tree["school"], status=Status.SENT_TO_PROVINCE, sent_to_province_date=SENT)
    assert_every_body_exact(tree)
    (_cells, people), _summed = own_and_summed(tree["commune"])
    assert people.participants == 0


def test_the_tree_is_refused_deeper_than_the_tallies_reach(tree):
    deepest = tree["village"]
    while deepest.depth < tally_sql.MAX_DEPTH:
        deepest = factories.node(deepest, f"Công đoàn cấp {deepest.depth + 1}")
    with pytest.raises(reorganisation.ReorganisationError, match="16"):
        reorganisation.do_create_node(parent=deepest, acting_user=tree["tinh"], effective_on=JULY_1, reason="Thử",
                                      name="Quá sâu", short_name="QS", place_name="Gio Linh")
    with pytest.raises(reorganisation.ReorganisationError):
        reorganisation.do_move_node(node=tree["district"], new_parent=factories.node(tree["commune"], "Cấp 3"),
                                    acting_user=tree["tinh"], effective_on=JULY_1, reason="Thử")
    assert_every_body_exact(tree)


def test_each_childs_sent_per_round_from_the_bodies_own_rows(tree):
    """The province's child rows, round by round: the child bodies' own tallies and the branches under the
    province itself, as when every branch's rows are added up — before and after a merger and a move."""
    from initiatives import node_figures

    direct = factories.branch("CĐCS Văn phòng Liên đoàn", federation=tree["province"])
    factories.initiative(direct, status=Status.SENT_TO_PROVINCE, sent_to_province_date=SENT)
    programme, today = Programme.current(), datetime.date(2026, 12, 4)

    def both(node):
        node.refresh_from_db()
        branches = Branch.objects.all()
        return (node_figures.sent_by_child_and_period(node, programme, branches, today, whole=True),
                node_figures.sent_by_child_and_period(node, programme, branches, today))

    own, summed = both(tree["province"])
    assert own == summed and own[("federation", tree["district"].pk, 1)] == 1 and own[("branch", direct.pk, 1)] == 1
    reorganisation.do_move_node(node=tree["village"], new_parent=tree["province"], acting_user=tree["tinh"],
                                effective_on=JULY_1, reason="Sắp xếp lại")
    factories.initiative(tree["farm"], status=Status.SENT_TO_PROVINCE, sent_to_province_date=SENT)
    own, summed = both(tree["province"])
    assert own == summed and own[("federation", tree["village"].pk, 1)] == 1
