"""Writes of the awards app that are more than one row: a nomination with its criteria, a score. Each takes plain
values and the acting user, checks that user itself, and writes an audit row."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from initiatives import permissions
from portal_security import audit

from .models import AwardLevel, InitiativeScore, Nomination, NominationCriterion

NOMINATION_FIELDS = ("year", "subject", "branch", "team_name", "member", "movement", "achievements")


def save_nomination(*, user, criteria_met, nomination=None, initiatives=(), **fields):
    """Create a nomination (`nomination` None) or edit one with `fields` (NOMINATION_FIELDS, `branch` required), the
    initiatives it rests on, and the criteria it meets ({criterion: evidence}, replacing those it had)."""
    unknown = set(fields) - set(NOMINATION_FIELDS)
    if unknown:
        raise TypeError(f"save_nomination takes no {', '.join(sorted(unknown))}")
    if nomination is not None:  # an edit while the workflow lets the user edit it, as it is stored (the instance
        stored = Nomination.objects.filter(pk=nomination.pk).first()  # may already carry what a form typed)
        if stored is None:
            raise PermissionDenied
        permissions.require(user, "models_awards.change_nomination", stored)
    permissions.require(user, "models_awards.nominate_from_branch", fields["branch"])
    with transaction.atomic(durable=True):
        if nomination is None:
            nomination = Nomination(created_by=user)
        for name, value in fields.items():
            setattr(nomination, name, value)
        nomination.save()
        nomination.initiatives.set(initiatives)
        _replace_criteria(nomination, criteria_met)
        audit.record_change("nomination.save", nomination, user=user, criteria=sorted(c.pk for c in criteria_met))
    return nomination


def _replace_criteria(nomination, criteria_met):
    nomination.criteria_met.exclude(criterion__in=list(criteria_met)).delete()
    existing = {row.criterion_id: row for row in nomination.criteria_met.all()}
    for criterion, evidence in criteria_met.items():
        row = existing.get(criterion.pk)
        if row is None:
            NominationCriterion.objects.create(nomination=nomination, criterion=criterion, evidence=evidence)
        elif row.evidence != evidence:
            row.evidence = evidence
            row.save(update_fields=["evidence"])


@transaction.atomic  # not durable: the demo seed scores inside its own transaction
def save_score(*, candidate, scorer, novelty, applicability, benefit, comment=""):
    """A panel member's scores for a candidate: one row each, updated when they score again."""
    permissions.require(scorer, "models_awards.score_candidate", candidate)
    score, _created = InitiativeScore.objects.update_or_create(
        candidate=candidate,
        scorer=scorer,
        defaults={"novelty": novelty, "applicability": applicability, "benefit": benefit, "comment": comment},
    )
    audit.record_change("candidate.score", candidate, user=scorer, novelty=novelty, applicability=applicability,
                        benefit=benefit)
    return score


def apply_officer_limits(award):
    """What an officer records is funded by the branch, at branch level, and waits for the district to publish it
    (an edit to a published one takes it off the public pages again)."""
    award.funded_by_branch = True
    award.level = AwardLevel.BRANCH
    award.is_published = False
