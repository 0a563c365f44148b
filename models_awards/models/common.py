"""Choices shared by nominations and awards."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    """Who a nomination or an award is for: a collective (a branch or a named team in it) or a person."""

    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")


class Movement(models.TextChoices):
    GOOD_CREATIVE_WORK = "good_creative_work", _("“Good work, creative work” movement")
    MILLION_INITIATIVES = "million_initiatives", _("“One million initiatives” programme")
    OTHER = "other", _("Other emulation movement")


class RecipientMixin(models.Model):
    """A collective (a branch, or a named team within it) or an individual member of a branch.

    The branch is kept for an individual too (the member's branch at the time), so that scoping
    by branch is one lookup for every row and a member moving branch rewrites no history.
    """

    subject = models.CharField(_("collective or individual"), max_length=20, choices=Subject.choices)
    branch = models.ForeignKey(
        "initiatives.Branch", verbose_name=_("branch"), on_delete=models.PROTECT, related_name="+"
    )
    team_name = models.CharField(
        _("team"),
        max_length=200,
        blank=True,
        help_text=_("For a collective: a named team within the branch; leave empty for the whole branch."),
    )
    member = models.ForeignKey(
        "initiatives.Member",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def is_individual(self):
        return self.subject == Subject.INDIVIDUAL

    @property
    def recipient_name(self):
        """The name shown for the recipient: the person, the team or the branch."""
        if self.is_individual:
            return self.member.full_name if self.member_id else ""
        return self.team_name or (self.branch.name if self.branch_id else "")

    def clean_recipient(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.subject == Subject.INDIVIDUAL:
            if not self.member_id:
                errors["member"] = _("Choose the member.")
            if self.team_name:
                errors["team_name"] = _("A team is named only for a collective.")
        elif self.subject == Subject.COLLECTIVE and self.member_id:
            errors["member"] = _("A collective has no member: leave it empty, or choose “Individual”.")
        if errors:
            raise ValidationError(errors)
