"""Reorganising the union tree: each change moves the tree, keeps the initiatives where they were submitted, and
leaves a dated history row; around the effective date the readers answer as of that day."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from initiatives import access, reorganisation
from initiatives.models import Branch, Federation, Initiative, Reorganisation
from tests import factories

JULY_1 = datetime.date(2025, 7, 1)
JUNE_30 = datetime.date(2025, 6, 30)


@pytest.fixture
def tree(db):
    province = factories.node(None, "Liên đoàn Lao động tỉnh Quảng Trị", place_name="Quảng Trị")
    district = factories.node(province, "Liên đoàn Lao động huyện Gio Linh")
    commune = factories.node(province, "Công đoàn xã Gio Linh")
    school = factories.branch("CĐCS Trường THCS Gio Linh", federation=district)
    clinic = factories.branch("CĐCS Trạm Y tế Gio Linh", federation=district)
    return {
        "province": province, "district": district, "commune": commune, "school": school, "clinic": clinic,
        "tinh": factories.district_user("tinh", of_node=province),
        "huyen": factories.district_user("huyen", of_node=district),
        "xa": factories.district_user("xa", of_node=commune),
    }


def test_a_branch_moved_on_1_july_keeps_its_initiatives_and_its_history(tree):
    initiative = factories.initiative(tree["school"])
    reorganisation.do_move_branch(branch=tree["school"], to_node=tree["commune"], acting_user=tree["tinh"],
                                  effective_on=JULY_1, reason="Kết luận 157-KL/TW: bỏ cấp huyện")
    assert Initiative.objects.get(pk=initiative.pk).branch_id == tree["school"].pk
    assert Branch.objects.get(pk=tree["school"].pk).federation_id == tree["commune"].pk
    assert reorganisation.node_of_branch_on(tree["school"], JUNE_30) == tree["district"]
    assert reorganisation.node_of_branch_on(tree["school"], JULY_1) == tree["commune"]
    # The commune's officer now sees it; the old district's does not.
    assert access.initiatives_for(tree["xa"]).filter(pk=initiative.pk).exists()
    assert not access.initiatives_for(tree["huyen"]).filter(pk=initiative.pk).exists()
    row = Reorganisation.objects.get()
    assert (row.kind, row.effective_on, row.made_by, row.from_node, row.to_node) == (
        Reorganisation.Kind.MOVE_BRANCH, JULY_1, tree["tinh"], tree["district"], tree["commune"])
    assert row in reorganisation.history_of(tree["commune"]) and row in reorganisation.history_of(tree["province"])


def test_a_merged_branch_counts_for_the_other_from_the_merger_date(tree):
    school, clinic = tree["school"], tree["clinic"]
    factories.initiative(clinic)
    reorganisation.do_merge_branches(branch=clinic, into=school, acting_user=tree["huyen"], effective_on=JULY_1,
                                     reason="Sáp nhập đơn vị")
    clinic.refresh_from_db()
    assert not clinic.is_active and clinic.merged_into == school
    assert reorganisation.counting_branch(clinic, JUNE_30) == clinic
    assert reorganisation.counting_branch(clinic, JULY_1) == school
    assert Initiative.objects.filter(branch=clinic).count() == 1  # nothing rewritten


def test_a_dissolved_node_hands_its_subtree_to_the_one_that_takes_over(tree):
    village = factories.node(tree["district"], "Công đoàn thị trấn Gio Linh")
    reorganisation.do_dissolve_node(node=tree["district"], taken_over_by=tree["commune"], acting_user=tree["tinh"],
                                    effective_on=JULY_1, reason="Giải thể LĐLĐ huyện")
    district = Federation.objects.get(pk=tree["district"].pk)
    assert district.dissolved_on == JULY_1 and not district.officers.exists()
    assert set(Branch.objects.filter(federation=tree["commune"]).values_list("pk", flat=True)) == {
        tree["school"].pk, tree["clinic"].pk}
    assert Federation.objects.get_parent(Federation.objects.get(pk=village.pk)) == tree["commune"]
    assert {b.pk for b in access.branches_for(tree["xa"])} == {tree["school"].pk, tree["clinic"].pk}
    assert Reorganisation.objects.filter(kind=Reorganisation.Kind.DISSOLVE_NODE).get().node_id == district.pk


def test_create_rename_and_move_a_node(tree):
    ward = reorganisation.do_create_node(parent=tree["province"], acting_user=tree["tinh"], effective_on=JULY_1,
                                         reason="Thành lập", name="Công đoàn phường Đông Hà", short_name="CĐ Đông Hà",
                                         place_name="Đông Hà")
    assert Federation.objects.get_parent(ward) == tree["province"]
    reorganisation.do_rename_node(node=ward, acting_user=tree["tinh"], effective_on=JULY_1, reason="Đổi tên",
                                  name="Công đoàn phường Đông Hà mới")
    moved = reorganisation.do_move_node(node=ward, new_parent=tree["commune"], acting_user=tree["tinh"],
                                        effective_on=JULY_1, reason="Trực thuộc xã")
    assert Federation.objects.get_parent(moved) == tree["commune"] and moved.name == "Công đoàn phường Đông Hà mới"
    kinds = list(reorganisation.history_of(tree["province"]).values_list("kind", flat=True))
    assert sorted(kinds) == sorted(["create_node", "rename_node", "move_node"])


def test_a_change_outside_the_acting_officers_subtree_is_refused(tree):
    with pytest.raises(PermissionDenied):  # the commune officer does not oversee the district's branch
        reorganisation.do_move_branch(branch=tree["school"], to_node=tree["commune"], acting_user=tree["xa"],
                                      effective_on=JULY_1, reason="x")
    with pytest.raises(PermissionDenied):  # nor can an officer dissolve their own node
        reorganisation.do_dissolve_node(node=tree["district"], taken_over_by=tree["district"],
                                        acting_user=tree["huyen"], effective_on=JULY_1, reason="x")
    assert not Reorganisation.objects.exists()


def test_a_change_needs_a_reason_and_a_date_not_after_today(tree):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(reorganisation.ReorganisationError):
        reorganisation.do_move_branch(branch=tree["school"], to_node=tree["commune"], acting_user=tree["tinh"],
                                      effective_on=tomorrow, reason="Sắp tới")
    with pytest.raises(reorganisation.ReorganisationError):
        reorganisation.do_move_branch(branch=tree["school"], to_node=tree["commune"], acting_user=tree["tinh"],
                                      effective_on=JULY_1, reason="  ")
    with pytest.raises(reorganisation.ReorganisationError):
        reorganisation.do_move_node(node=tree["province"], new_parent=tree["commune"],
                                    acting_user=factories.user(superuser=True), effective_on=JULY_1, reason="x")
    assert Branch.objects.get(pk=tree["school"].pk).federation_id == tree["district"].pk
