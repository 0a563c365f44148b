"""The outbox: e-mails are rows first, sent afterwards by a Celery worker (without a broker, by the caller at once).

`queue(messages)` writes one row per recipient in the caller's transaction and, once it commits, hands each to
`deliver` on a Celery worker (without a broker: at once, in the caller's thread, as the portal sent mail before).
`deliver(mail_id)` claims the row (pending → sending, one claimant wins), sends it, marks it sent.
While the mail server is down the row goes back to pending with the next attempt further away each time
(1, 2, 4 … minutes, at most an hour); `retry_due` (from `manage.py sweep_jobs` or the Celery sweep task) hands
the due ones out again. A row marked sent is never sent again; a worker killed between the server's accepting
the message and the row's update is the one case that can repeat it (every message carries a Message-ID of its
own row, so mail clients show it once).
"""

import datetime
import logging

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutgoingMail

logger = logging.getLogger("portal.audit")
State = OutgoingMail.State
MAX_PAUSE = 3600
SENDING_TIMEOUT = 600  # a row "being sent" this long: its worker died; it is sent again


def queue(messages, *, about=""):
    """`messages`: (to, subject, body) triples. Returns the rows; they are sent after the transaction commits."""
    rows = OutgoingMail.objects.bulk_create(
        [OutgoingMail(to=to, subject=subject, body=body, about=about[:200]) for to, subject, body in messages])
    ids = [row.pk for row in rows]  # bulk_create returns the keys on PostgreSQL and SQLite
    if getattr(settings, "JOBS_RUNNER", "thread") == "celery":
        transaction.on_commit(lambda: dispatch(ids))  # the worker must find the rows
    else:
        dispatch(ids)  # no broker: sent now, as before the outbox (the callers write after their commit)
    return rows


def dispatch(ids):
    if getattr(settings, "JOBS_RUNNER", "thread") == "celery":
        for mail_id in ids:  # by the task's name (jobs/tasks.py calls back into this module)
            current_app.send_task("jobs.deliver_mail", args=(mail_id,),
                                  queue=getattr(settings, "JOBS_QUEUE", None) or None)
    else:
        # No broker: sent at once by the caller (already after the commit), as before the outbox; a message the
        # server refused waits in its row for `retry_due` (manage.py sweep_jobs).
        for mail_id in ids:
            deliver(mail_id)


def pause_after(attempts):
    return min(MAX_PAUSE, 60 * 2 ** max(0, attempts - 1))


def deliver(mail_id):
    """Send one row if it is still to be sent; True when sent now, False when it failed (it will be tried again),
    None when it was not this caller's to send (already sent, or being sent)."""
    now = timezone.now()
    claimed = OutgoingMail.objects.filter(pk=mail_id, state=State.PENDING).update(
        state=State.SENDING, attempts=F("attempts") + 1, next_attempt_at=now)
    if not claimed:
        return None
    mail = OutgoingMail.objects.get(pk=mail_id)
    message = EmailMessage(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to],
                           headers={"Message-ID": f"<outbox-{mail.pk}.{mail.created_at:%Y%m%d%H%M%S}@{DNS_NAME}>"})
    try:
        get_connection().send_messages([message])
    except Exception as error:
        pause = pause_after(mail.attempts)
        OutgoingMail.objects.filter(pk=mail_id, state=State.SENDING).update(
            state=State.PENDING, last_error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=timezone.now() + datetime.timedelta(seconds=pause))
        logger.warning("mail %s (%s) not sent, attempt %s; next in %s s", mail.pk, mail.about, mail.attempts, pause)
        return False
    OutgoingMail.objects.filter(pk=mail_id).update(state=State.SENT, sent_at=timezone.now(), last_error="")
    return True


def retry_due(now=None):
    """Hand out again the rows whose next attempt is due, and those left "being sent" by a worker that died."""
    now = now or timezone.now()
    OutgoingMail.objects.filter(
        state=State.SENDING, next_attempt_at__lt=now - datetime.timedelta(seconds=SENDING_TIMEOUT)
    ).update(state=State.PENDING)
    due = list(OutgoingMail.objects.filter(state=State.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)).values_list("pk", flat=True)[:1000])
    if due:
        dispatch(due)
    return due
