"""Login landing, self-registration and what it may never grant."""
from django.contrib.auth import get_user_model

from initiatives import access
from initiatives.models import Member, MembershipRequest
from tests import factories


def test_each_role_lands_where_it_should(client, member_a, officer_a, district):
    for user, expected in ((member_a.user, "/initiatives/"), (officer_a, "/dashboard/"), (district, "/dashboard/")):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        response = client.get("/accounts/home/")
        assert response.status_code == 302
        assert response["Location"] == expected
        client.logout()


def test_login_page_logs_in_with_the_form(client, member_a):
    response = client.post("/accounts/login/", {"username": "member_a", "password": factories.PASSWORD})
    assert response.status_code == 302
    assert client.get("/initiatives/").status_code == 200


def registration_data(branch, **overrides):
    data = {
        "username": "nguyenthimai", "full_name": "Nguyễn Thị Mai", "email": "mai@example.vn",
        "phone": "0912 345 678", "branch": branch.pk, "position": "Giáo viên",
        "password1": "Hoa-Sen-2021!", "password2": "Hoa-Sen-2021!",
    }
    data.update(overrides)
    return data


def test_self_registration_waits_for_the_officer(client, branch_a):
    response = client.post("/accounts/register/", registration_data(branch_a))
    assert response.status_code == 302
    user = get_user_model().objects.get(username="nguyenthimai")
    request = MembershipRequest.objects.get(user=user)
    assert request.state == MembershipRequest.State.PENDING and request.branch == branch_a
    assert not Member.objects.filter(user=user).exists()
    assert access.role_of(user) == access.MEMBER


def test_self_registration_cannot_make_anyone_an_officer(client, branch_a):
    data = registration_data(branch_a, is_staff="on", is_superuser="on", groups="1", officer_of=branch_a.pk)
    client.post("/accounts/register/", data)
    user = get_user_model().objects.get(username="nguyenthimai")
    assert not user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [access.MEMBER]
    assert not branch_a.officers.filter(pk=user.pk).exists()
    assert client.get("/admin/").status_code == 302  # to the admin login, not the admin


def test_bad_registration_keeps_what_was_typed_and_says_why_in_vietnamese(client, branch_a):
    data = registration_data(branch_a, phone="abc", password2="khac-mat-khau", email="not-an-email")
    response = client.post("/accounts/register/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="nguyenthimai"' in page and 'value="Nguyễn Thị Mai"' in page
    assert "Giáo viên" in page
    assert "Hai trường mật khẩu không giống nhau" in page
    assert "Nhập số điện thoại" in page
    assert "địa chỉ email hợp lệ" in page
    assert not get_user_model().objects.filter(username="nguyenthimai").exists()


def test_officer_confirms_a_request_and_links_the_roster(branch_a, officer_a):
    from initiatives import membership

    account = factories.user("newcomer")
    request = MembershipRequest.objects.create(user=account, branch=branch_a, full_name="Phan Văn Hùng")
    roster_entry = factories.member(branch_a, "Phan Văn Hùng")
    membership.confirm_request(request, acting_user=officer_a, member=roster_entry)
    roster_entry.refresh_from_db()
    assert roster_entry.user == account
    request.refresh_from_db()
    assert request.state == MembershipRequest.State.CONFIRMED and request.decided_by == officer_a


def test_officer_cannot_confirm_another_branchs_request(branch_b, officer_a):
    import pytest
    from django.core.exceptions import PermissionDenied

    from initiatives import membership

    request = MembershipRequest.objects.create(user=factories.user(), branch=branch_b, full_name="Hồ Thị Lan")
    with pytest.raises(PermissionDenied):
        membership.confirm_request(request, acting_user=officer_a)
