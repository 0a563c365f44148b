"""Importing a roster or initiatives from Excel: upload → reading and checking in the background, with a
progress bar → preview of every row's problems → confirm.

The uploaded file waits for the confirmation in the storage (`reports/pending_imports.py`), in a folder of the
uploader's, under a random name; a background job (`background.IMPORT_CHECK`, a Celery worker or a thread of
this process) reads and checks it and keeps the preview as its result. The job is its owner's alone: the page,
the status and the confirmation look it up among the user's own jobs. On confirmation the file is read again,
imported in one transaction, and deleted.
"""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives import access, permissions
from jobs.models import Job
from jobs.views import status as job_status

from .. import background, imports, pending_imports
from ..forms import ImportUploadForm
from ..import_templates import write_template
from .reports import xlsx_response

KINDS = {imports.ROSTER: "roster", imports.INITIATIVES: "initiatives"}
MAX_ANSWERS = 1000


def _kind_or_404(kind):
    if kind not in KINDS:
        raise Http404
    return kind


def _check_job(request, kind, job_id):
    """The user's own check of a `kind` import, or 404 (another user's job, whatever its number)."""
    if not str(job_id).isdigit():
        raise Http404
    job = get_object_or_404(Job.objects.filter(owner=request.user, kind=background.IMPORT_CHECK), pk=job_id)
    if job.params.get("kind") != kind:
        raise Http404
    return job


def _check_url(kind, job):
    return f"{reverse('import', kwargs={'kind': kind})}?job={job.pk}"


def _titles(kind):
    if kind == imports.ROSTER:
        return _("Import a branch roster"), _("Members of the branch, one per row.")
    return _("Import initiatives"), _("Initiatives collected on paper, one per row, with their authors.")


def _as_object(data):
    """The job's preview (JSON) read as the page reads a plan: plan.problems, row.branch.name…"""
    if isinstance(data, dict):
        return SimpleNamespace(**{key: _as_object(value) for key, value in data.items()})
    if isinstance(data, list):
        return [_as_object(item) for item in data]
    return data


def _page(request, kind, form, job=None):
    title, lead = _titles(kind)
    plan = _as_object(job.result) if job is not None and job.state == Job.State.DONE and job.result else None
    token = None
    if plan and plan.can_import and pending_imports.exists(request.user, job.params.get("file")):
        token = job.pk
    preview_rows = plan.rows if plan else []
    return render(request, "initiatives/reports/import.html", {
        "kind": kind,
        "title": title,
        "lead": lead,
        "form": form,
        "job": job,
        "job_status": job_status(job) if job is not None else None,
        "check_url": _check_url(kind, job) if job is not None else "",
        "plan": plan,
        "token": token,
        "file_name": job.params.get("name", "") if job is not None else "",
        "preview_rows": preview_rows,
        "more_rows": max(plan.row_count - len(preview_rows), 0) if plan else 0,
        "max_rows": imports.MAX_ROWS[kind],
    })


@login_required
def import_page(request, kind):
    kind = _kind_or_404(kind)
    permissions.require(request.user, "initiatives.import_data")
    if request.method != "POST":
        job = _check_job(request, kind, request.GET["job"]) if "job" in request.GET else None
        return _page(request, kind, ImportUploadForm(user=request.user), job=job)
    form = ImportUploadForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        if form.branch_refused():
            raise Http404(_("No such branch among yours."))
        return _page(request, kind, form)
    job = background.start_import_check(request.user, kind=kind, uploaded=form.cleaned_data["file"],
                                        branch=form.cleaned_data.get("branch"))
    return redirect(_check_url(kind, job))


@login_required
@require_POST
def import_confirm(request, kind):
    kind = _kind_or_404(kind)
    permissions.require(request.user, "initiatives.import_data")
    job = _check_job(request, kind, request.POST.get("token", ""))
    name = job.params.get("file")
    if job.state != Job.State.DONE or not pending_imports.exists(request.user, name):
        messages.warning(request, _("This import has already been done or has expired. Upload the file again to "
                                    "see what it would add."))
        return redirect("import", kind=kind)
    try:
        branch = background.import_branch(request.user, job.params)
    except PermissionDenied as refused:
        raise Http404 from refused
    try:
        with pending_imports.open_file(request.user, name) as handle:
            plan = imports.apply_import(kind, File(handle, name=job.params.get("name") or "import.xlsx"),
                                        user=request.user, default_branch=branch, answers=_answers(request.POST),
                                        new_members_confirmed=request.POST.get("confirm_new_members") == "1")
    except imports.ImportRefused as refused:
        messages.error(request, refused.message)
        return redirect("import", kind=kind)
    finally:
        pending_imports.discard(name)  # used once, whatever the outcome
    if plan.rows:
        messages.success(request, _("Imported %(count)s rows; %(skipped)s rows were already in the portal.") % {
            "count": len(plan.rows), "skipped": len(plan.skipped)})
    else:
        messages.info(request, _("Nothing new to import: every row is already in the portal."))
    return redirect("import", kind=kind)


def _answers(data):
    """{question key: member id or "new"} from the preview's radio buttons (answer-N, with answer-N-key)."""
    answers = {}
    for index in range(MAX_ANSWERS):
        key = data.get(f"answer-{index}-key")
        if key is None:
            break
        answers[key] = data.get(f"answer-{index}", "")
    return answers


@login_required
def import_template(request, kind):
    kind = _kind_or_404(kind)
    permissions.require(request.user, "initiatives.import_data")
    filename = "mau-danh-sach-doan-vien" if kind == imports.ROSTER else "mau-danh-sach-sang-kien"
    branches = list(access.branches_for(request.user).order_by("name").values_list("name", flat=True))
    return xlsx_response(lambda handle: write_template(handle, imports.FIELDS[kind], kind=kind, branches=branches),
                         filename)
