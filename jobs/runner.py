"""Starting, running and watching jobs.

`start` records a job and hands it, once the transaction commits, to Celery (when a broker is configured:
`settings.JOBS_RUNNER == "celery"`) or to a thread of the web process (the embedded default). Either way
`execute` runs it: it claims the row, runs the kind's work, and records done / failed.

While a job runs, a thread of its runner writes its progress and `heartbeat_at` (`Progress`), every
`heartbeat_seconds()` at least, whatever the work is doing: a worker busy without rows to count (the database
sorting the rows before the first one, the workbook being zipped, its file being stored) is alive, and only a
runner that died stops beating.
`sweep` gives such a job another attempt, up to `JOBS_MAX_ATTEMPTS`, then marks it failed with a message.
Running a job twice is harmless: `execute` claims only a waiting job or one whose heartbeat has gone stale, and
every write of a run is made under its claim (state running, its attempt number), so a run that lost its claim
can no longer move the job.
"""

import datetime
import logging
import tempfile
import threading
import time

from celery import current_app
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import OperationalError, close_old_connections, connection, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import registry
from .models import Job

logger = logging.getLogger("portal.jobs")
State = Job.State


def stale_seconds():
    return getattr(settings, "JOBS_STALE_SECONDS", 120)


def max_attempts():
    return getattr(settings, "JOBS_MAX_ATTEMPTS", 3)


def heartbeat_seconds():
    """How often a running job says it is alive: several beats fit in JOBS_STALE_SECONDS."""
    return getattr(settings, "JOBS_HEARTBEAT_SECONDS", None) or max(0.5, stale_seconds() / 6)


def keep_days():
    return getattr(settings, "JOBS_KEEP_DAYS", 7)


def start(*, kind, owner, title, params=None):
    """Record a job for `owner` and run it after the current transaction commits."""
    job_kind = registry.get(kind)
    job_kind.authorize(owner, params or {})
    job = Job.objects.create(owner=owner, kind=kind, title=title, params=params or {})
    transaction.on_commit(lambda: dispatch(job.pk))
    return job


def dispatch(job_id):
    if getattr(settings, "JOBS_RUNNER", "thread") == "celery":
        # By the task's name (jobs/tasks.py, which calls back into this module): Celery's public send_task.
        current_app.send_task("jobs.run_job", args=(job_id,), queue=getattr(settings, "JOBS_QUEUE", None) or None)
    else:
        threading.Thread(target=_run_in_thread, args=(job_id,), name=f"job-{job_id}", daemon=True).start()


def _run_in_thread(job_id):
    try:
        execute(job_id)
    finally:
        connection.close()


def _claimed(job):
    """The job's row while this run still holds it (a sweep, then another runner, may have taken it)."""
    return Job.objects.filter(pk=job.pk, state=State.RUNNING, attempts=job.attempts)


class Progress:
    """What a running job tells its page (rows done of the total) and the sweep (that its runner is alive).

    The work only counts, in memory (`set_total`, `advance`). A thread of the runner writes the count and the
    heartbeat on a database connection of its own: within `interval` seconds of a change, and every
    `heartbeat_seconds()` when nothing changes, whatever the work is doing (a sort before the first row, the
    workbook being zipped). So the work's own connection never writes while it holds a long read (an export's
    cursor): on SQLite such a write fails once another connection has written since the read began."""

    def __init__(self, job, interval=0.5):
        self.job = job
        self.interval = interval
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._write_until_stopped, name=f"job-{job.pk}-progress", daemon=True)

    def set_total(self, total):
        self.job.total = total

    def advance(self, count=1):
        self.job.done += count

    def save_result(self, result):
        """Keep `result` (plain data) for the job's page."""
        self.job.result = result
        _claimed(self.job).update(result=result)

    def save_file(self, name, handle):
        self.job.file_name = name
        self.job.file.save(name, File(handle, name=name), save=False)
        _claimed(self.job).update(file=self.job.file.name, file_name=name)

    def start(self):
        self._thread.start()

    def stop(self):
        self._stopped.set()
        self._thread.join(timeout=5)

    def _write_until_stopped(self):
        written, written_at = (self.job.done, self.job.total), time.monotonic()
        try:
            while not self._stopped.wait(self.interval):
                counts = (self.job.done, self.job.total)
                if counts == written and time.monotonic() - written_at < heartbeat_seconds():
                    continue
                try:
                    if not _claimed(self.job).update(done=counts[0], total=counts[1], heartbeat_at=timezone.now()):
                        return  # finished, or taken by another runner: nothing more to say
                except OperationalError:  # SQLite's one writer did not let go in time: the next tick writes
                    logger.warning("job %s: progress and heartbeat not written this time", self.job.pk)
                    continue
                written, written_at = counts, time.monotonic()
        finally:
            connection.close()  # this thread's own connection


def _claim(job_id):
    """Take the job if it waits, or if its last runner stopped beating; one runner wins."""
    now = timezone.now()
    stale = now - datetime.timedelta(seconds=stale_seconds())
    claimable = Q(state=State.QUEUED) | Q(state=State.RUNNING, heartbeat_at__lt=stale)
    claimed = Job.objects.filter(claimable, pk=job_id).update(
        state=State.RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1, done=0)
    return Job.objects.select_related("owner").get(pk=job_id) if claimed else None


def execute(job_id):
    """Run one job to its end; returns the job as it ended, or None when it was not this runner's to run."""
    close_old_connections()
    job = _claim(job_id)
    if job is None:
        return None
    if job.attempts > max_attempts():
        return _finish(job, State.FAILED, _("The job was stopped %(count)s times before it could finish. "
                                            "Start it again; if it stops again, tell the district office.")
                       % {"count": job.attempts - 1})
    progress = Progress(job)
    progress.start()
    try:
        kind = registry.get(job.kind)
        with translation.override(settings.LANGUAGE_CODE):
            kind.authorize(job.owner, job.params)
            message = kind.run(job, progress) or ""
    except (registry.JobError, PermissionDenied) as error:
        state, message = State.FAILED, str(error)
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        state = State.FAILED
        with translation.override(settings.LANGUAGE_CODE):
            message = _("The job failed because of an error in the portal. It has been logged; please try again "
                        "later.")
    else:
        state = State.DONE
    finally:
        progress.stop()
    return _finish(job, state, message)


def _finish(job, state, message):
    now = timezone.now()
    total = job.total if job.total is not None else job.done
    done = total if state == State.DONE else job.done
    _claimed(job).update(state=state, message=message, finished_at=now, heartbeat_at=now, done=done, total=total)
    job.refresh_from_db()
    return job


def sweep(queryset=None):
    """Jobs whose runner died (no heartbeat for JOBS_STALE_SECONDS) go back to the queue, or are marked failed
    after JOBS_MAX_ATTEMPTS; returns the ids sent again. Cheap enough for the jobs pages to call."""
    stale = timezone.now() - datetime.timedelta(seconds=stale_seconds())
    queryset = (queryset if queryset is not None else Job.objects.all()).filter(
        state=State.RUNNING, heartbeat_at__lt=stale)
    if not queryset.exists():  # the usual answer, and a read only: polling pages never write
        return []
    with translation.override(settings.LANGUAGE_CODE):
        given_up = _("The job stopped (its worker was restarted) and could not be finished after %(count)s "
                     "attempts. Start it again.") % {"count": max_attempts()}
    queryset.filter(attempts__gte=max_attempts()).update(
        state=State.FAILED, message=given_up, finished_at=timezone.now())
    again = []
    for job_id in queryset.filter(attempts__lt=max_attempts()).values_list("pk", flat=True):
        # Back to waiting, then dispatched: whichever runner claims it first runs it (the old message, if the
        # broker ever redelivers it, finds the job taken or finished and does nothing).
        if Job.objects.filter(pk=job_id, state=State.RUNNING, heartbeat_at__lt=stale).update(state=State.QUEUED):
            again.append(job_id)
            transaction.on_commit(lambda job_id=job_id: dispatch(job_id))
    return again


def purge_expired(now=None):
    """Delete finished jobs older than JOBS_KEEP_DAYS, with their files; returns how many."""
    limit = (now or timezone.now()) - datetime.timedelta(days=keep_days())
    expired = list(Job.objects.filter(finished_at__lt=limit))
    for job in expired:
        if job.file:
            job.file.delete(save=False)
        job.delete()
    return len(expired)


def temporary_file(suffix=""):
    """Where a job writes its file before it goes to storage: on disk, so memory stays flat."""
    return tempfile.TemporaryFile(suffix=suffix)


def expires_on(job):
    if job.finished_at is None:
        return None
    return job.finished_at + datetime.timedelta(days=keep_days())
