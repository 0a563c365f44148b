"""Each branch's emulation pledge (giao ước thi đua, plan III.1 and V.2): what it commits to per period."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisation import Branch
from .programme import Programme, ProgrammePeriod
from .triggers import tally_triggers


class Pledge(models.Model):
    branch = models.ForeignKey(Branch, verbose_name=_("branch"), on_delete=models.CASCADE, related_name="pledges")
    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.CASCADE,
                                  related_name="pledges")
    signed_on = models.DateField(_("date signed"), null=True, blank=True)
    document = models.FileField(_("scanned pledge"), upload_to="pledges/%Y/", blank=True, max_length=200)
    accepted_by_district = models.BooleanField(_("accepted by the district"), default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("emulation pledge")
        verbose_name_plural = _("emulation pledges")
        constraints = [models.UniqueConstraint(fields=["branch", "programme"], name="pledge_once_per_programme")]
        # The tallies' triggers (models/triggers.py): a pledge moves its branch's version
        triggers = tally_triggers("tally_pledge_bump")

    def __str__(self):
        return f"{self.branch} · {self.programme}"


class PledgeTarget(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="targets")
    period = models.ForeignKey(ProgrammePeriod, verbose_name=_("period"), on_delete=models.CASCADE,
                               related_name="pledge_targets")
    initiatives = models.PositiveIntegerField(_("initiatives committed"))

    class Meta:
        ordering = ["period__number"]
        verbose_name = _("pledged target")
        verbose_name_plural = _("pledged targets")
        constraints = [models.UniqueConstraint(fields=["pledge", "period"], name="pledge_target_once_per_period")]
        # The tallies' triggers (models/triggers.py): a target moves its branch's version
        triggers = tally_triggers("tally_target_bump")

    def __str__(self):
        return f"{self.period}: {self.initiatives}"
