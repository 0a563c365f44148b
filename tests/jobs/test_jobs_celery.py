"""Background jobs with Celery: a real Redis broker and a real worker in a process of its own. A large report
runs on the worker with its progress bar; a worker killed in the middle of the export is replaced, and the export
completes on the new one."""

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from django.db import connection

from jobs.models import Job
from tests.jobs.support import list_rows, seed_initiatives, wait_for
from tests.redis_support import REDIS_TEST_URL

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)  # see tests/conftest.py


def _database_url():
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    return f"postgres://{database['USER']}{password}@{host}:{port}/{database['NAME']}"


class Worker:
    """`celery -A vinhlinh_portal.celery:app worker` on a queue of this test's own, on the test database."""

    def __init__(self, queue, media_root, stale_seconds):
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "vinhlinh_portal.settings.test",
                    "DATABASE_URL": _database_url(), "MEDIA_ROOT": str(media_root),
                    "CELERY_BROKER_URL": REDIS_TEST_URL, "CELERY_QUEUE": queue,
                    "JOBS_STALE_SECONDS": str(stale_seconds)}
        self.env.pop("REDIS_URL", None)
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "vinhlinh_portal.celery:app", "worker", "--pool=prefork",
             "--concurrency=1", "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=WARNING"],
            env=self.env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return self

    def kill(self):
        """SIGKILL to the worker and its pool, as when a machine dies or the OOM killer strikes."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def celery_mode(settings, redis_client):
    """The web side publishes to Redis on a queue of this test's own; workers are started by the test."""
    from vinhlinh_portal.celery import app

    queue = f"test-{uuid.uuid4().hex[:10]}"
    app.conf.broker_url = REDIS_TEST_URL
    settings.JOBS_RUNNER = "celery"
    settings.JOBS_QUEUE = queue
    settings.EXPORT_JOB_ROWS = 100
    # How soon a killed worker's job is noticed. A live worker beats every JOBS_STALE_SECONDS / 6 from a thread of
    # its own, even while the database sorts the rows before the first one (over 30 s on a loaded machine).
    settings.JOBS_STALE_SECONDS = 15
    workers = []

    def worker():
        workers.append(Worker(queue, settings.MEDIA_ROOT, settings.JOBS_STALE_SECONDS).start())
        return workers[-1]

    yield worker
    for started in workers:
        started.stop()
    redis_client.delete(queue)


def test_a_large_report_runs_on_a_celery_worker_with_progress(celery_mode, client, district):
    listed = seed_initiatives(2500)
    celery_mode()
    client.force_login(district)
    job_id = int(client.post("/reports/initiatives/background/", {})["Location"].strip("/").split("/")[-1])
    seen = wait_for(client, job_id)
    assert seen[-1]["state"] == "done" and seen[-1]["done"] == listed, seen[-1]["message"]
    download = client.get(seen[-1]["download_url"])
    assert len(list_rows(b"".join(download.streaming_content))) == listed


def test_a_worker_killed_mid_export_is_replaced_and_the_export_completes(celery_mode, client, district):
    listed = seed_initiatives(9000)
    first = celery_mode()
    client.force_login(district)
    job_id = int(client.post("/reports/initiatives/background/", {})["Location"].strip("/").split("/")[-1])
    midway = wait_for(client, job_id, until=lambda status: status["state"] == "running" and status["done"] > 0)[-1]
    assert 0 < midway["done"] < listed
    first.kill()
    time.sleep(1)
    assert Job.objects.get(pk=job_id).state == Job.State.RUNNING  # nobody has told the portal yet

    celery_mode()  # the replacement; the status poll sweeps the stale job back to a worker
    final = wait_for(client, job_id, timeout=180)[-1]
    assert final["state"] == "done" and final["done"] == listed
    job = Job.objects.get(pk=job_id)
    assert job.attempts == 2
    assert len(list_rows(b"".join(client.get(final["download_url"]).streaming_content))) == listed


def test_the_novelty_index_keeps_up_in_a_worker_after_the_commit(celery_mode, branch_a, branch_b):
    from initiatives import similarity
    from initiatives.models import SimilarityDocument, Status
    from tests import factories
    from tests.initiatives import similarity_corpus as corpus

    original = factories.initiative(branch_a, status=Status.SUBMITTED, **corpus.ORIGINAL)
    copy = factories.initiative(branch_b, status=Status.SUBMITTED, **corpus.reordered())
    indexed = SimilarityDocument.objects.filter(initiative__in=[original, copy])
    assert not indexed.exists()  # the saves did not read and index the text themselves: that is queued
    celery_mode()  # a worker starts and reads the queue
    deadline = time.monotonic() + 90
    while indexed.count() < 2:
        assert time.monotonic() < deadline, "the worker did not index the saved initiatives"
        time.sleep(0.2)
    [match, *_] = similarity.similar_to(copy)
    assert match.initiative == original and match.score > 0.7
