"""The exemplar and award lists of a year as an official workbook (DESIGN section 7), in the shared layout of
`reporting.workbook`. Registered as the report kind "exemplars" from AppConfig.ready()."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from initiatives import permissions
from initiatives.collation import by_vietnamese
from initiatives.models import Initiative
from reporting import workbook as wb
from reporting.letterhead import letterhead_for

from . import exemplars, selectors
from .models import EXEMPLAR_STATUSES, NominationCriterion


def exemplar_columns():
    return [
        wb.Column(_("No."), 4.5, wb.INDEX),
        wb.Column(_("Exemplar"), 17),
        wb.Column(_("Collective or individual"), 9.5, wb.CENTER),
        wb.Column(_("Branch"), 15),
        wb.Column(_("Job or position"), 11),
        wb.Column(_("Achievements"), 25),
        wb.Column(_("Initiatives it rests on"), 19),
        wb.Column(_("Criteria met"), 19),
        wb.Column(_("Status"), 10, wb.CENTER),
        wb.Column(_("Proposed to"), 10),
    ]


def award_columns():
    return [
        wb.Column(_("No."), 4.5, wb.INDEX),
        wb.Column(_("Recipient"), 17),
        wb.Column(_("Collective or individual"), 9.5, wb.CENTER),
        wb.Column(_("Branch"), 15),
        wb.Column(_("Form"), 12),
        wb.Column(_("Level"), 11),
        wb.Column(_("Decision number"), 10.5),
        wb.Column(_("Decision date"), 10, wb.DATE),
        wb.Column(_("Amount (VND)"), 12.5, wb.MONEY, total=True),
        wb.Column(_("Occasion"), 12),
        wb.Column(_("For"), 17),
        wb.Column(_("Funded by the branch"), 8.5, wb.CENTER),
    ]


def by_year(items, columns_count, *, grouped):
    """(number, item) pairs numbered from 1; with `grouped`, each year opens with a bold "Năm …" row and the
    numbering starts again (the list of every year)."""
    year, number = None, 0
    for item in items:
        if grouped and item.year != year:
            year, number = item.year, 0
            yield None, wb.BoldRow([None, _("Year %(year)s") % {"year": year}, *[None] * (columns_count - 2)])
        number += 1
        yield number, item


def exemplar_rows(nominations, *, grouped=False):
    for number, nomination in by_year(nominations, len(exemplar_columns()), grouped=grouped):
        if number is None:
            yield nomination
            continue
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


def award_rows(awards, *, grouped=False):
    yes, no = _("Yes"), _("No")
    for number, award in by_year(awards, len(award_columns()), grouped=grouped):
        if number is None:
            yield award
            continue
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
    permissions.require(user, "initiatives.export_report")
    # One year, or with no year chosen every year of the programme, year by year (never an empty "this year").
    year = filters.year
    branch_filter = {"branch": filters.branch} if filters.branch is not None else {}
    if year is not None:
        branch_filter["year"] = year
    nominations = (
        selectors.nominations_for(user)
        .filter(status__in=EXEMPLAR_STATUSES, **branch_filter)
        .select_related("branch", "member")
        .prefetch_related(
            Prefetch("initiatives", queryset=Initiative.objects.only("pk", "title").order_by("title")),
            Prefetch("criteria_met", queryset=NominationCriterion.objects.select_related("criterion")),
        )
        .order_by("year", "subject", by_vietnamese("branch__name"), "pk")
    )
    nominations = list(nominations)
    awards = (
        selectors.awards_for(user).filter(**branch_filter).select_related("branch", "member")
        .order_by("year", "level", "decision_date", "pk")
    )
    book = wb.OfficialWorkbook(letterhead_for(user, branch=filters.branch))
    lines = [_("Year %(year)s") % {"year": year} if year is not None else _("Every year of the programme")]
    if filters.branch is not None:
        lines.append(filters.branch.name)
    first = book.add_table(
        _("Exemplars"),
        title=_("List of exemplary collectives and individuals"),
        lines=lines,
        columns=exemplar_columns(),
        rows=exemplar_rows(nominations, grouped=year is None),
        total_label=_("Total: %(count)s exemplars") % {"count": len(nominations)},
        notes=[str(exemplars.DEFINITION)],
    )
    second = book.add_table(
        _("Awards"),
        title=_("List of awards"),
        lines=lines,
        columns=award_columns(),
        rows=award_rows(awards, grouped=year is None),
        total_label=_("Total"),
    )
    book.save(target)
    return first.rows + second.rows
