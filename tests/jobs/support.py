"""Helpers for the jobs tests: data big enough to export in the background, polling a job's status, reading
the workbook it made."""

import io
import time

import openpyxl
from django.contrib.auth import get_user_model
from django.core.management import call_command

from initiatives.models import Programme
from reporting import exports, registry


def seed_initiatives(count):
    """Seed `count` initiatives; returns how many the list of initiatives holds for the district (every status
    but draft, in the current programme, as `exports.initiatives_for_report` counts them)."""
    call_command("seed_bulk", initiatives=count, branches=4, members=max(20, count // 3), stdout=io.StringIO())
    district = get_user_model()(username="count", is_superuser=True)
    return exports.initiatives_for_report(district, registry.ReportFilters(), Programme.current()).count()


def wait_for(client, job_id, *, timeout=90, until=lambda status: status["finished"]):
    """Poll the status JSON as the page does, until `until(status)`; returns every status seen."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = client.get(f"/jobs/{job_id}/status.json")
        assert response.status_code == 200
        seen.append(response.json())
        if until(seen[-1]):
            return seen
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not get there in {timeout} s: last status {seen[-1] if seen else None}")


def list_rows(content):
    """The data rows of the list sheet of a downloaded workbook (their first cell is the row number)."""
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    sheet = book.worksheets[-1]
    return [row for row in sheet.iter_rows(values_only=True) if row and isinstance(row[0], int)]
