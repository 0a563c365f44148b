"""Every status move of an initiative (DESIGN 4.2) goes through `apply`.

`apply` checks who may make the move, re-checks eligibility where the move needs it, locks the
row so that of two people acting at once exactly one wins, writes the history row and e-mails the
author once the transaction has committed.
"""

import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal_security.conflicts import retry_on_conflict

from . import access, duties, eligibility, notifications, tallies
from .models import Initiative, Status, StatusChange

audit = logging.getLogger("portal.audit")


class TransitionError(Exception):
    """A move that is not allowed now; the message is for people."""

    def __init__(self, message, problems=None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []


AUTHOR, OFFICER, DISTRICT = "author", "officer", "district"


@dataclass(frozen=True)
class Move:
    action: str
    label: str
    sources: tuple
    target: str
    actors: tuple  # who may make it: AUTHOR (author side), OFFICER (of the branch), DISTRICT
    needs_eligible: bool = False
    needs_comment: bool = False
    inputs: tuple = ()  # what the reviewer gives with the move (fields of forms.ReviewForm)


MOVES = {
    move.action: move
    for move in (
        Move(
            "submit",
            gettext_lazy("Submit to the branch"),
            (Status.DRAFT, Status.RETURNED),
            Status.SUBMITTED,
            (AUTHOR, OFFICER),
            needs_eligible=True,
        ),
        Move(
            "return",
            gettext_lazy("Return for completion"),
            (Status.SUBMITTED,),
            Status.RETURNED,
            (OFFICER, DISTRICT),
            needs_comment=True,
            inputs=("comment",),
        ),
        Move(
            "approve",
            gettext_lazy("Approve"),
            (Status.SUBMITTED,),
            Status.BRANCH_APPROVED,
            (OFFICER,),
            needs_eligible=True,
            inputs=("novelty_confirmed", "lawful_confirmed"),
        ),
        Move(
            "reject",
            gettext_lazy("Reject"),
            (Status.SUBMITTED,),
            Status.REJECTED,
            (OFFICER, DISTRICT),
            needs_comment=True,
            inputs=("comment",),
        ),
        Move(
            "verify",
            gettext_lazy("Verify"),
            (Status.BRANCH_APPROVED,),
            Status.DISTRICT_VERIFIED,
            (DISTRICT,),
            needs_eligible=True,
        ),
        Move(
            "send",
            gettext_lazy("Send to the province"),
            (Status.DISTRICT_VERIFIED,),
            Status.SENT_TO_PROVINCE,
            (DISTRICT,),
            needs_eligible=True,
            inputs=("sent_date",),
        ),
        Move("reopen", gettext_lazy("Reopen"), (Status.REJECTED,), Status.RETURNED, (DISTRICT,), inputs=("comment",)),
        # Not recognised because it repeats an earlier initiative (issue 16): the number of that one is recorded.
        Move(
            "mark_duplicate",
            gettext_lazy("Mark as a duplicate"),
            (Status.SUBMITTED,),
            Status.REJECTED,
            (OFFICER, DISTRICT),
            needs_comment=True,
            inputs=("duplicate_of", "comment"),
        ),
    )
}
# The district may also return or reject what a branch has already approved or it has verified.
DISTRICT_EXTRA_SOURCES = {
    "return": (Status.BRANCH_APPROVED, Status.DISTRICT_VERIFIED),
    "reject": (Status.BRANCH_APPROVED, Status.DISTRICT_VERIFIED),
    "mark_duplicate": (Status.BRANCH_APPROVED, Status.DISTRICT_VERIFIED),
}


def roles_on(user, initiative):
    roles = set()
    if access.is_author_side(user, initiative):
        roles.add(AUTHOR)
    if initiative.branch_id in access.officer_branch_ids(user):
        roles.add(OFFICER)
    if access.is_upper_reviewer_of(user, initiative):  # upper-union staff whose subtree holds the branch
        roles.add(DISTRICT)
    return roles


def sources_for(move, roles):
    sources = set(move.sources)
    if DISTRICT in roles:
        sources |= set(DISTRICT_EXTRA_SOURCES.get(move.action, ()))
    return sources


def may(user, initiative, action, *, roles=None):
    """Whether `user` may make `action` on `initiative` in its present status (no eligibility check)."""
    move = MOVES.get(action)
    if move is None:
        return False
    roles = (roles_on(user, initiative) if roles is None else roles) & set(move.actors)
    return (bool(roles) and initiative.status in sources_for(move, roles)
            and duties.initiative_refusal(user, initiative, action, move.label) is None)


def available_actions(user, initiative):
    roles = roles_on(user, initiative)  # once for the page, not once per move
    return [move for action, move in MOVES.items() if may(user, initiative, action, roles=roles)]


@retry_on_conflict  # a deadlock or serialization failure: the move is tried again, a few times
def apply(
    initiative,
    action,
    user,
    *,
    comment="",
    novelty_confirmed=False,
    lawful_confirmed=False,
    sent_date=None,
    duplicate_of=None,
):
    """Make `action` on `initiative` as `user`; returns the initiative as saved.

    Raises TransitionError for a move that is not allowed now (with a message for people) and
    PermissionDenied for a user who may never make it on this initiative.
    """
    move = MOVES.get(action)
    if move is None:
        raise TransitionError(_("Unknown action “%(action)s”.") % {"action": action})
    comment = (comment or "").strip()
    seen_status = initiative.status

    with transaction.atomic():
        # One lock order everywhere: the initiative's row, then its branch's tally lock (which a form's save takes
        # in that order too, through the tally triggers). The other order deadlocked with a form's save. Only the
        # initiative's row (of=self): locking its programme's row too made every move in the portal queue on it.
        current = (Initiative.objects.select_for_update(of=("self",)).select_related("programme", "branch")
                   .get(pk=initiative.pk))
        tallies.take_branch_lock(current)
        roles = roles_on(user, current) & set(move.actors)
        if not roles:
            raise PermissionDenied(_("You may not make this move on this initiative."))
        own_case = duties.initiative_refusal(user, current, action, move.label)
        if own_case:
            raise TransitionError(own_case)
        if current.status != seen_status:
            raise TransitionError(
                _(
                    "This initiative has already been handled by someone else: it is now “%(status)s”. "
                    "Reload the page to see its present state."
                )
                % {"status": current.get_status_display()}
            )
        if current.status not in sources_for(move, roles):
            raise TransitionError(
                _("“%(action)s” is not possible while the initiative is “%(status)s”.")
                % {"action": move.label, "status": current.get_status_display()}
            )
        if move.needs_comment and not comment:
            raise TransitionError(_("Write a comment for the author: say what is wrong and what to do."))
        if action == "approve" and not (novelty_confirmed and lawful_confirmed):
            raise TransitionError(
                _(
                    "To approve, attest both that the initiative is new within the unit and that its content is "
                    "not against public order or social morals."
                )
            )
        if action == "send":
            sent_date = sent_date or timezone.localdate()
            if sent_date > timezone.localdate():
                raise TransitionError(_("The date sent cannot be after today."))
            current.sent_to_province_date = sent_date
        if action == "mark_duplicate":
            current.duplicate_of = _original_for_duplicate(current, duplicate_of, user)
        if move.needs_eligible:
            problems = eligibility.check(current)
            if problems:
                raise TransitionError(
                    _("The initiative does not yet meet the programme's conditions: %(problems)s")
                    % {"problems": " ".join(p.message for p in problems)},
                    problems,
                )

        from_status = current.status
        current.status = move.target
        if action == "submit" and current.submitted_at is None:
            current.submitted_at = timezone.now()
        if action == "reopen":
            current.sent_to_province_date = None
            current.duplicate_of = None
        # The conditional update is what makes exactly one of two concurrent moves win on every
        # database, including SQLite where select_for_update is a no-op.
        updated = Initiative.objects.filter(pk=current.pk, status=from_status).update(
            status=current.status,
            submitted_at=current.submitted_at,
            sent_to_province_date=current.sent_to_province_date,
            duplicate_of=current.duplicate_of,
            updated_at=timezone.now(),
        )
        if updated != 1:
            raise TransitionError(_("This initiative has already been handled by someone else. Reload the page."))
        # Saving again (same values) lets django-simple-history record the move in the field history.
        current._history_user = user
        current._change_reason = action
        current.save(update_fields=["status", "submitted_at", "sent_to_province_date", "duplicate_of", "updated_at"])
        change = StatusChange.objects.create(
            initiative=current,
            action=action,
            from_status=from_status,
            to_status=current.status,
            actor=user,
            comment=comment,
            novelty_confirmed=bool(novelty_confirmed) if action == "approve" else False,
            lawful_confirmed=bool(lawful_confirmed) if action == "approve" else False,
        )
        audit.info(
            "initiative=%s action=%s from=%s to=%s user=%s", current.pk, action, from_status, current.status, user.pk
        )
        transaction.on_commit(lambda: notifications.status_changed(change.pk))

    initiative.__dict__.update({k: v for k, v in current.__dict__.items() if not k.startswith("_state")})
    return current


def _original_for_duplicate(current, duplicate_of, user):
    """The earlier initiative `current` repeats: another one, which `user` may see."""
    original_id = getattr(duplicate_of, "pk", duplicate_of)
    original = (
        access.initiatives_for(user).exclude(pk=current.pk).filter(pk=original_id).first() if original_id else None
    )
    if original is None:
        raise TransitionError(
            _("Give the number of the initiative it repeats: another initiative that you can see.")
            if not original_id
            else _("No other initiative number %(number)s is within what you can see.") % {"number": original_id}
        )
    return original
