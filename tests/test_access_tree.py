"""The access matrix over the union tree: every URL of the site, the JSON, the reports and the admin, walked by
an officer of a sibling node, of another root, and by upper-union staff who are officer of no node, against
branch B sitting under a commune union of the province. None of them may see or change it; the officers of the
commune union and of the province see it (the matrix's own check) and act on it.

The tree:  LĐLĐ tỉnh (province) ─┬─ Công đoàn xã X ── branch B (the marker ZX9Q)
                                 └─ Công đoàn xã Y ── branch C
           LĐLĐ huyện Vĩnh Linh (the seeded root) ── branch A
"""

import pytest

from initiatives import access, workflow
from initiatives.models import Branch, Initiative, Status
from tests import factories
from tests.test_access_matrix import MARKER, admin_urls, body_of, site_urls, snapshot
from tests.test_access_matrix import world as world  # noqa: F401  (the matrix's fixture, reused)


@pytest.fixture
def tree(world):
    province = factories.node(None, "Liên đoàn Lao động tỉnh Quảng Trị", place_name="Quảng Trị")
    commune_x = factories.node(province, "Công đoàn xã Vĩnh Hoàng")
    commune_y = factories.node(province, "Công đoàn xã Vĩnh Thủy")
    Branch.objects.filter(pk=world["branch"].pk).update(federation=commune_x)
    branch_c = factories.branch("CĐCS Trường Tiểu học Vĩnh Thủy", federation=commune_y)
    users = {
        "province_officer": factories.district_user("tinh", of_node=province),
        "commune_officer": factories.district_user("xa", of_node=commune_x),
        "sibling_officer": factories.district_user("xa_ben", of_node=commune_y),
        "other_root_officer": world["users"]["district"],  # the Vĩnh Linh root: branch B is no longer under it
        "unassigned_staff": factories.unassigned_upper_staff("vp_chua_giao"),
        "branch_c_officer": factories.officer(branch_c, "cb_c"),
    }
    return {**world, "province": province, "commune_x": commune_x, "commune_y": commune_y, "branch_c": branch_c,
            "tree_users": users}


OUTSIDERS = ["sibling_officer", "other_root_officer", "unassigned_staff", "branch_c_officer"]
INSIDERS = ["province_officer", "commune_officer"]


@pytest.mark.parametrize("role", OUTSIDERS)
def test_no_page_of_the_site_leaks_or_changes_a_branch_outside_the_viewers_subtree(client, tree, role):
    before = snapshot(tree)
    user = tree["tree_users"][role]
    for url in site_urls(tree):
        for method in ("get", "post"):
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            response = getattr(client, method)(url)
            assert response.status_code < 500, (method, url, response.status_code)
            assert MARKER not in body_of(response), f"{role} sees branch B's data with {method.upper()} {url}"
    assert snapshot(tree) == before, f"{role} changed branch B's data"


@pytest.mark.parametrize("role", INSIDERS)
def test_the_officers_of_the_nodes_above_branch_b_see_it(client, tree, role):
    client.force_login(tree["tree_users"][role], backend="django.contrib.auth.backends.ModelBackend")
    for url in (
        f"/initiatives/{tree['initiative'].pk}/",
        "/initiatives/",
        "/reports/initiatives.xlsx",
        f"/awards/nominations/{tree['nomination'].pk}/",
        f"/attachments/{tree['attachment'].pk}/",
        f"/admin/initiatives/initiative/{tree['initiative'].pk}/change/",
        f"/admin/initiatives/member/{tree['member'].pk}/change/",
    ):
        assert MARKER in body_of(client.get(url)), url
    figures = client.get(f"/dashboard/progress.json?branch={tree['branch'].pk}").json()
    assert [row["id"] for row in figures["by_branch"]] == [tree["branch"].pk]


@pytest.mark.parametrize("role", OUTSIDERS)
def test_no_admin_page_leaks_or_changes_a_branch_outside_the_viewers_subtree(client, tree, role):
    from django.contrib import admin

    before = snapshot(tree)
    secret_objects = []
    client.force_login(tree["tree_users"]["province_officer"], backend="django.contrib.auth.backends.ModelBackend")
    for model in admin.site._registry:
        for pk in model._default_manager.values_list("pk", flat=True)[:200]:
            if MARKER in body_of(client.get(admin_urls(model, pk)[0])):
                secret_objects.append((model, pk))
    assert {m.__name__ for m, _pk in secret_objects} >= {"Initiative", "Member", "Nomination", "Award"}

    client.force_login(tree["tree_users"][role], backend="django.contrib.auth.backends.ModelBackend")
    for model in admin.site._registry:
        for url in admin_urls(model):
            response = client.get(url)
            assert response.status_code < 500, url
            assert MARKER not in body_of(response), f"{role} sees branch B's data at {url}"
    for model, pk in secret_objects:
        for url in admin_urls(model, pk):
            response = client.get(url)
            assert response.status_code < 500, url
            assert MARKER not in body_of(response), f"{role} sees branch B's data at {url}"
            client.post(url, {"post": "yes"})
    for action in ("return_selected", "reject_selected", "verify_selected"):
        client.post("/admin/initiatives/initiative/", {
            "action": action, "_selected_action": [tree["initiative"].pk], "confirm": "1", "post": "yes",
            "comment": "x"})
    assert snapshot(tree) == before, f"{role} changed branch B's data in the admin"


def test_the_scopes_follow_the_tree(tree):
    users = tree["tree_users"]
    branch_b, branch_c = tree["branch"], tree["branch_c"]
    seen = {role: set(access.branches_for(user).values_list("pk", flat=True)) for role, user in users.items()}
    assert {branch_b.pk, branch_c.pk} <= seen["province_officer"]
    assert seen["commune_officer"] == {branch_b.pk}
    assert seen["sibling_officer"] == {branch_c.pk}
    assert branch_b.pk not in seen["other_root_officer"] and branch_c.pk not in seen["other_root_officer"]
    assert seen["unassigned_staff"] == set()
    assert seen["branch_c_officer"] == {branch_c.pk}


def test_a_node_officer_acts_on_its_subtree_and_not_on_a_sibling(tree):
    initiative = tree["initiative"]
    Initiative.objects.filter(pk=initiative.pk).update(status=Status.BRANCH_APPROVED)
    initiative.refresh_from_db()
    sibling = tree["tree_users"]["sibling_officer"]
    with pytest.raises(workflow.PermissionDenied):
        workflow.apply(initiative, "verify", sibling)
    users = tree["tree_users"]
    assert workflow.apply(initiative, "verify", users["commune_officer"]).status == Status.DISTRICT_VERIFIED
    assert workflow.apply(initiative, "send", users["province_officer"]).status == Status.SENT_TO_PROVINCE


def test_upper_staff_who_oversee_no_node_see_nothing_and_are_told_why(client, tree):
    user = tree["tree_users"]["unassigned_staff"]
    assert not access.initiatives_for(user).exists() and not access.members_for(user).exists()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/dashboard/")
    assert response.status_code == 403
    assert "chưa là cán bộ của đơn vị công đoàn nào" in response.content.decode()
    assert client.get("/dashboard/progress.json").status_code == 403


def test_a_province_officer_reads_a_deep_subtree_without_a_query_per_node(tree, django_assert_max_num_queries):
    """The subtree is one prefix condition on the path, however deep: the same queries with five more levels."""
    node = tree["commune_x"]
    for _level in range(5):
        node = factories.node(node)
        factories.initiative(factories.branch(federation=node))
    user = tree["tree_users"]["province_officer"]
    # groups, nodes, own branches, roster entry; then one query per list
    with django_assert_max_num_queries(6):
        initiatives = list(access.initiatives_for(user))
        list(access.members_for(user))
    assert len(initiatives) == 6  # branch B's and one at each level below it
