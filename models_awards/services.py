"""Writes of the awards app that are more than one row: a nomination with its criteria, a score."""

from django.db import transaction

from .models import AwardLevel, InitiativeScore, NominationCriterion


@transaction.atomic
def save_nomination(*, form, criteria_met, user):
    """Save the nomination from a valid NominationForm and replace the criteria it meets with
    `criteria_met` ({criterion: evidence})."""
    nomination = form.save(commit=False)
    if nomination.pk is None:
        nomination.created_by = user
    nomination.save()
    form.save_m2m()
    nomination.criteria_met.exclude(criterion__in=list(criteria_met)).delete()
    existing = {row.criterion_id: row for row in nomination.criteria_met.all()}
    for criterion, evidence in criteria_met.items():
        row = existing.get(criterion.pk)
        if row is None:
            NominationCriterion.objects.create(nomination=nomination, criterion=criterion, evidence=evidence)
        elif row.evidence != evidence:
            row.evidence = evidence
            row.save(update_fields=["evidence"])
    return nomination


@transaction.atomic
def save_score(*, candidate, scorer, novelty, applicability, benefit, comment=""):
    """A panel member's scores for a candidate: one row each, updated when they score again."""
    score, _created = InitiativeScore.objects.update_or_create(
        candidate=candidate,
        scorer=scorer,
        defaults={"novelty": novelty, "applicability": applicability, "benefit": benefit, "comment": comment},
    )
    return score


def apply_officer_limits(award):
    """What an officer records is funded by the branch, at branch level, and waits for the district to publish it
    (an edit to a published one takes it off the public pages again)."""
    award.funded_by_branch = True
    award.level = AwardLevel.BRANCH
    award.is_published = False
