"""Hostile workbooks: whatever an upload under the size limit holds, reading it is bounded in size, rows, time and
memory; past a bound the person gets a clear message and nothing is imported; a damaged sheet is never a 500."""
import json
import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from initiatives.models import Member
from reporting import columns, reading
from tests.initiatives import hostile_workbooks as hostile
from tests.initiatives.reports_support import XLSX, checked

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_upload(officer_a, branch_a):
    def _upload(data):
        client = Client(raise_request_exception=False)
        client.force_login(officer_a, backend="django.contrib.auth.backends.ModelBackend")
        file = SimpleUploadedFile("danh-sach.xlsx", data, content_type=XLSX)
        response = checked(client, client.post(reverse("import", args=["roster"]),
                                               {"file": file, "branch": branch_a.pk}))
        assert response.status_code == 200, response.status_code
        plan = response.context["plan"]
        assert response.context["token"] is None and not plan.rows  # nothing to confirm
        return " ".join(problem.message for problem in plan.problems)
    return _upload


def test_shared_strings_that_unpack_past_the_bound_are_refused_before_reading(officer_upload):
    data = hostile.shared_strings_bomb(megabytes=40, level=1)
    assert len(data) < reading.MAX_BYTES
    message = officer_upload(data)
    assert "quá lớn" in message and "16,0 MB" in message
    assert not Member.objects.exists()


def test_too_many_shared_strings_are_refused(officer_upload):
    message = officer_upload(hostile.many_shared_strings(reading.LIMITS.shared_strings + 1))
    assert "200.000" in message and not Member.objects.exists()


def test_two_million_blank_rows_stop_at_the_row_bound(officer_upload):
    data = hostile.blank_rows(2_000_000)
    assert len(data) < reading.MAX_BYTES
    message = officer_upload(data)
    assert "20.000" in message and "dòng trống" in message
    assert not Member.objects.exists()


def test_blank_rows_in_a_sheet_that_hides_its_size_are_counted_before_reading(officer_upload):
    data = hostile.blank_rows(2_000_000, dimension=False)
    assert len(data) < reading.MAX_BYTES
    assert "20.000 dòng" in officer_upload(data) and not Member.objects.exists()


def test_a_large_sheet_that_hides_its_size_is_refused_before_reading(officer_upload):
    data = hostile.large_sheet_without_dimension()
    assert len(data) < reading.MAX_BYTES
    assert "LibreOffice" in officer_upload(data) and not Member.objects.exists()


def test_one_far_away_cell_does_not_make_a_million_rows(officer_upload):
    message = officer_upload(hostile.far_row())
    assert "20.000" in message and not Member.objects.exists()


def test_xml_broken_half_way_down_a_sheet_is_a_clear_error(officer_upload):
    message = officer_upload(hostile.broken_half_way(500))
    assert "bị hỏng" in message and "dòng 501" in message
    assert not Member.objects.exists()


def test_a_character_xml_forbids_in_a_cell_is_a_clear_error(officer_upload):
    assert "bị hỏng" in officer_upload(hostile.invalid_character())


def test_a_doctype_with_entities_is_refused(officer_upload):
    assert "DOCTYPE" in officer_upload(hostile.with_doctype())


def test_reading_that_takes_too_long_is_stopped(officer_a, branch_a):
    slow = reading.Limits(seconds=0)
    with open_file(hostile.blank_rows(50_000)) as uploaded, pytest.raises(reading.FileProblem) as refused:
        book = reading.open_workbook(uploaded, limits=slow)
        reading.read_table(book, columns.ROSTER_FIELDS, max_rows=5000, limits=slow)
    assert "giây" in refused.value.message


def open_file(data):
    return SimpleUploadedFile("a.xlsx", data, content_type=XLSX)


RSS_SCRIPT = textwrap.dedent("""
    import json, os, resource, sys
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vinhlinh_portal.settings.test")
    import django
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from reporting import columns, reading
    def peak_kb():
        # VmHWM is this process's own high-water mark; ru_maxrss would carry over the forking parent's (pytest's).
        try:
            with open("/proc/self/status") as status:
                return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
        except (OSError, StopIteration):
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    before = peak_kb()
    with open(sys.argv[1], "rb") as handle:
        uploaded = SimpleUploadedFile("a.xlsx", handle.read())
    outcome = "read"
    try:
        book = reading.open_workbook(uploaded)
        table = reading.read_table(book, columns.ROSTER_FIELDS, max_rows=5000)
        outcome = f"read {len(table.rows)} rows"
    except reading.FileProblem as problem:
        outcome = problem.message
    after = peak_kb()
    print(json.dumps({"before_mb": before / 1024, "peak_mb": after / 1024, "outcome": outcome}))
""")


def peak_rss(tmp_path, data):
    """Read `data` in a fresh Python process (as a worker would) and return its peak RSS in MB and the outcome."""
    path = tmp_path / "upload.xlsx"
    path.write_bytes(data)
    result = subprocess.run([sys.executable, "-c", RSS_SCRIPT, str(path)], capture_output=True, text=True,
                            cwd=settings.BASE_DIR, env={**os.environ}, timeout=300, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("build", [
    lambda: hostile.shared_strings_bomb(megabytes=100, level=1),
    lambda: hostile.blank_rows(2_000_000),
    lambda: hostile.blank_rows(2_000_000, dimension=False),
    lambda: hostile.far_row(),
    # The largest sheet without <dimension> the bounds let openpyxl parse whole: tiny rows, just under 16 MB.
    lambda: hostile.blank_rows(reading.LIMITS.rows - 100, dimension=False),
    # The largest file the bounds accept: shared strings just under their bound, read in full.
    lambda: hostile.many_shared_strings(reading.LIMITS.shared_strings - 1_000),
], ids=["shared-strings-bomb", "blank-rows", "blank-rows-without-dimension", "far-row",
        "rows-without-dimension", "largest-accepted-shared-strings"])
def test_reading_any_file_under_the_upload_limit_stays_under_300_mb(tmp_path, build):
    data = build()
    assert len(data) < reading.MAX_BYTES
    figures = peak_rss(tmp_path, data)
    assert figures["peak_mb"] < 300, figures
