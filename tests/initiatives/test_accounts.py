"""Login landing, self-registration and what it may never grant."""
import re
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core import mail

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


def finish_link(address):
    """The link of the last registration e-mail sent to `address`."""
    [message] = [m for m in mail.outbox if m.to == [address]][-1:]
    return re.search(r"https?://\S+/accounts/register/finish/\S+/", message.body).group(0)


def register(client, data):
    """Both steps, as a person does them: the details, then the link in the e-mail and the password."""
    response = client.post("/accounts/register/", data)
    assert response.status_code == 302 and response["Location"] == "/accounts/register/sent/"
    path = urlsplit(finish_link(data["email"])).path
    return client.post(path, {"password1": data["password1"], "password2": data["password2"]})


def test_self_registration_waits_for_the_officer(client, branch_a):
    response = register(client, registration_data(branch_a))
    assert response.status_code == 302
    user = get_user_model().objects.get(username="nguyenthimai")
    request = MembershipRequest.objects.get(user=user)
    assert request.state == MembershipRequest.State.PENDING and request.branch == branch_a
    assert not Member.objects.filter(user=user).exists()
    assert access.role_of(user) == access.MEMBER
    assert user.email == "mai@example.vn" and user.check_password("Hoa-Sen-2021!")
    assert client.get("/initiatives/").status_code == 200  # signed in


def test_self_registration_cannot_make_anyone_an_officer(client, branch_a):
    data = registration_data(branch_a, is_staff="on", is_superuser="on", groups="1", officer_of=branch_a.pk)
    register(client, data)
    user = get_user_model().objects.get(username="nguyenthimai")
    assert not user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [access.MEMBER]
    assert not branch_a.officers.filter(pk=user.pk).exists()
    assert client.get("/admin/").status_code == 302  # to the admin login, not the admin


def test_bad_registration_keeps_what_was_typed_and_says_why_in_vietnamese(client, branch_a):
    data = registration_data(branch_a, phone="abc", email="not-an-email")
    response = client.post("/accounts/register/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="nguyenthimai"' in page and 'value="Nguyễn Thị Mai"' in page
    assert "Giáo viên" in page
    assert "Nhập số điện thoại" in page
    assert "địa chỉ email hợp lệ" in page
    assert not get_user_model().objects.filter(username="nguyenthimai").exists()
    assert not mail.outbox


def test_a_bad_password_on_the_finishing_page_says_why_and_creates_nothing(client, branch_a):
    client.post("/accounts/register/", registration_data(branch_a))
    path = urlsplit(finish_link("mai@example.vn")).path
    response = client.post(path, {"password1": "Hoa-Sen-2021!", "password2": "khac-mat-khau"})
    assert response.status_code == 200
    assert "Hai trường mật khẩu không giống nhau" in response.content.decode()
    assert "Nguyễn Thị Mai" in response.content.decode()  # what was typed at step one is shown
    assert not get_user_model().objects.filter(username="nguyenthimai").exists()


def test_registration_answers_the_same_whether_or_not_the_address_has_an_account(client, branch_a, member_a):
    """Issue 12, item 10: nobody learns which addresses have an account; the owner of the address is told."""
    known = member_a.user.email
    answers = []
    for address, username in ((known, "thu_mot"), ("chua-co@example.vn", "thu_hai"), (known.upper(), "thu_ba")):
        response = client.post("/accounts/register/", registration_data(branch_a, email=address, username=username))
        page = client.get(response["Location"])
        answers.append((response.status_code, response["Location"], page.status_code,
                        re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "",
                               page.content.decode().replace(address.lower(), "ADDRESS"))))
    assert answers[0] == answers[1] == answers[2]
    assert get_user_model().objects.filter(email__iexact=known).count() == 1  # nothing created, nothing changed

    to_owner = [message for message in mail.outbox if message.to == [known]]
    assert len(to_owner) == 2 and all("member_a" in message.body for message in to_owner)
    assert all("/accounts/password_reset/" in message.body and "/register/finish/" not in message.body
               for message in to_owner)
    [to_new] = [message for message in mail.outbox if message.to == ["chua-co@example.vn"]]
    assert "/accounts/register/finish/" in to_new.body


def test_a_registration_link_works_once_and_cannot_be_forged(client, branch_a):
    client.post("/accounts/register/", registration_data(branch_a))
    path = urlsplit(finish_link("mai@example.vn")).path
    tampered = path.replace("/finish/", "/finish/x")
    assert client.get(tampered).status_code == 400
    assert client.post(path, {"password1": "Hoa-Sen-2021!", "password2": "Hoa-Sen-2021!"}).status_code == 302
    client.logout()
    again = client.get(path)
    assert again.status_code == 400 and "đã được dùng" in again.content.decode()
    assert get_user_model().objects.filter(username="nguyenthimai").count() == 1


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


def test_broken_or_expired_registration_links_are_a_clear_page_never_a_500(client, branch_a, monkeypatch):
    from django.core import signing

    from initiatives import membership

    def token(data):
        return signing.dumps(data, salt=membership.REGISTRATION_SALT, compress=True)

    fields = {"username": "nguoimoi", "full_name": "Trần Mới", "email": "moi@example.vn", "phone": "",
              "position": "", "branch": branch_a.pk}
    for bad in ("x", "." + "A" * 3000, "%00", token(["not", "a", "dict"]), token({"username": "x"}),
                token({**fields, "branch": 999999}), signing.dumps(fields, salt="another.salt")):
        response = client.get(f"/accounts/register/finish/{bad}/")
        assert response.status_code == 400, bad
        assert "Đường dẫn không hợp lệ" in response.content.decode() or "không còn nhận" in response.content.decode()

    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() - 4 * 24 * 3600)  # signed four days ago
    old = token(fields)
    monkeypatch.setattr(signing.time, "time", real_time)
    response = client.post(f"/accounts/register/finish/{old}/", {"password1": "Hoa-Sen-2021!",
                                                                "password2": "Hoa-Sen-2021!"})
    assert response.status_code == 400 and "hết hạn" in response.content.decode()
    assert not get_user_model().objects.filter(username="nguoimoi").exists()
