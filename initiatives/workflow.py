"""Every status move of an initiative (DESIGN 4.2), declared on the transitions engine (transitions/machine.py).

`apply` checks who may make the move, re-checks eligibility where the move needs it, locks the row so that of two
people acting at once exactly one wins, writes the history row and the audit row and e-mails the author once the
transaction has committed.
"""

import rules
from django.core.exceptions import PermissionDenied  # noqa: F401  (callers catch workflow.PermissionDenied)
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from transitions.machine import Machine, Messages, Move, TransitionError

from . import access, duties, eligibility, notifications, tallies
from .models import Initiative, Status, StatusChange

__all__ = ["MOVES", "Move", "TransitionError", "apply", "available_actions", "may", "roles_on"]

AUTHOR, OFFICER, DISTRICT = "author", "officer", "district"
# The district may also return or reject what a branch has already approved or it has verified.
AFTER_THE_BRANCH = ((DISTRICT, (Status.BRANCH_APPROVED, Status.DISTRICT_VERIFIED)),)


# --- what moves check and change ---------------------------------------------------------------------------------

def eligible(step):
    problems = eligibility.check(step.current)
    if problems:
        raise TransitionError(
            _("The initiative does not yet meet the programme's conditions: %(problems)s")
            % {"problems": " ".join(p.message for p in problems)},
            problems,
        )


def attested(step):
    if not (step.inputs.get("novelty_confirmed") and step.inputs.get("lawful_confirmed")):
        raise TransitionError(
            _(
                "To approve, attest both that the initiative is new within the unit and that its content is "
                "not against public order or social morals."
            )
        )


def first_submission(step):
    if step.current.submitted_at is None:
        step.change(submitted_at=timezone.now())


def dated_sending(step):
    sent_date = step.inputs.get("sent_date") or timezone.localdate()
    if sent_date > timezone.localdate():
        raise TransitionError(_("The date sent cannot be after today."))
    step.change(sent_to_province_date=sent_date)


def repeated_original(step):
    """The earlier initiative this one repeats: another one, which the user may see."""
    duplicate_of = step.inputs.get("duplicate_of")
    original_id = getattr(duplicate_of, "pk", duplicate_of)
    original = (
        access.initiatives_for(step.user).exclude(pk=step.current.pk).filter(pk=original_id).first()
        if original_id else None
    )
    if original is None:
        raise TransitionError(
            _("Give the number of the initiative it repeats: another initiative that you can see.")
            if not original_id
            else _("No other initiative number %(number)s is within what you can see.") % {"number": original_id}
        )
    step.change(duplicate_of=original)


def reopened(step):
    step.change(sent_to_province_date=None, duplicate_of=None)


MOVES = {
    move.action: move
    for move in (
        Move("submit", gettext_lazy("Submit to the branch"), (Status.DRAFT, Status.RETURNED), Status.SUBMITTED,
             (AUTHOR, OFFICER), checks=(eligible, first_submission)),
        Move("return", gettext_lazy("Return for completion"), (Status.SUBMITTED,), Status.RETURNED,
             (OFFICER, DISTRICT), needs_comment=True, inputs=("comment",), also_from=AFTER_THE_BRANCH,
             admin_label=gettext_lazy("Return the selected initiatives for completion")),
        Move("approve", gettext_lazy("Approve"), (Status.SUBMITTED,), Status.BRANCH_APPROVED, (OFFICER,),
             inputs=("novelty_confirmed", "lawful_confirmed"), checks=(attested, eligible),
             admin_label=gettext_lazy("Approve the selected initiatives (with attestation)")),
        Move("reject", gettext_lazy("Reject"), (Status.SUBMITTED,), Status.REJECTED, (OFFICER, DISTRICT),
             needs_comment=True, inputs=("comment",), also_from=AFTER_THE_BRANCH,
             admin_label=gettext_lazy("Reject the selected initiatives")),
        Move("verify", gettext_lazy("Verify"), (Status.BRANCH_APPROVED,), Status.DISTRICT_VERIFIED, (DISTRICT,),
             checks=(eligible,), admin_label=gettext_lazy("Verify the selected initiatives (district)")),
        Move("send", gettext_lazy("Send to the province"), (Status.DISTRICT_VERIFIED,), Status.SENT_TO_PROVINCE,
             (DISTRICT,), inputs=("sent_date",), checks=(dated_sending, eligible),
             admin_label=gettext_lazy("Send the selected initiatives to the province (district)")),
        Move("reopen", gettext_lazy("Reopen"), (Status.REJECTED,), Status.RETURNED, (DISTRICT,), inputs=("comment",),
             checks=(reopened,), admin_label=gettext_lazy("Reopen the selected rejected initiatives (district)")),
        # Not recognised because it repeats an earlier initiative (issue 16): the number of that one is recorded.
        Move("mark_duplicate", gettext_lazy("Mark as a duplicate"), (Status.SUBMITTED,), Status.REJECTED,
             (OFFICER, DISTRICT), needs_comment=True, inputs=("duplicate_of", "comment"), also_from=AFTER_THE_BRANCH,
             checks=(repeated_original,)),
    )
}


# --- the machine -------------------------------------------------------------------------------------------------

# Who acts in each role is a rule of `permissions`: the author side, an officer of the branch, upper-union staff
# whose subtree holds the branch.
ACTOR_PERMISSIONS = {
    AUTHOR: "initiatives.move_as_author",
    OFFICER: "initiatives.move_as_branch_officer",
    DISTRICT: "initiatives.move_as_upper_union",
}


def roles_on(user, initiative):
    return {role for role, perm in ACTOR_PERMISSIONS.items() if rules.has_perm(perm, user, initiative)}


def locked(pk):
    # One lock order everywhere: the initiative's row, then its branch's tally lock (which a form's save takes in
    # that order too, through the tally triggers). The other order deadlocked with a form's save. Only the
    # initiative's row (of=self): locking its programme's row too made every move in the portal queue on it.
    current = (Initiative.objects.select_for_update(of=("self",)).select_related("programme", "branch")
               .get(pk=pk))
    tallies.take_branch_lock(current)
    return current


def recorded(step):
    current, action = step.current, step.move.action
    # Saving again (same values) lets django-simple-history record the move in the field history.
    current._history_user = step.user
    current._change_reason = action
    current.save(update_fields=list(step.changes))
    attested_now = action == "approve"
    return StatusChange.objects.create(
        initiative=current,
        action=action,
        from_status=step.from_status,
        to_status=current.status,
        actor=step.user,
        comment=step.comment,
        novelty_confirmed=bool(step.inputs.get("novelty_confirmed")) if attested_now else False,
        lawful_confirmed=bool(step.inputs.get("lawful_confirmed")) if attested_now else False,
    )


def notified(step):
    change_id = step.history.pk
    transaction.on_commit(lambda: notifications.status_changed(change_id))


MACHINE = Machine(
    name="initiative",
    model=Initiative,
    moves=MOVES.values(),
    roles=roles_on,
    refusal=duties.initiative_refusal,
    lock=locked,
    record=recorded,
    after=(notified,),
    input_names=("novelty_confirmed", "lawful_confirmed", "sent_date", "duplicate_of"),
    messages=Messages(
        denied=gettext_lazy("You may not make this move on this initiative."),
        handled=gettext_lazy(
            "This initiative has already been handled by someone else: it is now “%(status)s”. "
            "Reload the page to see its present state."
        ),
        handled_again=gettext_lazy("This initiative has already been handled by someone else. Reload the page."),
        not_possible=gettext_lazy("“%(action)s” is not possible while the initiative is “%(status)s”."),
        comment=gettext_lazy("Write a comment for the author: say what is wrong and what to do."),
    ),
)

apply = MACHINE.apply
may = MACHINE.may
available_actions = MACHINE.available
sources_for = MACHINE.sources_for
