"""The programme's rules and targets as data: the next programme reuses the portal."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..formatting import format_date
from .triggers import tally_triggers


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=300)
    window_start = models.DateField(_("application window opens"))
    window_end = models.DateField(_("application window closes"), help_text=_("Inclusive."))
    research_applied_from = models.DateField(
        _("research topics applied from"),
        help_text=_("A research topic counts when applied from this date."),
    )
    total_target = models.PositiveIntegerField(_("initiatives to send to the province in all"))
    participation_target_rate = models.DecimalField(
        _("participation target"),
        max_digits=4,
        decimal_places=3,
        help_text=_("Share of members with an initiative, as a fraction: 0.100 is 10%."),
    )
    exemplar_collectives_per_year = models.PositiveSmallIntegerField(_("exemplary collectives a year"), default=1)
    exemplar_individuals_per_year = models.PositiveSmallIntegerField(_("exemplary individuals a year"), default=2)
    exemplar_first_year = models.PositiveSmallIntegerField(_("exemplars from year"), default=2021)
    exemplar_last_year = models.PositiveSmallIntegerField(_("exemplars to year"), default=2025)
    is_current = models.BooleanField(_("current programme"), default=True)
    federation = models.ForeignKey(
        "initiatives.Federation", verbose_name=_("run by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="programmes",
        help_text=_("The union body that runs the programme; it covers that body's subtree. Empty: the portal's "
                    "owner."),
    )

    class Meta:
        ordering = ["-is_current", "-window_start"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        # The tallies' triggers (models/triggers.py): the programme's own tally row and version
        triggers = tally_triggers("tally_programme_bump")

    def __str__(self):
        return self.name

    @classmethod
    def current(cls, *, with_periods=False):
        """The portal owner's programme under way (None before one is set up); `with_periods` reads its periods
        along. Programmes run by other union bodies (a province's, beside the district's) are chosen per body:
        programmes.latest_for."""
        from .organisation import Federation

        owner = models.Subquery(Federation.objects.order_by("pk").values("pk")[:1])  # in the same query
        programmes = cls.objects.filter(is_current=True).order_by(
            models.Case(models.When(models.Q(federation__isnull=True) | models.Q(federation_id=owner), then=0),
                        default=1),
            "-window_start")
        return (programmes.prefetch_related("periods") if with_periods else programmes).first()

    @property
    def node(self):
        """The union body that runs the programme (the portal's owner when none is set)."""
        from .organisation import Federation

        return self.federation if self.federation_id else Federation.current()

    def exemplar_years(self):
        return list(range(self.exemplar_first_year, self.exemplar_last_year + 1))

    def period_for(self, date: datetime.date):
        for period in self.periods.all():
            if period.start <= date <= period.end:
                return period
        return None


class ProgrammePeriod(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="periods")
    number = models.PositiveSmallIntegerField(_("period"))
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), help_text=_("Inclusive."))
    target = models.PositiveIntegerField(_("initiatives to send to the province"))

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("programme period")
        verbose_name_plural = _("programme periods")
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="period_number_unique")]
        # The tallies' triggers (models/triggers.py): new dates recount what was sent in each period
        triggers = tally_triggers("tally_period", "tally_period_bump")

    def __str__(self):
        return _("Period %(number)s (%(start)s–%(end)s)") % {
            "number": self.number,
            "start": format_date(self.start),
            "end": format_date(self.end),
        }
