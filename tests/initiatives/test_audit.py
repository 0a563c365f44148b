"""Login throttling (django-axes), the district office's unlock, and the audit log of logins and refusals."""

import datetime
import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory

from initiatives import access
from portal_security.client_ip import client_ip
from tests import factories

LOGIN_URL = "/accounts/login/"
ATTEMPTS_URL = "/admin/axes/accessattempt/"


@pytest.fixture
def audit_log(caplog):
    caplog.set_level(logging.INFO, logger="portal.audit")

    def events(name=None):
        found = [record.audit for record in caplog.records if hasattr(record, "audit")]
        return [event for event in found if name is None or event["event"] == name]

    events.text = lambda: "\n".join(record.getMessage() for record in caplog.records)
    return events


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_login_is_logged_with_who_when_in_utc_and_from_where(client, audit_log, member_a):
    response = log_in(client, "member_a", factories.PASSWORD)

    assert response.status_code == 302
    [event] = audit_log("login")
    assert event["user"] == "member_a"
    assert event["ip"] == "203.0.113.7"
    assert event["path"] == LOGIN_URL and event["method"] == "POST"
    logged_at = datetime.datetime.strptime(event["at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
    assert abs(datetime.datetime.now(datetime.UTC) - logged_at) < datetime.timedelta(minutes=1)


@pytest.mark.django_db
def test_failed_login_is_logged_with_the_name_typed_and_never_the_password(client, audit_log, member_a):
    response = log_in(client, "member_a", "Wrong-secret-42")

    assert response.status_code == 200  # the form again, with its error
    [event] = audit_log("login_failed")
    assert event["user"] == "member_a" and event["ip"] == "203.0.113.7"
    assert "Wrong-secret-42" not in audit_log.text()


@pytest.mark.django_db
def test_logout_is_logged(client, audit_log, member_a):
    log_in(client, "member_a", factories.PASSWORD)
    client.post("/accounts/logout/", REMOTE_ADDR="203.0.113.7")

    [event] = audit_log("logout")
    assert event["user"] == "member_a" and event["ip"] == "203.0.113.7"


@pytest.mark.django_db
def test_a_typed_name_cannot_forge_a_log_line(client, audit_log):
    log_in(client, 'x" event=login user="district\naudit event=login', "nope")

    lines = [line for line in audit_log.text().splitlines() if line.startswith("audit ")]
    assert len(lines) == 1 and "event=login_failed" in lines[0]


@pytest.mark.django_db
def test_five_failures_lock_out_that_name_from_that_address(client, audit_log, member_a):
    for attempt in range(4):
        assert log_in(client, "member_a", f"wrong-{attempt}").status_code == 200

    locked = log_in(client, "member_a", "wrong-5")

    assert locked.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in locked.templates]
    assert audit_log("locked_out")[0]["user"] == "member_a"
    # Even the right password is refused now, from that address ...
    assert log_in(client, "member_a", factories.PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    # ... but not from another address, nor for another name from the same one.
    assert log_in(Client(), "member_a", factories.PASSWORD, address="198.51.100.2").status_code == 302
    factories.user("other_user")
    assert log_in(Client(), "other_user", factories.PASSWORD).status_code == 302


@pytest.fixture
def locked_member(client, member_a):
    for attempt in range(5):
        log_in(client, "member_a", f"wrong-{attempt}")
    assert log_in(client, "member_a", factories.PASSWORD).status_code == 429
    return member_a


@pytest.mark.django_db
def test_district_office_role_holds_the_unlock_permissions():
    district_office = Group.objects.get(name=access.DISTRICT_OFFICE)
    held = {f"{p.content_type.app_label}.{p.codename}" for p in district_office.permissions.all()}
    assert {"axes.view_accessattempt", "axes.delete_accessattempt", "axes.view_accessfailurelog"} <= held
    officer = Group.objects.get(name=access.BRANCH_OFFICER)
    assert not officer.permissions.filter(content_type__app_label="axes").exists()


@pytest.mark.django_db
def test_district_office_sees_the_lock_out_and_unlocks_it(client, locked_member, district, audit_log):
    office = Client()
    office.force_login(district, backend="django.contrib.auth.backends.ModelBackend")

    listing = office.get(ATTEMPTS_URL, {"locked_out": "yes"})
    assert listing.status_code == 200
    assert b"member_a" in listing.content
    attempt = AccessAttempt.objects.get(username="member_a")

    response = office.post(ATTEMPTS_URL, {"action": "unlock", "_selected_action": [attempt.pk]})

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="member_a").exists()
    [unlocked] = audit_log("unlocked")
    assert unlocked["user"] == "district" and unlocked["unlocked_user"] == "member_a"
    assert log_in(client, "member_a", factories.PASSWORD).status_code == 302


@pytest.mark.django_db
def test_branch_officer_may_not_see_login_attempts_and_the_refusal_is_logged(login, officer_a, audit_log):
    response = login(officer_a).get(ATTEMPTS_URL, REMOTE_ADDR="203.0.113.8")

    assert response.status_code == 403
    [refused] = audit_log("access_refused")
    assert refused["user"] == "officer_a" and refused["ip"] == "203.0.113.8"
    assert refused["path"] == ATTEMPTS_URL


@pytest.mark.django_db
def test_admin_turning_away_a_signed_in_member_is_logged(login, member_a, audit_log):
    response = login(member_a.user).get("/admin/")

    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    [refused] = audit_log("access_refused")
    assert refused["user"] == "member_a" and refused["reason"] == "admin_not_allowed"


@pytest.mark.django_db
def test_anonymous_visit_to_the_admin_is_not_a_refusal(client, audit_log):
    assert client.get("/admin/").status_code == 302
    assert audit_log("access_refused") == []


@pytest.mark.django_db
def test_forged_post_without_csrf_token_is_refused_and_logged(audit_log, member_a):
    response = Client(enforce_csrf_checks=True).post(LOGIN_URL, {"username": "member_a", "password": "x"})

    assert response.status_code == 403
    [refused] = audit_log("access_refused")
    assert refused["user"] == "anonymous" and refused["path"] == LOGIN_URL


@pytest.mark.django_db
def test_each_refusal_is_logged_once(login, officer_a, audit_log):
    login(officer_a).get("/admin/auth/user/")
    assert len(audit_log("access_refused")) == 1


def test_client_address_ignores_forwarded_for_unless_the_peer_is_a_listed_proxy(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")

    settings.TRUSTED_PROXIES = []  # the default: nobody's header is believed
    assert client_ip(request) == "10.0.0.5"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # a proxy is listed, but this peer is not it
    assert client_ip(request) == "10.0.0.5"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]  # the peer is a listed proxy: the right-most entry is the client
    assert client_ip(request) == "203.0.113.9"

    # Two listed proxies in a row: the one further out wrote the client's address, the nearer one appended its own.
    chained = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.1.2.3"
    )
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert client_ip(chained) == "203.0.113.9"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # 10.1.2.3 is not listed: it is the client as far as we can tell
    assert client_ip(chained) == "10.1.2.3"

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    junk = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(junk) == "127.0.0.1"
    with_port = RequestFactory().get("/", REMOTE_ADDR="::ffff:127.0.0.1", HTTP_X_FORWARDED_FOR="[2001:db8::7]:443")
    assert client_ip(with_port) == "2001:db8::7"


def test_a_trusted_proxies_entry_that_is_not_an_address_fails_the_start_up_check(settings):
    from portal_security.checks import trusted_proxies_are_addresses

    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert trusted_proxies_are_addresses(None) == []
    settings.TRUSTED_PROXIES = ["127.0.0.1", "proxy.example"]
    [error] = trusted_proxies_are_addresses(None)
    assert "proxy.example" in error.msg


@pytest.mark.django_db
def test_a_direct_peer_cannot_choose_its_address_nor_escape_lock_out_but_a_listed_proxy_is_believed(
    client, settings, audit_log, member_a
):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # as in production: nginx on the same machine

    # A client that reaches the portal directly writes a new X-Forwarded-For on every attempt.
    for attempt in range(5):
        client.post(LOGIN_URL, {"username": "member_a", "password": f"wrong-{attempt}"},
                    REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt + 1}")
    assert AccessAttempt.objects.get(username="member_a").ip_address == "198.51.100.66"
    assert {event["ip"] for event in audit_log("login_failed")} == {"198.51.100.66"}
    still_locked = Client().post(LOGIN_URL, {"username": "member_a", "password": factories.PASSWORD},
                                 REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert still_locked.status_code == 429

    # Through the listed proxy, the address it appended is the client's: counted, and locked out, on its own.
    AccessAttempt.objects.all().delete()
    for attempt in range(5):
        client.post(LOGIN_URL, {"username": "member_a", "password": f"wrong-{attempt}"},
                    REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert AccessAttempt.objects.get(username="member_a").ip_address == "203.0.113.50"
    assert audit_log("login_failed")[-1]["ip"] == "203.0.113.50"
    other_client = Client().post(LOGIN_URL, {"username": "member_a", "password": factories.PASSWORD},
                                 REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other_client.status_code == 302
