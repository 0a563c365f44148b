"""E-mails to authors about their initiative. Sent after the move has committed; a failing mail
server is logged and never undoes the move."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger("portal.audit")


def author_addresses(initiative):
    addresses = []
    for author in initiative.authors.select_related("member__user"):
        member = author.member
        email = member.email or (member.user.email if member.user_id else "")
        if email and email not in addresses:
            addresses.append(email)
    if initiative.entered_by_id and initiative.entered_by.email and initiative.entered_by.email not in addresses:
        addresses.append(initiative.entered_by.email)
    return addresses


def status_changed(change_id):
    from .models import StatusChange

    change = StatusChange.objects.select_related("initiative__entered_by", "initiative__branch", "actor").get(
        pk=change_id
    )
    initiative = change.initiative
    recipients = author_addresses(initiative)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"change": change, "initiative": initiative, "status": change.get_to_status_display()}
        subject = render_to_string("initiatives/email/status_changed_subject.txt", context).strip()
        body = render_to_string("initiatives/email/status_changed.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # the move stands; the mail can be resent
        logger.exception("mail about initiative %s failed", initiative.pk)
