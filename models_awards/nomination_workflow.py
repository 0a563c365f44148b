"""Every move of an exemplar nomination goes through `apply` (DESIGN section 6).

draft → proposed (the branch's officer, or the district) → shortlisted → selected → proposed upward
(provincial federation, national federation or provincial People's Committee) → recognised; the district
may decline at any step from proposed on, with a reason, and reopen a declined nomination. The officer
may withdraw a proposal to complete it. Each move writes a NominationMove (who, when, from, to, comment).
"""

import rules
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives import duties
from portal_security import audit
from transitions.machine import Machine, Messages, Move, TransitionError

from .models import EXEMPLAR_STATUSES, Candidate, Nomination, NominationMove, NominationStatus, UpwardLevel

__all__ = ["MOVES", "Move", "TransitionError", "apply", "available_moves", "may",
           "set_published"]

OFFICER, DISTRICT = "officer", "district"
S = NominationStatus


# --- what moves check and change ---------------------------------------------------------------------------------

def complete(step):
    problems = completeness_problems(step.current)
    if problems:
        raise TransitionError(_("The nomination is not complete yet: %(problems)s") % {"problems": " ".join(problems)})


def leveled(step):
    level = step.inputs.get("level") or ""
    if level not in UpwardLevel.values:
        raise TransitionError(_("Choose the body the nomination is proposed to."))
    step.change(upward_level=level)


def declined(step):
    step.change(decline_reason=step.comment)


def reopened(step):
    step.change(decline_reason="", upward_level="")


def unpublished_unless_exemplar(step):
    if step.move.target not in EXEMPLAR_STATUSES:
        step.change(is_published=False)  # only exemplars are ever shown to the public


def before_the_panel(step):
    """What a shortlisted nomination rests on goes before the scoring panel."""
    current = step.current
    for initiative_id in current.initiatives.values_list("pk", flat=True):
        Candidate.objects.get_or_create(
            year=current.year, initiative_id=initiative_id, defaults={"added_by": step.user}
        )


MOVES = {
    move.action: move
    for move in (
        Move("propose", gettext_lazy("Propose to the district"), (S.DRAFT,), S.PROPOSED, (OFFICER, DISTRICT),
             checks=(complete,), admin_label=gettext_lazy("Propose the selected nominations to the district")),
        Move("withdraw", gettext_lazy("Withdraw to complete"), (S.PROPOSED,), S.DRAFT, (OFFICER, DISTRICT),
             admin_label=gettext_lazy("Withdraw the selected nominations to complete them")),
        Move("shortlist", gettext_lazy("Shortlist"), (S.PROPOSED,), S.SHORTLISTED, (DISTRICT,),
             after=(before_the_panel,), admin_label=gettext_lazy("Shortlist the selected nominations (district)")),
        Move("select", gettext_lazy("Select as an exemplar"), (S.SHORTLISTED,), S.SELECTED, (DISTRICT,),
             admin_label=gettext_lazy("Select the selected nominations as exemplars (district)")),
        Move("propose_upward", gettext_lazy("Propose upward"), (S.SELECTED,), S.PROPOSED_UPWARD, (DISTRICT,),
             inputs=("level", "comment"), checks=(leveled,)),
        Move("recognise", gettext_lazy("Record as recognised"), (S.PROPOSED_UPWARD,), S.RECOGNISED, (DISTRICT,),
             admin_label=gettext_lazy("Record the selected nominations as recognised (district)")),
        Move("decline", gettext_lazy("Decline"), (S.PROPOSED, S.SHORTLISTED, S.SELECTED, S.PROPOSED_UPWARD),
             S.DECLINED, (DISTRICT,), needs_comment=True, inputs=("comment",), checks=(declined,)),
        Move("reopen", gettext_lazy("Reopen"), (S.DECLINED,), S.PROPOSED, (DISTRICT,), checks=(reopened,),
             admin_label=gettext_lazy("Reopen the selected declined nominations (district)")),
    )
}


# --- the machine -------------------------------------------------------------------------------------------------

# Who acts in each role is a rule of `permissions`: an officer of the branch, upper-union staff over it.
ACTOR_PERMISSIONS = {OFFICER: "models_awards.move_as_branch_officer", DISTRICT: "models_awards.move_as_upper_union"}


def roles_on(user, nomination):
    return {role for role, perm in ACTOR_PERMISSIONS.items() if rules.has_perm(perm, user, nomination)}


def locked(pk):
    # Lock the nomination's row only: PostgreSQL refuses FOR UPDATE over the nullable member join.
    return Nomination.objects.select_for_update(of=("self",)).select_related("branch", "member").get(pk=pk)


def recorded(step):
    return NominationMove.objects.create(
        nomination=step.current,
        action=step.move.action,
        from_status=step.from_status,
        to_status=step.current.status,
        upward_level=step.changes.get("upward_level", "") if step.move.action == "propose_upward" else "",
        comment=step.comment,
        actor=step.user,
    )


MACHINE = Machine(
    name="nomination",
    model=Nomination,
    moves=MOVES.values(),
    roles=roles_on,
    refusal=duties.nomination_refusal,
    lock=locked,
    record=recorded,
    checks=(unpublished_unless_exemplar,),
    input_names=("level",),
    messages=Messages(
        denied=gettext_lazy("You may not make this move on this nomination."),
        handled=gettext_lazy(
            "This nomination has already been handled by someone else: it is now “%(status)s”. "
            "Reload the page to see its present state."
        ),
        handled_again=gettext_lazy("This nomination has already been handled by someone else. Reload the page."),
        not_possible=gettext_lazy("“%(action)s” is not possible while the nomination is “%(status)s”."),
        comment=gettext_lazy("Write the reason, so that the branch knows why."),
    ),
)

apply = MACHINE.apply
may = MACHINE.may
available_moves = MACHINE.available


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


def set_published(nomination, publish, user):
    """The district shows an exemplar in the public showcase, or takes it out; an audit row records it (it makes a
    person's name and achievements public)."""
    if not rules.has_perm("models_awards.publish_nomination", user, nomination):
        raise PermissionDenied
    if publish and nomination.status not in EXEMPLAR_STATUSES:
        raise TransitionError(_("Only an exemplar selected by the district can be published."))
    with transaction.atomic(durable=True):
        Nomination.objects.filter(pk=nomination.pk).update(is_published=publish, updated_at=timezone.now())
        nomination.is_published = publish
        audit.record_change("nomination.publish" if publish else "nomination.unpublish", nomination, user=user)
