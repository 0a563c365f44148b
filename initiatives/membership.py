"""Joining the roster: self-registration, and the officer's confirmation or refusal.

Registration never tells a visitor whether an address has an account: `start_registration` writes to the address
typed, either a link to finish (a new address) or a word to the account's owner (a known one), and the page says
the same in both cases. The link carries what was typed, signed and dated (no secret, nothing stored): the account
is created only when the owner of the address opens it and chooses a password (`finish_registration`).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal_security import audit

from . import access, notifications, permissions
from .models import Branch, Member, MembershipRequest

REGISTRATION_SALT = "initiatives.membership.registration"
REGISTRATION_LINK_DAYS = 3
FIELDS = ("username", "full_name", "email", "phone", "position", "branch")


class RegistrationLinkError(Exception):
    """The link is broken, expired or already used; the message is for people."""


def start_registration(*, username, full_name, email, branch, phone="", position=""):
    """Write to `email`: the link to finish, or (an account uses it already) a word to its owner."""
    user_model = get_user_model()
    existing = user_model.objects.filter(email__iexact=email, is_active=True).order_by("pk").first()
    if existing is not None:
        notifications.registration_for_a_known_address(existing)
        return
    token = signing.dumps(
        {"username": username, "full_name": full_name.strip(), "email": email, "phone": phone,
         "position": position, "branch": branch.pk},
        salt=REGISTRATION_SALT, compress=True,
    )
    notifications.registration_link(
        email, full_name=full_name, url=notifications.absolute_url(reverse("register-finish", args=[token])),
        days=REGISTRATION_LINK_DAYS,
    )


def read_registration(token):
    """What was typed at step one, or RegistrationLinkError."""
    try:
        data = signing.loads(token, salt=REGISTRATION_SALT, max_age=REGISTRATION_LINK_DAYS * 24 * 3600)
    except signing.SignatureExpired as error:
        raise RegistrationLinkError(_("This link has expired. Register again to receive a new one.")) from error
    except signing.BadSignature as error:
        raise RegistrationLinkError(_("This link is not valid. Copy the whole link from the e-mail.")) from error
    if not isinstance(data, dict) or set(data) != set(FIELDS):
        raise RegistrationLinkError(_("This link is not valid. Copy the whole link from the e-mail."))
    user_model = get_user_model()
    if user_model.objects.filter(email__iexact=data["email"]).exists():
        raise RegistrationLinkError(_("This link was already used: the account exists. Log in."))
    if user_model.objects.filter(username__iexact=data["username"]).exists():
        raise RegistrationLinkError(
            _("Someone took the user name “%(username)s” meanwhile. Register again with another one.")
            % {"username": data["username"]}
        )
    branch = Branch.objects.filter(pk=data["branch"], is_active=True).first()
    if branch is None:
        raise RegistrationLinkError(_("This branch no longer takes registrations. Register again."))
    return {**data, "branch": branch}


def finish_registration(token, *, password):
    """Create the account from a valid link and its pending request. Never grants staff access or any role
    beyond `member`. The branch's officers are told once it has committed."""
    with transaction.atomic(durable=True):
        return _finish_registration(token, password=password)


def _finish_registration(token, *, password):
    data = read_registration(token)
    full_name = data["full_name"]
    parts = full_name.rsplit(" ", 1)
    user = get_user_model()(
        username=data["username"], email=data["email"], is_staff=False, is_superuser=False,
        first_name=parts[1] if len(parts) == 2 else full_name, last_name=parts[0] if len(parts) == 2 else "",
    )
    user.set_password(password)
    user.save()
    user.groups.set([Group.objects.get_or_create(name=access.MEMBER)[0]])
    request_obj = MembershipRequest.objects.create(
        user=user,
        branch=data["branch"],
        full_name=full_name,
        position=data["position"],
        phone=data["phone"],
    )
    audit.record_change("membership.request", request_obj, user=user, branch=request_obj.branch_id)
    transaction.on_commit(lambda: notifications.membership_requested(request_obj.pk))  # its officers confirm it
    return request_obj


@transaction.atomic  # not durable: the admin's change page confirms inside its own transaction
def confirm_request(request_obj, *, acting_user, member=None):
    """Link the account to `member` (or the request's chosen roster entry, or a new one)."""
    permissions.require(acting_user, "initiatives.change_membershiprequest", request_obj)
    member = member or request_obj.member
    if member is not None and member.branch_id != request_obj.branch_id:
        raise PermissionDenied(_("The roster entry belongs to another branch."))
    if member is None:
        member = Member.objects.create(
            full_name=request_obj.full_name,
            branch=request_obj.branch,
            position=request_obj.position,
            phone=request_obj.phone,
            email=request_obj.user.email,
        )
    member.user = request_obj.user
    if not member.email:
        member.email = request_obj.user.email
    member.save()
    request_obj.member = member
    _decided(request_obj, MembershipRequest.State.CONFIRMED, acting_user, member=member.pk)
    return member


def refuse_request(request_obj, *, acting_user):
    permissions.require(acting_user, "initiatives.change_membershiprequest", request_obj)
    with transaction.atomic(durable=True):
        _decided(request_obj, MembershipRequest.State.REFUSED, acting_user)


def _decided(request_obj, state, acting_user, **details):
    request_obj.state = state
    request_obj.decided_at = timezone.now()
    request_obj.decided_by = acting_user
    request_obj.save()
    verb = "confirm" if state == MembershipRequest.State.CONFIRMED else "refuse"
    audit.record_change(f"membership.{verb}", request_obj, user=acting_user, **details)
