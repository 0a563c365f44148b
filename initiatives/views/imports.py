"""Importing a roster or initiatives from Excel: upload → preview of every row's problems → confirm.

The uploaded file waits for the confirmation under a random name outside the static files (MEDIA_ROOT/imports),
known only to the session that uploaded it; it is read again on confirmation and deleted afterwards.
"""

import os
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files import File
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access, permissions
from ..reports import imports
from ..reports.forms import ImportUploadForm
from ..reports.import_templates import write_template
from .reports import xlsx_response

KINDS = {imports.ROSTER: "roster", imports.INITIATIVES: "initiatives"}
PENDING_MAX_AGE = 24 * 3600
PREVIEW_ROWS = 200
MAX_ANSWERS = 1000


def _kind_or_404(kind):
    if kind not in KINDS:
        raise Http404
    return kind


def _pending_dir():
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _forget_old_files():
    limit = time.time() - PENDING_MAX_AGE
    for path in _pending_dir().glob("*.xlsx"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


def _session_key(token):
    return f"reports-import-{token}"


def _keep(request, kind, uploaded, branch):
    _forget_old_files()
    token = secrets.token_urlsafe(16)
    path = _pending_dir() / f"{token}.xlsx"
    uploaded.seek(0)
    with open(path, "wb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    request.session[_session_key(token)] = {
        "kind": kind, "branch": branch.pk if branch else None, "name": uploaded.name[:200]}
    return token


def _titles(kind):
    if kind == imports.ROSTER:
        return _("Import a branch roster"), _("Members of the branch, one per row.")
    return _("Import initiatives"), _("Initiatives collected on paper, one per row, with their authors.")


def _page(request, kind, form, plan=None, token=None, file_name=""):
    title, lead = _titles(kind)
    return render(request, "initiatives/reports/import.html", {
        "kind": kind,
        "title": title,
        "lead": lead,
        "form": form,
        "plan": plan,
        "token": token,
        "file_name": file_name,
        "preview_rows": plan.rows[:PREVIEW_ROWS] if plan else [],
        "more_rows": max(len(plan.rows) - PREVIEW_ROWS, 0) if plan else 0,
        "max_rows": imports.MAX_ROWS[kind],
    })


@login_required
def import_page(request, kind):
    kind = _kind_or_404(kind)
    permissions.require(request.user, "initiatives.import_data")
    if request.method != "POST":
        return _page(request, kind, ImportUploadForm(user=request.user))
    form = ImportUploadForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        if form.branch_refused():
            raise Http404(_("No such branch among yours."))
        return _page(request, kind, form)
    uploaded = form.cleaned_data["file"]
    branch = form.cleaned_data.get("branch")
    plan = imports.plan_import(kind, uploaded, user=request.user, default_branch=branch)
    token = _keep(request, kind, uploaded, branch) if plan.can_import else None
    return _page(request, kind, form, plan=plan, token=token, file_name=uploaded.name)


@login_required
@require_POST
def import_confirm(request, kind):
    kind = _kind_or_404(kind)
    permissions.require(request.user, "initiatives.import_data")
    token = request.POST.get("token", "")
    pending = request.session.get(_session_key(token)) if token.replace("-", "").replace("_", "").isalnum() else None
    path = _pending_dir() / f"{token}.xlsx"
    if not pending or pending.get("kind") != kind or not path.exists():
        messages.warning(request, _("This import has already been done or has expired. Upload the file again to "
                                    "see what it would add."))
        return redirect("import", kind=kind)
    branch = None
    if pending.get("branch"):
        branch = access.branches_for(request.user).filter(pk=pending["branch"]).first()
        if branch is None:
            raise Http404
    try:
        with open(path, "rb") as handle:
            uploaded = File(handle, name=pending.get("name") or path.name)
            uploaded.size = os.path.getsize(path)
            plan = imports.apply_import(kind, uploaded, user=request.user, default_branch=branch,
                                        answers=_answers(request.POST),
                                        new_members_confirmed=request.POST.get("confirm_new_members") == "1")
    except imports.ImportRefused as refused:
        messages.error(request, refused.message)
        return redirect("import", kind=kind)
    finally:
        request.session.pop(_session_key(token), None)
    path.unlink(missing_ok=True)
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
