"""Awards and commendations (plan IV): by the district, upward bodies, and those a branch funds itself."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.models.fields import MoneyVndField

from .common import RecipientMixin


class AwardLevel(models.TextChoices):
    BRANCH = "branch", _("Branch or unit")
    DISTRICT_FEDERATION = "district_federation", _("District labour federation")
    PROVINCIAL_FEDERATION = "provincial_federation", _("Provincial labour federation")
    NATIONAL_FEDERATION = "national_federation", _("Vietnam General Confederation of Labour")
    PROVINCIAL_COMMITTEE = "provincial_committee", _("Provincial People's Committee")


class AwardForm(models.TextChoices):
    COMMENDATION = "commendation", _("Commendation")
    CERTIFICATE = "certificate", _("Certificate of merit (giấy khen)")
    MERIT = "merit", _("Certificate of merit (bằng khen)")
    CREATIVE_LABOUR = "creative_labour", _("Creative Labour certificate")
    PRIZE = "prize", _("Prize")
    OTHER = "other", _("Other")


class Occasion(models.TextChoices):
    WORKERS_MONTH = "workers_month", _("Workers' Month")
    PERIOD_REVIEW = "period_review", _("Review of a programme period")
    PROGRAMME_REVIEW = "programme_review", _("Review of the programme")
    YEAR_REVIEW = "year_review", _("Year-end review")
    OTHER = "other", _("Other")


class Award(RecipientMixin):
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    level = models.CharField(_("level"), max_length=30, choices=AwardLevel.choices)
    form = models.CharField(_("form"), max_length=30, choices=AwardForm.choices)
    decision_no = models.CharField(_("decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    amount_vnd = MoneyVndField(
        _("amount (VND)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    occasion = models.CharField(_("occasion"), max_length=30, choices=Occasion.choices)
    occasion_note = models.CharField(
        _("occasion, in words"), max_length=200, blank=True, help_text=_("For example: Workers' Month 2022.")
    )
    citation = models.TextField(
        _("for"), help_text=_("What the award is for, in a sentence or two; shown in the showcase when published.")
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative", verbose_name=_("initiatives it rests on"), blank=True, related_name="awards"
    )
    nomination = models.ForeignKey(
        "models_awards.Nomination",
        verbose_name=_("nomination it rests on"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="awards",
    )
    funded_by_branch = models.BooleanField(
        _("funded by the branch"),
        default=False,
        help_text=_("An award the branch and its unit pay for themselves (plan IV.2)."),
    )
    is_published = models.BooleanField(_("published in the showcase"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "-decision_date", "-pk"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self):
        return f"{self.get_form_display()} · {self.recipient_name} ({self.year})"

    def clean(self):
        self.clean_recipient()
        errors = {}
        if self.member_id and self.branch_id and self.member.branch_id != self.branch_id:
            errors["member"] = _("The member is not on this branch's roster.")
        if self.funded_by_branch and self.level != AwardLevel.BRANCH:
            errors["level"] = _("An award funded by the branch is at the level “Branch or unit”.")
        if self.decision_date and self.year and self.decision_date.year not in (self.year, self.year + 1):
            errors["decision_date"] = _("The decision date should fall in the award's year or the year after.")
        if errors:
            raise ValidationError(errors)
