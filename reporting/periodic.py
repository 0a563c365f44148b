"""The branch's periodic report to the district office (plan V.2: branches report their results regularly).

An officer opens the report of one of their branches for a period: the figures come from the data (the
dashboard's figures for that branch and period, under the same definitions); the officer writes what was
done, the difficulties and the proposals, saves a draft or submits it. A submitted report keeps the figures
as they were when it was submitted. The district reads every branch's report, sees who has reported for a
period, downloads one report or all of a period in one workbook, and can hand a report back for changes.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives import access, permissions, progress
from initiatives.collation import by_vietnamese
from initiatives.models import BranchReport, Status

from . import columns
from . import workbook as wb
from .letterhead import branch_issuer, letterhead_for


class ReportError(Exception):
    """A change that is not possible now; the message is for people."""


@dataclass(frozen=True)
class Figure:
    key: str
    label: object
    kind: str  # a workbook column kind: INTEGER, PERCENT or CENTER (yes / no)
    definition: str = ""  # a key of progress.DEFINITIONS


FIGURES = (
    Figure("members", gettext_lazy("Members of the branch"), wb.INTEGER),
    Figure("submitted", gettext_lazy("Initiatives submitted (all but drafts)"), wb.INTEGER, "by_branch"),
    Figure("waiting", gettext_lazy("Waiting for the branch's review"), wb.INTEGER, "by_status"),
    Figure("returned", gettext_lazy("Returned for completion"), wb.INTEGER, "by_status"),
    Figure("rejected", gettext_lazy("Not recognised"), wb.INTEGER, "by_status"),
    Figure("approved", gettext_lazy("Approved by the branch, verified or sent"), wb.INTEGER, "by_branch"),
    Figure("sent_in_period", gettext_lazy("Sent to the province in the period"), wb.INTEGER, "period_sent"),
    Figure("pledged", gettext_lazy("Pledged for the period"), wb.INTEGER, "pledge"),
    Figure("pledge_reached", gettext_lazy("Pledge reached"), wb.CENTER, "pledge"),
    Figure("participants", gettext_lazy("Members credited with an initiative"), wb.INTEGER, "participation"),
    Figure("participation_rate", gettext_lazy("Participation rate"), wb.PERCENT, "participation"),
    Figure("authors", gettext_lazy("Authors, co-authors included"), wb.INTEGER, "participation_with_coauthors"),
)


# -- the figures -----------------------------------------------------------------------------------------


def compute_figures(user, branch, period):
    """The branch's figures for `period` from the data, as plain JSON-ready values."""
    scope = progress.scope_for_user(user, period.programme, period=period, branch=branch)
    figures = progress.compute(scope)
    row = next((r for r in figures["by_branch"] if r["id"] == branch.pk), None)
    if row is None:
        raise PermissionDenied
    period_row = next((p for p in row["periods"] if p["number"] == period.number), {})
    pledged = period_row.get("pledged")
    return {
        "members": row["members"],
        "submitted": row["submitted"],
        "waiting": row["by_status"][Status.SUBMITTED],
        "returned": row["by_status"][Status.RETURNED],
        "rejected": row["by_status"][Status.REJECTED],
        "approved": row["approved"],
        "sent_in_period": row["sent"],
        "pledged": pledged,
        "pledge_reached": None if pledged is None else row["sent"] >= pledged,
        "participants": row["participants"],
        "participation_rate": row["rate"],
        "authors": row["authors"],
        "computed_at": timezone.now().isoformat(timespec="seconds"),
    }


def figure_rows(values):
    """(label, value, kind, definition) for display, from stored or freshly computed values."""
    definitions = progress.DEFINITIONS
    rows = []
    for figure in FIGURES:
        value = values.get(figure.key)
        if figure.kind == wb.CENTER:
            value = "" if value is None else columns.yes_no(value)
        rows.append((str(figure.label), value, figure.kind, str(definitions.get(figure.definition, ""))))
    return rows


def current_values(user, report):
    """A submitted report's figures as submitted; a draft's as they are today."""
    if report.state == BranchReport.State.SUBMITTED and report.figures:
        return report.figures
    return compute_figures(user, report.branch, report.period)


# -- reading and writing ---------------------------------------------------------------------------------


def report_for(branch, period):
    """The saved report, or an unsaved draft to open; it carries the caller's `branch` and `period` (no query to
    read them again)."""
    report = BranchReport.objects.filter(branch=branch, period=period).select_related("submitted_by").first()
    report = report or BranchReport(branch=branch, period=period)
    report.branch, report.period = branch, period
    return report


@transaction.atomic
def save_report(*, user, branch, period, achievements, difficulties, proposals, submit=False):
    """Save the officer's text (and the figures of today); `submit` sends it to the district."""
    permissions.require(user, "initiatives.write_branchreport", branch)
    report, _created = BranchReport.objects.select_for_update().get_or_create(branch=branch, period=period)
    if report.state == BranchReport.State.SUBMITTED:
        raise ReportError(_("This report has already been submitted; the district office can hand it back to you "
                            "for changes."))
    report.achievements = achievements.strip()
    report.difficulties = difficulties.strip()
    report.proposals = proposals.strip()
    report.figures = compute_figures(user, branch, period)
    if submit:
        if not report.achievements:
            raise ReportError(_("Write what the branch has done before submitting the report."))
        report.state = BranchReport.State.SUBMITTED
        report.submitted_at = timezone.now()
        report.submitted_by = user
    report.save()
    return report


@transaction.atomic
def reopen_report(*, user, report):
    """The district hands a submitted report back to the branch as a draft."""
    permissions.require(user, "initiatives.review_branchreport", report)
    locked = BranchReport.objects.select_for_update().get(pk=report.pk)
    if locked.state != BranchReport.State.SUBMITTED:
        raise ReportError(_("This report is not submitted; there is nothing to hand back."))
    locked.state = BranchReport.State.DRAFT
    locked.submitted_at = None
    locked.save(update_fields=["state", "submitted_at", "updated_at"])
    return locked


def period_overview(user, period):
    """Every branch `user` may see, active ones and any that reported, with its report for `period` (or None)."""
    reports = {
        report.branch_id: report
        for report in BranchReport.objects.filter(period=period, branch__in=access.branches_for(user).values("pk"))
        .select_related("period__programme", "submitted_by__member")
    }
    rows = []
    for branch in access.branches_for(user).order_by(by_vietnamese("name")):
        report = reports.get(branch.pk)
        if branch.is_active or report is not None:
            rows.append((branch, report))
    return rows


def overview_counts(rows):
    submitted = sum(1 for _b, report in rows if report is not None and report.state == BranchReport.State.SUBMITTED)
    drafts = sum(1 for _b, report in rows if report is not None and report.state == BranchReport.State.DRAFT)
    return {"branches": len(rows), "submitted": submitted, "drafts": drafts,
            "missing": len(rows) - submitted - drafts}


# -- the workbook ----------------------------------------------------------------------------------------


def signer_name(report):
    user = report.submitted_by
    if user is None:
        return ""
    member = access.member_of(user)
    return member.full_name if member is not None else (user.get_full_name() or "")


def add_report_sheet(book, user, report, federation, *, sheet_name=None):
    period = report.period
    values = current_values(user, report)
    rows = [[number, label, wb.Value(value, kind), definition]
            for number, (label, value, kind, definition) in enumerate(figure_rows(values), 1)]
    lines = [period.programme.name, str(period)]
    if report.state != BranchReport.State.SUBMITTED:
        lines.append(_("Draft, not yet submitted"))
    return book.add_table(
        sheet_name or report.branch.code,
        title=_("Report on the results of the programme"),
        lines=lines,
        before=[f"Kính gửi: Ban Thường vụ {federation.name} (qua Văn phòng).",
                _("I. The branch's figures")],
        columns=[
            wb.Column(_("No."), 5, wb.INDEX),
            wb.Column(_("Figure"), 40),
            wb.Column(_("Value"), 12, wb.INTEGER),
            wb.Column(_("How it is counted"), 70),
        ],
        rows=rows,
        issuer=branch_issuer(federation, report.branch),  # signed by the branch's chair, whoever submitted
        sections=[
            wb.Section(_("II. What the branch has done"), report.achievements),
            wb.Section(_("III. Difficulties"), report.difficulties),
            wb.Section(_("IV. Proposals"), report.proposals),
        ],
    )


def write_report(target, *, user, report):
    permissions.require(user, "initiatives.view_branchreport", report)
    federation = report.branch.federation  # the branch's upper union heads it
    book = wb.OfficialWorkbook(branch_issuer(federation, report.branch))
    add_report_sheet(book, user, report, federation)
    book.save(target)


def write_period(target, *, user, period):
    """All branches of a period in one workbook: an overview of who has reported, then one sheet per report."""
    permissions.require(user, "initiatives.export_report")
    federation = access.home_node(user)  # headed by the body that sends it
    rows = period_overview(user, period)
    book = wb.OfficialWorkbook(letterhead_for(user, federation=federation))
    state_labels = dict(BranchReport.State.choices)
    overview = []
    for number, (branch, report) in enumerate(rows, 1):
        state = str(state_labels[report.state]) if report is not None else _("Not started")
        submitted_at = timezone.localtime(report.submitted_at) if report and report.submitted_at else None
        overview.append([number, branch.name, state, submitted_at.date() if submitted_at else None,
                         signer_name(report) if report else ""])
    counts = overview_counts(rows)
    book.add_table(
        _("Overview"),
        title=_("Branches' reports for the period"),
        lines=[period.programme.name, str(period)],
        columns=[wb.Column(_("No."), 5, wb.INDEX), wb.Column(_("Branch"), 40), wb.Column(_("Report"), 16, wb.CENTER),
                 wb.Column(_("Submitted on"), 13, wb.DATE), wb.Column(_("Submitted by"), 24)],
        rows=overview,
        notes=[_("%(submitted)s of %(branches)s branches have submitted their report; %(drafts)s drafts, "
                 "%(missing)s not started.") % counts],
    )
    for branch, report in rows:
        if report is not None and report.state == BranchReport.State.SUBMITTED:
            report.branch = branch
            add_report_sheet(book, user, report, federation)
    book.save(target)
    return counts
