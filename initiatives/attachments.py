"""Changing an initiative's files before it is submitted: add one with its kind, change a file's kind, remove
one, replace one. Every change goes through here, from the site's form and from the admin alike.

Who: the initiative's author side (who entered it, its authors) and its branch's officers, while it is a draft or
returned (the rule "initiatives.change_initiative" of `permissions`); anyone else gets PermissionDenied. A removed
or replaced file is never deleted: its row keeps who removed it, when, and the file that replaced it, so the
history shows it.
"""

import logging

from django.db import transaction
from django.utils import timezone

from . import permissions
from .models import Attachment

audit = logging.getLogger("portal.audit")


def _current(attachment):
    """The row as stored now, locked: of two people removing the same file at once, one does it."""
    return Attachment.every.select_for_update(of=("self",)).select_related("initiative").get(pk=attachment.pk)


@transaction.atomic
def do_add_attachment(*, initiative, uploaded, mime, kind, acting_user):
    permissions.require(acting_user, "initiatives.change_initiative", initiative)
    return _store(initiative, uploaded, mime, kind, acting_user)


def _store(initiative, uploaded, mime, kind, user):
    if kind not in Attachment.Kind.values:
        kind = Attachment.Kind.OTHER
    return Attachment.objects.create(
        initiative=initiative, kind=kind, file=uploaded, original_name=uploaded.name[:255],
        content_type=mime, size=uploaded.size, uploaded_by=user,
    )


@transaction.atomic
def do_set_attachment_kind(*, attachment, kind, acting_user):
    current = _current(attachment)
    permissions.require(acting_user, "initiatives.change_initiative", current.initiative)
    if kind in Attachment.Kind.values and current.removed_at is None and current.kind != kind:
        current.kind = kind
        current.save(update_fields=["kind"])
    return current


@transaction.atomic
def do_remove_attachment(*, attachment, acting_user, replaced_by=None):
    """Take the file off the initiative; the row and the stored file stay for the history."""
    current = _current(attachment)
    permissions.require(acting_user, "initiatives.change_initiative", current.initiative)
    if current.removed_at is not None:
        return current  # already removed (by the other of two people acting at once)
    current.removed_at = timezone.now()
    current.removed_by = acting_user
    current.replaced_by = replaced_by
    current.save(update_fields=["removed_at", "removed_by", "replaced_by"])
    audit.info(
        'attachment_removed initiative=%s attachment=%s name="%s" user="%s" replaced_by=%s',
        current.initiative_id, current.pk, current.original_name, acting_user.get_username(),
        replaced_by.pk if replaced_by else "-",
    )
    return current


@transaction.atomic
def do_replace_attachment(*, attachment, uploaded, mime, acting_user, kind=None):
    """A new file in place of `attachment`, of the same kind unless told otherwise; the old one is removed."""
    current = _current(attachment)
    permissions.require(acting_user, "initiatives.change_initiative", current.initiative)
    new = _store(current.initiative, uploaded, mime, kind or current.kind, acting_user)
    do_remove_attachment(attachment=current, acting_user=acting_user, replaced_by=new)
    return new


def removed_attachments(initiative):
    """The files taken off the initiative, oldest first, for its history."""
    return list(
        Attachment.every.filter(initiative=initiative, removed_at__isnull=False)
        .select_related("removed_by", "replaced_by")
        .order_by("removed_at", "pk")
    )
