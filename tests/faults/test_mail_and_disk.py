"""Faults around a move or a save that are not the database's: the mail server down, the disk full.

A failing mail server during a move does not lose the move: proved for `workflow.apply` by
tests/initiatives/test_workflow.py::test_a_failing_mail_server_does_not_undo_the_move, and here through the site,
with the e-mail sent on commit inside the request as in production.

A full disk while an attachment is stored (the storage raises OSError ENOSPC) must give a clear message beside the
form, keep what was typed, store nothing half-way, and never a 500.
"""

import errno
from unittest import mock

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.test import Client

from initiatives.models import Attachment, Initiative, Pledge, Status, StatusChange
from tests import factories
from tests.initiatives.helpers import form_data, pdf

FULL_DISK = OSError(errno.ENOSPC, "No space left on device")
TITLE = "Sổ tay điện tử theo dõi sức khỏe học sinh"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_mail_server_during_a_move_on_the_site_keeps_the_move(settings):
    settings.EMAIL_BACKEND = "tests.initiatives.broken_mail.Backend"
    branch = factories.branch()
    officer = factories.officer(branch)
    author = factories.member(branch, with_user=True)
    initiative = factories.initiative(branch, authors=[(author, 100)], status=Status.SUBMITTED,
                                      entered_by=author.user)
    client = Client()
    client.force_login(officer, backend="django.contrib.auth.backends.ModelBackend")

    response = client.post(f"/initiatives/{initiative.pk}/approve/",
                           {"novelty_confirmed": "on", "lawful_confirmed": "on"})

    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Status.BRANCH_APPROVED
    assert StatusChange.objects.filter(initiative=initiative, action="approve").count() == 1


def error_messages(response):
    return [m for m in get_messages(response.wsgi_request) if m.level == messages.ERROR]


def assert_form_kept_with_a_message(response):
    assert response.status_code == 200  # the form again, not a 500
    assert TITLE in response.content.decode()  # what was typed is still there
    assert error_messages(response) or b"invalid-feedback" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("submit", [False, True])
def test_a_full_disk_while_saving_an_attachment_keeps_the_form_and_stores_nothing(login, branch_a, member_a, submit):
    client = login(member_a.user)
    data = form_data(branch_a, [(member_a, 100)], **{"upload-files": pdf()})
    if submit:
        data["submit"] = "1"
    with mock.patch("django.core.files.storage.FileSystemStorage._save", side_effect=FULL_DISK):
        response = client.post("/initiatives/new/", data)

    assert_form_kept_with_a_message(response)
    assert Initiative.objects.count() == 0
    assert Attachment.objects.count() == 0


@pytest.mark.django_db
def test_a_full_disk_while_keeping_a_file_of_a_form_with_errors_keeps_the_form(login, branch_a, member_a):
    client = login(member_a.user)
    data = form_data(branch_a, [(member_a, 100)], recognition_date="31/02/2022", **{"upload-files": pdf()})
    with mock.patch("django.core.files.storage.FileSystemStorage._save", side_effect=FULL_DISK):
        response = client.post("/initiatives/new/", data)

    assert_form_kept_with_a_message(response)
    assert Attachment.objects.count() == 0


@pytest.mark.django_db
def test_a_full_disk_while_saving_the_scanned_pledge_keeps_the_form(login, branch_a, officer_a):
    client = login(officer_a)
    periods = {f"period_{n}": "7" for n in (1, 2)}
    with mock.patch("django.core.files.storage.FileSystemStorage._save", side_effect=FULL_DISK):
        response = client.post(f"/dashboard/pledges/{branch_a.pk}/",
                               {"signed_on": "01/10/2021", **periods, "document": pdf()})

    assert response.status_code == 200
    assert 'value="7"' in response.content.decode()
    assert error_messages(response) or b"invalid-feedback" in response.content
    assert not Pledge.objects.filter(branch=branch_a).exclude(document="").exists()
