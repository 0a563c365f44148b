"""“Sent to the province in a period”, defined once (DESIGN 5): an initiative with the status “Sent to the
province” counts for a period when its date sent to the province falls within it, from the first to the last day
inclusive. The tallies file each such initiative under the number of the first period of its programme that holds
that date (tally_sql.period_of), 0 when none does, and so do their cells (TallyCell.period, which
progress.cell_counts adds up for the dashboard and the headline). Whatever else counts what was sent in a period
reads it from here: the dashboard's clusters, branches and pledges, the pledges page, the bodies' targets, the
Excel list and the members' ranking within a quarter.
"""

from django.db.models import Q, Sum

from .models import Status, TallyBranchSent
from .models.tally import NOT_SENT

SENT = Status.SENT_TO_PROVINCE


def initiatives_in(period):
    """The condition on an Initiative: sent to the province within `period` (a programme's period, or anything
    with a first and last day: a quarters.Quarter)."""
    return Q(status=SENT, sent_to_province_date__gte=period.start, sent_to_province_date__lte=period.end)


def branch_rows(programme, *, branch_ids=None, period=None, outside_periods=False):
    """The TallyBranchSent rows of `programme` (each: what a branch sent in a quarter and period): those sent in
    `period` if given, else in any of the programme's periods (and also outside them, with `outside_periods`); of
    the branches `branch_ids` (ids or a subquery of them) if given, else of every branch."""
    rows = TallyBranchSent.objects.filter(programme=programme)
    if period is not None:
        rows = rows.filter(period=period.number)
    elif not outside_periods:
        rows = rows.exclude(period=NOT_SENT)
    if branch_ids is not None:
        rows = rows.filter(branch_id__in=branch_ids)
    return rows


def by_branch_and_period(programme, branch_ids):
    """{(branch id, period number): sent in that period} for these branches (ids or a subquery). One query."""
    rows = (branch_rows(programme, branch_ids=branch_ids)
            .values_list("branch_id", "period").annotate(total=Sum("sent")).order_by())
    return {(branch_id, number): total for branch_id, number, total in rows}
