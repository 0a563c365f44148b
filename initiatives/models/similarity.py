"""The novelty index: each initiative's text as the similarity check reads it, its LSH band keys, and the
matches a reviewer has dismissed. Kept up to date by `initiatives.similarity.index_initiative`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .initiative import Attachment, Initiative


class SimilarityDocument(models.Model):
    """What the check compares: title, problem, solution, how it is applied and the text of attached files."""

    initiative = models.OneToOneField(
        Initiative, primary_key=True, on_delete=models.CASCADE, related_name="similarity_document"
    )
    text = models.TextField(default="")
    shingle_count = models.PositiveIntegerField(default=0)
    # Attached files whose text could not be read (a scan without a text layer, a damaged file): their names.
    unread_files = models.TextField(default="", blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"#{self.initiative_id}: {self.shingle_count} shingles"


class SimilarityBand(models.Model):
    """One LSH band of an initiative's MinHash signature: two initiatives sharing a key are candidates."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+", db_index=False)
    key = models.BigIntegerField()

    class Meta:
        indexes = [
            # Looked up by key; the initiative id in the index answers the grouping without reading the table.
            models.Index(fields=["key", "initiative"], name="similarity_band_key"),
            models.Index(fields=["initiative"], name="similarity_band_initiative"),
        ]

    def __str__(self):
        return f"#{self.initiative_id}: {self.key}"


class AttachmentText(models.Model):
    """The text extracted once from an attached PDF or Word file (empty and `readable` false for a scan)."""

    attachment = models.OneToOneField(Attachment, primary_key=True, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(default="", blank=True)
    readable = models.BooleanField(default=True)

    def __str__(self):
        return f"attachment {self.attachment_id}"


class DismissedMatch(models.Model):
    """A reviewer judged that `other` is not a copy of `initiative`: the match is not shown again for it."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="dismissed_matches")
    other = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    dismissed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "other"], name="dismissed_match_once")]
        verbose_name = _("dismissed match")
        verbose_name_plural = _("dismissed matches")

    def __str__(self):
        return f"#{self.initiative_id} ≠ #{self.other_id}"
