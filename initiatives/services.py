"""Writing initiatives: saving what a member or officer typed, with authors and attachments.
Status never changes here; that is `workflow.apply`. Novelty (similar initiatives) is `similarity`."""
from django.db import transaction

from . import attachments
from .models import Attachment, Programme, Status


@transaction.atomic
def save_initiative(*, form, formset, user, new_files=(), kept_attachment_ids=(), attachment_changes=()):
    """Save a valid InitiativeForm and AuthorFormSet; attach uploaded and kept files; make the changes asked for
    to the files already attached ([(attachment, AttachmentEditForm.changes())])."""
    initiative = form.save(commit=False)
    if initiative.pk is None:
        initiative.entered_by = user
        initiative.programme = Programme.current()
    initiative._history_user = user
    initiative.save()
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


def delete_draft(initiative):
    """Delete a draft that was never submitted; the model refuses anything else (ProtectedError)."""
    if initiative.status != Status.DRAFT:
        raise ValueError("Only a draft can be deleted; a submitted initiative is only ever rejected.")
    initiative.delete()
