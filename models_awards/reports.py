"""The exemplar and award lists of a year as an official workbook (DESIGN section 7), in the shared layout of
`initiatives.reports.workbook`. Registered as the report kind "exemplars" from AppConfig.ready()."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from initiatives import access
from initiatives.collation import by_vietnamese
from initiatives.models import Federation, Initiative
from initiatives.reports import workbook as wb

from . import exemplars, selectors
from .exemplars import default_year
from .models import EXEMPLAR_STATUSES, NominationCriterion


def exemplar_columns():
    return [
        wb.Column(_("No."), 5, wb.INDEX),
        wb.Column(_("Exemplar"), 24),
        wb.Column(_("Collective or individual"), 11, wb.CENTER),
        wb.Column(_("Branch"), 24),
        wb.Column(_("Job or position"), 16),
        wb.Column(_("Achievements"), 44),
        wb.Column(_("Initiatives it rests on"), 32),
        wb.Column(_("Criteria met"), 32),
        wb.Column(_("Status"), 14, wb.CENTER),
        wb.Column(_("Proposed to"), 16),
    ]


def award_columns():
    return [
        wb.Column(_("No."), 5, wb.INDEX),
        wb.Column(_("Recipient"), 24),
        wb.Column(_("Collective or individual"), 11, wb.CENTER),
        wb.Column(_("Branch"), 24),
        wb.Column(_("Form"), 18),
        wb.Column(_("Level"), 18),
        wb.Column(_("Decision number"), 13),
        wb.Column(_("Decision date"), 12, wb.DATE),
        wb.Column(_("Amount (VND)"), 14, wb.MONEY, total=True),
        wb.Column(_("Occasion"), 18),
        wb.Column(_("For"), 36),
        wb.Column(_("Funded by the branch"), 10, wb.CENTER),
    ]


def exemplar_rows(nominations):
    for number, nomination in enumerate(nominations, 1):
        yield [
            number,
            nomination.recipient_name,
            nomination.get_subject_display(),
            nomination.branch.name,
            nomination.member.position if nomination.member_id else "",
            nomination.achievements,
            "\n".join(f"- {i.title}" for i in nomination.initiatives.all()),
            "\n".join(f"- {row.criterion.text}" for row in nomination.criteria_met.all()),
            nomination.get_status_display(),
            nomination.get_upward_level_display() if nomination.upward_level else "",
        ]


def award_rows(awards):
    yes, no = _("Yes"), _("No")
    for number, award in enumerate(awards, 1):
        occasion = award.occasion_note or award.get_occasion_display()
        yield [
            number,
            award.recipient_name,
            award.get_subject_display(),
            award.branch.name,
            award.get_form_display(),
            award.get_level_display(),
            award.decision_no,
            award.decision_date,
            award.amount_vnd,
            occasion,
            award.citation,
            yes if award.funded_by_branch else no,
        ]


def write_exemplars(target, *, user, filters):
    """Two sheets for the year: the exemplars selected (or further on) and the awards made."""
    if not access.oversees_branches(user):
        raise PermissionDenied(_("Reports are for branch officers and the district office."))
    year = filters.year or default_year()
    if filters.branch is not None:
        branch_filter = {"branch": filters.branch}
    else:
        branch_filter = {}
    nominations = (
        selectors.nominations_for(user)
        .filter(year=year, status__in=EXEMPLAR_STATUSES, **branch_filter)
        .select_related("branch", "member")
        .prefetch_related(
            Prefetch("initiatives", queryset=Initiative.objects.only("pk", "title").order_by("title")),
            Prefetch("criteria_met", queryset=NominationCriterion.objects.select_related("criterion")),
        )
        .order_by("subject", by_vietnamese("branch__name"), "pk")
    )
    awards = (
        selectors.awards_for(user).filter(year=year, **branch_filter).select_related("branch", "member")
        .order_by("level", "decision_date", "pk")
    )
    book = wb.OfficialWorkbook(wb.Issuer.district(Federation.current()))
    lines = [_("Year %(year)s") % {"year": year}]
    if filters.branch is not None:
        lines.append(filters.branch.name)
    first = book.add_table(
        _("Exemplars"),
        title=_("List of exemplary collectives and individuals"),
        lines=lines,
        columns=exemplar_columns(),
        rows=exemplar_rows(nominations),
        total_label=lambda result: _("Total: %(count)s exemplars") % {"count": result.rows},
        notes=[str(exemplars.DEFINITION)],
    )
    second = book.add_table(
        _("Awards"),
        title=_("List of awards"),
        lines=lines,
        columns=award_columns(),
        rows=award_rows(awards),
        total_label=_("Total"),
    )
    book.save(target)
    return first.rows + second.rows
