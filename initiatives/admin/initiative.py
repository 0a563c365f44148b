"""Officers review their branches' initiatives here; the district verifies, sends and records uploads.

Status only moves through `workflow.apply`, from the admin actions and the per-initiative move page,
both with an intermediate page for the comment and the approver's attestations.
"""

import uuid

import rules
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from transitions.admin_actions import apply_each, move_actions

from .. import access, attachments, eligibility, programmes, services, similarity, uploads, workflow
from ..forms.choices import NamedBlankChoicesAdmin
from ..forms.initiative import ReviewForm, edited_fields
from ..forms.programme import ProgrammeChoiceMixin
from ..models import Attachment, Initiative, InitiativeAuthor, ReviewNote, Status, StatusChange
from . import large_lists
from .history import ScopedReadOnlyHistoryAdmin, showing_history_entry
from .moves import ADMIN_ROLES, MoveActionsAdmin
from .organisation import FoldedSearchMixin
from .scoping import BranchScopedAdmin, ChangeableWithParentInline

VERSION_FIELD = "_portal_version"  # the change page's hidden field: the initiative's state when it was opened
TOKEN_FIELD = "_portal_form_token"  # the add page's hidden field: a second post of one form saves nothing
DISTRICT_ALWAYS_EDITABLE = ("national_portal_upload_date", "national_portal_reference", "is_published")


class WhileChangeableInline(ChangeableWithParentInline):
    """The initiative's own rows (its authors, its files): added and changed by whoever may change the initiative
    (author side or branch officer, while a draft or returned), as the services that save them check."""

    parent_permission = "initiatives.change_initiative"


class AuthorInline(WhileChangeableInline):
    model = InitiativeAuthor
    extra = 1
    fields = ("member", "share_percent", "is_lead", "order")
    autocomplete_fields = ()

    def get_autocomplete_fields(self, request):
        # A roster of thousands (the district of a province): a search box, not a select of every member.
        return ("member",) if large_lists.many(access.members_for(request.user)) else ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "member":
            kwargs["queryset"] = access.members_for(request.user).filter(is_active=True).select_related("branch")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ("kind", "file")

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "content_type"):
            self.instance.content_type = uploads.validate_attachment(uploaded)
            self.instance.original_name = uploaded.name[:255]
            self.instance.size = uploaded.size
        return uploaded


class AttachmentInline(WhileChangeableInline):
    model = Attachment
    form = AttachmentForm
    extra = 0
    fields = ("kind", "file", "download")
    readonly_fields = ("download",)

    @admin.display(description=gettext_lazy("download"))
    def download(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("attachment-download", args=[obj.pk]), obj.original_name)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if self._changeable(request, obj) else ("kind", "download")

    def get_fields(self, request, obj=None):
        return self.fields if self._changeable(request, obj) else ("kind", "download")


class ReviewNoteInline(NamedBlankChoicesAdmin, admin.StackedInline):
    model = ReviewNote
    extra = 1
    fields = ("text",)
    verbose_name_plural = gettext_lazy("internal notes (never shown to the author)")

    def has_change_permission(self, request, obj=None):
        return False  # notes are kept as written

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


class StatusFilter(admin.SimpleListFilter):
    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


@admin.register(Initiative)
class InitiativeAdmin(
    MoveActionsAdmin,
    FoldedSearchMixin, BranchScopedAdmin, ScopedReadOnlyHistoryAdmin
):
    folded_search_field = "search_text"
    search_fields = ("title",)
    # What a reviewer decides on comes first, so it stays on screen beside the title.
    list_display = (
        "title",
        "status_badge",
        "eligibility_summary",
        "credited_author",
        "branch",
        "application_date",
        "category",
    )
    list_filter = (StatusFilter, "category", "application_date", "sent_to_province_date")
    list_select_related = ("branch", "credited_author", "programme")  # the eligibility column reads its programme
    list_per_page = 50
    show_full_result_count = False
    date_hierarchy = None
    inlines = [AuthorInline, AttachmentInline, ReviewNoteInline]
    actions = move_actions(workflow.MACHINE, roles=ADMIN_ROLES)  # one per move with an admin label
    change_form_template = "admin/initiatives/initiative/change_form.html"
    fieldsets = (
        (
            None,
            {"fields": ("branch", "programme", "title", "category", "field_of_work", "problem", "solution",
                        "application_summary")},
        ),
        (gettext_lazy("Recognition"), {"fields": ("recognition_body", "recognition_decision_no", "recognition_date")}),
        (
            gettext_lazy("Application"),
            {
                "fields": (
                    "application_kind",
                    "application_date",
                    "application_place",
                    "trial_participants",
                    "application_conditions",
                )
            },
        ),
        (
            gettext_lazy("Benefits"),
            {"fields": ("economic_benefit_vnd", "economic_benefit_description", "social_benefit")},
        ),
        (
            gettext_lazy("Research topic"),
            {"fields": ("research_level", "research_accepted_date", "research_effect_confirmed")},
        ),
        (gettext_lazy("Other"), {"fields": ("investor", "confidential_info", "ip_protected")}),
        (
            gettext_lazy("District"),
            {
                "fields": (
                    "status",
                    "sent_to_province_date",
                    "national_portal_upload_date",
                    "national_portal_reference",
                    "is_published",
                    "entered_by",
                )
            },
        ),
    )

    def scoped_queryset(self, user):
        return access.reviewable_initiatives_for(user)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        # The changelist shows eligibility: fetch every row's authors in one more query.
        return qs.prefetch_related(Prefetch("authors", queryset=InitiativeAuthor.objects.order_by("order", "pk")))

    def get_list_display(self, request):
        if access.is_district(request.user) or len(access.officer_branch_ids(request.user)) > 1:
            return self.list_display
        return tuple(name for name in self.list_display if name != "branch")  # one branch: no need to repeat it

    def get_list_filter(self, request):
        if access.is_district(request.user) or len(access.officer_branch_ids(request.user)) > 1:
            return (*self.list_filter, large_lists.ClusterFilter, large_lists.BranchFilter)
        return self.list_filter

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        # No COUNT(*) over a million rows: the tallies' count, or a probe of the first keys (paging.py).
        return large_lists.paginator_for(request, queryset, per_page, orphans, allow_empty_first_page)

    def get_autocomplete_fields(self, request):
        return ("branch",) if large_lists.many(access.branches_for(request.user)) else ()

    def get_readonly_fields(self, request, obj=None):
        if showing_history_entry(request):
            return super().get_readonly_fields(request, obj)  # a past version: every field read-only
        always = ("status", "sent_to_province_date", "entered_by")
        if obj is not None and obj.was_submitted:
            always = (*always, "programme")  # where it counts is settled when it is submitted
        upper = rules.has_perm("initiatives.publish_initiative", request.user, obj)  # without obj: may for some
        if obj is None or rules.has_perm("initiatives.change_initiative", request.user, obj):
            district_only = () if upper else DISTRICT_ALWAYS_EDITABLE
            return (*always, *district_only)
        every_field = [f for _name, opts in self.fieldsets for f in opts["fields"]]
        if upper:
            return [f for f in every_field if f not in DISTRICT_ALWAYS_EDITABLE]
        return every_field

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return False  # no bulk delete: a submitted initiative is never deleted, only rejected
        return rules.has_perm("initiatives.delete_initiative", request.user, obj) and super().has_delete_permission(
            request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    # --- list columns -------------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_badge(self, obj):
        return format_html('<span class="portal-status status-{}">{}</span>', obj.status, obj.get_status_display())

    @admin.display(description=gettext_lazy("eligibility"))
    def eligibility_summary(self, obj):
        problems = eligibility.check(obj, authors=list(obj.authors.all()))
        if not problems:
            return format_html('<span class="portal-ok">✔ {}</span>', _("eligible"))
        count = len(problems)
        return format_html(
            '<span class="portal-bad" title="{}">✘ {}</span>',
            " | ".join(p.message for p in problems),
            ngettext("%(count)d problem", "%(count)d problems", count) % {"count": count},
        )

    # --- saving -------------------------------------------------------------------------------------

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "branch":
            kwargs["queryset"] = access.branches_for(request.user).filter(is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = programme_limited(super().get_form(request, obj, change=change, **kwargs), request.user)
        if obj is None or request.method != "POST":
            return form_class
        seen = request.POST.get(VERSION_FIELD, "")

        class VersionCheckedForm(form_class):
            """Refuses a change page opened before the initiative changed (under the row's lock, which the
            save below keeps: the admin's change view is one transaction)."""

            def clean(self):
                cleaned = super().clean()
                current = Initiative.objects.select_for_update().get(pk=obj.pk)
                if seen and seen != services.version_of(current):
                    raise forms.ValidationError(
                        _(
                            "This initiative has been changed by someone else since you opened it (it is now "
                            "“%(status)s”). What you typed is kept below, but it was not saved: look at the "
                            "initiative's page, then press save again if you still want to save it."
                        ) % {"status": current.get_status_display()}
                    )
                return cleaned

        return VersionCheckedForm

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        if change:
            # Only the fields this form edits: never the status or anything else the workflow owns.
            obj.save(update_fields=[*edited_fields(form), "updated_at"])
            return
        obj.entered_by = request.user
        if obj.programme_id is None:  # the form chose it; else the branch's default
            obj.programme = programmes.default_for(obj.branch)
        obj.form_token = _posted_token(request)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Attachment:
            return self._save_attachments(request, formset)
        instances = formset.save(commit=False)
        for removed in formset.deleted_objects:
            removed.delete()
        for instance in instances:
            if isinstance(instance, ReviewNote):
                instance.author = request.user
            if isinstance(instance, Attachment) and not instance.pk:
                instance.uploaded_by = request.user
            instance.save()
        formset.save_m2m()

    def _save_attachments(self, request, formset):
        """Files change through `attachments` as on the site: a file deleted here is removed (kept for the history),
        a file changed here is replaced by a new one, each checked against who may change them."""
        formset.save(commit=False)  # fills deleted_objects, changed_objects and new_objects; nothing saved yet
        initiative = formset.instance
        for removed in formset.deleted_objects:
            attachments.do_remove_attachment(attachment=removed, acting_user=request.user)
        for changed, fields in formset.changed_objects:
            if "file" in fields:
                uploaded = changed.file.file
                attachments.do_replace_attachment(
                    attachment=changed, uploaded=uploaded, mime=changed.content_type, kind=changed.kind,
                    acting_user=request.user,
                )
            elif "kind" in fields:
                attachments.do_set_attachment_kind(attachment=changed, kind=changed.kind, acting_user=request.user)
        for new in formset.new_objects:
            attachments.do_add_attachment(
                initiative=initiative, uploaded=new.file.file, mime=new.content_type, kind=new.kind,
                acting_user=request.user,
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_credit_and_search()

    # --- the change page: eligibility, novelty help, timeline, moves -----------------------------------

    def add_view(self, request, form_url="", extra_context=None):
        """A second post of the same add form (a double click, a network retry) saves nothing more: it leads to the
        initiative the first post made."""
        token = _posted_token(request) if request.method == "POST" else None
        if token is not None:
            saved = self._saved_with(request, token)
            if saved is not None:
                return saved
        extra_context = {**(extra_context or {}), "portal_form_token": uuid.uuid4().hex,
                         "portal_form_token_field": TOKEN_FIELD}
        try:
            return super().add_view(request, form_url, extra_context)
        except IntegrityError:
            saved = self._saved_with(request, token) if token is not None else None
            if saved is None:
                raise
            return saved

    def _saved_with(self, request, token):
        initiative = self.get_queryset(request).filter(form_token=token).first()
        if initiative is None:
            return None
        self.message_user(request, _("This form was already saved: here is the initiative it made."),
                          messages.WARNING)
        return HttpResponseRedirect(reverse("admin:initiatives_initiative_change", args=[initiative.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context.update(
                {
                    "problems": eligibility.check(obj),
                    "novelty": similarity.review_matches(request.user, obj),
                    "novelty_unread": similarity.unread_files(obj),
                    "timeline": StatusChange.objects.filter(initiative=obj).select_related("actor"),
                    "portal_version": services.version_of(obj),
                    "portal_version_field": VERSION_FIELD,
                    "removed_files": attachments.removed_attachments(obj),
                    "moves": [m for m in workflow.available_actions(request.user, obj) if m.action != "submit"],
                }
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:pk>/move/<slug:action>/",
                self.admin_site.admin_view(self.move_view),
                name="initiatives_initiative_move",
            ),
            *super().get_urls(),
        ]

    def move_view(self, request, pk, action):
        initiative = get_object_or_404(self.get_queryset(request), pk=pk)
        if action not in workflow.MOVES:
            raise PermissionDenied
        return self.make_move(request, Initiative.objects.filter(pk=initiative.pk), workflow.MOVES[action], single=True)

    # --- admin actions with an intermediate page ------------------------------------------------------

    def make_move(self, request, queryset, move, single=False):
        """A move on the selected initiatives, through a page asking for what the move needs (ReviewForm: the
        comment where the move requires one, the approver's attestations, the date sent)."""
        initial = {"duplicate_of": request.GET.get("duplicate_of")} if "duplicate_of" in move.inputs else None
        form = ReviewForm(request.POST if "confirm" in request.POST else None, move=move, initial=initial)
        if "confirm" in request.POST and form.is_valid():
            details = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
            apply_each(self, request, queryset, workflow.MACHINE, move, name_of=lambda initiative: initiative.title,
                       done=_("%(action)s: %(count)d initiative(s) done."), **details)
            if single:
                return HttpResponseRedirect(reverse("admin:initiatives_initiative_change", args=[queryset[0].pk]))
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": move.label,
            "move": move,
            "form": form,
            "initiatives": list(queryset.select_related("branch")),
            "action_name": f"{move.action}_selected",
            "single": single,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/initiatives/initiative/review_action.html", context)


@admin.register(StatusChange)
class StatusChangeAdmin(BranchScopedAdmin):
    list_display = ("initiative", "from_status", "to_status", "actor", "created_at")
    list_filter = ("to_status",)
    list_select_related = ("initiative", "actor")

    def scoped_queryset(self, user):
        return StatusChange.objects.filter(initiative__in=access.reviewable_initiatives_for(user).values("pk"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def programme_limited(form_class, user):
    """The admin's form with the programme limited to those open for the user's branches, checked against the
    chosen branch (forms.programme: the same as on the site)."""
    if "programme" not in form_class.base_fields:
        return form_class  # read-only: submitted, or not the user's to edit

    class ProgrammeLimitedForm(ProgrammeChoiceMixin, form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            branches = access.branches_for(user).filter(is_active=True)
            offer = programmes.offer_for_branches(branches)
            if self.instance.pk:  # its own branch too (an inactive one, or outside the user's today)
                offer.by_path.setdefault(self.instance.branch.federation.path,
                                         programmes.offered_for(self.instance.branch, offer.day))
            self.limit_programme(offer, branch=self.instance.branch if self.instance.branch_id else None)
            if "branch" in self.fields:
                self.fields["branch"].queryset = self.fields["branch"].queryset.select_related("federation")

        def clean(self):
            cleaned = super().clean()
            self.check_programme()
            return cleaned

    return ProgrammeLimitedForm


def _posted_token(request):
    """The add form's token as a UUID, or None when missing or not a token."""
    try:
        return uuid.UUID(request.POST.get(TOKEN_FIELD, ""))
    except ValueError:
        return None
