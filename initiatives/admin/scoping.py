"""Admin scoping: every admin of branch data takes its queryset and choices from `access`."""

import rules
from django.contrib import admin

from .. import access
from ..forms.choices import NamedBlankChoicesAdmin


class ChangeableWithParentInline(NamedBlankChoicesAdmin, admin.TabularInline):
    """An inline whose rows are added, changed and removed by whoever has `parent_permission` (a rule of
    `permissions`) on the object they belong to, besides the group's model permission."""

    parent_permission = None

    def _changeable(self, request, obj):
        return obj is None or rules.has_perm(self.parent_permission, request.user, obj)

    def has_add_permission(self, request, obj=None):
        return self._changeable(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._changeable(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._changeable(request, obj) and super().has_delete_permission(request, obj)


class BranchScopedAdmin(NamedBlankChoicesAdmin, admin.ModelAdmin):
    """A ModelAdmin whose rows belong to a branch through `branch_lookup`.

    `scoped_queryset(user)` is the access function for the model; foreign keys to branches and
    members offer only what the user may reach.
    """

    branch_lookup = "branch"

    def scoped_queryset(self, user):
        raise NotImplementedError

    def get_queryset(self, request):
        qs = self.scoped_queryset(request.user)
        related = self.list_select_related if isinstance(self.list_select_related, (list, tuple)) else ()
        if related:
            qs = qs.select_related(*related)
        # The admin's ordering, as ModelAdmin.get_queryset applies it: the change list orders by itself, but the
        # autocomplete pages this queryset as it comes (a model without Meta.ordering would page unordered).
        ordering = self.get_ordering(request)
        return qs.order_by(*ordering) if ordering else qs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "branch":
            kwargs["queryset"] = access.branches_for(request.user)
        elif db_field.name == "federation" and db_field.related_model.__name__ == "Federation":
            kwargs["queryset"] = access.nodes_for(request.user)
        elif db_field.name == "member" and db_field.related_model.__name__ == "Member":
            kwargs["queryset"] = access.members_for(request.user).select_related("branch")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
