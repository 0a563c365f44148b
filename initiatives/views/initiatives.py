"""The initiative pages of the site: list, detail, the member's form, moves and downloads."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal_security.downloads import private_download

from .. import access, attachments, eligibility, services, similarity, uploads, workflow
from ..filters import InitiativeFilter
from ..forms.initiative import (
    AttachmentEditForm,
    AttachmentUploadForm,
    AuthorFormSet,
    InitiativeForm,
    ReviewForm,
    author_choices,
)
from ..models import Attachment, Initiative
from ..paging import LargeListPaginator
from ..selectors import initiative_detail_for, initiative_list_for, list_count
from .params import parse_id

PAGE_SIZE = 20
# Boxes whose typed value the live panel reads and may refuse as the person types: amounts and dates.
LIVE_CHECKED_FIELDS = ("economic_benefit_vnd", "recognition_date", "application_date", "research_accepted_date")


@login_required
def initiative_list(request):
    filterset = InitiativeFilter(request.GET or None, queryset=initiative_list_for(request.user), user=request.user)
    # No COUNT(*) over a million rows: the tallies' count, or the paginator's probe (paging.py).
    paginator = LargeListPaginator(filterset.qs, PAGE_SIZE, count=list_count(request.user, filterset))
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "initiatives/list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "is_member_view": access.role_of(request.user) == access.MEMBER,
        },
    )


@login_required
def initiative_detail(request, pk):
    initiative = get_object_or_404(initiative_detail_for(request.user), pk=pk)
    return _detail_page(request, initiative)


def review_form(action, data=None):
    """The inputs of one move; one form per move on the page, their ids kept apart."""
    return ReviewForm(data, move=workflow.MOVES[action], auto_id=f"id_{action}_%s")


def _detail_page(request, initiative, *, review=None, reviewed_action=None):
    """The initiative's page; `review` is the bound form of a move that was refused, shown again with what the
    reviewer typed and the errors beside the fields."""
    user = request.user
    authors = list(initiative.authors.all())
    problems = eligibility.check(initiative, authors=authors)
    timeline = list(initiative.status_changes.all())
    actions = workflow.available_actions(user, initiative)
    reviewer = rules.has_perm("initiatives.review_initiative", user, initiative)
    review_moves = []
    if reviewer:
        for move in actions:
            if move.action == "submit":  # the author side's move, offered at the top of the page
                continue
            form = review if move.action == reviewed_action else review_form(move.action)
            review_moves.append((move, list(form)))
    return render(
        request,
        "initiatives/detail.html",
        {
            "initiative": initiative,
            "authors": authors,
            "problems": problems,
            "timeline": timeline,
            "history": _history(timeline, initiative),
            "return_comment": timeline[-1].comment if timeline and initiative.status == "returned" else "",
            "can_edit": rules.has_perm("initiatives.change_initiative", user, initiative),
            "can_delete": rules.has_perm("initiatives.delete_initiative", user, initiative),
            "actions": actions,
            "review_moves": review_moves,
            "novelty": similarity.review_matches(user, initiative) if reviewer else None,
            "novelty_unread": similarity.unread_files(initiative),
            "novelty_warnings": _author_warnings(user, initiative, actions) if not reviewer else None,
            "can_mark_duplicate": any(move.action == "mark_duplicate" for move in actions),
            "notes": initiative.review_notes.select_related("author") if reviewer else None,
        },
    )


def _author_warnings(user, initiative, actions):
    """Before the author submits: what already registered looks like it."""
    if not any(move.action == "submit" for move in actions):
        return None
    return similarity.author_warnings(user, initiative, similarity.stored_text(initiative))


def _history(timeline, initiative):
    """The status moves and the files removed or replaced, in the order they happened."""
    events = [(change.created_at, "status", change) for change in timeline]
    events += [(removed.removed_at, "file", removed) for removed in attachments.removed_attachments(initiative)]
    return [{"kind": kind, "item": item} for _at, kind, item in sorted(events, key=lambda event: event[0])]


def _author_branch_ids(form, initiative):
    if initiative.pk and initiative.was_submitted:
        return [initiative.branch_id]
    chosen = form["branch"].value()
    allowed = [b.pk for b in form.fields["branch"].queryset]
    try:
        chosen = int(chosen)
    except (TypeError, ValueError):
        chosen = None
    # One branch's roster at a time: the district may reach thousands of members.
    return [chosen] if chosen in allowed else allowed[:1]


def _edit(request, initiative):
    user = request.user
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    branch_id = parse_id(request.GET.get("branch"))
    initial = {"branch": branch_id} if branch_id else None
    form = InitiativeForm(data, instance=initiative, user=user, initial=initial)
    if not form.fields["branch"].queryset.exists():
        messages.warning(
            request,
            _(
                "Your account is not yet linked to a branch roster. Your branch officer will confirm it; "
                "then you can register initiatives."
            ),
        )
        return redirect("initiative-list")
    members = author_choices(_author_branch_ids(form, initiative))
    # Only on the empty form: a posted row equal to its initial value would count as unchanged and not be saved.
    first_author = _first_author(user, initiative, members) if data is None else None
    formset = AuthorFormSet(data, instance=initiative, members=members, prefix="authors", initial=first_author)
    upload_form = AttachmentUploadForm(data, files, prefix="upload")
    attachment_forms = [
        AttachmentEditForm(data, files, attachment=attachment) for attachment in initiative.attachments.all()
    ] if initiative.pk else []
    kept_ids = [i for i in map(parse_id, request.POST.getlist("kept_attachment")) if i] if data else []

    if request.method == "POST":
        valid = form.is_valid() & formset.is_valid() & upload_form.is_valid()
        valid &= all([attachment_form.is_valid() for attachment_form in attachment_forms])
        new_files = upload_form.accepted_with_kinds()
        saved = None
        refusal = None
        moved_on = initiative.pk and not rules.has_perm("initiatives.change_initiative", user, initiative)
        if moved_on and not services.is_second_post(initiative, request.POST.get("form_token")):
            refusal = _stale_edit_message(services.StaleEdit(initiative, editable=False))
            form.add_error(None, refusal)
            valid = False
        if valid:
            try:
                saved = services.save_initiative(  # its own transaction, tried again after a deadlock
                    user=user,
                    initiative=initiative,
                    values=form.typed_values(),
                    authors=formset.lines(),
                    new_files=new_files,
                    kept_attachment_ids=kept_ids,
                    attachment_changes=[
                        (f.attachment, f.changes()) for f in attachment_forms if f.changes() is not None
                    ],
                    seen_version=form.cleaned_data.get("version", ""),
                    form_token=form.cleaned_data.get("form_token", ""),
                )
            except services.AlreadySaved as done:  # the same form posted twice: the first post did it all
                return redirect("initiative-detail", pk=done.initiative.pk)
            except services.StaleEdit as stale:
                refusal = _stale_edit_message(stale)
                form.add_error(None, refusal)
                form.data = form.data.copy()
                form.data["version"] = stale.version  # saving again now is a deliberate choice
            except OSError:  # a full disk: the transaction is undone, the form shown again as typed
                upload_form.add_error(None, uploads.DISK_FULL_MESSAGE)
                new_files = []
        if saved is not None:
            if "submit" in request.POST:
                try:
                    workflow.apply(saved, "submit", user)
                    messages.success(request, _("The initiative is submitted to your branch for review."))
                except workflow.TransitionError as error:
                    messages.error(
                        request, _("Saved as it is, but not submitted: %(reason)s") % {"reason": error.message}
                    )
                    return redirect("initiative-edit", pk=saved.pk)
            else:
                messages.success(request, _("Saved. You can come back and complete it at any time."))
            return redirect("initiative-detail", pk=saved.pk)
        # Keep every file that passed its checks, so nothing has to be chosen again.
        try:
            for uploaded, mime, kind in new_files:
                with transaction.atomic():  # a failed write rolls back to here, not the whole request
                    kept_ids.append(services.store_attachment(None, user, uploaded, mime, kind).pk)
        except OSError:
            upload_form.add_error(None, uploads.DISK_FULL_MESSAGE)
        messages.error(request, refusal or _("Some fields need your attention; nothing you typed has been lost."))

    preview = _preview_problems(form, formset, initiative) if request.method == "POST" or initiative.pk else None
    kept_attachments = services.pending_attachments(user, kept_ids)
    return render(
        request,
        "initiatives/form.html",
        {
            "attachment_count": len(attachment_forms) + len(kept_attachments),
            "form": form,
            "formset": formset,
            "upload_form": upload_form,
            "attachment_forms": attachment_forms,
            "initiative": initiative,
            "kept_attachments": kept_attachments,
            "problems": preview,
            "programme": form.instance.programme if form.instance.programme_id else None,
            "programme_to_choose": form.programme_to_choose,
            "novelty_warnings": similarity.author_warnings(user, initiative, similarity.typed_text(form.instance))
            if request.method == "POST" or initiative.pk
            else [],
            "novelty_unread": similarity.unread_files(initiative),
        },
    )


def _stale_edit_message(stale):
    status = stale.current.get_status_display()
    if not stale.editable:
        return _(
            "This initiative can no longer be edited: it is now “%(status)s”. What you typed is kept below, but it "
            "was not saved."
        ) % {"status": status}
    return _(
        "This initiative has been changed by someone else since you opened it (it is now “%(status)s”). What you "
        "typed is kept below, but it was not saved: look at the initiative's page, then press save again if you "
        "still want to save it."
    ) % {"status": status}


def _first_author(user, initiative, members):
    """A member registering a new initiative is most often its author: the first row is them, at 100%."""
    if initiative.pk or access.oversees_branches(user):
        return None
    member = access.member_of(user)
    if member is None or not members.filter(pk=member.pk).exists():
        return None
    return [{"member": member.pk, "share_percent": 100}]


def _preview_problems(form, formset, initiative):
    """Eligibility of what is on the form now, whether or not it could be saved. A bound ModelForm
    has already copied every valid field onto its instance."""
    if formset.is_bound:
        authors = formset.rows()
    else:
        authors = list(initiative.authors.all()) if initiative.pk else []
    return eligibility.check(form.instance, authors=authors)


@login_required
def initiative_create(request):
    return _edit(request, Initiative())  # the form sets the programme: the one open for the branch, or the choice


@login_required
def initiative_edit(request, pk):
    initiative = get_object_or_404(access.initiatives_for(request.user).select_related("branch", "programme"), pk=pk)
    if not rules.has_perm("initiatives.change_initiative", request.user, initiative):
        could_have_opened_it = rules.has_perm("initiatives.write_initiative", request.user, initiative)
        if request.method == "POST" and could_have_opened_it:
            # A form opened before the initiative moved on: shown again as typed, with why it was not saved
            # (services.save_initiative refuses it under the row's lock).
            return _edit(request, initiative)
        messages.warning(request, _("This initiative can no longer be edited in its present status."))
        return redirect("initiative-detail", pk=pk)
    return _edit(request, initiative)


@login_required
@require_POST
def initiative_check(request):
    """The live eligibility panel: the same check as on save, on what is typed now."""
    pk = parse_id(request.POST.get("initiative_id"))
    initiative = Initiative()  # the form reads the chosen programme, else the branch's default
    if pk:
        initiative = get_object_or_404(access.initiatives_for(request.user), pk=pk)
    form = InitiativeForm(request.POST, instance=initiative, user=request.user)
    members = author_choices(_author_branch_ids(form, initiative))
    formset = AuthorFormSet(request.POST, instance=initiative, members=members, prefix="authors")
    form.is_valid()
    formset.is_valid()
    problems = _preview_problems(form, formset, initiative)
    return JsonResponse(
        {
            "eligible": not problems,
            "problems": [{"code": p.code, "message": p.message, "field": p.field} for p in problems],
            # What was typed but cannot be read (an amount, a date), said beside its box as the person types.
            "field_errors": {
                name: [str(message) for message in messages_]
                for name, messages_ in form.errors.items()
                if name in LIVE_CHECKED_FIELDS and str(request.POST.get(name, "")).strip()
            },
        }
    )


@login_required
@require_POST
def initiative_move(request, pk, action):
    initiative = get_object_or_404(access.initiatives_for(request.user), pk=pk)
    if action not in workflow.MOVES:
        raise Http404
    form = review_form(action, request.POST)
    if not form.is_valid():  # e.g. a date sent that is no date: nothing moves, the page says why
        return _detail_page(request, get_object_or_404(initiative_detail_for(request.user), pk=pk),
                            review=form, reviewed_action=action)
    details = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    try:
        workflow.apply(initiative, action, request.user, **details)
    except workflow.TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Done: the initiative is now “%(status)s”.") % {"status": initiative.get_status_display()}
        )
    return redirect("initiative-detail", pk=pk)


@login_required
@require_POST
def initiative_delete(request, pk):
    initiative = get_object_or_404(access.initiatives_for(request.user), pk=pk)
    services.delete_draft(initiative=initiative, user=request.user)  # PermissionDenied for anyone else
    messages.success(request, _("The draft is deleted."))
    return redirect("initiative-list")


@login_required
def attachment_download(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("initiative"), pk=pk)
    if attachment.initiative_id is None:
        allowed = attachment.uploaded_by_id == request.user.pk
    else:
        allowed = rules.has_perm("initiatives.view_initiative", request.user, attachment.initiative)
    if not allowed:
        raise Http404
    return private_download(attachment.file, attachment.original_name, attachment.content_type)
