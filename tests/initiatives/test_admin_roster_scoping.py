"""An officer sees and edits only their own branches' roster in the admin; the district sees all."""
from tests import factories


def test_officer_lists_only_their_branch_members(login, officer_a, branch_a, branch_b):
    mine = factories.member(branch_a, "Võ Thị Hạnh")
    theirs = factories.member(branch_b, "Đặng Văn Long")
    page = login(officer_a).get("/admin/initiatives/member/").content.decode()
    assert mine.full_name in page
    assert theirs.full_name not in page


def test_officer_cannot_open_or_change_another_branchs_member(login, officer_a, branch_a, branch_b):
    theirs = factories.member(branch_b, "Đặng Văn Long")
    client = login(officer_a)
    response = client.get(f"/admin/initiatives/member/{theirs.pk}/change/")
    assert response.status_code == 302  # the admin's "does not exist" redirect to the index
    response = client.post(
        f"/admin/initiatives/member/{theirs.pk}/change/",
        {"full_name": "Bị sửa", "branch": branch_b.pk, "is_active": "on"},
    )
    theirs.refresh_from_db()
    assert theirs.full_name == "Đặng Văn Long"
    assert client.get(f"/admin/initiatives/member/{theirs.pk}/history/").status_code in (302, 404)


def test_officer_cannot_move_a_member_into_another_branch(login, officer_a, branch_a, branch_b):
    mine = factories.member(branch_a, "Võ Thị Hạnh")
    response = login(officer_a).post(
        f"/admin/initiatives/member/{mine.pk}/change/",
        {"full_name": "Võ Thị Hạnh", "branch": branch_b.pk, "position": "", "is_active": "on"},
    )
    assert response.status_code == 200  # the form says the choice is not valid
    mine.refresh_from_db()
    assert mine.branch == branch_a


def test_officer_sees_only_their_branches_in_the_branch_admin(login, officer_a, branch_a, branch_b):
    page = login(officer_a).get("/admin/initiatives/branch/").content.decode()
    assert branch_a.name in page and branch_b.name not in page
    assert login(officer_a).get(f"/admin/initiatives/branch/{branch_b.pk}/change/").status_code == 302


def test_district_sees_every_branchs_members(login, district, branch_a, branch_b):
    factories.member(branch_a, "Võ Thị Hạnh")
    factories.member(branch_b, "Đặng Văn Long")
    page = login(district).get("/admin/initiatives/member/").content.decode()
    assert "Võ Thị Hạnh" in page and "Đặng Văn Long" in page


def test_member_search_ignores_diacritics(login, district, branch_a):
    factories.member(branch_a, "Nguyễn Văn Đạt")
    page = login(district).get("/admin/initiatives/member/", {"q": "nguyen van dat"}).content.decode()
    assert "Nguyễn Văn Đạt" in page
    page = login(district).get("/admin/initiatives/member/", {"q": "Nguyen Van Ddat"}).content.decode()
    assert "Nguyễn Văn Đạt" in page


def test_member_without_role_has_no_admin(login, member_a):
    assert login(member_a.user).get("/admin/initiatives/member/").status_code == 302
