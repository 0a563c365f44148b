"""Joining the roster: self-registration, and the officer's confirmation or refusal."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import access, notifications
from .models import Member, MembershipRequest


@transaction.atomic
def register_member(*, form):
    """Create the account from a valid RegistrationForm and its pending request. Never grants
    staff access or any role beyond `member`."""
    user = form.save(commit=False)
    full_name = form.cleaned_data["full_name"].strip()
    parts = full_name.rsplit(" ", 1)
    user.first_name, user.last_name = (parts[1], parts[0]) if len(parts) == 2 else (full_name, "")
    user.email = form.cleaned_data["email"]
    user.is_staff = False
    user.is_superuser = False
    user.save()
    user.groups.set([Group.objects.get_or_create(name=access.MEMBER)[0]])
    request_obj = MembershipRequest.objects.create(
        user=user,
        branch=form.cleaned_data["branch"],
        full_name=full_name,
        position=form.cleaned_data.get("position", ""),
        phone=form.cleaned_data.get("phone", ""),
    )
    transaction.on_commit(lambda: notifications.membership_requested(request_obj.pk))  # its officers confirm it
    return request_obj


@transaction.atomic
def confirm_request(request_obj, *, acting_user, member=None):
    """Link the account to `member` (or the request's chosen roster entry, or a new one)."""
    if not access.membership_requests_for(acting_user).filter(pk=request_obj.pk).exists():
        raise PermissionDenied
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
    request_obj.state = MembershipRequest.State.CONFIRMED
    request_obj.decided_at = timezone.now()
    request_obj.decided_by = acting_user
    request_obj.save()
    return member


@transaction.atomic
def refuse_request(request_obj, *, acting_user):
    if not access.membership_requests_for(acting_user).filter(pk=request_obj.pk).exists():
        raise PermissionDenied
    request_obj.state = MembershipRequest.State.REFUSED
    request_obj.decided_at = timezone.now()
    request_obj.decided_by = acting_user
    request_obj.save()
