"""An import's reading and checking run as a background job (here the thread fallback, with no broker): the
upload starts it, the page shows its progress bar and then the preview, and the confirmation imports the file
kept in the storage. The job, its preview and its file are the uploader's alone."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from initiatives.models import Member
from jobs.models import Job
from reporting import pending_imports
from tests.initiatives.reports_support import xlsx_upload
from tests.jobs.support import wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)  # see tests/conftest.py

HEADINGS = ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Trình độ", "Điện thoại", "Email"]
ROWS = [[n, f"Nguyễn Văn Số {n}", datetime.date(1980, 1, 1 + n % 28), "Giáo viên", "", "", ""]
        for n in range(1, 41)]


@pytest.fixture(autouse=True)
def _thread_mode(settings):
    settings.JOBS_RUNNER = "thread"


def start_check(client, branch, rows=ROWS):
    response = client.post(reverse("import", args=["roster"]),
                           {"file": xlsx_upload(rows, headings=HEADINGS), "branch": branch.pk})
    assert response.status_code == 302 and "?job=" in response["Location"]
    return response["Location"], int(response["Location"].rsplit("=", 1)[1])


def test_an_import_is_checked_in_the_background_then_confirmed(client, officer_a, branch_a):
    client.force_login(officer_a)
    page_url, job_id = start_check(client, branch_a)
    job = Job.objects.get(pk=job_id)
    assert job.owner == officer_a and job.kind == "import_check"
    assert pending_imports.exists(officer_a, job.params["file"])  # kept through the storage, not in the request

    seen = wait_for(client, job_id)
    assert seen[-1]["state"] == "done" and seen[-1]["done"] == seen[-1]["total"] == len(ROWS)
    page = client.get(page_url)
    plan = page.context["plan"]
    assert plan.problems == [] and plan.row_count == len(ROWS) and page.context["token"] == job_id
    assert "Nguyễn Văn Số 1" in page.content.decode() and "js/job-progress" not in page.content.decode()

    confirmed = client.post(reverse("import-confirm", args=["roster"]), {"token": job_id}, follow=True)
    assert Member.objects.filter(branch=branch_a).count() == len(ROWS)
    assert not default_storage.exists(job.params["file"])  # used once, then deleted
    assert "Đã nhập" in confirmed.content.decode() or "40" in confirmed.content.decode()
    # A second confirmation finds nothing to import.
    client.post(reverse("import-confirm", args=["roster"]), {"token": job_id})
    assert Member.objects.filter(branch=branch_a).count() == len(ROWS)


def test_while_the_check_runs_the_page_shows_its_progress_bar(client, officer_a, branch_a):
    client.force_login(officer_a)
    job = Job.objects.create(owner=officer_a, kind="import_check", title="Kiểm tra", state=Job.State.RUNNING,
                             params={"kind": "roster", "branch": branch_a.pk, "file": "x", "name": "ds.xlsx"})
    page = client.get(reverse("import", args=["roster"]), {"job": job.pk}).content.decode()
    assert f'data-status-url="/jobs/{job.pk}/status.json"' in page and "js/job-progress" in page
    assert f'data-finished-url="/reports/import/roster/?job={job.pk}"' in page


def test_another_user_cannot_see_or_confirm_your_import(client, officer_a, officer_b, district, branch_a):
    client.force_login(officer_a)
    page_url, job_id = start_check(client, branch_a)
    wait_for(client, job_id)
    for other in (officer_b, district):
        client.force_login(other)
        assert client.get(page_url).status_code == 404
        assert client.get(f"/jobs/{job_id}/").status_code == 404
        assert client.get(f"/jobs/{job_id}/status.json").status_code == 404
        assert client.post(reverse("import-confirm", args=["roster"]), {"token": job_id}).status_code == 404
        assert "Nguyễn Văn Số" not in client.get("/jobs/").content.decode()
    assert not Member.objects.exists()
    # Nor under the other kind of import.
    client.force_login(officer_a)
    assert client.get(reverse("import", args=["initiatives"]), {"job": job_id}).status_code == 404


def test_a_file_with_problems_is_not_kept(client, officer_a, branch_a):
    client.force_login(officer_a)
    page_url, job_id = start_check(client, branch_a, rows=[[1, "", "", "", "", "", ""], [2, "Lê Thị A", "", "", "",
                                                                                    "", "không phải email"]])
    wait_for(client, job_id)
    page = client.get(page_url)
    assert page.context["plan"].problems and page.context["token"] is None
    assert not default_storage.exists(Job.objects.get(pk=job_id).params["file"])


def test_pending_files_older_than_a_day_are_swept(officer_a):
    name = default_storage.save(f"{pending_imports.FOLDER}/{officer_a.pk}/cu.xlsx", ContentFile(b"x"))
    assert pending_imports.sweep(now=datetime.datetime.now(datetime.UTC)) == 0
    later = datetime.datetime.now(datetime.UTC) + pending_imports.MAX_AGE + datetime.timedelta(minutes=1)
    assert pending_imports.sweep(now=later) == 1
    assert not default_storage.exists(name)
    assert not pending_imports.belongs_to(officer_a, f"{pending_imports.FOLDER}/{officer_a.pk}/../9/x.xlsx")
