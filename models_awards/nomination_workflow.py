"""Every move of an exemplar nomination goes through `apply` (DESIGN section 6).

draft → proposed (the branch's officer, or the district) → shortlisted → selected → proposed upward
(provincial federation, national federation or provincial People's Committee) → recognised; the district
may decline at any step from proposed on, with a reason, and reopen a declined nomination. The officer
may withdraw a proposal to complete it. Each move writes a NominationMove (who, when, from, to, comment).
"""

import logging
from dataclasses import dataclass

import rules
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives import duties
from portal_security.conflicts import retry_on_conflict

from .models import EXEMPLAR_STATUSES, Candidate, Nomination, NominationMove, NominationStatus, UpwardLevel

audit = logging.getLogger("portal.audit")

OFFICER, DISTRICT = "officer", "district"
S = NominationStatus


class TransitionError(Exception):
    """A move that is not allowed now; the message is for people."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Move:
    action: str
    label: str
    sources: tuple
    target: str
    actors: tuple
    needs_comment: bool = False
    needs_level: bool = False


MOVES = {
    move.action: move
    for move in (
        Move("propose", gettext_lazy("Propose to the district"), (S.DRAFT,), S.PROPOSED, (OFFICER, DISTRICT)),
        Move("withdraw", gettext_lazy("Withdraw to complete"), (S.PROPOSED,), S.DRAFT, (OFFICER, DISTRICT)),
        Move("shortlist", gettext_lazy("Shortlist"), (S.PROPOSED,), S.SHORTLISTED, (DISTRICT,)),
        Move("select", gettext_lazy("Select as an exemplar"), (S.SHORTLISTED,), S.SELECTED, (DISTRICT,)),
        Move(
            "propose_upward",
            gettext_lazy("Propose upward"),
            (S.SELECTED,),
            S.PROPOSED_UPWARD,
            (DISTRICT,),
            needs_level=True,
        ),
        Move("recognise", gettext_lazy("Record as recognised"), (S.PROPOSED_UPWARD,), S.RECOGNISED, (DISTRICT,)),
        Move(
            "decline",
            gettext_lazy("Decline"),
            (S.PROPOSED, S.SHORTLISTED, S.SELECTED, S.PROPOSED_UPWARD),
            S.DECLINED,
            (DISTRICT,),
            needs_comment=True,
        ),
        Move("reopen", gettext_lazy("Reopen"), (S.DECLINED,), S.PROPOSED, (DISTRICT,)),
    )
}


# Who acts in each role is a rule of `permissions`: an officer of the branch, upper-union staff over it.
ACTOR_PERMISSIONS = {OFFICER: "models_awards.move_as_branch_officer", DISTRICT: "models_awards.move_as_upper_union"}


def roles_on(user, nomination):
    return {role for role, perm in ACTOR_PERMISSIONS.items() if rules.has_perm(perm, user, nomination)}


def may(user, nomination, action):
    """Whether `user` may make `action` on `nomination` in its present status."""
    move = MOVES.get(action)
    if move is None:
        return False
    return (bool(roles_on(user, nomination) & set(move.actors)) and nomination.status in move.sources
            and duties.nomination_refusal(user, nomination, action, move.label) is None)


def available_moves(user, nomination):
    return [move for action, move in MOVES.items() if may(user, nomination, action)]


def completeness_problems(nomination):
    """What a nomination lacks before it can be proposed, as messages for people."""
    problems = []
    if not (nomination.achievements or "").strip():
        problems.append(_("Describe the achievements."))
    if not nomination.criteria_met.exists():
        problems.append(_("Tick at least one criterion it meets, with the evidence."))
    if nomination.is_individual and not nomination.member_id:
        problems.append(_("Choose the member."))
    return problems


@retry_on_conflict  # a deadlock or serialization failure: the move is tried again, a few times
def apply(nomination, action, user, *, comment="", level=""):
    """Make `action` on `nomination` as `user`; returns the nomination as saved.

    Raises TransitionError for a move not allowed now (with a message for people) and PermissionDenied
    for a user who may never make it on this nomination.
    """
    move = MOVES.get(action)
    if move is None:
        raise TransitionError(_("Unknown action “%(action)s”.") % {"action": action})
    comment = (comment or "").strip()
    seen_status = nomination.status

    with transaction.atomic():
        # Lock the nomination's row only: PostgreSQL refuses FOR UPDATE over the nullable member join.
        locked = Nomination.objects.select_for_update(of=("self",)).select_related("branch", "member")
        current = locked.get(pk=nomination.pk)
        if not roles_on(user, current) & set(move.actors):
            raise PermissionDenied(_("You may not make this move on this nomination."))
        own_case = duties.nomination_refusal(user, current, action, move.label)
        if own_case:
            raise TransitionError(own_case)
        if current.status != seen_status:
            raise TransitionError(
                _(
                    "This nomination has already been handled by someone else: it is now “%(status)s”. "
                    "Reload the page to see its present state."
                )
                % {"status": current.get_status_display()}
            )
        if current.status not in move.sources:
            raise TransitionError(
                _("“%(action)s” is not possible while the nomination is “%(status)s”.")
                % {"action": move.label, "status": current.get_status_display()}
            )
        if move.needs_comment and not comment:
            raise TransitionError(_("Write the reason, so that the branch knows why."))
        if move.needs_level and level not in UpwardLevel.values:
            raise TransitionError(_("Choose the body the nomination is proposed to."))
        if action == "propose":
            problems = completeness_problems(current)
            if problems:
                raise TransitionError(
                    _("The nomination is not complete yet: %(problems)s") % {"problems": " ".join(problems)}
                )

        from_status = current.status
        changes = {"status": move.target, "updated_at": timezone.now()}
        if move.needs_level:
            changes["upward_level"] = level
        if action == "decline":
            changes["decline_reason"] = comment
        if action == "reopen":
            changes.update(decline_reason="", upward_level="")
        if move.target not in EXEMPLAR_STATUSES:
            changes["is_published"] = False  # only exemplars are ever shown to the public
        # The conditional update makes exactly one of two concurrent moves win, SQLite included.
        updated = Nomination.objects.filter(pk=current.pk, status=from_status).update(**changes)
        if updated != 1:
            raise TransitionError(_("This nomination has already been handled by someone else. Reload the page."))
        for field, value in changes.items():
            setattr(current, field, value)
        NominationMove.objects.create(
            nomination=current,
            action=action,
            from_status=from_status,
            to_status=current.status,
            upward_level=level if move.needs_level else "",
            comment=comment,
            actor=user,
        )
        if action == "shortlist":
            # What a shortlisted nomination rests on goes before the scoring panel.
            for initiative_id in current.initiatives.values_list("pk", flat=True):
                Candidate.objects.get_or_create(
                    year=current.year, initiative_id=initiative_id, defaults={"added_by": user}
                )
        audit.info(
            "nomination=%s action=%s from=%s to=%s user=%s", current.pk, action, from_status, current.status, user.pk
        )

    nomination.__dict__.update({k: v for k, v in current.__dict__.items() if not k.startswith("_state")})
    return current


def set_published(nomination, publish, user):
    """The district shows an exemplar in the public showcase, or takes it out; recorded in the audit log (it
    makes a person's name and achievements public)."""
    if not rules.has_perm("models_awards.publish_nomination", user, nomination):
        raise PermissionDenied
    if publish and nomination.status not in EXEMPLAR_STATUSES:
        raise TransitionError(_("Only an exemplar selected by the district can be published."))
    Nomination.objects.filter(pk=nomination.pk).update(is_published=publish, updated_at=timezone.now())
    nomination.is_published = publish
    audit.info("nomination=%s published=%s user=%s", nomination.pk, publish, user.pk)
