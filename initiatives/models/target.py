"""Targets a union body gives to the bodies and branches directly under it (giao chỉ tiêu), per programme and
round: the province to each commune union, a commune union to its branches. A branch's own pledge (pledge.py) is
the bottom level: the dashboard shows it when the body above has given the branch no target."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .organisation import Branch, Federation
from .programme import Programme, ProgrammePeriod


class ChildTarget(models.Model):
    """The initiatives `giver` expects `child_node` (a body under it) or `branch` (a branch under it) to send to the
    province in `period`, or over the whole programme when `period` is empty; with a participation target beside
    the programme's."""

    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.CASCADE,
                                  related_name="child_targets")
    period = models.ForeignKey(
        ProgrammePeriod, verbose_name=_("period"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="child_targets", help_text=_("Empty: the target for the whole programme."))
    giver = models.ForeignKey(Federation, verbose_name=_("given by"), on_delete=models.CASCADE,
                              related_name="targets_given")
    child_node = models.ForeignKey(Federation, verbose_name=_("union body under it"), null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="targets_received")
    branch = models.ForeignKey(Branch, verbose_name=_("branch under it"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="targets_received")
    initiatives = models.PositiveIntegerField(_("initiatives to send to the province"))
    participation_rate = models.DecimalField(
        _("participation target"), max_digits=4, decimal_places=3, null=True, blank=True,
        help_text=_("Share of members with an initiative, as a fraction: 0.100 is 10%."))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("target given to a unit under it")
        verbose_name_plural = _("targets given to units under them")
        constraints = [
            models.CheckConstraint(
                condition=Q(child_node__isnull=False, branch__isnull=True)
                | Q(child_node__isnull=True, branch__isnull=False),
                name="child_target_node_xor_branch",
            ),
            models.UniqueConstraint(fields=["programme", "period", "child_node"], name="child_target_node_period",
                                    condition=Q(period__isnull=False, child_node__isnull=False)),
            models.UniqueConstraint(fields=["programme", "child_node"], name="child_target_node_programme",
                                    condition=Q(period__isnull=True, child_node__isnull=False)),
            models.UniqueConstraint(fields=["programme", "period", "branch"], name="child_target_branch_period",
                                    condition=Q(period__isnull=False, branch__isnull=False)),
            models.UniqueConstraint(fields=["programme", "branch"], name="child_target_branch_programme",
                                    condition=Q(period__isnull=True, branch__isnull=False)),
        ]
        indexes = [models.Index(fields=["giver", "programme"], name="child_target_giver")]

    def __str__(self):
        child = self.child_node if self.child_node_id else self.branch
        when = self.period if self.period_id else self.programme
        return f"{self.giver} → {child} · {when}: {self.initiatives}"
