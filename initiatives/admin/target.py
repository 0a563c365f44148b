"""Targets given down the union tree, in the admin: an officer sees those given by the bodies of their subtree and
changes them under the same rules as the site's page (initiatives.targets)."""

import rules
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .. import access, targets
from ..forms.choices import NamedBlankChoicesAdmin
from ..models import ChildTarget


class ChildTargetAdminForm(forms.ModelForm):
    class Meta:
        model = ChildTarget
        fields = ("programme", "period", "giver", "child_node", "branch", "initiatives", "participation_rate")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        giver, programme, period = cleaned.get("giver"), cleaned.get("programme"), cleaned.get("period")
        child_node, branch = cleaned.get("child_node"), cleaned.get("branch")
        if giver is None or programme is None:
            return cleaned
        if not rules.has_perm("initiatives.give_targets", self.user, giver):
            self.add_error("giver", _("You may not give targets on behalf of this union body."))
        elif not targets.covers(programme, giver):
            self.add_error("programme", _("This programme does not cover the union body that gives the target."))
        if period is not None and period.programme_id != programme.pk:
            self.add_error("period", _("This round belongs to another programme."))
        if (child_node is None) == (branch is None):
            raise ValidationError(_("Choose either a union body or a branch under the giving body, not both."))
        child = child_node or branch
        if not targets.is_direct_child(giver, child):
            self.add_error("child_node" if child_node else "branch",
                           _("Targets are given only to the bodies and branches directly under the giving body."))
        return cleaned


@admin.register(ChildTarget)
class ChildTargetAdmin(NamedBlankChoicesAdmin, admin.ModelAdmin):
    form = ChildTargetAdminForm
    list_display = ("giver", "child", "programme", "period", "initiatives", "participation_rate", "updated_at")
    list_filter = ("programme",)
    list_select_related = ("giver", "child_node", "branch", "programme", "period")
    search_fields = ("giver__name", "child_node__name", "branch__name")
    readonly_fields = ("updated_by", "updated_at")

    def get_queryset(self, request):
        return (ChildTarget.objects.filter(giver__in=access.nodes_for(request.user).values("pk"))
                .select_related(*self.list_select_related))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class ScopedForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, user=request.user, **inner)

        return ScopedForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("giver", "child_node"):
            kwargs["queryset"] = access.nodes_for(request.user).order_by("path")
        elif db_field.name == "branch":
            kwargs["queryset"] = access.branches_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("given to"))
    def child(self, obj):
        return obj.child_node or obj.branch

    def has_module_permission(self, request):
        return access.is_district(request.user)

    def has_view_permission(self, request, obj=None):
        return access.is_district(request.user) and (obj is None or access.oversees_node(request.user, obj.giver))

    def has_add_permission(self, request):
        return access.is_district(request.user)

    def has_change_permission(self, request, obj=None):
        return access.is_district(request.user) and (
            obj is None or rules.has_perm("initiatives.give_targets", request.user, obj.giver))

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
