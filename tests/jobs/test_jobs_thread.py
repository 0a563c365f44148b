"""Background jobs without a broker (the embedded default): a large report runs in a thread of the web process,
with the same pages and progress bar as with Celery. The job and its file are its owner's alone."""

import datetime

import pytest
from django.utils import timezone

from initiatives.models import Initiative, Status
from jobs import runner
from jobs.models import Job
from tests import factories
from tests.jobs.support import list_rows, seed_initiatives, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)  # see tests/conftest.py


@pytest.fixture(autouse=True)
def _thread_mode(settings):
    settings.JOBS_RUNNER = "thread"
    settings.EXPORT_JOB_ROWS = 100


def test_a_large_report_is_written_in_the_background_with_progress_then_downloaded(client, district):
    listed = seed_initiatives(2600)
    client.force_login(district)

    offer = client.get("/reports/initiatives.xlsx")
    assert offer.status_code == 200 and "text/html" in offer["Content-Type"]
    assert "Chuẩn bị báo cáo" in offer.content.decode()

    started = client.post("/reports/initiatives/background/", {})
    job = Job.objects.get(owner=district)
    assert started.status_code == 302 and started["Location"] == f"/jobs/{job.pk}/"
    page = client.get(started["Location"]).content.decode()
    assert f'data-status-url="/jobs/{job.pk}/status.json"' in page and "js/job-progress" in page

    seen = wait_for(client, job.pk)
    final = seen[-1]
    assert final["state"] == "done" and final["done"] == final["total"] == listed and final["percent"] == 100
    download = client.get(final["download_url"])
    assert download.status_code == 200 and download["Cache-Control"] == "private, no-store"
    assert len(list_rows(b"".join(download.streaming_content))) == listed

    jobs_page = client.get("/jobs/").content.decode()
    assert "Công việc của tôi" in jobs_page and job.file_name in jobs_page
    assert "được giữ 7 ngày" in jobs_page and "giữ đến" in jobs_page  # kept N days, in Vietnamese
    assert "còn khoảng %(time)s" in page  # the bar's labels are translated too


def test_a_small_report_still_downloads_at_once(client, district, branch_a):
    factories.initiative(branch_a, status=Status.SUBMITTED)
    client.force_login(district)
    response = client.get("/reports/initiatives.xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    assert not Job.objects.exists()


def test_an_officers_background_report_holds_only_their_branch(client, officer_a, branch_a, branch_b):
    for number in range(3):
        factories.initiative(branch_a, title=f"Sáng kiến A{number}", status=Status.SUBMITTED)
        factories.initiative(branch_b, title=f"Sáng kiến B{number}", status=Status.SUBMITTED)
    client.force_login(officer_a)
    job_url = client.post("/reports/initiatives/background/", {})["Location"]
    final = wait_for(client, int(job_url.strip("/").split("/")[-1]))[-1]
    rows = list_rows(b"".join(client.get(final["download_url"]).streaming_content))
    assert sorted(row[1] for row in rows) == ["Sáng kiến A0", "Sáng kiến A1", "Sáng kiến A2"]


def test_an_officer_cannot_ask_for_another_branchs_report(client, officer_a, branch_b):
    client.force_login(officer_a)
    assert client.post("/reports/initiatives/background/", {"branch": branch_b.pk}).status_code == 404
    assert not Job.objects.exists()


def test_a_job_is_its_owners_alone(client, district, officer_a, branch_a):
    factories.initiative(branch_a, status=Status.SUBMITTED)
    client.force_login(district)
    job_id = int(client.post("/reports/initiatives/background/", {})["Location"].strip("/").split("/")[-1])
    final = wait_for(client, job_id)[-1]
    client.force_login(officer_a)
    for url in (f"/jobs/{job_id}/", f"/jobs/{job_id}/status.json", final["download_url"]):
        assert client.get(url).status_code == 404
    assert "Công việc của tôi" in client.get("/jobs/").content.decode()
    assert final["download_url"] not in client.get("/jobs/").content.decode()


def test_a_member_may_not_start_a_report_job(client, member_a):
    client.force_login(member_a.user)
    assert client.post("/reports/initiatives/background/", {}).status_code == 403
    assert client.post("/jobs/start/backup/").status_code == 403
    assert not Job.objects.exists()


def test_a_file_follows_the_owners_scope_of_today(client, officer_a, branch_a):
    factories.initiative(branch_a, status=Status.SUBMITTED)
    client.force_login(officer_a)
    job_id = int(client.post("/reports/initiatives/background/", {})["Location"].strip("/").split("/")[-1])
    final = wait_for(client, job_id)[-1]
    branch_a.officers.remove(officer_a)  # no longer an officer: their reports are no longer theirs
    officer_a.groups.clear()
    assert client.get(final["download_url"]).status_code == 403


def test_a_job_whose_runner_died_is_run_again(client, district, branch_a):
    factories.initiative(branch_a, status=Status.SUBMITTED)
    long_ago = timezone.now() - datetime.timedelta(minutes=10)
    job = Job.objects.create(owner=district, kind="report", title="Danh sách", params={"report": "initiatives"},
                             state=Job.State.RUNNING, attempts=1, started_at=long_ago, heartbeat_at=long_ago, done=7)
    client.force_login(district)
    final = wait_for(client, job.pk)[-1]  # the status poll sweeps: the job goes back to a runner
    assert final["state"] == "done" and final["total"] == 1
    assert Job.objects.get(pk=job.pk).attempts == 2


def test_a_job_killed_too_often_is_marked_failed_with_a_message(client, district, settings):
    long_ago = timezone.now() - datetime.timedelta(minutes=10)
    job = Job.objects.create(owner=district, kind="report", title="Danh sách", params={"report": "initiatives"},
                             state=Job.State.RUNNING, attempts=settings.JOBS_MAX_ATTEMPTS, started_at=long_ago,
                             heartbeat_at=long_ago)
    client.force_login(district)
    status = client.get(f"/jobs/{job.pk}/status.json").json()
    assert status["state"] == "failed" and status["finished"]
    assert "khởi động lại" in status["message"]


def test_a_job_that_fails_says_why_and_is_not_left_running(client, district):
    client.force_login(district)
    job = runner.start(kind="report", owner=district, title="Báo cáo lạ", params={"report": "khong-co"})
    final = wait_for(client, job.pk)[-1]
    assert final["state"] == "failed" and "khong-co" in final["message"]


def test_the_administrator_recounts_the_tallies_in_the_background(client, branch_a):
    admin = factories.user("quantri1", superuser=True, staff=True)
    factories.initiative(branch_a, status=Status.SUBMITTED)
    client.force_login(admin)
    job_url = client.post("/jobs/start/rebuild_tallies/")["Location"]
    final = wait_for(client, int(job_url.strip("/").split("/")[-1]))[-1]
    assert final["state"] == "done" and final["message"]


def test_expired_jobs_and_their_files_are_deleted(client, district, branch_a, settings):
    factories.initiative(branch_a, status=Status.SUBMITTED)
    client.force_login(district)
    job_id = int(client.post("/reports/initiatives/background/", {})["Location"].strip("/").split("/")[-1])
    wait_for(client, job_id)
    job = Job.objects.get(pk=job_id)
    assert job.file.storage.exists(job.file.name)
    assert runner.purge_expired() == 0
    assert runner.purge_expired(now=timezone.now() + datetime.timedelta(days=settings.JOBS_KEEP_DAYS + 1)) == 1
    assert not job.file.storage.exists(job.file.name) and not Job.objects.exists()
    assert Initiative.objects.exists()
