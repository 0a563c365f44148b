"""A running job is alive as long as its runner is, whether or not it has rows to count: a long phase without
progress (the database sorting a large list before its first row, the workbook being zipped) is not mistaken for
a dead worker, and a run that lost its job to another runner can no longer move it."""

import threading
import time

import pytest
from django.db.models import F

from jobs import registry, runner
from jobs.models import Job
from tests.jobs.support import wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)  # see tests/conftest.py

runs = []
released = threading.Event()


def _quiet_then_done(job, progress):
    """Sets its total, then works well past JOBS_STALE_SECONDS without counting a row."""
    runs.append(job.attempts)
    progress.set_total(1)
    released.wait(timeout=60)
    progress.advance(1)
    return "xong"


def _taken_over(job, progress):
    """While this run works, the job is swept and claimed by another runner (its attempt number moves on)."""
    runs.append(job.attempts)
    progress.set_total(10)
    Job.objects.filter(pk=job.pk).update(attempts=F("attempts") + 1, done=3)
    progress.advance(10)
    time.sleep(1)  # the run's progress thread tries to write meanwhile
    return "xong"


registry.register(registry.JobKind("test_quiet", "quiet", _quiet_then_done))
registry.register(registry.JobKind("test_taken_over", "taken over", _taken_over))


@pytest.fixture(autouse=True)
def _fast_clock(settings):
    settings.JOBS_RUNNER = "thread"
    settings.JOBS_STALE_SECONDS = 2  # beats every third of a second
    runs.clear()
    released.clear()
    yield
    released.set()


def test_a_job_busy_without_progress_past_the_stale_limit_is_not_run_again(client, district, settings):
    client.force_login(district)
    job = runner.start(kind="test_quiet", owner=district, title="Lâu")
    wait_for(client, job.pk, until=lambda status: status["state"] == "running")
    quiet_until = time.monotonic() + 3 * settings.JOBS_STALE_SECONDS
    while time.monotonic() < quiet_until:  # the page polls (and sweeps) all along
        status = client.get(f"/jobs/{job.pk}/status.json").json()
        assert status["state"] == "running", status
        time.sleep(0.2)
    released.set()
    final = wait_for(client, job.pk, timeout=30)[-1]
    assert final["state"] == "done" and final["message"] == "xong"
    assert runs == [1] and Job.objects.get(pk=job.pk).attempts == 1


def test_a_run_that_lost_its_job_no_longer_moves_it(district):
    job = Job.objects.create(owner=district, kind="test_taken_over", title="Giành")
    runner.execute(job.pk)
    job.refresh_from_db()
    assert runs == [1]
    # The other runner's job: still running, at its own count, not finished by the first run.
    assert job.state == Job.State.RUNNING and job.attempts == 2 and job.done == 3 and job.finished_at is None
