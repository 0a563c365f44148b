"""A machine's moves as admin actions: one per move that declares an admin label, none written by hand.

Each action is named "<move>_selected" and described by the move's `admin_label`. Who sees it is Django's own
action permissions: the roles of the move that the admin knows (`roles`), each answered by the ModelAdmin's
`has_<role>_permission(request)`. The move's rules still decide for each row when it is made (`Machine.apply`:
who may, from which status, with which comment), so an action offered to a role refuses a row that role may not
move, with the reason.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied

from .machine import TransitionError


def move_actions(machine, *, roles):
    """The admin actions of `machine`'s moves, in their declared order. Each calls the ModelAdmin's
    `make_move(request, queryset, move)`, which makes it straight away or through a page asking for its inputs."""
    actions = []
    for move in machine.moves.values():
        if not move.admin_label:
            continue

        def action(modeladmin, request, queryset, move=move):
            return modeladmin.make_move(request, queryset, move)

        action.__name__ = f"{move.action}_selected"
        allowed = [role for role in move.actors if role in roles]
        actions.append(admin.action(description=move.admin_label, permissions=allowed)(action))
    return actions


def apply_each(modeladmin, request, rows, machine, move, *, done, name_of=str, **inputs):
    """Make `move` on each of `rows`, each in its own transaction; say how many were done (`done`: a message with
    "%(action)s" and "%(count)d") and why each other one was refused. Returns how many were done."""
    count, failed = 0, []
    for row in rows:
        try:
            machine.apply(row, move.action, request.user, **inputs)
            count += 1
        except (TransitionError, PermissionDenied) as error:
            failed.append(f"{name_of(row)}: {getattr(error, 'message', None) or error}")
    if count:
        modeladmin.message_user(request, done % {"action": move.label, "count": count}, messages.SUCCESS)
    for failure in failed:
        modeladmin.message_user(request, failure, messages.ERROR)
    return count
