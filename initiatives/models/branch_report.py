"""A branch's periodic report to the district office (plan V.2)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisation import Branch
from .programme import ProgrammePeriod


class BranchReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    branch = models.ForeignKey(Branch, verbose_name=_("branch"), on_delete=models.CASCADE, related_name="reports")
    period = models.ForeignKey(ProgrammePeriod, verbose_name=_("period"), on_delete=models.CASCADE,
                               related_name="branch_reports")
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    figures = models.JSONField(_("figures from the data"), default=dict, blank=True)
    achievements = models.TextField(_("what was done"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period__number", "branch__name"]
        verbose_name = _("branch report")
        verbose_name_plural = _("branch reports")
        constraints = [models.UniqueConstraint(fields=["branch", "period"], name="branch_report_once_per_period")]

    def __str__(self):
        return f"{self.branch} · {self.period}"
