"""Targets given down the union tree (issue 14 item 3): a body's officer gives each body and branch directly under
it a target per round and for the programme; nobody else may, and nobody may give past a direct child. The node
dashboard and its JSON show each child's target and pace (a branch given none shows its accepted pledge)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.test.utils import CaptureQueriesContext

from initiatives import targets
from initiatives.models import ChildTarget, Pledge, PledgeTarget, Programme
from tests import factories, trees


@pytest.fixture
def tree(db):
    """LĐLĐ tỉnh ─┬─ Công đoàn xã Vĩnh Hoàng ─┬─ school (2 sent in round 1), clinic
                  ├─ Công đoàn KCN Quán Ngang ── factory (3 sent: 1 in round 1, 2 in round 2)
                  └─ office (a branch directly under the province)"""
    tree = trees.province_tree(("school", "clinic", "factory", "office"), ("tinh", "xa", "kcn"))
    sent_on = {"school": ["2026-04-01", "2026-05-01"], "factory": ["2026-03-01", "2026-08-01", "2026-09-01"]}
    for branch, dates in sent_on.items():
        for date in dates:
            trees.sent(tree[branch], tree["programme"], datetime.date.fromisoformat(date))
    return {**tree, "school_officer": factories.officer(tree["school"], "cb_truong")}


def page_url(node, programme=None):
    return f"/dashboard/targets/{node.pk}/" + (f"?programme={programme.pk}" if programme else "")


def form_data(response, values):
    """The formset as the page shows it, with `values` {child name: {field: value}} typed in."""
    formset = response.context["formset"]
    data = {f"{formset.prefix}-{name}": value for name, value in formset.management_form.initial.items()}
    for form, row in zip(formset.forms, response.context["rows"], strict=True):
        for name in form.fields:
            value = form.initial.get(name)
            data[form.add_prefix(name)] = "" if value is None else str(value)
        for name, value in values.get(row["child"].name, {}).items():
            data[form.add_prefix(name)] = str(value)
    return data


# --- who may give ----------------------------------------------------------------------------------------------


def test_a_commune_officer_gives_targets_to_its_branches_in_one_save(login, tree):
    client = login(tree["xa"])
    page = client.get(page_url(tree["commune"]))
    assert page.status_code == 200
    assert [row["child"].name for row in page.context["rows"]] == ["CĐCS Trạm Y tế Vĩnh Hoàng",
                                                                  "CĐCS Trường Tiểu học Vĩnh Hoàng"]
    assert "Giao chỉ tiêu cho đơn vị trực thuộc" in page.content.decode()
    data = form_data(page, {"CĐCS Trường Tiểu học Vĩnh Hoàng": {"period_1": 3, "period_2": 4, "total": 8,
                                                                "participation": "12.5"},
                            "CĐCS Trạm Y tế Vĩnh Hoàng": {"period_1": 1}})
    response = client.post(page_url(tree["commune"]), data, follow=True)
    assert response.redirect_chain and "Đã lưu chỉ tiêu do Công đoàn xã Vĩnh Hoàng giao." in response.content.decode()
    given = targets.given_by(tree["commune"], tree["programme"])
    first, second = tree["periods"]
    school = given[("branch", tree["school"].pk)]
    assert {k: t.initiatives for k, t in school.items()} == {first.pk: 3, second.pk: 4, None: 8}
    assert school[None].participation_rate == Decimal("0.125") and school[None].updated_by == tree["xa"]
    assert {k: t.initiatives for k, t in given[("branch", tree["clinic"].pk)].items()} == {first.pk: 1}
    # Emptied boxes remove the targets.
    page = client.get(page_url(tree["commune"]))
    client.post(page_url(tree["commune"]), form_data(page, {"CĐCS Trạm Y tế Vĩnh Hoàng": {"period_1": ""}}))
    assert not ChildTarget.objects.filter(branch=tree["clinic"]).exists()
    assert ChildTarget.objects.filter(branch=tree["school"]).count() == 3


def test_the_province_lists_only_its_direct_children(login, tree):
    page = login(tree["tinh"]).get(page_url(tree["province"]))
    assert [row["child"].name for row in page.context["rows"]] == [
        "Công đoàn Khu công nghiệp Quán Ngang", "Công đoàn xã Vĩnh Hoàng", "CĐCS Văn phòng LĐLĐ tỉnh"]
    assert [row["sent"] for row in page.context["rows"]] == [3, 2, 0]
    assert [[sent for sent, _field in row["rounds"]] for row in page.context["rows"]] == [[1, 2], [2, 0], [0, 0]]


def test_a_province_officer_may_also_give_for_a_commune_union_in_its_subtree(login, tree):
    """Officers of a body act on its whole subtree: the province may fill in a commune union's targets."""
    client = login(tree["tinh"])
    page = client.get(page_url(tree["commune"]))
    assert page.status_code == 200
    client.post(page_url(tree["commune"]), form_data(page, {"CĐCS Trạm Y tế Vĩnh Hoàng": {"total": 2}}))
    assert ChildTarget.objects.get(branch=tree["clinic"]).giver == tree["commune"]


@pytest.mark.parametrize("who, status", [("kcn", 404), ("school_officer", 403), ("xa", 404)])
def test_others_may_neither_open_nor_post_the_page(login, tree, who, status):
    """A sibling's officer (404: not in their scope), a branch officer (403), and the commune's officer for the
    province above it (404)."""
    node = tree["province"] if who == "xa" else tree["commune"]
    client = login(tree[who])
    assert client.get(page_url(node)).status_code == status
    data = {"targets-TOTAL_FORMS": "1", "targets-INITIAL_FORMS": "1", "targets-0-child": f"branch:{tree['school'].pk}",
            "targets-0-total": "99"}
    assert client.post(page_url(node), data).status_code == status
    assert not ChildTarget.objects.exists()


def test_a_member_and_an_anonymous_visitor_are_turned_away(client, login, tree):
    assert client.get(page_url(tree["commune"])).status_code == 302  # to the login page
    member = factories.member(tree["school"], with_user=True)
    assert login(member.user).get(page_url(tree["commune"])).status_code == 403


def test_a_tampered_post_gives_nothing_to_a_grandchild_or_another_subtree(login, tree):
    client = login(tree["tinh"])
    page = client.get(page_url(tree["province"]))
    data = form_data(page, {"Công đoàn xã Vĩnh Hoàng": {"total": 10}})
    # The first row re-pointed at a grandchild (a branch of the commune union).
    tampered = {**data, "targets-0-child": f"branch:{tree['school'].pk}"}
    response = client.post(page_url(tree["province"]), tampered)
    assert response.status_code == 200
    assert "Danh sách đơn vị trực thuộc đã thay đổi" in response.content.decode()
    # A row added for a unit that is not on the page.
    extra = {**data, "targets-TOTAL_FORMS": "4", "targets-3-child": f"branch:{tree['factory'].pk}",
             "targets-3-total": "50"}
    assert client.post(page_url(tree["province"]), extra).status_code == 200
    assert not ChildTarget.objects.exists()
    # The commune officer posting its own page with another subtree's branch.
    xa = login(tree["xa"])
    page = xa.get(page_url(tree["commune"]))
    data = {**form_data(page, {}), "targets-0-child": f"branch:{tree['factory'].pk}", "targets-0-total": "5"}
    assert xa.post(page_url(tree["commune"]), data).status_code == 200
    assert not ChildTarget.objects.exists()


def test_the_service_refuses_a_grandchild_another_subtree_and_a_programme_not_covering_the_body(tree):
    give = targets.do_give_targets
    with pytest.raises(PermissionDenied):
        give(giver=tree["province"], programme=tree["programme"], acting_user=tree["tinh"],
             rows=[targets.Given(child=tree["school"], total=5)])
    with pytest.raises(PermissionDenied):
        give(giver=tree["commune"], programme=tree["programme"], acting_user=tree["kcn"],
             rows=[targets.Given(child=tree["school"], total=5)])
    with pytest.raises(PermissionDenied):
        give(giver=tree["commune"], programme=tree["programme"], acting_user=tree["school_officer"],
             rows=[targets.Given(child=tree["school"], total=5)])
    vinh_linh = Programme.current()  # the district's: it does not cover the province
    with pytest.raises(PermissionDenied):
        give(giver=tree["province"], programme=vinh_linh, acting_user=tree["tinh"],
             rows=[targets.Given(child=tree["commune"], total=5)])
    assert not ChildTarget.objects.exists()


def test_one_target_per_child_programme_and_round_and_a_body_xor_a_branch(tree):
    fields = {"programme": tree["programme"], "giver": tree["commune"], "initiatives": 1}
    ChildTarget.objects.create(branch=tree["school"], **fields)
    ChildTarget.objects.create(branch=tree["school"], period=tree["periods"][0], **fields)
    for extra in ({"branch": tree["school"]}, {"branch": tree["school"], "period": tree["periods"][0]},
                  {}, {"branch": tree["school"], "child_node": tree["zone"]}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ChildTarget.objects.create(**extra, **fields)


# --- what the form says ----------------------------------------------------------------------------------------


def test_bad_numbers_are_refused_beside_their_box_and_kept_as_typed(login, tree):
    client = login(tree["xa"])
    page = client.get(page_url(tree["commune"]))
    data = form_data(page, {"CĐCS Trường Tiểu học Vĩnh Hoàng": {"period_1": "-3", "period_2": "abc", "total": "2"},
                            "CĐCS Trạm Y tế Vĩnh Hoàng": {"period_1": "4", "total": "1", "participation": "120"}})
    response = client.post(page_url(tree["commune"]), data)
    html = response.content.decode()
    assert response.status_code == 200 and not ChildTarget.objects.exists()
    assert "Chỉ tiêu không được là số âm." in html and "Nhập số sáng kiến là một số nguyên." in html
    assert "Chỉ tiêu cả chương trình không được thấp hơn tổng chỉ tiêu các giai đoạn (4)." in html
    assert "Tỷ lệ phần trăm không được lớn hơn 100." in html
    assert 'value="-3"' in html and 'value="abc"' in html and 'value="120"' in html
    assert 'aria-invalid="true"' in html


def test_giving_less_than_the_bodys_own_target_warns_but_saves(login, tree):
    client = login(tree["tinh"])
    page = client.get(page_url(tree["province"]))
    data = form_data(page, {"Công đoàn xã Vĩnh Hoàng": {"period_1": 20, "period_2": 30, "total": 50},
                            "Công đoàn Khu công nghiệp Quán Ngang": {"period_1": 30, "period_2": 40, "total": 70}})
    html = client.post(page_url(tree["province"]), data, follow=True).content.decode()
    assert ChildTarget.objects.filter(giver=tree["province"]).count() == 6
    assert "Giai đoạn 1 (01/01/2026–30/06/2026): tổng chỉ tiêu đã giao là 50, thấp hơn" not in html  # 50 = 50
    assert "Cả chương trình: tổng chỉ tiêu đã giao là 120" not in html
    page = client.get(page_url(tree["province"]))
    data = form_data(page, {"Công đoàn xã Vĩnh Hoàng": {"period_1": 10, "total": 40}})
    html = client.post(page_url(tree["province"]), data, follow=True).content.decode()
    assert "tổng chỉ tiêu đã giao là 40, thấp hơn chỉ tiêu của đơn vị mình là 50" in html
    assert "Cả chương trình: tổng chỉ tiêu đã giao là 110, thấp hơn chỉ tiêu của đơn vị mình là 120." in html
    # The commune union's own targets are what the province gave it.
    own = targets.own_targets(tree["commune"], tree["programme"], tree["periods"])
    assert own == {tree["periods"][0].pk: 10, tree["periods"][1].pk: 30, None: 40}


# --- what the dashboard shows ----------------------------------------------------------------------------------


def _give(tree, giver, user, rows):
    first, second = tree["periods"]
    targets.do_give_targets(giver=giver, programme=tree["programme"], acting_user=user, rows=[
        targets.Given(child=child, periods={first: r1, second: r2}, total=total) for child, r1, r2, total in rows])


def test_the_json_shows_each_childs_target_and_pace_for_each_round_and_the_programme(login, tree):
    _give(tree, tree["province"], tree["tinh"], [(tree["commune"], 4, 6, 10), (tree["zone"], 2, None, None)])
    data = login(tree["tinh"]).get(f"/dashboard/progress.json?federation={tree['province'].pk}").json()
    rows = {row["name"]: row for row in data["children"]}
    commune = rows["Công đoàn xã Vĩnh Hoàng"]
    assert (commune["target"], commune["target_source"], commune["pace"]) == (10, "node", 0.2)
    assert commune["rounds"] == [{"number": 1, "sent": 2, "target": 4, "pace": 0.5},
                                 {"number": 2, "sent": 0, "target": 6, "pace": 0.0}]
    zone = rows["Công đoàn Khu công nghiệp Quán Ngang"]
    assert zone["rounds"][0] == {"number": 1, "sent": 1, "target": 2, "pace": 0.5}
    assert zone["rounds"][1]["target"] is None and zone["target"] == 2  # the rounds' targets added up
    office = rows["CĐCS Văn phòng LĐLĐ tỉnh"]
    assert (office["target"], office["target_source"], office["pace"]) == (None, None, None)


def test_a_branch_given_no_target_shows_its_accepted_pledge_and_the_bodys_target_wins(login, tree):
    first, second = tree["periods"]
    for branch, accepted in ((tree["school"], True), (tree["clinic"], False)):
        pledge = Pledge.objects.create(branch=branch, programme=tree["programme"], accepted_by_district=accepted)
        PledgeTarget.objects.create(pledge=pledge, period=first, initiatives=4)
        PledgeTarget.objects.create(pledge=pledge, period=second, initiatives=6)
    client = login(tree["xa"])
    rows = {row["name"]: row for row in client.get("/dashboard/progress.json").json()["children"]}
    school, clinic = rows["CĐCS Trường Tiểu học Vĩnh Hoàng"], rows["CĐCS Trạm Y tế Vĩnh Hoàng"]
    assert (school["target"], school["target_source"], school["rounds"][0]["pace"]) == (10, "pledge", 0.5)
    assert (clinic["target"], clinic["target_source"]) == (None, None)  # a pledge not accepted is not a target
    _give(tree, tree["commune"], tree["xa"], [(tree["school"], 1, 1, 2)])
    rows = {row["name"]: row for row in client.get("/dashboard/progress.json").json()["children"]}
    assert (rows["CĐCS Trường Tiểu học Vĩnh Hoàng"]["target"],
            rows["CĐCS Trường Tiểu học Vĩnh Hoàng"]["target_source"]) == (2, "node")
    page = client.get("/dashboard/").content.decode()
    assert "theo giao ước thi đua của CĐCS" not in page  # the body's target is shown, not the pledge
    assert f'href="/dashboard/targets/{tree["commune"].pk}/?programme={tree["programme"].pk}"' in page


def test_the_dashboard_page_shows_targets_and_offers_the_page_only_to_those_who_may_give(login, tree):
    _give(tree, tree["province"], tree["tinh"], [(tree["commune"], 4, 6, 10)])
    page = login(tree["tinh"]).get(f"/dashboard/?federation={tree['province'].pk}").content.decode()
    assert "Giao chỉ tiêu cho đơn vị trực thuộc" in page and "2 / 10" in page and "2 / 4" in page
    page = login(tree["school_officer"]).get("/dashboard/").content.decode()
    assert "Giao chỉ tiêu cho đơn vị trực thuộc" not in page


# --- the admin -------------------------------------------------------------------------------------------------


def test_the_admin_shows_an_officer_only_the_targets_given_in_their_subtree(login, tree):
    _give(tree, tree["province"], tree["tinh"], [(tree["commune"], 4, 6, 10)])
    _give(tree, tree["commune"], tree["xa"], [(tree["school"], 1, 1, 2)])
    mine = ChildTarget.objects.filter(giver=tree["commune"]).first()
    theirs = ChildTarget.objects.filter(giver=tree["province"]).first()
    xa = login(tree["xa"])
    listing = xa.get("/admin/initiatives/childtarget/")
    assert listing.status_code == 200
    assert {t.pk for t in listing.context["cl"].result_list} == set(
        ChildTarget.objects.filter(giver=tree["commune"]).values_list("pk", flat=True))
    assert xa.get(f"/admin/initiatives/childtarget/{mine.pk}/change/").status_code == 200
    assert xa.get(f"/admin/initiatives/childtarget/{theirs.pk}/change/").status_code == 302  # not found: home
    # Adding one for a grandchild of the province on its behalf, or for another subtree, is refused.
    response = xa.post("/admin/initiatives/childtarget/add/", {
        "programme": tree["programme"].pk, "giver": tree["commune"].pk, "branch": tree["factory"].pk,
        "initiatives": 3})
    assert response.status_code == 200 and not ChildTarget.objects.filter(branch=tree["factory"]).exists()
    tinh = login(tree["tinh"])
    response = tinh.post("/admin/initiatives/childtarget/add/", {
        "programme": tree["programme"].pk, "giver": tree["province"].pk, "branch": tree["clinic"].pk,
        "initiatives": 3})
    assert response.status_code == 200 and "Chỉ giao chỉ tiêu cho đơn vị công đoàn và CĐCS trực thuộc" in (
        response.content.decode())
    response = tinh.post("/admin/initiatives/childtarget/add/", {
        "programme": tree["programme"].pk, "giver": tree["province"].pk, "branch": tree["office"].pk,
        "initiatives": 3})
    assert response.status_code == 302 and ChildTarget.objects.get(branch=tree["office"]).updated_by == tree["tinh"]
    assert login(tree["school_officer"]).get("/admin/initiatives/childtarget/").status_code == 403


# --- query budgets ---------------------------------------------------------------------------------------------


def _more_children(tree, n):
    for i in range(n):
        node = factories.node(tree["province"], f"Công đoàn phường {i}")
        branch = factories.branch(federation=node)
        trees.sent(branch, tree["programme"], datetime.date(2026, 4, 2))
        factories.branch(federation=tree["province"])
        ChildTarget.objects.create(programme=tree["programme"], giver=tree["province"], child_node=node,
                                   initiatives=3)


def _count(client, url):
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["targets", "dashboard", "json"])
def test_the_number_of_queries_does_not_grow_with_the_number_of_children(login, tree, url, settings,
                                                                          django_assert_max_num_queries):
    settings.PROGRESS_CACHE_SECONDS = 0  # the dashboard's figures counted each time, not read from the cache
    client = login(tree["tinh"])
    address = {"targets": page_url(tree["province"]),
               "dashboard": f"/dashboard/?federation={tree['province'].pk}",
               "json": f"/dashboard/progress.json?federation={tree['province'].pk}"}[url]
    _count(client, address)  # warm the caches read once per process
    few = _count(client, address)
    _more_children(tree, 8)
    many = _count(client, address)
    assert many == few, (few, many)
    # The figures of the province read from its own tallies, the pending rows folded in first (tallies.fold).
    with django_assert_max_num_queries({"targets": 23, "dashboard": 36, "json": 30}[url]):
        client.get(address)
