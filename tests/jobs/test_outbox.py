"""The outbox: one row per message, written with the change it tells of; sent after the commit; kept and tried
again with growing pauses while the mail server is down; never sent twice once sent."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from jobs import outbox
from jobs.models import OutgoingMail

pytestmark = pytest.mark.django_db
BROKEN = "tests.initiatives.broken_mail.Backend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _deliver_at_once(monkeypatch):
    """Deliver in the test's own thread (the thread runner's work, without the thread), to read mail.outbox."""
    monkeypatch.setattr(outbox, "dispatch", lambda ids: [outbox.deliver(mail_id) for mail_id in ids])


def test_a_message_is_sent_after_the_commit_one_per_recipient(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.queue([("an@example.vn", "Sáng kiến đã được duyệt", "Nội dung"),
                      ("binh@example.vn", "Sáng kiến đã được duyệt", "Nội dung")], about="initiative 1")
    assert sorted(message.to[0] for message in mail.outbox) == ["an@example.vn", "binh@example.vn"]
    assert all(len(message.to) == 1 for message in mail.outbox)
    assert set(OutgoingMail.objects.values_list("state", flat=True)) == {OutgoingMail.State.SENT}


def test_with_a_worker_nothing_is_handed_out_when_the_change_is_undone(
        settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.JOBS_RUNNER = "celery"
    handed_out = []
    monkeypatch.setattr(outbox, "dispatch", handed_out.extend)
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                outbox.queue([("an@example.vn", "Chủ đề", "Nội dung")])
                raise RuntimeError("the move failed")
        except RuntimeError:
            pass
    assert handed_out == [] and not OutgoingMail.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = outbox.queue([("an@example.vn", "Chủ đề", "Nội dung")])
    assert handed_out == [row.pk]


def test_while_the_server_is_down_the_message_waits_with_growing_pauses_then_goes_once(
        settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = BROKEN
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = outbox.queue([("an@example.vn", "Chủ đề", "Nội dung")])
    row.refresh_from_db()
    assert row.state == OutgoingMail.State.PENDING and row.attempts == 1 and "mail server down" in row.last_error
    first_pause = row.next_attempt_at - timezone.now()

    assert outbox.retry_due() == []  # not yet due
    later = timezone.now() + datetime.timedelta(hours=2)
    assert outbox.retry_due(now=later) == [row.pk]  # still down: a longer pause
    row.refresh_from_db()
    assert row.attempts == 2 and row.next_attempt_at - timezone.now() > first_pause

    settings.EMAIL_BACKEND = LOCMEM  # the server is back
    assert outbox.retry_due(now=later + datetime.timedelta(hours=2)) == [row.pk]
    row.refresh_from_db()
    assert row.state == OutgoingMail.State.SENT and len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<outbox-{row.pk}.")  # the same on every attempt

    # Handed out again (a duplicate task, a sweep): a sent message is never sent twice.
    assert outbox.deliver(row.pk) is None
    assert outbox.retry_due(now=later + datetime.timedelta(days=1)) == []
    assert len(mail.outbox) == 1


def test_a_message_left_being_sent_by_a_dead_worker_is_sent_again():
    row = OutgoingMail.objects.create(to="an@example.vn", subject="Chủ đề", body="Nội dung",
                                      state=OutgoingMail.State.SENDING, attempts=1,
                                      next_attempt_at=timezone.now() - datetime.timedelta(hours=1))
    assert outbox.retry_due() == [row.pk]
    row.refresh_from_db()
    assert row.state == OutgoingMail.State.SENT and len(mail.outbox) == 1


def test_the_pause_grows_and_is_capped():
    assert [outbox.pause_after(n) for n in (1, 2, 3)] == [60, 120, 240]
    assert outbox.pause_after(30) == outbox.MAX_PAUSE
