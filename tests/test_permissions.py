"""Who may do what: every rule of initiatives/permissions.py and models_awards/permissions.py, asked by each role at
each level of the tree on real objects of branch B.

The tree:  province ─┬─ commune X ── branch B (the objects)
                     └─ commune Y ── branch C
Roles: a member of B (who entered the initiative and is its author), an officer of B, the officer of commune X
(node officer), of the province, of the sibling commune Y, and upper-union staff who are officer of no node (fail
closed: nothing).
"""

import datetime
from pathlib import Path

import pytest
import rules
from django.contrib.auth.models import Permission

from initiatives import access, attachments, pledges, services, workflow
from initiatives.models import BranchReport, Federation, MembershipRequest, Pledge, Programme, Status
from models_awards import nomination_workflow
from models_awards import services as award_services
from models_awards.models import Candidate, NominationStatus
from reporting import exports, imports, periodic
from tests import factories
from tests.models_awards import helpers

ROLES = ["member", "branch_officer", "node_officer", "province_officer", "sibling_officer", "unassigned_staff"]
OVER_B = {"branch_officer", "node_officer", "province_officer"}  # oversee branch B
UPPER_OVER_B = {"node_officer", "province_officer"}  # upper-union staff over branch B
WITH_BRANCHES = OVER_B | {"sibling_officer"}  # oversee some branches
UPPER_WITH_A_NODE = UPPER_OVER_B | {"sibling_officer"}
NOBODY = set()

# (permission, object, the roles that have it). Objects: see the `objects` fixture; None: asked without an object.
TABLE = [
    ("initiatives.view_initiative", "draft", {"member"} | OVER_B),
    ("initiatives.add_initiative_to_branch", "branch", {"member"} | OVER_B),
    ("initiatives.write_initiative", "draft", {"member", "branch_officer"}),
    ("initiatives.write_initiative", "submitted", {"member", "branch_officer"}),
    ("initiatives.change_initiative", "draft", {"member", "branch_officer"}),
    ("initiatives.change_initiative", "returned", {"member", "branch_officer"}),
    ("initiatives.change_initiative", "submitted", NOBODY),
    ("initiatives.delete_initiative", "draft", {"member", "branch_officer"}),
    ("initiatives.delete_initiative", "returned", NOBODY),
    ("initiatives.review_initiative", "draft", OVER_B),
    ("initiatives.publish_initiative", "submitted", UPPER_OVER_B),
    ("initiatives.publish_initiative", None, UPPER_WITH_A_NODE),
    ("initiatives.move_as_author", "draft", {"member"}),
    ("initiatives.move_as_branch_officer", "draft", {"branch_officer"}),
    ("initiatives.move_as_upper_union", "draft", UPPER_OVER_B),
    ("initiatives.add_under_own_nodes", None, UPPER_WITH_A_NODE),
    ("initiatives.set_up_branch", "branch", UPPER_OVER_B),
    ("initiatives.set_up_branch", None, UPPER_WITH_A_NODE),
    ("initiatives.add_top_federation", None, NOBODY),
    ("initiatives.change_federation", "commune_x", UPPER_OVER_B),
    ("initiatives.change_federation", "province", {"province_officer"}),
    ("initiatives.give_targets", "commune_x", UPPER_OVER_B),
    ("initiatives.give_targets", "province", {"province_officer"}),
    ("initiatives.give_targets", "dissolved_commune", NOBODY),
    ("initiatives.reorganise_federation", "commune_x", {"province_officer"}),
    ("initiatives.reorganise_federation", "province", NOBODY),
    ("initiatives.reorganise_branch", "branch", UPPER_OVER_B),
    ("initiatives.change_membershiprequest", "membership_request", OVER_B),
    ("initiatives.keep_pledges", None, WITH_BRANCHES),
    ("initiatives.edit_pledge", "branch", OVER_B),
    ("initiatives.edit_pledge", "pledge", OVER_B),
    ("initiatives.accept_pledge", "pledge", UPPER_OVER_B),
    ("initiatives.accept_pledge", None, UPPER_WITH_A_NODE),
    ("initiatives.export_report", None, WITH_BRANCHES),
    ("initiatives.import_data", None, WITH_BRANCHES),
    ("initiatives.view_dashboard", None, WITH_BRANCHES),
    ("initiatives.view_branchreport", "draft_report", OVER_B),
    ("initiatives.write_branchreport", "submitted_report", {"branch_officer"}),
    ("initiatives.change_branchreport", "draft_report", {"branch_officer"}),
    ("initiatives.change_branchreport", "submitted_report", NOBODY),
    ("initiatives.review_branchreport", "draft_report", UPPER_OVER_B),
    ("initiatives.hand_back_branchreport", "draft_report", NOBODY),
    ("initiatives.hand_back_branchreport", "submitted_report", UPPER_OVER_B),
    ("initiatives.run_maintenance", None, NOBODY),
    ("models_awards.view_awards", None, WITH_BRANCHES),
    ("models_awards.run_selection", None, UPPER_WITH_A_NODE),
    ("models_awards.score_candidate", "candidate", UPPER_OVER_B),
    ("models_awards.nominate_from_branch", "branch", OVER_B),
    ("models_awards.change_nomination", "draft_nomination", OVER_B),
    ("models_awards.change_nomination", "proposed_nomination", UPPER_OVER_B),
    ("models_awards.change_nomination", "selected_nomination", NOBODY),
    ("models_awards.delete_nomination", "draft_nomination", OVER_B),
    ("models_awards.delete_nomination", "proposed_nomination", NOBODY),
    ("models_awards.publish_nomination", "selected_nomination", UPPER_OVER_B),
    ("models_awards.move_as_branch_officer", "draft_nomination", {"branch_officer"}),
    ("models_awards.move_as_upper_union", "draft_nomination", UPPER_OVER_B),
    ("models_awards.change_award", "branch_award", OVER_B),
    ("models_awards.change_award", "district_award", UPPER_OVER_B),
    ("models_awards.record_any_award", "branch_award", UPPER_OVER_B),
    ("models_awards.record_any_award", None, UPPER_WITH_A_NODE),
]


@pytest.fixture
def tree(db):
    province = factories.node(None, "Liên đoàn Lao động tỉnh Quảng Trị", place_name="Quảng Trị")
    commune_x = factories.node(province, "Công đoàn xã Vĩnh Hoàng")
    commune_y = factories.node(province, "Công đoàn xã Vĩnh Thủy")
    branch_b = factories.branch("CĐCS Trường THCS Vĩnh Hoàng", federation=commune_x)
    branch_c = factories.branch("CĐCS Trường Tiểu học Vĩnh Thủy", federation=commune_y)
    member = factories.member(branch_b, "Nguyễn Thị Lan", with_user=True, username="lan")
    users = {
        "member": member.user,
        "branch_officer": factories.officer(branch_b, "cb_b"),
        "node_officer": factories.district_user("xa", of_node=commune_x),
        "province_officer": factories.district_user("tinh", of_node=province),
        "sibling_officer": factories.district_user("xa_ben", of_node=commune_y),
        "unassigned_staff": factories.unassigned_upper_staff("vp_chua_giao"),
    }
    factories.officer(branch_c, "cb_c")
    return {"province": province, "commune_x": commune_x, "branch": branch_b, "member": member, "users": users}


@pytest.fixture
def objects(tree):
    branch, member = tree["branch"], tree["member"]

    def initiative(status):
        return factories.initiative(branch, authors=[(member, 100)], entered_by=member.user, status=status)

    period = Programme.current().periods.first()
    return {
        None: None,
        "draft": initiative(None),
        "returned": initiative(Status.RETURNED),
        "submitted": initiative(Status.SUBMITTED),
        "branch": branch,
        "commune_x": tree["commune_x"],
        "province": tree["province"],
        "dissolved_commune": Federation(name="Công đoàn xã đã giải thể", path=tree["commune_x"].path,
                                        depth=tree["commune_x"].depth, dissolved_on=datetime.date(2025, 7, 1)),
        "candidate": Candidate(year=2022, initiative=initiative(Status.SUBMITTED)),
        "pledge": Pledge(branch=branch, programme=Programme.current()),
        "membership_request": MembershipRequest(branch=branch, full_name="Lê Văn Hùng"),
        "draft_report": BranchReport(branch=branch, period=period),
        "submitted_report": BranchReport(branch=branch, period=period, state=BranchReport.State.SUBMITTED),
        "draft_nomination": helpers.nomination(branch),
        "proposed_nomination": helpers.nomination(branch, status=NominationStatus.PROPOSED),
        "selected_nomination": helpers.nomination(branch, status=NominationStatus.SELECTED),
        "branch_award": helpers.award(branch, funded_by_branch=True),
        "district_award": helpers.award(branch),
    }


def test_each_permission_for_each_role_at_each_level(tree, objects):
    wrong = []
    for perm, key, allowed in TABLE:
        for role in ROLES:
            user = tree["users"][role]
            answer = rules.has_perm(perm, user, objects[key])
            if answer != (role in allowed):
                wrong.append(f"{perm} on {key}: {role} gets {answer}")
            # Django's own check, through the rules' backend, gives the same answer (none of them is a superuser).
            if key is not None and user.has_perm(perm, objects[key]) != answer:
                wrong.append(f"user.has_perm({perm}, {key}) differs for {role}")
    assert not wrong, "\n".join(wrong)


def test_the_table_covers_every_rule():
    registered = {name for name in rules.permissions.permissions if name.startswith(("initiatives.", "models_awards."))}
    assert registered == {perm for perm, _key, _allowed in TABLE}


def test_a_superuser_is_held_to_the_states_like_everyone(objects, db):
    admin = factories.user("quantri", superuser=True)
    assert rules.has_perm("initiatives.review_initiative", admin, objects["submitted"])
    assert rules.has_perm("initiatives.move_as_upper_union", admin, objects["submitted"])
    assert not rules.has_perm("initiatives.change_initiative", admin, objects["submitted"])
    assert not rules.has_perm("initiatives.hand_back_branchreport", admin, objects["draft_report"])
    assert rules.has_perm("initiatives.add_top_federation", admin)


def test_without_an_object_a_rule_named_like_a_model_permission_says_no(tree):
    """Model-level permissions stay the groups' (roles.py, through the ModelBackend): the rules add none."""
    codenames = {f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.select_related("content_type")}
    shared = codenames & set(rules.permissions.permissions)
    assert "initiatives.change_initiative" in shared
    for perm in shared:
        for role, user in tree["users"].items():
            assert not rules.has_perm(perm, user), (perm, role)


def test_the_workflows_ask_the_rules_for_their_actors(tree, objects):
    users = tree["users"]
    assert workflow.roles_on(users["member"], objects["draft"]) == {workflow.AUTHOR}
    assert workflow.roles_on(users["branch_officer"], objects["draft"]) == {workflow.OFFICER}
    assert workflow.roles_on(users["province_officer"], objects["draft"]) == {workflow.DISTRICT}
    assert workflow.roles_on(users["sibling_officer"], objects["draft"]) == set()
    nomination = objects["draft_nomination"]
    assert nomination_workflow.roles_on(users["node_officer"], nomination) == {nomination_workflow.DISTRICT}
    assert nomination_workflow.roles_on(users["unassigned_staff"], nomination) == set()


def test_the_old_yes_no_functions_are_gone():
    """has_perm is the one way to ask: the scattered checks it replaced do not come back."""
    old = [
        (access, ("can_view_initiative", "can_edit_initiative", "can_delete_initiative", "can_see_internal_notes",
                  "is_reviewer_of", "is_upper_reviewer_of", "is_author_side")),
        (periodic, ("may_write", "may_read", "may_reopen", "may_edit", "may_hand_back")),
        (pledges, ("may_edit",)),
        (exports, ("require_reporter",)),
        (imports, ("require_importer",)),
        (attachments, ("can_change_attachments",)),
        (services, ("can_edit_initiative",)),
        (award_services, ("can_edit_award",)),
        (nomination_workflow, ("can_edit", "can_delete")),
    ]
    assert [(module.__name__, name) for module, names in old for name in names if hasattr(module, name)] == []


def test_every_rule_is_in_the_documented_table():
    text = (Path(__file__).resolve().parent.parent / "docs" / "SECURITY.md").read_text(encoding="utf-8")
    missing = [perm for perm, _key, _allowed in TABLE if f"`{perm}`" not in text]
    assert not missing, missing
