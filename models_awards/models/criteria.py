"""Exemplar criteria, kept as data per kind of branch (plan II.2: criteria fit each kind of CĐCS)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.models.organisation import BranchKind

from .common import Subject


class CriterionQuerySet(models.QuerySet):
    def applying_to(self, *, branch_kind, subject):
        """The active criteria for a branch of `branch_kind`: those of its kind and those for every kind."""
        return self.filter(is_active=True, subject=subject).filter(
            models.Q(branch_kind="") | models.Q(branch_kind=branch_kind)
        )


class Criterion(models.Model):
    branch_kind = models.CharField(
        _("kind of branch"),
        max_length=20,
        choices=BranchKind.choices,
        blank=True,
        help_text=_("Leave empty for a criterion that applies to every kind of branch."),
    )
    subject = models.CharField(_("for"), max_length=20, choices=Subject.choices)
    text = models.TextField(_("criterion"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = CriterionQuerySet.as_manager()

    class Meta:
        ordering = ["subject", "branch_kind", "order", "pk"]
        verbose_name = _("exemplar criterion")
        verbose_name_plural = _("exemplar criteria")

    def __str__(self):
        kind = self.get_branch_kind_display() if self.branch_kind else _("every kind")
        return f"[{kind}] {self.text[:80]}"

    def applies_to(self, *, branch_kind, subject):
        """The rule of CriterionQuerySet.applying_to, for one criterion."""
        return self.is_active and self.subject == subject and self.branch_kind in ("", branch_kind)
