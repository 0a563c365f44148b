"""A nomination of an exemplary collective or individual and its path (DESIGN section 6).

Status only changes through `models_awards.nomination_workflow.apply`, which writes a NominationMove.
"""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .common import Movement, RecipientMixin
from .criteria import Criterion


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed by the branch")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    SELECTED = "selected", _("Selected by the district")
    PROPOSED_UPWARD = "proposed_upward", _("Proposed upward")
    RECOGNISED = "recognised", _("Recognised")
    DECLINED = "declined", _("Declined")


# Selected by the district or further on: what counts as the year's exemplars.
EXEMPLAR_STATUSES = (NominationStatus.SELECTED, NominationStatus.PROPOSED_UPWARD, NominationStatus.RECOGNISED)


class UpwardLevel(models.TextChoices):
    PROVINCIAL_FEDERATION = "provincial_federation", _("Provincial labour federation")
    NATIONAL_FEDERATION = "national_federation", _("Vietnam General Confederation of Labour")
    PROVINCIAL_COMMITTEE = "provincial_committee", _("Provincial People's Committee")


class Nomination(RecipientMixin):
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    movement = models.CharField(
        _("movement"), max_length=30, choices=Movement.choices, default=Movement.GOOD_CREATIVE_WORK
    )
    achievements = models.TextField(_("achievements"))
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        verbose_name=_("initiatives it rests on"),
        blank=True,
        related_name="nominations",
    )
    criteria = models.ManyToManyField(
        Criterion, through="NominationCriterion", verbose_name=_("criteria met"), blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=NominationStatus.choices, default=NominationStatus.DRAFT, db_index=True
    )
    upward_level = models.CharField(_("proposed to"), max_length=30, choices=UpwardLevel.choices, blank=True)
    decline_reason = models.TextField(_("reason declined"), blank=True)
    is_published = models.BooleanField(
        _("published in the showcase"),
        default=False,
        help_text=_("Shown to the public (name, unit and achievements only) once selected by the district."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-year", "-created_at", "-pk"]
        verbose_name = _("exemplar nomination")
        verbose_name_plural = _("exemplar nominations")
        indexes = [models.Index(fields=["year", "status"], name="nomination_year_status")]

    def __str__(self):
        return f"{self.year} · {self.recipient_name}"

    @property
    def is_exemplar(self):
        return self.status in EXEMPLAR_STATUSES

    def clean(self):
        self.clean_recipient()
        if self.member_id and self.branch_id and self.member.branch_id != self.branch_id:
            raise ValidationError({"member": _("The member is not on this branch's roster.")})


class NominationCriterion(models.Model):
    """A criterion the nomination meets, with the evidence for it."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="criteria_met")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+")
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        ordering = ["criterion__order", "pk"]
        verbose_name = _("criterion met")
        verbose_name_plural = _("criteria met")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "criterion"], name="nomination_criterion_once"),
        ]

    def __str__(self):
        return str(self.criterion)

    def clean(self):
        """What the site's criteria form allows, for every other path (the admin): a criterion of the nomination's
        subject and branch kind, with its evidence."""
        errors = {}
        if not (self.evidence or "").strip():
            errors["evidence"] = _("Give the evidence for this criterion.")
        try:
            nomination = self.nomination  # in the admin, the nomination being saved with it
        except ObjectDoesNotExist:
            nomination = None
        if self.criterion_id and nomination is not None and nomination.branch_id and not self.criterion.applies_to(
                branch_kind=nomination.branch.kind, subject=nomination.subject):
            errors["criterion"] = _("This criterion is not one for this nomination (its subject or its branch's kind).")
        if errors:
            raise ValidationError(errors)


class NominationMove(models.Model):
    """One row per move of a nomination: who, when, from, to and the reason or comment."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="moves")
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=20, choices=NominationStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=NominationStatus.choices)
    upward_level = models.CharField(_("proposed to"), max_length=30, choices=UpwardLevel.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("nomination move")
        verbose_name_plural = _("nomination moves")

    def __str__(self):
        return f"{self.nomination_id}: {self.from_status} → {self.to_status}"
