"""The /reports/ pages: each report with its filters and a download, and the branches' periodic reports.

Every workbook is written in write-only mode to a temporary file on disk and sent as a FileResponse, which
streams it in blocks: memory stays flat whatever the number of rows.
"""

import tempfile

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives import access, permissions, programmes, progress
from initiatives.models import BranchReport
from initiatives.views.params import parse_id

from .. import background, periodic, registry
from ..forms import BranchReportForm, ReportFilterForm

BRANCH_REPORTS_PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(write, filename):
    """Write a workbook with `write(file)` to a temporary file and stream it; the file goes when sent."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    try:
        write(handle)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    return FileResponse(handle, as_attachment=True, filename=f"{filename}-{stamp}.xlsx", content_type=XLSX)


def _wanted_programme(request, data=None):
    """The programme asked for (`programme=<id>`), as an id; None when absent, 0 when not a number."""
    wanted = (data if data is not None else request.GET).get("programme")
    return None if not wanted else (parse_id(wanted) or 0)


def _cards(user, bound=None, wanted=None):
    """(One card per report kind with its filter form, the programmes to choose from); `bound` is (kind key, form)
    to show with its errors. The programme is the one chosen among those covering the viewer's body, else theirs."""
    cards = []
    programme, choices = programmes.viewer_choice(user, wanted)  # read once for every card
    if programme is None:
        raise Http404(_("No such programme for your union body."))
    for kind in registry.kinds():
        if bound is not None and bound[0] == kind.key:
            form = bound[1]
        else:
            form = ReportFilterForm(user=user, kind=kind, programme=programme, choices=choices,
                                    auto_id=f"id_{kind.key}_%s")
        cards.append({"kind": kind, "form": form})
    return cards, programme, choices


def _index_page(request, bound=None, status=200):
    keys = {kind.key for kind in registry.kinds()}
    wanted = _wanted_programme(request, bound[1].data if bound is not None else None)
    cards, programme, choices = _cards(request.user, bound, wanted)
    return render(request, "initiatives/reports/index.html", {
        "cards": cards,
        "programme": programme,
        "programme_choices": choices if len(choices) > 1 else [],
        "exemplars_missing": "exemplars" not in keys,
        "is_district": access.is_district(request.user),
    }, status=status)


@login_required
def index(request):
    permissions.require(request.user, "initiatives.export_report")
    return _index_page(request)


def _report_and_filters(request, kind, data):
    """The report asked for and its bound filter form, for a reporter; another branch than theirs is a 404."""
    permissions.require(request.user, "initiatives.export_report")
    try:
        report = registry.get(kind)
    except registry.UnknownReport as error:
        raise Http404(str(error)) from error
    form = ReportFilterForm(data, user=request.user, kind=report, auto_id=f"id_{report.key}_%s")
    if not form.is_valid() and form.refused():
        raise Http404(_("No such branch or programme among yours."))
    return report, form


@login_required
def download(request, kind):
    report, form = _report_and_filters(request, kind, request.GET)
    if not form.is_valid():
        return _index_page(request, bound=(report.key, form), status=400)
    filters = form.filters()
    rows = background.export_rows(request.user, report, filters)
    if background.runs_as_job(rows):
        # Too long for one request: the page offers to write it in the background, with a progress bar.
        return render(request, "initiatives/reports/export_job.html", {"kind": report, "rows": rows,
                                                                          "query": form.data})
    return xlsx_response(lambda handle: report.write(handle, user=request.user, filters=filters), report.filename)


@login_required
@require_POST
def start_export(request, kind):
    """Write a report in the background; the job's page shows its progress and then the download."""
    report, form = _report_and_filters(request, kind, request.POST)
    if not form.is_valid():
        return _index_page(request, bound=(report.key, form), status=400)
    job = background.start_export(request.user, report, request.POST)
    return redirect("job", job_id=job.pk)


# -- the branches' periodic reports ----------------------------------------------------------------------


def _periods(user, wanted=None):
    """(The programme chosen, else the viewer's; its periods; the programmes to choose from)."""
    programme, choices = programmes.viewer_choice(user, wanted)
    if programme is None:
        raise Http404("No programme.")
    return programme, list(programme.periods.all()), choices


def _period_or_404(user, period_id):
    """A period of a programme the viewer's reports may be about (any of those covering their body)."""
    programme, choices = programmes.viewer_choice(user)
    for candidate in [*choices, *([programme] if programme is not None and programme not in choices else [])]:
        for period in candidate.periods.all():
            if period.pk == period_id:
                return period
    raise Http404


def _branch_or_404(user, branch_id):
    return get_object_or_404(access.branches_for(user), pk=branch_id)


@login_required
def branch_reports(request):
    """Officers: the reports of their branches; the district: which branches have reported for a period."""
    permissions.require(request.user, "initiatives.export_report")
    programme, periods, choices = _periods(request.user, _wanted_programme(request))
    chosen = request.GET.get("period")
    period = next((p for p in periods if str(p.pk) == chosen), None)
    if period is None:
        period = progress.focus_period(periods, timezone.localdate())
    if period is None:
        raise Http404
    rows = periodic.period_overview(request.user, period)
    # A province has thousands of branches: the counts cover them all, the table shows a page of them.
    page = Paginator(rows, BRANCH_REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "initiatives/reports/branch_reports.html", {
        "programme": programme,
        "programme_choices": choices if len(choices) > 1 else [],
        "periods": periods,
        "period": period,
        "rows": [{"branch": branch, "report": report, "may_edit": rules.has_perm(
            "initiatives.change_branchreport", request.user, report or BranchReport(branch=branch, period=period))}
                 for branch, report in page.object_list],
        "page": page,
        "query": f"programme={programme.pk}&period={period.pk}",
        "counts": periodic.overview_counts(rows),
        "is_district": access.is_district(request.user),
    })


@login_required
def branch_report(request, branch_id, period_id):
    permissions.require(request.user, "initiatives.export_report")
    branch = _branch_or_404(request.user, branch_id)
    period = _period_or_404(request.user, period_id)
    report = periodic.report_for(branch, period)
    editable = rules.has_perm("initiatives.change_branchreport", request.user, report)

    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("This report cannot be changed now."))
        form = BranchReportForm(request.POST)
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                periodic.save_report(user=request.user, branch=branch, period=period, submit=submit,
                                     **form.cleaned_data)
            except periodic.ReportError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The report is submitted to the district office.") if submit
                                 else _("Draft saved. You can come back and finish it at any time."))
                return redirect("branch-report", branch_id=branch.pk, period_id=period.pk)
    else:
        form = BranchReportForm(initial={
            "achievements": report.achievements, "difficulties": report.difficulties, "proposals": report.proposals})

    values = periodic.current_values(request.user, report)
    return render(request, "initiatives/reports/branch_report.html", {
        "branch": branch,
        "period": period,
        "report": report,
        "form": form,
        "editable": editable,
        "may_reopen": rules.has_perm("initiatives.hand_back_branchreport", request.user, report),
        "figures": periodic.figure_rows(values),
        "computed_at": values.get("computed_at"),
    })


@login_required
@require_POST
def branch_report_reopen(request, branch_id, period_id):
    permissions.require(request.user, "initiatives.export_report")
    branch = _branch_or_404(request.user, branch_id)
    period = _period_or_404(request.user, period_id)
    report = get_object_or_404(BranchReport, branch=branch, period=period)
    try:
        periodic.reopen_report(user=request.user, report=report)
    except periodic.ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The report is handed back to the branch as a draft."))
    return redirect("branch-report", branch_id=branch.pk, period_id=period.pk)


@login_required
def branch_report_download(request, branch_id, period_id):
    permissions.require(request.user, "initiatives.export_report")
    branch = _branch_or_404(request.user, branch_id)
    period = _period_or_404(request.user, period_id)
    report = periodic.report_for(branch, period)
    return xlsx_response(lambda handle: periodic.write_report(handle, user=request.user, report=report),
                         f"bao-cao-{branch.code}-giai-doan-{period.number}")


@login_required
def period_download(request, period_id):
    permissions.require(request.user, "initiatives.export_report")
    period = _period_or_404(request.user, period_id)
    return xlsx_response(lambda handle: periodic.write_period(handle, user=request.user, period=period),
                         f"bao-cao-cdcs-giai-doan-{period.number}")
