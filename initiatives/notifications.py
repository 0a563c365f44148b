"""Every e-mail the portal sends is built here.

One message per recipient (co-authors and officers never see each other's addresses), plain text rendered without
HTML escaping (the "mail" template engine), a subject on one line, and a link to the page concerned as an absolute
address from settings.SITE_URL. Built after the change has committed and handed to the outbox (jobs.outbox): a
row per message, sent by a Celery worker (at once, without a broker), kept and tried again with growing pauses
while the mail server is down; a failing mail server never undoes what was done.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from jobs import outbox

logger = logging.getLogger("portal.audit")

MAX_SUBJECT = 150


def absolute_url(path):
    """`path` (from reverse()) as an address a mail reader can open."""
    return settings.SITE_URL + path


def one_line(text):
    """A header value: every run of white space, line breaks included, becomes one space."""
    line = " ".join(str(text).split())
    return line if len(line) <= MAX_SUBJECT else line[: MAX_SUBJECT - 1] + "…"


def _unique(addresses):
    seen, result = set(), []
    for address in addresses:
        address = (address or "").strip()
        if address and address.lower() not in seen:
            seen.add(address.lower())
            result.append(address)
    return result


def _is_actor(address, change):
    return change.actor_id is not None and address.lower() == (change.actor.email or "").lower()


def render(template_name, context):
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(template_name, context, using="mail")


def send_each(recipients, *, subject_template, body_template, context, about=""):
    """One message to each address, through the outbox (jobs.outbox): a row per message, sent by a worker (or at
    once without a broker) and tried again while the mail server is down; returns how many were queued."""
    recipients = _unique(recipients)
    if not recipients:
        return 0
    subject = one_line(render(subject_template, context))
    body = render(body_template, context)
    return len(outbox.queue([(address, subject, body) for address in recipients], about=about))


# -- who is told ----------------------------------------------------------------------------------------------


def author_addresses(initiative):
    addresses = []
    for author in initiative.authors.select_related("member__user"):
        member = author.member
        addresses.append(member.email or (member.user.email if member.user_id else ""))
    if initiative.entered_by_id:
        addresses.append(initiative.entered_by.email)
    return _unique(addresses)


def branch_officer_addresses(branch_id):
    users = get_user_model().objects.filter(officer_of__pk=branch_id, is_active=True)
    return _unique(users.values_list("email", flat=True))


def district_office_addresses():
    from .access import DISTRICT_OFFICE

    users = get_user_model().objects.filter(is_active=True).filter(Q(groups__name=DISTRICT_OFFICE))
    return _unique(users.values_list("email", flat=True).distinct())


# -- what they are told ---------------------------------------------------------------------------------------


def status_changed(change_id):
    """The authors hear of every move; the reviewers of the moves that leave work for them."""
    from .models import Status, StatusChange

    change = StatusChange.objects.select_related("initiative__entered_by", "initiative__branch", "actor").get(
        pk=change_id
    )
    initiative = change.initiative
    context = {
        "change": change,
        "initiative": initiative,
        "status": change.get_to_status_display(),
        "url": absolute_url(reverse("initiative-detail", args=[initiative.pk])),
        "todo_url": absolute_url(reverse("todo")),
    }
    send_each(
        author_addresses(initiative),
        subject_template="initiatives/email/status_changed_subject.txt",
        body_template="initiatives/email/status_changed.txt",
        context=context,
        about=f"about initiative {initiative.pk}",
    )
    if change.to_status == Status.SUBMITTED:
        context["resubmitted"] = change.from_status == Status.RETURNED
        send_each(
            # An officer who submitted it for a member knows already.
            [a for a in branch_officer_addresses(initiative.branch_id) if not _is_actor(a, change)],
            subject_template="initiatives/email/to_review_subject.txt",
            body_template="initiatives/email/to_review.txt",
            context=context,
            about=f"to the officers about initiative {initiative.pk}",
        )
    elif change.to_status == Status.BRANCH_APPROVED:
        send_each(
            district_office_addresses(),
            subject_template="initiatives/email/to_verify_subject.txt",
            body_template="initiatives/email/to_verify.txt",
            context=context,
            about=f"to the district office about initiative {initiative.pk}",
        )


def membership_requested(request_id):
    """A member asked to join a branch: its officers confirm or refuse the request."""
    from .models import MembershipRequest

    request_obj = MembershipRequest.objects.select_related("branch", "user").get(pk=request_id)
    context = {
        "request": request_obj,
        "url": absolute_url(reverse("admin:initiatives_membershiprequest_changelist") + "?state__exact=pending"),
        "todo_url": absolute_url(reverse("todo")),
    }
    send_each(
        branch_officer_addresses(request_obj.branch_id),
        subject_template="initiatives/email/membership_requested_subject.txt",
        body_template="initiatives/email/membership_requested.txt",
        context=context,
        about=f"about membership request {request_obj.pk}",
    )


def registration_link(address, *, full_name, url, days):
    """Step one of a registration with a new address: the link to choose a password and finish."""
    send_each(
        [address],
        subject_template="initiatives/email/registration_link_subject.txt",
        body_template="initiatives/email/registration_link.txt",
        context={"full_name": full_name, "url": url, "days": days},
        about="with a registration link",
    )


def registration_for_a_known_address(user):
    """Someone registered with an address that has an account: its owner is told, and nobody else learns it."""
    send_each(
        [user.email],
        subject_template="initiatives/email/registration_known_address_subject.txt",
        body_template="initiatives/email/registration_known_address.txt",
        context={
            "user": user,
            "login_url": absolute_url(reverse("login")),
            "reset_url": absolute_url(reverse("password_reset")),
        },
        about="about a registration with a known address",
    )
