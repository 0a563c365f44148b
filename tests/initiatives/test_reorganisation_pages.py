"""The reorganisation pages: a node officer sets up, renames, moves, merges and dissolves from the body's page,
through a form and a confirmation that says what will happen; the services make the change, the body's history
shows it, and around the effective date the readers answer as of that day (the day itself, the day before)."""

import datetime

import pytest
from django.utils import timezone

from initiatives import reorganisation
from initiatives.models import Branch, Federation, Reorganisation
from tests import factories

JULY_1 = datetime.date(2025, 7, 1)
JUNE_30 = datetime.date(2025, 6, 30)


@pytest.fixture
def tree(db):
    province = factories.node(None, "Liên đoàn Lao động tỉnh Quảng Trị", place_name="Quảng Trị")
    commune = factories.node(province, "Công đoàn xã Cửa Tùng")
    sibling = factories.node(province, "Công đoàn phường Đông Hà")
    school = factories.branch("CĐCS Trường Tiểu học Vĩnh Thạch", federation=commune)
    clinic = factories.branch("CĐCS Trạm Y tế Vĩnh Thạch", federation=commune)
    plant = factories.branch("CĐCS Nhà máy Đông Hà", federation=sibling)
    for _n in range(3):
        factories.initiative(school)
    factories.initiative(clinic)
    return {
        "province": province, "commune": commune, "sibling": sibling,
        "school": school, "clinic": clinic, "plant": plant,
        "tinh": factories.district_user("tinh", of_node=province),
        "xa": factories.district_user("xa", of_node=commune),
        "xa_ben": factories.district_user("xa_ben", of_node=sibling),
        "canbo": factories.officer(school, "canbo"),
    }


def url(node, change):
    return f"/dashboard/bodies/{node.pk}/reorganise/{change}/"


def confirm(client, address, data):
    """The form, then its confirmation page, then the change: the response of each step."""
    checked = client.post(address, data)
    done = client.post(address, {**data, "confirmed": "1"})
    return checked, done


def page(response):
    return response.content.decode()


def test_the_bodys_page_offers_the_changes_its_officer_may_start(login, tree):
    client = login(tree["xa"])
    own = page(client.get(f"/dashboard/?federation={tree['commune'].pk}"))
    assert url(tree["commune"], "create") in own and url(tree["commune"], "merge") in own
    assert url(tree["commune"], "move") not in own and url(tree["commune"], "dissolve") not in own  # their own body
    client = login(tree["tinh"])
    below = page(client.get(f"/dashboard/?federation={tree['commune'].pk}"))
    assert all(url(tree["commune"], change) in below for change in reorganisation.CHANGES)


def test_setting_up_a_body_goes_through_a_confirmation_and_shows_in_the_history(login, tree):
    client = login(tree["xa"])
    address = url(tree["commune"], "create")
    assert client.get(address).status_code == 200
    data = {"name": "Công đoàn thôn Hiền Lương", "short_name": "CĐ Hiền Lương", "place_name": "Hiền Lương",
            "effective_on": "01/07/2025", "reason": "Quyết định 12/QĐ-CĐX"}
    checked, done = confirm(client, address, data)
    assert "Công đoàn thôn Hiền Lương" in page(checked) and "01/07/2025" in page(checked)
    assert not Federation.objects.filter(name="Công đoàn thôn Hiền Lương").exists() or done
    made = Federation.objects.get(name="Công đoàn thôn Hiền Lương")
    assert Federation.objects.get_parent(made) == tree["commune"]
    assert done.status_code == 302 and done["Location"].startswith(f"/dashboard/?federation={made.pk}")
    history = page(client.get(f"/dashboard/?federation={tree['commune'].pk}"))
    assert "Quyết định 12/QĐ-CĐX" in history
    # Posting the confirmation again does not set up a second one: the name is taken, said beside the field.
    again = client.post(address, {**data, "confirmed": "1"})
    assert again.status_code == 200 and "đã có đơn vị công đoàn tên này" in page(again)
    assert Federation.objects.filter(name="Công đoàn thôn Hiền Lương").count() == 1


def test_nothing_is_changed_before_the_confirmation(login, tree):
    client = login(tree["tinh"])
    response = client.post(url(tree["commune"], "move-branch"), {
        "branch": tree["school"].pk, "to_node": tree["sibling"].pk, "effective_on": "1/7/2025", "reason": "Sáp nhập"})
    text = page(response)
    assert response.status_code == 200
    assert "3 sáng kiến" in text and "Công đoàn phường Đông Hà" in text
    assert Branch.objects.get(pk=tree["school"].pk).federation == tree["commune"]
    assert not Reorganisation.objects.exists()


@pytest.mark.parametrize("typed, message", [
    ("", "bắt buộc"),
    ("31/02/2025", "Không có ngày"),
    ("07/2025", ""),
    ("\x00", ""),
    ("9" * 40, ""),
])
def test_a_bad_date_is_told_beside_the_field_and_what_was_typed_is_kept(login, tree, typed, message):
    client = login(tree["xa"])
    response = client.post(url(tree["commune"], "rename"), {
        "name": "Công đoàn xã Cửa Tùng mới", "effective_on": typed, "reason": "Nghị quyết HĐND"})
    assert response.status_code == 200
    text = page(response)
    assert "is-invalid" in text and message in text
    assert 'value="Công đoàn xã Cửa Tùng mới"' in text and "Nghị quyết HĐND" in text
    assert not Reorganisation.objects.exists()


def test_a_date_after_today_is_refused_as_the_service_refuses_it(login, tree):
    client = login(tree["xa"])
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    data = {"name": "Tên mới", "effective_on": tomorrow, "reason": "Sắp tới", "confirmed": "1"}
    response = client.post(url(tree["commune"], "rename"), data)
    assert response.status_code == 200 and "không được sau hôm nay" in page(response)
    today = timezone.localdate().strftime("%d/%m/%Y")
    del data["confirmed"]
    _checked, done = confirm(client, url(tree["commune"], "rename"), {**data, "effective_on": today})
    assert done.status_code == 302
    assert Federation.objects.get(pk=tree["commune"].pk).name == "Tên mới"


def test_a_missing_reason_and_blank_post_are_form_errors(login, tree):
    client = login(tree["tinh"])
    for change in reorganisation.CHANGES:
        response = client.post(url(tree["commune"], change), {})
        assert response.status_code == 200, change
        assert "is-invalid" in page(response), change
        response = client.post(url(tree["commune"], change), {"effective_on": "01/07/2025", "reason": "   "})
        assert "Ghi rõ lý do" in page(response) or "bắt buộc" in page(response), change
    assert not Reorganisation.objects.exists()


def test_choices_stop_at_the_users_subtree(login, tree):
    client = login(tree["xa"])
    form = page(client.get(url(tree["commune"], "move-branch")))
    assert "CĐCS Trường Tiểu học Vĩnh Thạch" in form and "Công đoàn phường Đông Hà" not in form
    # A sibling's body or branch typed into the post is not a valid choice.
    for data in ({"branch": tree["school"].pk, "to_node": tree["sibling"].pk},
                 {"branch": tree["plant"].pk, "to_node": tree["commune"].pk}):
        response = client.post(url(tree["commune"], "move-branch"), {
            **data, "effective_on": "01/07/2025", "reason": "x", "confirmed": "1"})
        assert response.status_code == 200 and "is-invalid" in page(response)
    assert Branch.objects.get(pk=tree["plant"].pk).federation == tree["sibling"]
    assert not Reorganisation.objects.exists()


@pytest.mark.parametrize("who, node, change, status", [
    ("xa_ben", "commune", "create", 404),  # a sibling: the other subtree does not exist for them
    ("xa_ben", "commune", "merge", 404),
    ("xa_ben", "province", "rename", 404),
    ("xa", "province", "create", 404),  # the body above their own
    ("xa", "commune", "move", 403),  # their own body: moved or dissolved from above only
    ("xa", "commune", "dissolve", 403),
    ("canbo", "commune", "create", 404),  # a branch officer oversees no body
    ("tinh", "commune", "no-such-change", 404),
])
def test_who_may_open_which_change(login, tree, who, node, change, status):
    client = login(tree[who])
    assert client.get(url(tree[node], change)).status_code == status
    assert client.post(url(tree[node], change), {"effective_on": "01/07/2025", "reason": "x",
                                                 "confirmed": "1"}).status_code == status


def test_anonymous_visitors_are_sent_to_sign_in_and_odd_ids_are_not_found(client, login, tree):
    response = client.get(url(tree["commune"], "create"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client = login(tree["tinh"])
    assert client.get(f"/dashboard/bodies/{'9' * 30}/reorganise/create/").status_code == 404
    response = client.post(url(tree["commune"], "move"), {"new_parent": "9" * 30, "effective_on": "01/07/2025",
                                                           "reason": "x", "confirmed": "1"})
    assert response.status_code == 200 and "is-invalid" in page(response)
    response = client.post(url(tree["commune"], "merge"), {"branch": "\x00", "into": "abc",
                                                            "effective_on": "01/07/2025", "reason": "x"})
    assert response.status_code == 200 and "is-invalid" in page(response)


# --- around the effective date: the day before, the day itself -------------------------------------------------


def test_a_branch_moved_on_the_page_stood_under_its_old_body_the_day_before(login, tree):
    client = login(tree["tinh"])
    _checked, done = confirm(client, url(tree["commune"], "move-branch"), {
        "branch": tree["school"].pk, "to_node": tree["sibling"].pk, "effective_on": "01/07/2025",
        "reason": "Kết luận 157-KL/TW"})
    assert done.status_code == 302 and done["Location"].startswith(f"/dashboard/?federation={tree['sibling'].pk}")
    assert reorganisation.node_of_branch_on(tree["school"], JUNE_30) == tree["commune"]
    assert reorganisation.node_of_branch_on(tree["school"], JULY_1) == tree["sibling"]
    # The sibling's officer now sees it on their page's history; the commune's history keeps the move.
    assert "Kết luận 157-KL/TW" in page(login(tree["xa_ben"]).get(f"/dashboard/?federation={tree['sibling'].pk}"))
    row = Reorganisation.objects.get()
    assert (row.kind, row.effective_on, row.made_by, row.from_node, row.to_node) == (
        Reorganisation.Kind.MOVE_BRANCH, JULY_1, tree["tinh"], tree["commune"], tree["sibling"])


def test_a_merger_made_on_the_page_counts_for_the_other_branch_from_the_day_itself(login, tree):
    client = login(tree["xa"])
    checked, done = confirm(client, url(tree["commune"], "merge"), {
        "branch": tree["clinic"].pk, "into": tree["school"].pk, "effective_on": "01/07/2025",
        "reason": "Sáp nhập trạm y tế vào trường"})
    assert "1 sáng kiến" in page(checked)
    assert done.status_code == 302
    clinic = Branch.objects.get(pk=tree["clinic"].pk)
    assert clinic.merged_on == JULY_1 and not clinic.is_active
    assert reorganisation.counting_branch(clinic, JUNE_30) == clinic
    assert reorganisation.counting_branch(clinic, JULY_1) == tree["school"]
    # Once merged it is no longer offered for another merger or move.
    assert "CĐCS Trạm Y tế Vĩnh Thạch" not in page(client.get(url(tree["commune"], "merge")))


def test_a_dissolution_made_on_the_page_hands_the_subtree_over_from_its_date(login, tree):
    hamlet = factories.node(tree["commune"], "Công đoàn thôn Tân Mỹ")
    client = login(tree["tinh"])
    checked, done = confirm(client, url(tree["commune"], "dissolve"), {
        "taken_over_by": tree["sibling"].pk, "effective_on": "01/07/2025", "reason": "Giải thể theo Đề án 01"})
    text = page(checked)
    assert "1 đơn vị công đoàn, 2 CĐCS và 4 sáng kiến" in text and "Công đoàn phường Đông Hà" in text
    assert done.status_code == 302 and done["Location"].startswith(f"/dashboard/?federation={tree['sibling'].pk}")
    commune = Federation.objects.get(pk=tree["commune"].pk)
    assert commune.dissolved_on == JULY_1 and not commune.officers.exists()
    assert set(Branch.objects.filter(federation=tree["sibling"]).values_list("pk", flat=True)) == {
        tree["school"].pk, tree["clinic"].pk, tree["plant"].pk}
    assert Federation.objects.get_parent(Federation.objects.get(pk=hamlet.pk)) == tree["sibling"]
    row = Reorganisation.objects.get(kind=Reorganisation.Kind.DISSOLVE_NODE)  # beside one row per branch
    assert (row.kind, row.effective_on) == (Reorganisation.Kind.DISSOLVE_NODE, JULY_1)
    # The dissolved body's page still shows it; no change can start from it any more.
    assert "Giải thể theo Đề án 01" in page(client.get(f"/dashboard/?federation={commune.pk}"))
    assert client.get(url(commune, "rename")).status_code == 403


def test_a_body_moved_on_the_page_takes_its_subtree_along(login, tree):
    hamlet = factories.node(tree["commune"], "Công đoàn thôn Tân Mỹ")
    client = login(tree["tinh"])
    checked, done = confirm(client, url(hamlet, "move"), {
        "new_parent": tree["sibling"].pk, "effective_on": "30/06/2025", "reason": "Điều chỉnh địa giới"})
    assert "0 CĐCS" in page(checked)
    assert done.status_code == 302
    assert Federation.objects.get_parent(Federation.objects.get(pk=hamlet.pk)) == tree["sibling"]
    assert Reorganisation.objects.get().effective_on == JUNE_30


def test_the_admin_links_to_the_same_pages(login, tree):
    client = login(tree["tinh"])
    listing = page(client.get("/admin/initiatives/federation/"))
    assert url(tree["commune"], "dissolve") in listing and url(tree["province"], "create") in listing
    assert url(tree["province"], "dissolve") not in listing  # their own body
    change = page(client.get(f"/admin/initiatives/federation/{tree['commune'].pk}/change/"))
    assert url(tree["commune"], "rename") in change and f"/dashboard/?federation={tree['commune'].pk}" in change
    sibling = page(login(tree["xa_ben"]).get("/admin/initiatives/federation/"))
    assert url(tree["commune"], "create") not in sibling
