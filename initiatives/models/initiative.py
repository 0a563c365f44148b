"""An initiative (sáng kiến), its authors, attachments, status history and reviewers' notes."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..text import fold_for_index
from .fields import MoneyVndField
from .organisation import Branch, Member
from .programme import Programme
from .status import APPROVED_STATUSES, EDITABLE_STATUSES, SUBMITTED_STATUSES, Status  # noqa: F401  (their home)
from .triggers import tally_triggers, truncate_trigger


class Category(models.TextChoices):
    """The plan's seven kinds of initiative (1.2)."""

    TECHNICAL = "technical", _("Technical solution")
    MANAGEMENT = "management", _("Management solution")
    OPERATIONAL = "operational", _("Operational solution")
    TECHNOLOGY_APPLICATION = "technology_application", _("Application of technical progress")
    UNION_WORK = "union_work", _("Trade-union work solution")
    COVID19 = "covid19", _("Covid-19 prevention solution")
    RESEARCH = "research", _("Research topic (provincial or ministerial)")


class RecognitionBody(models.TextChoices):
    COUNCIL = "council", _("Initiative council")
    HEAD = "head", _("Head of the unit")


class ApplicationKind(models.TextChoices):
    APPLIED = "applied", _("Applied")
    TRIAL = "trial", _("Trial application")


class ResearchLevel(models.TextChoices):
    PROVINCIAL = "provincial", _("Provincial")
    MINISTERIAL = "ministerial", _("Ministerial or sector")


class Initiative(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="initiatives"
    )
    branch = models.ForeignKey(Branch, verbose_name=_("branch"), on_delete=models.PROTECT, related_name="initiatives")
    title = models.CharField(_("title"), max_length=300)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    field_of_work = models.CharField(_("field of work"), max_length=150, blank=True)
    problem = models.TextField(_("problem it solves"), blank=True)
    solution = models.TextField(_("the solution"), blank=True)
    application_summary = models.TextField(_("how it is applied"), blank=True)
    application_conditions = models.TextField(_("conditions needed to apply it"), blank=True)
    confidential_info = models.TextField(_("information to keep confidential"), blank=True)
    investor = models.CharField(
        _("investor"),
        max_length=200,
        blank=True,
        help_text=_("Who funded it, where not the author."),
    )
    trial_participants = models.TextField(_("people who took part in its first or trial application"), blank=True)

    recognition_body = models.CharField(
        _("recognising body"), max_length=20, choices=RecognitionBody.choices, blank=True
    )
    recognition_decision_no = models.CharField(_("recognition decision number"), max_length=50, blank=True)
    recognition_date = models.DateField(_("recognition date"), null=True, blank=True)

    application_kind = models.CharField(
        _("application"),
        max_length=10,
        choices=ApplicationKind.choices,
        default=ApplicationKind.APPLIED,
    )
    application_date = models.DateField(_("first application date"), null=True, blank=True)
    application_place = models.CharField(_("where applied"), max_length=200, blank=True)

    economic_benefit_vnd = MoneyVndField(_("economic benefit (VND)"), null=True, blank=True)
    economic_benefit_description = models.TextField(_("economic benefit"), blank=True)
    social_benefit = models.TextField(_("social benefit"), blank=True)

    research_level = models.CharField(_("research level"), max_length=20, choices=ResearchLevel.choices, blank=True)
    research_accepted_date = models.DateField(_("acceptance date"), null=True, blank=True)
    research_effect_confirmed = models.BooleanField(
        _("practical effect confirmed by the head of the applying unit"), default=False
    )

    ip_protected = models.BooleanField(_("under IP protection"), default=False)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text=_("Set when a reviewer marks it as a copy of an earlier initiative (a workflow move)."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    credited_author = models.ForeignKey(
        Member,
        verbose_name=_("credited author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="credited_initiatives",
        editable=False,
    )
    submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True, editable=False)
    sent_to_province_date = models.DateField(_("date sent to the province"), null=True, blank=True, db_index=True)
    national_portal_upload_date = models.DateField(_("uploaded to the national portal on"), null=True, blank=True)
    national_portal_reference = models.CharField(_("national portal reference"), max_length=100, blank=True)
    is_published = models.BooleanField(_("published in the showcase"), default=False)

    # The hidden token of the form that last saved it: the same form posted twice saves once (services.py).
    form_token = models.UUIDField(null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at", "form_token"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            # Partial (only the rows that have one): SQLite adds it without rebuilding the table and its triggers.
            models.UniqueConstraint(fields=["form_token"], condition=models.Q(form_token__isnull=False),
                                    name="initiative_form_token_once"),
        ]
        indexes = [
            models.Index(fields=["branch", "status"], name="initiative_branch_status"),
            models.Index(fields=["status", "sent_to_province_date"], name="initiative_status_sent"),
            # The lists' order (newest first): a page is read from the index, however many rows there are.
            models.Index(fields=["-created_at", "-id"], name="initiative_created"),
            models.Index(fields=["status", "-created_at", "-id"], name="initiative_status_created"),
            # A branch's list (an officer's, in the site and the admin) in the same order, read from the index.
            models.Index(fields=["branch", "-created_at", "-id"], name="initiative_branch_created"),
            # On PostgreSQL, search_text also has a trigram index (migration 0004): search finds any part of it.
        ]
        # The tallies' triggers (models/triggers.py): every count of the initiative
        triggers = [*tally_triggers("tally_initiative"), truncate_trigger()]

    def __str__(self):
        return self.title

    @property
    def is_research(self):
        return self.category == Category.RESEARCH

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def was_submitted(self):
        return self.submitted_at is not None

    def delete(self, *args, **kwargs):
        if self.was_submitted:
            raise models.ProtectedError("A submitted initiative is never deleted, only rejected.", {self})
        return super().delete(*args, **kwargs)

    def refresh_credit_and_search(self, authors=None):
        """Recompute the credited author (1.3) and the folded search text after authors change."""
        from ..authorship import credited_author

        if authors is None:
            authors = list(self.authors.select_related("member"))
        lead = credited_author(authors, is_research=self.is_research)
        self.credited_author = lead.member if lead else None
        names = " ".join(a.member.full_name for a in authors)
        self.search_text = fold_for_index(f"{self.title} {self.field_of_work} {names}")
        type(self).objects.filter(pk=self.pk).update(
            credited_author=self.credited_author,
            search_text=self.search_text,
        )


class InitiativeAuthor(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="authors")
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="authorships")
    share_percent = models.DecimalField(_("contribution (%)"), max_digits=5, decimal_places=2)
    is_lead = models.BooleanField(_("lead (research topic)"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [models.UniqueConstraint(fields=["initiative", "member"], name="author_once_per_initiative")]
        # The tallies' triggers (models/triggers.py): the people counted once
        triggers = tally_triggers("tally_author")

    def __str__(self):
        return f"{self.member} ({self.share_percent}%)"


def attachment_path(instance, filename):
    # A random name: nothing about the person or the initiative can be guessed from the path.
    return f"attachments/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:6]}"


class CurrentAttachments(models.Manager):
    """The files an initiative has now; a removed or replaced file is kept for the history (`Attachment.every`)."""

    def get_queryset(self):
        return super().get_queryset().filter(removed_at__isnull=True)


class Attachment(models.Model):
    class Kind(models.TextChoices):
        DECISION = "decision", _("Recognition decision")
        DESCRIPTION = "description", _("Description")
        PHOTO = "photo", _("Photo")
        OTHER = "other", _("Other")

    # Empty while the file waits for its form to be saved (kept across a form with errors).
    initiative = models.ForeignKey(
        Initiative, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # Removed (or replaced) while the initiative was a draft or returned: who, when, and by which file.
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("removed by"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )
    replaced_by = models.ForeignKey(
        "self", verbose_name=_("replaced by"), null=True, blank=True, editable=False, on_delete=models.SET_NULL,
        related_name="replaces",
    )

    # The first manager is the default one: `initiative.attachments`, the admin and the downloads see the current
    # files only.
    objects = CurrentAttachments()
    every = models.Manager()  # noqa: DJ012 (a second manager, not a field: the first one stays the default)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class StatusChange(models.Model):
    """One row per status move: who, when, from, to and the comment the author reads."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="status_changes")
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)
    novelty_confirmed = models.BooleanField(_("novelty within the unit attested"), default=False)
    lawful_confirmed = models.BooleanField(_("lawful content attested"), default=False)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.initiative_id}: {self.get_from_status_display()} → {self.get_to_status_display()}"


class ReviewNote(models.Model):
    """A reviewer's internal note: officers and the district read it, the author never does."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="review_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self):
        return self.text[:50]
