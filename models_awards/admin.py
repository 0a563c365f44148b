"""Admin of nominations, awards, criteria, the scoring sheet and the thresholds, scoped like the initiatives:
an officer reaches only their branches' rows; status moves only through `nomination_workflow`."""

import rules
from django import forms
from django.contrib import admin, messages
from django.db.models import Avg, Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives import access
from initiatives.admin import large_lists
from initiatives.admin.moves import ADMIN_ROLES, MoveActionsAdmin
from initiatives.admin.scoping import BranchScopedAdmin, ChangeableWithParentInline
from initiatives.forms.choices import NamedBlankChoicesAdmin
from transitions.admin_actions import apply_each, move_actions

from . import nomination_workflow, selectors, services
from .forms import RecipientFormMixin, criteria_for_user
from .models import (
    Award,
    Candidate,
    CreativeLabourThreshold,
    Criterion,
    InitiativeScore,
    Nomination,
    NominationCriterion,
    NominationMove,
)

NOMINATION_FIELDS = ("year", "subject", "branch", "team_name", "member", "movement", "achievements", "initiatives")


def _limit_initiatives(request, db_field, kwargs):
    if db_field.name == "initiatives":
        kwargs["queryset"] = selectors.supporting_initiatives_for(request.user).select_related("branch")
    return kwargs


class SearchBoxesForLongLists:
    """The member, the branch and the initiatives to pick: a search box (the admin's autocomplete, scoped by the
    target's own admin) once the user's choices run to thousands, as for an initiative's authors."""

    def get_autocomplete_fields(self, request):
        user = request.user
        choices = {"member": access.members_for(user), "branch": access.branches_for(user),
                   "initiatives": selectors.supporting_initiatives_for(user)}
        return tuple(name for name, queryset in choices.items() if large_lists.many(queryset))


class NominationCriterionInline(ChangeableWithParentInline):
    """The criteria a nomination meets: changed by whoever may change the nomination."""

    parent_permission = "models_awards.change_nomination"
    model = NominationCriterion
    extra = 1
    fields = ("criterion", "evidence")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "criterion":
            kwargs["queryset"] = criteria_for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class NominationMoveInline(NamedBlankChoicesAdmin, admin.TabularInline):
    model = NominationMove
    extra = 0
    fields = ("created_at", "actor", "from_status", "to_status", "upward_level", "comment")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class RecipientAdminForm(RecipientFormMixin, forms.ModelForm):
    """The site forms' rules in the admin too: an individual's branch is the member's, a collective's supporting
    initiatives are its branch's, an individual's are those they wrote (RecipientFormMixin)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "branch" in self.fields:
            self.fields["branch"].required = False
            self.fields["branch"].help_text = _("For an individual, the member's branch is taken.")

    def clean(self):
        return self.clean_recipient_fields(super().clean())


class NominationAdminForm(RecipientAdminForm):
    class Meta:
        model = Nomination
        fields = [*NOMINATION_FIELDS, "is_published"]


AWARD_FIELDS = ("year", "subject", "branch", "team_name", "member", "level", "form", "decision_no", "decision_date",
                "amount_vnd", "occasion", "occasion_note", "citation", "initiatives", "nomination", "funded_by_branch",
                "is_published")


class AwardAdminForm(RecipientAdminForm):
    class Meta:
        model = Award
        fields = AWARD_FIELDS

    def clean(self):
        return self.clean_award_nomination(super().clean())


@admin.register(Nomination)
class NominationAdmin(MoveActionsAdmin, SearchBoxesForLongLists, BranchScopedAdmin):
    form = NominationAdminForm
    list_display = ("__str__", "subject", "branch", "status", "upward_level", "is_published")
    list_filter = ("year", "subject", "status")
    list_select_related = ("branch", "member")
    search_fields = ("team_name", "member__full_name", "branch__name")
    inlines = [NominationCriterionInline, NominationMoveInline]
    actions = move_actions(nomination_workflow.MACHINE, roles=ADMIN_ROLES)  # one per move with an admin label
    filter_horizontal = ("initiatives",)

    def scoped_queryset(self, user):
        return selectors.nominations_for(user)

    def get_fields(self, request, obj=None):
        fields = [*NOMINATION_FIELDS, "status", "upward_level", "decline_reason", "site_page"]
        if access.is_district(request.user):
            fields.append("is_published")
        return fields

    def get_readonly_fields(self, request, obj=None):
        always = ("status", "upward_level", "decline_reason", "site_page")
        if obj is None or rules.has_perm("models_awards.change_nomination", request.user, obj):
            return always
        return (*always, *NOMINATION_FIELDS)

    def get_list_filter(self, request):
        # The user's own branches (Django's plain "branch" filter would list every branch of the federation).
        if access.is_district(request.user) or len(access.officer_branch_ids(request.user)) > 1:
            return (*self.list_filter, large_lists.ClusterFilter, large_lists.BranchFilter)
        return self.list_filter

    @admin.display(description=gettext_lazy("moves with a reason or a level"))
    def site_page(self, obj):
        if not obj or not obj.pk:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("awards:nomination-detail", args=[obj.pk]),
                           _("Decline or propose upward on the nomination's page"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "member":
            kwargs["queryset"] = access.members_for(request.user).filter(is_active=True).select_related("branch")
            return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **_limit_initiatives(request, db_field, kwargs))

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return True
        # The district may still publish an exemplar; otherwise only what can be edited.
        return rules.has_perm("models_awards.change_nomination", request.user, obj) or (
            obj.is_exemplar and rules.has_perm("models_awards.publish_nomination", request.user, obj))

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return False  # no bulk delete
        return rules.has_perm("models_awards.delete_nomination", request.user, obj) and super().has_delete_permission(
            request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if obj.is_published and not obj.is_exemplar:
            obj.is_published = False
            self.message_user(request, _("Only an exemplar selected by the district can be published."),
                              messages.WARNING)
        super().save_model(request, obj, form, change)

    def make_move(self, request, queryset, move):
        """The moves that need nothing typed; a decline (its reason) or a proposal upward (its level) is made on
        the nomination's page."""
        apply_each(self, request, queryset, nomination_workflow.MACHINE, move,
                   done=_("%(action)s: %(count)d nomination(s) done."))


@admin.register(Award)
class AwardAdmin(SearchBoxesForLongLists, BranchScopedAdmin):
    form = AwardAdminForm
    list_display = ("__str__", "branch", "level", "decision_no", "decision_date", "amount_vnd", "occasion",
                    "funded_by_branch", "is_published")
    list_filter = ("year", "level", "form", "occasion", "funded_by_branch", "is_published")
    list_select_related = ("branch", "member")
    search_fields = ("team_name", "member__full_name", "branch__name", "decision_no")
    filter_horizontal = ("initiatives",)
    fields = AWARD_FIELDS

    def scoped_queryset(self, user):
        return selectors.awards_for(user)

    def get_readonly_fields(self, request, obj=None):
        if rules.has_perm("models_awards.record_any_award", request.user):  # may for some: upper-union staff
            return ()
        return ("level", "funded_by_branch", "is_published")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "nomination":
            kwargs["queryset"] = selectors.nominations_for(request.user).select_related("branch", "member")
        if db_field.name == "member":
            kwargs["queryset"] = access.members_for(request.user).select_related("branch")
            return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **_limit_initiatives(request, db_field, kwargs))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or rules.has_perm("models_awards.change_award", request.user, obj))

    def has_delete_permission(self, request, obj=None):
        upper = rules.has_perm("models_awards.record_any_award", request.user, obj)
        return upper and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not rules.has_perm("models_awards.record_any_award", request.user, obj):
            services.apply_officer_limits(obj)
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Criterion)
class CriterionAdmin(NamedBlankChoicesAdmin, admin.ModelAdmin):
    list_display = ("text", "subject", "branch_kind", "order", "is_active")
    list_filter = ("subject", "branch_kind", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("text",)


class InitiativeScoreInline(NamedBlankChoicesAdmin, admin.TabularInline):
    model = InitiativeScore
    extra = 0
    fields = ("scorer", "novelty", "applicability", "benefit", "comment")
    readonly_fields = ("scorer",)

    def has_add_permission(self, request, obj=None):
        return False  # panel members score on the scoring sheet, as themselves


@admin.register(Candidate)
class CandidateAdmin(NamedBlankChoicesAdmin, admin.ModelAdmin):
    list_display = ("initiative", "year", "scores_count", "average_total")
    list_filter = ("year",)
    list_select_related = ("initiative",)
    inlines = [InitiativeScoreInline]
    raw_id_fields = ("initiative",)
    readonly_fields = ("added_by",)

    def get_queryset(self, request):
        return selectors.candidates_for(request.user).annotate(
            n_scores=Count("scores"),
            avg_total=Avg("scores__novelty") + Avg("scores__applicability") + Avg("scores__benefit"),
        )

    @admin.display(description=gettext_lazy("panel members"), ordering="n_scores")
    def scores_count(self, obj):
        return obj.n_scores

    @admin.display(description=gettext_lazy("average total"), ordering="avg_total")
    def average_total(self, obj):
        return f"{obj.avg_total:.1f}" if obj.avg_total is not None else "—"

    def has_module_permission(self, request):
        return access.is_district(request.user) and super().has_module_permission(request)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(CreativeLabourThreshold)
class CreativeLabourThresholdAdmin(NamedBlankChoicesAdmin, admin.ModelAdmin):
    list_display = ("name", "single_solution_min_vnd", "cumulative_min_vnd", "cumulative_years", "is_current")
