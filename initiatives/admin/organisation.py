"""Admin of the federation, branches, rosters, membership requests and programmes."""

import rules
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import access, membership, permissions
from ..collation import by_vietnamese
from ..forms.choices import NamedBlankChoicesAdmin
from ..models import Branch, EmulationCluster, Federation, Member, MembershipRequest, Programme, ProgrammePeriod
from ..text import fold_query
from ..views import reorganisation as reorganisation_views
from . import large_lists
from .scoping import BranchScopedAdmin


class FederationForm(forms.ModelForm):
    """A union body's names and officers; a new one is placed under a parent the user oversees (the tree's
    columns are treebeard's, never typed)."""

    parent = forms.ModelChoiceField(label=_("Under"), queryset=Federation.objects.none(), required=False,
                                    help_text=_("Leave empty for a new top-level body (administrators only)."))

    class Meta:
        model = Federation
        fields = ("name", "short_name", "parent_name", "place_name", "chair_title", "chair_name", "officers")


@admin.register(Federation)
class FederationAdmin(NamedBlankChoicesAdmin, admin.ModelAdmin):
    """The union tree: each officer sees and edits the bodies of their subtree, listed in tree order."""

    form = FederationForm
    list_display = ("indented_name", "short_name", "place_name", "chair_name")
    search_fields = ("name", "short_name")
    filter_horizontal = ("officers",)
    change_form_template = "admin/initiatives/federation/change_form.html"

    def get_fields(self, request, obj=None):
        fields = list(FederationForm.Meta.fields)
        return fields if obj is not None else ["parent", *fields]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "parent" in form.base_fields:
            form.base_fields["parent"].queryset = access.nodes_for(request.user).order_by("path")
            form.base_fields["parent"].required = not rules.has_perm("initiatives.add_top_federation", request.user)
        return form

    def has_add_permission(self, request):
        return rules.has_perm("initiatives.add_under_own_nodes", request.user) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # a body is dissolved as a reorganisation, with its history; never deleted

    @admin.display(description=_("name"), ordering="path")
    def indented_name(self, obj):
        return f"{'— ' * (obj.depth - 1)}{obj.name}"

    def get_queryset(self, request):
        return access.nodes_for(request.user).order_by("path")

    def get_list_display(self, request):
        """A column of links to the site's reorganisation pages (the same forms and services as a body's
        dashboard), offering only the changes this user may start on each body."""
        user = request.user

        @admin.display(description=_("reorganisation"))
        def reorganise(obj):
            return format_html_join(" · ", '<a href="{}">{}</a>', reorganisation_views.links_for(user, obj))

        return (*self.list_display, reorganise)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        node = self.get_object(request, unquote(object_id)) if object_id else None
        extra_context = {**(extra_context or {}), "reorganise_links": (
            [*reorganisation_views.links_for(request.user, node),
             (reorganisation_views.node_page(node) + "#reorganisations", _("History of reorganisations"))]
            if node is not None else [])}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        parent = form.cleaned_data.get("parent")
        if parent is None:
            permissions.require(request.user, "initiatives.add_top_federation")
        if parent is not None:
            Federation.objects.add_child(parent, instance=obj)
        else:
            Federation.objects.add_root(instance=obj)


@admin.register(EmulationCluster)
class EmulationClusterAdmin(NamedBlankChoicesAdmin, admin.ModelAdmin):
    search_fields = ("name",)


class ProgrammePeriodInline(NamedBlankChoicesAdmin, admin.TabularInline):
    model = ProgrammePeriod
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(NamedBlankChoicesAdmin, admin.ModelAdmin):
    list_display = ("name", "window_start", "window_end", "total_target", "participation_target_rate", "is_current")
    inlines = [ProgrammePeriodInline]


@admin.register(Branch)
class BranchAdmin(BranchScopedAdmin):
    list_display = ("name", "code", "federation", "kind", "cluster", "member_count", "is_active")
    ordering = (by_vietnamese("name"),)
    list_filter = ("kind", "cluster", "is_active")
    list_select_related = ("cluster", "federation")
    search_fields = ("name", "code")
    filter_horizontal = ("officers",)

    def scoped_queryset(self, user):
        return access.branches_for(user)

    def get_readonly_fields(self, request, obj=None):
        if rules.has_perm("initiatives.set_up_branch", request.user, obj):  # without obj: may for some
            return ()
        # An officer keeps the member count and nothing else of the branch's set-up.
        return ("name", "code", "federation", "kind", "cluster", "is_active", "officers")

    def has_add_permission(self, request):
        return rules.has_perm("initiatives.add_under_own_nodes", request.user) and super().has_add_permission(request)


class FoldedSearchMixin:
    """Search that ignores diacritics and case, over a folded column."""

    folded_search_field = "search_name"

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return queryset.filter(**{f"{self.folded_search_field}__contains": fold_query(search_term)}), False


@admin.register(Member)
class MemberAdmin(FoldedSearchMixin, BranchScopedAdmin):
    list_display = ("full_name", "branch", "position", "phone", "email", "has_account", "is_active")
    ordering = (by_vietnamese("full_name"), "-id")  # PostgreSQL reads it from the index member_name_vi
    list_filter = ("is_active",)
    list_select_related = ("branch",)
    list_per_page = 50
    show_full_result_count = False
    search_fields = ("full_name",)
    exclude = ("user",)
    readonly_fields = ("account",)

    def scoped_queryset(self, user):
        return access.members_for(user)

    def get_list_filter(self, request):
        if access.is_district(request.user) or len(access.officer_branch_ids(request.user)) > 1:
            return (large_lists.ClusterFilter, large_lists.BranchFilter, "is_active")
        return self.list_filter

    # A million roster entries: no COUNT(*) over them, pages read by key, a search box for the branch.
    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        return large_lists.LargeListPaginator(queryset, per_page, orphans, allow_empty_first_page)

    def get_autocomplete_fields(self, request):
        return ("branch",) if large_lists.many(access.branches_for(request.user)) else ()

    @admin.display(boolean=True, description=_("account"))
    def has_account(self, obj):
        return obj.user_id is not None

    @admin.display(description=_("account"))
    def account(self, obj):
        return obj.user.username if obj.user_id else "—"

    def has_delete_permission(self, request, obj=None):
        return False  # members leave the roster (uncheck "on the roster"); their history stays


@admin.register(MembershipRequest)
class MembershipRequestAdmin(BranchScopedAdmin):
    list_display = ("full_name", "username", "branch", "position", "phone", "state", "created_at")
    list_filter = ("state",)
    list_select_related = ("branch", "user")
    fields = ("full_name", "username", "email", "branch", "position", "phone", "state", "member", "decided_at",
              "decided_by")
    readonly_fields = tuple(name for name in fields if name != "member")  # the officer picks the roster's member
    actions = ["confirm_selected", "refuse_selected"]

    def scoped_queryset(self, user):
        return access.membership_requests_for(user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("user name"))
    def username(self, obj):
        return obj.user.username

    @admin.display(description=_("e-mail"))
    def email(self, obj):
        return obj.user.email

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "member":
            request_id = request.resolver_match.kwargs.get("object_id")
            branch_id = MembershipRequest.objects.filter(pk=request_id).values_list("branch_id", flat=True).first()
            kwargs["queryset"] = access.members_for(request.user).filter(branch_id=branch_id, user__isnull=True)
            return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # Choosing a roster entry and saving confirms the request.
        if obj.state == MembershipRequest.State.PENDING and "member" in form.changed_data and obj.member_id:
            membership.confirm_request(obj, acting_user=request.user, member=obj.member)
            messages.success(request, _("The account is confirmed and linked to the roster."))
        else:
            super().save_model(request, obj, form, change)

    @admin.action(description=_("Confirm the selected requests (adds new roster entries where none is chosen)"))
    def confirm_selected(self, request, queryset):
        done = 0
        for request_obj in queryset.filter(state=MembershipRequest.State.PENDING):
            try:
                membership.confirm_request(request_obj, acting_user=request.user)
                done += 1
            except PermissionDenied:
                continue
        self.message_user(request, ngettext("%d request confirmed.", "%d requests confirmed.", done) % done)

    @admin.action(description=_("Refuse the selected requests"))
    def refuse_selected(self, request, queryset):
        done = 0
        for request_obj in queryset.filter(state=MembershipRequest.State.PENDING):
            membership.refuse_request(request_obj, acting_user=request.user)
            done += 1
        self.message_user(request, ngettext("%d request refused.", "%d requests refused.", done) % done)
