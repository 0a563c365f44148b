"""Writing initiatives: saving what a member or officer typed, with authors and attachments.
Status never changes here; that is `workflow.apply`. Novelty (similar initiatives) is `similarity`."""
import uuid
from dataclasses import dataclass
from decimal import Decimal

import rules
from django.db import IntegrityError, transaction

from portal_security import audit
from portal_security.conflicts import retry_on_conflict

from . import attachments, permissions, programmes
from .models import Attachment, Initiative, InitiativeAuthor, Member


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


@dataclass(frozen=True)
class AuthorLine:
    """One author as listed on the form, in the listed order: `id` names an author row of this initiative that is
    kept (its member or share may change); a line without one is a new author."""

    member: Member
    share_percent: Decimal
    is_lead: bool = False
    id: int | None = None


def save_initiative(*, user, values, authors, initiative=None, new_files=(), kept_attachment_ids=(),
                    attachment_changes=(), seen_version="", form_token=""):
    """Save an initiative as `user`: `values` are the model fields typed ({name: value}), `authors` the full list
    of AuthorLine in order (authors not listed are removed); attach the uploaded files ([(file, mime, kind)]) and
    those kept from an earlier failed post; make the changes asked for to files already attached
    ([(attachment, ("remove",) | ("replace", file, mime, kind) | ("kind", kind))]). `initiative` is the one being
    edited, None for a new one.

    An edit locks the row first (the one lock order: the initiative, then the tallies), is refused when the
    initiative changed since the form showed `seen_version` or can no longer be edited (StaleEdit), and writes only
    the fields given. `form_token`, new for each form shown, makes a second post of the same form a no-op
    (AlreadySaved)."""
    arguments = dict(user=user, values=values, authors=authors, initiative=initiative, new_files=new_files,
                     kept_attachment_ids=kept_attachment_ids, attachment_changes=attachment_changes,
                     seen_version=seen_version, form_token=form_token)
    try:
        return retry_on_conflict(_save_initiative)(**arguments)  # a deadlock rolls it back whole: run it again
    except IntegrityError:
        # Two posts of one new form at once: the database let one insert its token; this one was the other.
        replayed = Initiative.objects.filter(form_token=form_token).first() if form_token else None
        if replayed is None:
            raise
        raise AlreadySaved(replayed) from None


@transaction.atomic
def _save_initiative(*, user, values, authors, initiative, new_files, kept_attachment_ids, attachment_changes,
                     seen_version, form_token):
    if initiative is None or initiative.pk is None:
        if form_token and (replayed := Initiative.objects.filter(form_token=form_token).first()) is not None:
            raise AlreadySaved(replayed)
        initiative = Initiative(**values, entered_by=user)
        if not initiative.programme_id:  # the form sets it; else the branch's default
            initiative.programme = programmes.default_for(initiative.branch)
        permissions.require(user, "initiatives.add_initiative_to_branch", initiative.branch)
        initiative.form_token = form_token or None
        initiative._history_user = user
        initiative.save()
    else:
        current = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if is_second_post(current, form_token):
            raise AlreadySaved(current)
        editable = rules.has_perm("initiatives.change_initiative", user, current)
        if not editable or (seen_version and seen_version != version_of(current)):
            raise StaleEdit(current, editable=editable)
        moved_to = values.get("branch")
        if moved_to is not None and moved_to.pk != current.branch_id:  # a draft moved to another branch
            permissions.require(user, "initiatives.add_initiative_to_branch", moved_to)
        initiative = current
        for name, value in values.items():
            setattr(initiative, name, value)
        initiative.form_token = form_token or initiative.form_token
        initiative._history_user = user
        initiative.save(update_fields=[*values, "form_token", "updated_at"])
    save_authors(initiative, authors)
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


def save_authors(initiative, lines):
    """The authors as listed, numbered in that order: the order decides the credited author when shares tie
    (plan 1.3), so a row added below the others stays below them. Only a research topic has a lead (chủ nhiệm đề
    tài): for any other category a tick is not kept. Rows not listed are removed first, so a member taken off one
    row can be put on another."""
    existing = {author.pk: author for author in initiative.authors.all()}
    kept = {line.id for line in lines if line.id in existing}
    for pk, author in existing.items():
        if pk not in kept:
            author.delete()
    for order, line in enumerate(lines):
        author = existing.get(line.id) if line.id in kept else None
        wanted = (line.member.pk, Decimal(line.share_percent), bool(line.is_lead and initiative.is_research), order)
        if author is not None and (author.member_id, author.share_percent, author.is_lead, author.order) == wanted:
            continue
        author = author or InitiativeAuthor(initiative=initiative)
        author.member, author.share_percent, author.is_lead, author.order = line.member, *wanted[1:]
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
