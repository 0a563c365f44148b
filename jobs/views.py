"""The jobs pages: "my jobs", one job's page with its progress bar, the JSON the bar polls, the download.

A job is its owner's alone: every view starts from `Job.objects.filter(owner=request.user)`, so another user's
job is a 404 whatever its number; the download also asks the job's kind again whether the owner may still have it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal_security.downloads import private_download

from . import registry, runner
from .models import Job

RECENT = 50
ADMIN_KINDS = ("rebuild_tallies", "backup")


def jobs_for(user):
    return Job.objects.filter(owner=user)


def status(job):
    """What the page shows of a job, as plain data (the JSON and the page's first paint say the same)."""
    percent = None
    remaining = None
    if job.total:
        percent = min(100, round(100 * job.done / job.total))
        if job.state == Job.State.RUNNING and job.started_at and job.done:
            elapsed = (timezone.now() - job.started_at).total_seconds()
            remaining = max(0, round(elapsed / job.done * (job.total - job.done)))
    if job.state == Job.State.DONE:
        percent = 100
    return {
        "id": job.pk,
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "done": job.done,
        "total": job.total,
        "percent": percent,
        "seconds_left": remaining,
        "message": job.message,
        "finished": job.is_finished,
        "download_url": reverse("job-download", args=[job.pk]) if job.state == Job.State.DONE and job.file else None,
    }


@login_required
def my_jobs(request):
    runner.sweep(jobs_for(request.user))
    jobs = list(jobs_for(request.user)[:RECENT])
    for job in jobs:
        job.expires_on = runner.expires_on(job)
    return render(request, "jobs/list.html", {
        "jobs": jobs,
        "keep_days": runner.keep_days(),
        "admin_kinds": [kind for kind in map(registry.get, ADMIN_KINDS) if kind.allows(request.user)],
    })


@login_required
def job_page(request, job_id):
    job = get_object_or_404(jobs_for(request.user), pk=job_id)
    return render(request, "jobs/detail.html", {"job": job, "status": status(job)})


@login_required
def job_status(request, job_id):
    queryset = jobs_for(request.user)
    runner.sweep(queryset.filter(pk=job_id))
    job = get_object_or_404(queryset, pk=job_id)
    response = JsonResponse(status(job))
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def job_download(request, job_id):
    job = get_object_or_404(jobs_for(request.user), pk=job_id, state=Job.State.DONE)
    if not job.file:
        raise Http404
    registry.get(job.kind).authorize(request.user, job.params)  # the owner's scope of today
    return private_download(job.file, job.file_name)


@login_required
@require_POST
def start_admin_job(request, kind):
    if kind not in ADMIN_KINDS:
        raise Http404
    job_kind = registry.get(kind)  # runner.start asks the kind whether the user may (PermissionDenied if not)
    job = runner.start(kind=kind, owner=request.user, title=str(job_kind.label))
    messages.info(request, _("The job has started; you can leave this page and come back from “My jobs”."))
    return redirect("job", job_id=job.pk)
