"""The audit log in the admin: the administrator reads who did what, and nobody (the administrator included)
adds, edits or deletes a row; upper-union staff and branch officers do not reach it at all."""

import pytest
from django.contrib.auth import get_user_model

from initiatives import workflow
from initiatives.models import Status
from portal_security.models import AuditEvent
from tests import factories

LIST = "/admin/portal_security/auditevent/"


@pytest.fixture
def approved_event(branch_a, officer_a, member_a):
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], status=Status.SUBMITTED)
    workflow.apply(initiative, "approve", officer_a, novelty_confirmed=True, lawful_confirmed=True)
    return AuditEvent.objects.get(action="initiative.approve", target_id=initiative.pk)


@pytest.fixture
def administrator(db):
    return get_user_model().objects.create_superuser("quantri_test", "qt@example.vn", factories.PASSWORD)


@pytest.mark.django_db
def test_the_administrator_reads_who_approved_what(login, administrator, approved_event, officer_a):
    client = login(administrator)
    page = client.get(LIST).content.decode()
    assert "initiative.approve" in page and "officer_a" in page
    assert "Nhật ký thao tác" in page
    detail = client.get(f"{LIST}{approved_event.pk}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()  # read only


@pytest.mark.django_db
def test_no_one_adds_edits_or_deletes_a_row(login, administrator, approved_event):
    client = login(administrator)
    assert client.get(f"{LIST}add/").status_code == 403
    assert client.post(f"{LIST}{approved_event.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"{LIST}{approved_event.pk}/change/", {"action": "tampered"})
    approved_event.refresh_from_db()
    assert approved_event.action == "initiative.approve"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["officer_a", "district"])
def test_officers_and_upper_staff_do_not_reach_the_log(request, login, approved_event, who):
    client = login(request.getfixturevalue(who))
    for url in (LIST, f"{LIST}{approved_event.pk}/change/", f"{LIST}{approved_event.pk}/history/",
                f"{LIST}{approved_event.pk}/delete/"):
        assert client.get(url).status_code in (302, 403), url
    assert "auditevent" not in client.get("/admin/").content.decode()
