"""The panel's scoring sheet: candidate initiatives of a year, scored on novelty, applicability and benefit."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

SCORE_MIN, SCORE_MAX = 1, 10
SCORE_VALIDATORS = [MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]


class Candidate(models.Model):
    """An initiative the district puts before the panel for a year's selection."""

    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    initiative = models.ForeignKey(
        "initiatives.Initiative", verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="candidacies"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "pk"]
        verbose_name = _("candidate initiative")
        verbose_name_plural = _("candidate initiatives")
        constraints = [models.UniqueConstraint(fields=["year", "initiative"], name="candidate_once_a_year")]

    def __str__(self):
        return f"{self.year} · {self.initiative}"


class InitiativeScore(models.Model):
    """One panel member's scores for one candidate; each panel member scores a candidate once."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("panel member"), on_delete=models.CASCADE, related_name="+"
    )
    novelty = models.PositiveSmallIntegerField(_("novelty"), validators=SCORE_VALIDATORS)
    applicability = models.PositiveSmallIntegerField(_("applicability"), validators=SCORE_VALIDATORS)
    benefit = models.PositiveSmallIntegerField(_("benefit"), validators=SCORE_VALIDATORS)
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("scored"), auto_now=True)

    class Meta:
        ordering = ["candidate", "pk"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "scorer"], name="score_once_per_panel_member"),
            models.CheckConstraint(
                condition=models.Q(novelty__gte=SCORE_MIN, novelty__lte=SCORE_MAX)
                & models.Q(applicability__gte=SCORE_MIN, applicability__lte=SCORE_MAX)
                & models.Q(benefit__gte=SCORE_MIN, benefit__lte=SCORE_MAX),
                name="score_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.candidate} · {self.scorer}"
