"""The audit log: every login, failed login, lock-out, unlock, logout and refused access, one line each; and every
change a service makes on someone's behalf, as a row of the one audit table (`AuditEvent`) and a line.

Written to the logger "portal.audit" as `audit event=... user="..." ip="..." at=...Z method=... path="..."`,
with the same fields in `record.audit` for structured handlers. Times are UTC; text typed by the client
(user names, paths) is JSON-quoted so that it cannot forge a line of its own.
"""

import json
import logging
from datetime import UTC

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import DatabaseError
from django.dispatch import receiver
from django.utils import timezone

from .client_ip import client_ip

logger = logging.getLogger("portal.audit")

LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOCKED_OUT = "locked_out"
LOGOUT = "logout"
ACCESS_REFUSED = "access_refused"
UNLOCKED = "unlocked"

MAX_FIELD = 200


def _clip(value):
    text = "" if value is None else str(value)
    return text[:MAX_FIELD]


def _username_of(user):
    try:
        if user is None or not user.is_authenticated:
            return "anonymous"
        return user.get_username()
    except DatabaseError:  # the session's user could not be loaded: say so rather than fail the response
        return "unknown"


def record(event, request=None, *, user=None, username=None, **details):
    """Write one audit line. `username` (as typed) wins over `user`; both default to the request's user."""
    if username is None:
        if user is None and request is not None:
            user = getattr(request, "user", None)
        username = _username_of(user)
    fields = {
        "event": event,
        "user": _clip(username),
        "ip": client_ip(request) if request is not None else None,
        "at": timezone.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "method": request.method if request is not None else None,
        "path": _clip(request.get_full_path()) if request is not None else None,
    }
    fields.update({key: _clip(value) for key, value in details.items()})
    text = " ".join(
        f"{key}={value}" if key in ("event", "at", "method") else f"{key}={json.dumps(value)}"
        for key, value in fields.items()
        if value is not None
    )
    logger.info("audit %s", text, extra={"audit": fields})
    return fields


def record_change(action, target, *, user, **details):
    """Write the audit row of a change `user` made to `target` (a saved model instance), in the change's own
    transaction, and its log line. `action` is "<subject>.<verb>"; `details` are what the change was (JSON)."""
    from .models import AuditEvent

    event = AuditEvent.objects.create(
        actor=user if user is not None and user.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=target.pk,
        details=details,
    )
    record(action, user=user, target=f"{event.target_type}#{event.target_id}", **details)
    return event


@receiver(user_logged_in, dispatch_uid="portal_audit_login")
def _logged_in(sender, request, user, **kwargs):
    record(LOGIN, request, user=user)


@receiver(user_login_failed, dispatch_uid="portal_audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    record(LOGIN_FAILED, request, username=credentials.get("username", ""))


@receiver(user_locked_out, dispatch_uid="portal_audit_locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    record(LOCKED_OUT, request, username=username or "")


@receiver(user_logged_out, dispatch_uid="portal_audit_logout")
def _logged_out(sender, request, user, **kwargs):
    record(LOGOUT, request, user=user)


def refused(request, reason):
    """A request turned away (403, or the admin sending a signed-in user back to its login); logged once."""
    if getattr(request, "_audit_refusal_logged", False):
        return
    request._audit_refusal_logged = True
    record(ACCESS_REFUSED, request, reason=reason)
