"""A status machine: its moves, declared as data, and the one way every move is made.

`Machine.apply` checks who may make the move (the machine's roles), that nobody decides in their own case (the
machine's refusal), that the row has not moved since the person saw it, that the move starts from the present
status and has the comment it needs, then runs the move's own checks (which may refuse it or add fields to write),
writes the new status with a conditional update (exactly one of two people acting at once wins, on every database),
writes the machine's history row and one audit row, and runs the move's side effects, all in one transaction
under the row's lock. A lock conflict is tried again (portal_security/conflicts.py).
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal_security import audit
from portal_security.conflicts import retry_on_conflict


class TransitionError(Exception):
    """A move that is not allowed now; the message is for people (`problems`: the details, when there are)."""

    def __init__(self, message, problems=None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []


@dataclass(frozen=True)
class Move:
    action: str
    label: str
    sources: tuple  # the statuses it starts from
    target: str
    actors: tuple  # the roles that may make it
    needs_comment: bool = False
    inputs: tuple = ()  # what the person gives with the move (the machine's input names, "comment" included)
    also_from: tuple = ()  # ((role, (status, ...)), ...): where a role may also start it from
    checks: tuple = ()  # callables(step), in order: raise TransitionError, or add to step.changes
    after: tuple = ()  # callables(step) once the move and its history are written: its side effects
    admin_label: str = ""  # the admin action's description ("... the selected ..."); empty: not an admin action


@dataclass
class Step:
    """One move in the making, as its checks and side effects see it."""

    current: Any  # the row, locked and read again
    move: Move
    user: Any
    roles: set
    comment: str
    inputs: dict
    from_status: str
    changes: dict = field(default_factory=dict)  # the fields written with the status
    history: Any = None  # the history row, once written

    def change(self, **fields):
        """Write `fields` with the status; the checks that follow already see them."""
        self.changes.update(fields)
        for name, value in fields.items():
            setattr(self.current, name, value)


@dataclass(frozen=True)
class Messages:
    """What people read when a move is refused; each names the kind of row (an initiative, a nomination)."""

    denied: str
    handled: str  # "%(status)s": the status it has now
    handled_again: str  # the conditional update found it moved meanwhile
    not_possible: str  # "%(action)s", "%(status)s"
    comment: str


class Machine:
    """`name` prefixes the audit actions ("initiative.approve"). `roles(user, row)` is the set of roles the user
    has on the row; `refusal(user, row, action, label)` says why the user may not decide in their own case, or
    None; `lock(pk)` reads the row again under its lock (and takes, after it, any lock the writes need);
    `record(step)` writes the history row and returns it; `checks` and `after` run for every move, after the
    move's own."""

    def __init__(self, *, name, model, moves, roles, refusal, lock, record, messages, input_names, checks=(),
                 after=()):
        self.name = name
        self.model = model
        self.moves = {move.action: move for move in moves}
        self.roles = roles
        self.refusal = refusal
        self.lock = lock
        self.record = record
        self.messages = messages
        self.input_names = frozenset(input_names)
        self.checks = tuple(checks)
        self.after = tuple(after)
        for move in self.moves.values():
            unknown = set(move.inputs) - self.input_names - {"comment"}
            if unknown:
                raise ValueError(f"{name}.{move.action}: unknown inputs {sorted(unknown)}")

    # --- who may -------------------------------------------------------------------------------------

    def sources_for(self, move, roles):
        sources = set(move.sources)
        for role, more in move.also_from:
            if role in roles:
                sources |= set(more)
        return sources

    def may(self, user, row, action, *, roles=None):
        """Whether `user` may make `action` on `row` in its present status (the move's own checks aside)."""
        move = self.moves.get(action)
        if move is None:
            return False
        roles = (self.roles(user, row) if roles is None else roles) & set(move.actors)
        return (bool(roles) and row.status in self.sources_for(move, roles)
                and self.refusal(user, row, action, move.label) is None)

    def available(self, user, row):
        """The moves `user` may make on `row` now, in their declared order."""
        roles = self.roles(user, row)  # once for the page, not once per move
        return [move for action, move in self.moves.items() if self.may(user, row, action, roles=roles)]

    # --- making a move -------------------------------------------------------------------------------

    def apply(self, row, action, user, *, comment="", **inputs):
        """Make `action` on `row` as `user`; returns the row as saved, and `row` itself shows the new state.

        Raises TransitionError for a move that is not allowed now (with a message for people) and PermissionDenied
        for a user who may never make it on this row."""
        unknown = set(inputs) - self.input_names
        if unknown:
            raise TypeError(f"{self.name} moves take no {', '.join(sorted(unknown))}")
        current = self._apply(row, action, user, comment=comment, inputs=inputs)
        for column in self.model._meta.concrete_fields:  # the caller's instance shows what was saved
            setattr(row, column.attname, getattr(current, column.attname))
        return current

    @retry_on_conflict  # a deadlock or serialization failure: the move is tried again, a few times
    def _apply(self, row, action, user, *, comment, inputs):
        move = self.moves.get(action)
        if move is None:
            raise TransitionError(_("Unknown action “%(action)s”.") % {"action": action})
        comment = (comment or "").strip()
        seen_status = row.status
        with transaction.atomic():
            current = self.lock(row.pk)
            roles = self.roles(user, current) & set(move.actors)
            if not roles:
                raise PermissionDenied(str(self.messages.denied))
            own_case = self.refusal(user, current, action, move.label)
            if own_case:
                raise TransitionError(own_case)
            if current.status != seen_status:
                raise TransitionError(str(self.messages.handled) % {"status": current.get_status_display()})
            if current.status not in self.sources_for(move, roles):
                raise TransitionError(
                    str(self.messages.not_possible) % {"action": move.label, "status": current.get_status_display()}
                )
            if move.needs_comment and not comment:
                raise TransitionError(str(self.messages.comment))
            step = Step(current=current, move=move, user=user, roles=roles, comment=comment, inputs=inputs,
                        from_status=current.status)
            for check in (*move.checks, *self.checks):
                check(step)
            step.change(status=move.target, updated_at=timezone.now())
            updated = self.model._default_manager.filter(pk=current.pk, status=step.from_status).update(
                **step.changes
            )
            if updated != 1:
                raise TransitionError(str(self.messages.handled_again))
            step.history = self.record(step)
            audit.record_change(f"{self.name}.{action}", current, user=user, from_status=step.from_status,
                                to_status=move.target, comment=comment)
            for hook in (*move.after, *self.after):
                hook(step)
        return current
