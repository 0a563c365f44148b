"""Authors who may be proposed for the national federation's “Bằng Lao động sáng tạo”.

The thresholds are data (CreativeLabourThreshold): for a worker without a leadership post, one solution
worth at least 80 million VND, or solutions worth at least 120 million VND together over three consecutive
years. A solution counts when it is approved by its branch or further on, with its whole estimated
economic benefit, for every one of its authors, in the year it was recognised (a research topic: accepted;
failing both, first applied).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Max, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from initiatives import access
from initiatives.collation import by_vietnamese
from initiatives.models import APPROVED_STATUSES, InitiativeAuthor, Member
from initiatives.text import fold

from .models import CreativeLabourThreshold

DEFINITION = _(
    "Authors (every author, not only the credited one) of initiatives approved by the branch or further on, with "
    "each initiative's whole estimated economic benefit, counted in the year it was recognised (a research topic: "
    "accepted). Flagged when one initiative reaches the single-solution threshold, or when the initiatives of "
    "some run of consecutive years together reach the cumulative threshold."
)


@dataclass(frozen=True)
class Evaluation:
    reaches_single: bool
    reaches_cumulative: bool
    best_single: int
    best_window: tuple = ()  # (first year, last year) of the best consecutive run
    best_window_total: int = 0

    @property
    def flagged(self):
        return self.reaches_single or self.reaches_cumulative


def evaluate(per_year, *, single_min, cumulative_min, years):
    """`per_year` maps a year to (total benefit that year, largest single benefit that year).
    A pure function: the rule itself, testable without a database."""
    best_single = max((best for _total, best in per_year.values()), default=0)
    best_window, best_total = (), 0
    for first in sorted(per_year):
        total = sum(per_year.get(year, (0, 0))[0] for year in range(first, first + years))
        if total > best_total:
            best_window, best_total = (first, first + years - 1), total
    return Evaluation(
        reaches_single=best_single >= single_min,
        reaches_cumulative=best_total >= cumulative_min,
        best_single=best_single,
        best_window=best_window,
        best_window_total=best_total,
    )


def holds_leadership_post(position, keywords):
    folded = fold(position)
    return any(fold(keyword) in folded for keyword in keywords if keyword)


@dataclass
class FlaggedAuthor:
    member: Member
    evaluation: Evaluation
    leadership_post: bool
    per_year: dict = field(default_factory=dict)
    initiatives: int = 0


def flagged_authors(user, *, threshold=None):
    """(threshold, flagged workers, flagged authors who hold a leadership post) for the members `user` may see.

    Three queries whatever the number of authors: the threshold, the grouped sums, the flagged members."""
    threshold = threshold or CreativeLabourThreshold.current()
    if threshold is None:
        return None, [], []
    solution_year = ExtractYear(Coalesce("initiative__recognition_date", "initiative__research_accepted_date",
                                         "initiative__application_date"))
    rows = (
        InitiativeAuthor.objects.filter(
            initiative__in=access.initiatives_for(user).values("pk"),
            initiative__status__in=APPROVED_STATUSES,
            initiative__economic_benefit_vnd__gt=0,
            member__in=access.members_for(user).values("pk"),
        )
        .annotate(year=solution_year)
        .order_by()
        .values("member_id", "year")
        .annotate(total=Sum("initiative__economic_benefit_vnd"), best=Max("initiative__economic_benefit_vnd"),
                  n=Count("initiative_id"))
    )
    per_member = {}
    for row in rows:
        if row["year"] is None:
            continue
        per_member.setdefault(row["member_id"], {})[row["year"]] = (row["total"], row["best"], row["n"])
    evaluations = {}
    for member_id, years in per_member.items():
        evaluation = evaluate(
            {year: (total, best) for year, (total, best, _n) in years.items()},
            single_min=threshold.single_solution_min_vnd,
            cumulative_min=threshold.cumulative_min_vnd,
            years=threshold.cumulative_years,
        )
        if evaluation.flagged:
            evaluations[member_id] = evaluation
    keywords = threshold.keywords()
    workers, leaders = [], []
    members = Member.objects.filter(pk__in=evaluations).select_related("branch")
    for member in members.order_by(by_vietnamese("full_name"), "pk"):
        years = per_member[member.pk]
        flagged = FlaggedAuthor(
            member=member,
            evaluation=evaluations[member.pk],
            leadership_post=holds_leadership_post(member.position, keywords),
            per_year={year: total for year, (total, _best, _n) in sorted(years.items())},
            initiatives=sum(n for _total, _best, n in years.values()),
        )
        (leaders if flagged.leadership_post else workers).append(flagged)
    return threshold, workers, leaders
