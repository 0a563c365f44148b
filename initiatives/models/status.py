"""An initiative's statuses and the groups the figures count by: a leaf of the models, so the tallies' SQL
(tally_sql) reads them without importing the initiative's model."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the branch")
    RETURNED = "returned", _("Returned for completion")
    BRANCH_APPROVED = "branch_approved", _("Approved by the branch")
    REJECTED = "rejected", _("Not recognised")
    DISTRICT_VERIFIED = "district_verified", _("Verified by the district")
    SENT_TO_PROVINCE = "sent_to_province", _("Sent to the province")


# Approved by the branch or further on: what counts for participation.
APPROVED_STATUSES = (Status.BRANCH_APPROVED, Status.DISTRICT_VERIFIED, Status.SENT_TO_PROVINCE)
# Everything the branch has received: what counts for "mobilised".
SUBMITTED_STATUSES = (Status.SUBMITTED, Status.RETURNED, Status.REJECTED, *APPROVED_STATUSES)
EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)
