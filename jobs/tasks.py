"""The Celery task that runs a job (autodiscovered by `vinhlinh_portal.celery`).

Acknowledged late and rejected when its worker is lost: a worker killed mid-job leaves the message to be
delivered again, and `runner.execute` claims a job only once (a second delivery finds it running with a fresh
heartbeat, or finished, and does nothing)."""

from celery import shared_task

from . import outbox, runner


@shared_task(name="jobs.run_job", acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def run_job(job_id):
    job = runner.execute(job_id)
    return job.state if job is not None else None


@shared_task(name="jobs.sweep", ignore_result=True)
def sweep():
    runner.sweep()
    runner.purge_expired()
    outbox.retry_due()


@shared_task(name="jobs.deliver_mail", bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True,
             max_retries=None)
def deliver_mail(self, mail_id):
    """Send one outbox row; while the mail server refuses, try again after a growing pause (the row keeps the
    message, so it is never lost however long the server is down)."""
    if outbox.deliver(mail_id) is False:
        attempts = outbox.OutgoingMail.objects.filter(pk=mail_id).values_list("attempts", flat=True).first() or 1
        raise self.retry(countdown=outbox.pause_after(attempts))
