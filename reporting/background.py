"""The reports' background jobs: a large report, and reading and checking an import.

Each is registered with `jobs.registry` (on import, from the app's ready()) and runs as its owner (`jobs.runner`
runs it in a Celery worker or a thread). The work itself is the same public function the page or the command
calls: `ReportKind.write`, `imports.plan_import`.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives import access, permissions, programmes
from jobs import registry as job_registry
from jobs import runner

from . import exports, imports, pending_imports
from . import registry as report_registry
from .forms import ReportFilterForm

EXPORT = "report"
IMPORT_CHECK = "import_check"
PREVIEW_ROWS = 200  # rows to import listed on the preview page (every problem is listed)

# The kinds whose rows are initiatives, counted before they are written (the others are a page or two).
LISTS = {"initiatives", "programme"}


def export_rows(user, report, filters):
    """How many initiatives the report lists, or None for a report that is not a list of them."""
    programme = filters.programme or programmes.for_viewer(user)  # the report's (exports.current_programme)
    if report.key not in LISTS or programme is None:
        return None
    return exports.initiatives_for_report(user, filters, programme).count()


def runs_as_job(rows):
    return rows is not None and rows > settings.EXPORT_JOB_ROWS


def _report_form(user, params):
    try:
        report = report_registry.get(params.get("report", ""))
    except report_registry.UnknownReport as error:
        raise job_registry.JobError(str(error)) from error
    form = ReportFilterForm(params.get("query") or {}, user=user, kind=report)
    if not form.is_valid():
        if form.refused():
            raise PermissionDenied(_("No such branch or programme among yours."))
        raise job_registry.JobError(_("The report's filters are no longer valid: %(errors)s") % {
            "errors": "; ".join(str(error) for errors in form.errors.values() for error in errors)})
    return report, form.filters()


def _authorize_export(user, params):
    permissions.require(user, "initiatives.export_report")


def start_export(user, report, query):
    """Start writing `report` with the filters in `query` (the page's GET parameters) for `user`."""
    query = {name: query.get(name, "") for name in report.filters if query.get(name)}
    return runner.start(kind=EXPORT, owner=user, title=str(report.label),
                        params={"report": report.key, "query": query})


def _run_export(job, progress):
    report, filters = _report_form(job.owner, job.params)
    progress.set_total(export_rows(job.owner, report, filters))
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    with runner.temporary_file(suffix=".xlsx") as handle:
        with report_registry.listening_to_rows(progress.advance):
            rows = report.write(handle, user=job.owner, filters=filters)
        handle.seek(0)
        progress.save_file(f"{report.filename}-{stamp}.xlsx", handle)
    if rows is None:
        return _("The report is ready.")
    return _("The report is ready: %(count)s rows.") % {"count": f"{rows:,}".replace(",", ".")}


def start_import_check(user, *, kind, uploaded, branch):
    """Keep `uploaded` (pending_imports) and start reading and checking it for `user`: the preview is the job's
    result; the file waits for the confirmation."""
    name = pending_imports.keep(user, uploaded)
    title = _("Check of the file %(name)s") % {"name": uploaded.name[:150]}
    return runner.start(kind=IMPORT_CHECK, owner=user, title=title, params={
        "kind": kind, "branch": branch.pk if branch else None, "file": name, "name": uploaded.name[:200]})


def import_branch(user, params):
    """The branch the import was asked for, still among the user's (PermissionDenied if no longer)."""
    if not params.get("branch"):
        return None
    branch = access.branches_for(user).filter(pk=params["branch"]).first()
    if branch is None:
        raise PermissionDenied(_("No such branch among yours."))
    return branch


def _authorize_import(user, params):
    permissions.require(user, "initiatives.import_data")
    if params.get("kind") not in imports.FIELDS:
        raise PermissionDenied
    import_branch(user, params)


def _run_import_check(job, progress):
    params = job.params
    try:
        handle = pending_imports.open_file(job.owner, params["file"])
    except FileNotFoundError as missing:
        raise job_registry.JobError(_("The uploaded file is no longer on the server. Upload it again.")) from missing
    with handle:
        uploaded = File(handle, name=params.get("name") or "import.xlsx")
        plan = imports.plan_import(params["kind"], uploaded, user=job.owner,
                                   default_branch=import_branch(job.owner, params), progress=progress)
    progress.save_result(imports.preview(plan, limit=PREVIEW_ROWS))
    if not plan.can_import:
        pending_imports.discard(params["file"])  # nothing to confirm: the file is not kept
    if plan.problems:
        return _("The file has problems to fix: nothing will be imported until it is corrected.")
    return _("The file is checked: see what it would import, then confirm.")


job_registry.register(job_registry.JobKind(EXPORT, gettext_lazy("Report"), _run_export, _authorize_export))
job_registry.register(job_registry.JobKind(IMPORT_CHECK, gettext_lazy("Import check"), _run_import_check,
                                           _authorize_import))
