"""The yearly exemplar figures: collectives and individuals selected each year against the programme's
targets (plan II.2: at least 1 collective and 2 individuals a year, 2021–2025)."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Programme

from .models import EXEMPLAR_STATUSES, Subject

DEFINITION = _(
    "Nominations of the year with the status “Selected by the district”, “Proposed upward” or “Recognised”, "
    "collectives and individuals counted apart, against the programme's yearly targets."
)


def offered_years():
    """The years exemplars are chosen for, newest first: the programme's, and this year (a nomination may be
    recorded before the programme's years are extended). Every year filter and year field offers these."""
    programme = Programme.current()
    years = set(programme.exemplar_years()) if programme else set()
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


def default_year():
    """This year while it is one of the programme's; after the programme, its last year."""
    programme = Programme.current()
    this_year = timezone.localdate().year
    if programme and this_year not in programme.exemplar_years():
        return programme.exemplar_last_year if this_year > programme.exemplar_last_year else this_year
    return this_year


@dataclass(frozen=True)
class ExemplarYear:
    year: int
    collectives: int
    individuals: int
    collective_target: int
    individual_target: int

    @property
    def collectives_met(self):
        return self.collectives >= self.collective_target

    @property
    def individuals_met(self):
        return self.individuals >= self.individual_target

    @property
    def met(self):
        return self.collectives_met and self.individuals_met


def yearly_exemplars(nominations, programme):
    """One ExemplarYear per year of the programme's exemplar years, counted from `nominations` (a queryset
    already scoped to the user) in one grouped query."""
    if programme is None:
        return []
    years = programme.exemplar_years()
    counts = {
        (row["year"], row["subject"]): row["n"]
        for row in nominations.filter(status__in=EXEMPLAR_STATUSES, year__in=years)
        .order_by()
        .values("year", "subject")
        .annotate(n=Count("pk"))
    }
    return [
        ExemplarYear(
            year=year,
            collectives=counts.get((year, Subject.COLLECTIVE), 0),
            individuals=counts.get((year, Subject.INDIVIDUAL), 0),
            collective_target=programme.exemplar_collectives_per_year,
            individual_target=programme.exemplar_individuals_per_year,
        )
        for year in years
    ]
