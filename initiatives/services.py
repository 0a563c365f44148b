"""Writing initiatives: saving what a member or officer typed, with authors and attachments.
Status never changes here; that is `workflow.apply`. Novelty (similar initiatives) is `similarity`."""
import uuid

import rules
from django.db import IntegrityError, transaction

from portal_security import audit
from portal_security.conflicts import retry_on_conflict

from . import attachments, permissions, programmes
from .models import Attachment, Initiative


class AlreadySaved(Exception):  # noqa: N818  (not an error: the form was posted twice)
    """The same form was posted again (a double click, a network retry): its first post already saved it."""

    def __init__(self, initiative):
        super().__init__(initiative.pk)
        self.initiative = initiative


class StaleEdit(Exception):  # noqa: N818
    """The initiative changed (a move, another person's save) since the form was opened; nothing was saved."""

    def __init__(self, current, *, editable):
        super().__init__(current.pk)
        self.current = current
        self.editable = editable
        self.version = version_of(current)


def version_of(initiative):
    """The token of the initiative's present state, kept in the form as a hidden field: every save and every move
    changes `updated_at`."""
    return initiative.updated_at.isoformat() if initiative.updated_at else ""


def is_second_post(initiative, posted_token):
    """Whether `posted_token` is that of the form that last saved `initiative` (the same form posted again)."""
    try:
        return initiative.form_token is not None and initiative.form_token == uuid.UUID(posted_token or "")
    except ValueError:
        return False


def owned_fields(form):
    """The model fields the form edits (never the status or anything else the workflow owns)."""
    concrete = {f.name for f in Initiative._meta.concrete_fields}
    return [name for name, field in getattr(form, "fields", {}).items() if name in concrete and not field.disabled]


def save_initiative(*, form, formset, user, new_files=(), kept_attachment_ids=(), attachment_changes=(),
                    seen_version="", form_token=""):
    """Save a valid InitiativeForm and AuthorFormSet; attach uploaded and kept files; make the changes asked for
    to the files already attached ([(attachment, AttachmentEditForm.changes())]).

    An edit locks the row first (the one lock order: the initiative, then the tallies), is refused when the
    initiative changed since the form showed `seen_version` or can no longer be edited (StaleEdit), and writes only
    the fields the form owns. `form_token`, new for each form shown, makes a second post of the same form a no-op
    (AlreadySaved)."""
    instance = getattr(form, "instance", None)
    was_new = instance is not None and instance.pk is None

    @retry_on_conflict  # outside the transaction: a deadlock rolls it back whole, and it runs again
    def attempt():
        if was_new:  # a rolled-back insert left its key on the instance
            instance.pk, instance._state.adding = None, True
        return _save_initiative(form=form, formset=formset, user=user, new_files=new_files,
                                kept_attachment_ids=kept_attachment_ids, attachment_changes=attachment_changes,
                                seen_version=seen_version, form_token=form_token)

    try:
        return attempt()
    except IntegrityError:
        # Two posts of one new form at once: the database let one insert its token; this one was the other.
        replayed = Initiative.objects.filter(form_token=form_token).first() if form_token else None
        if replayed is None:
            raise
        raise AlreadySaved(replayed) from None


@transaction.atomic
def _save_initiative(*, form, formset, user, new_files, kept_attachment_ids, attachment_changes, seen_version,
                     form_token):
    initiative = form.save(commit=False)
    if initiative.pk is None and form_token:
        replayed = Initiative.objects.filter(form_token=form_token).first()
        if replayed is not None:
            raise AlreadySaved(replayed)
    if initiative.pk is not None:
        current = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if is_second_post(current, form_token):
            raise AlreadySaved(current)
        editable = rules.has_perm("initiatives.change_initiative", user, current)
        if not editable or (seen_version and seen_version != version_of(current)):
            raise StaleEdit(current, editable=editable)
    if form_token:
        initiative.form_token = form_token
    initiative._history_user = user
    if initiative.pk is None:
        initiative.entered_by = user
        if initiative.programme_id is None:  # the form sets it; else the branch's default
            initiative.programme = programmes.default_for(initiative.branch)
        initiative.save()
    else:
        initiative.save(update_fields=[*owned_fields(form), "form_token", "updated_at"])
    formset.instance = initiative
    save_authors(initiative, formset)
    initiative.refresh_credit_and_search()
    claim_attachments(initiative, user, kept_attachment_ids)
    for uploaded, mime, kind in new_files:
        attachments.do_add_attachment(initiative=initiative, uploaded=uploaded, mime=mime, kind=kind, acting_user=user)
    for attachment, change in attachment_changes:
        if change[0] == "remove":
            attachments.do_remove_attachment(attachment=attachment, acting_user=user)
        elif change[0] == "replace":
            _verb, uploaded, mime, kind = change
            attachments.do_replace_attachment(
                attachment=attachment, uploaded=uploaded, mime=mime, kind=kind, acting_user=user
            )
        elif change[0] == "kind":
            attachments.do_set_attachment_kind(attachment=attachment, kind=change[1], acting_user=user)
    return initiative


def save_authors(initiative, formset):
    """The authors as listed on the form, numbered in that order: the order decides the credited author when
    shares tie (plan 1.3), so a row added below the others stays below them. Only a research topic has a lead
    (chủ nhiệm đề tài): for any other category a tick left on a row is not kept."""
    changed = {id(author) for author in formset.save(commit=False)}  # new and edited rows
    if not initiative.is_research:
        for form in formset.forms:
            if form.instance.is_lead:
                form.instance.is_lead = False
                changed.add(id(form.instance))
    for removed in formset.deleted_objects:
        removed.delete()
    deleted = set(map(id, formset.deleted_forms))
    listed = [f.instance for f in formset.forms
              if id(f) not in deleted and (f.instance.pk is not None or id(f.instance) in changed)]
    for order, author in enumerate(listed):
        if id(author) in changed or author.order != order:
            author.initiative, author.order = initiative, order
            author.save()


def store_attachment(initiative, user, uploaded, mime, kind):
    """Store an uploaded file under a random name; `initiative` may be None while its form has errors."""
    return Attachment.objects.create(
        initiative=initiative, kind=kind, file=uploaded, original_name=uploaded.name[:255],
        content_type=mime, size=uploaded.size, uploaded_by=user,
    )


def claim_attachments(initiative, user, attachment_ids):
    """Attach files this user uploaded with an earlier, failed post of the same form."""
    if attachment_ids:
        Attachment.objects.filter(pk__in=attachment_ids, uploaded_by=user, initiative__isnull=True).update(
            initiative=initiative
        )


def pending_attachments(user, attachment_ids):
    return list(Attachment.objects.filter(pk__in=attachment_ids, uploaded_by=user, initiative__isnull=True))


def delete_draft(*, initiative, user):
    """Delete a draft that was never submitted, as `user` (its author side or its branch's officer); the model
    refuses anything else (ProtectedError). An audit row keeps who deleted which."""
    permissions.require(user, "initiatives.delete_initiative", initiative)
    with transaction.atomic(durable=True):
        audit.record_change("initiative.delete", initiative, user=user, title=initiative.title)
        initiative.delete()
