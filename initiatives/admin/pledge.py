"""Emulation pledges in the admin: officers keep their own branches' pledges, the district sees, adjusts and
accepts every branch's. The site's pledge pages do the same through `initiatives.pledges`."""

import rules
from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .. import access, pledges, uploads
from ..forms.choices import NamedBlankChoicesAdmin
from ..models import Pledge, PledgeTarget, Programme, ProgrammePeriod
from ..pledges import random_document_name
from .scoping import BranchScopedAdmin


class KeptByThoseOverseeingBranches:
    """The groups hold no model permission on pledges: the rule "initiatives.keep_pledges" decides (those who
    oversee branches); the rows are scoped by `access.branches_for`."""

    def has_view_permission(self, request, obj=None):
        return rules.has_perm("initiatives.keep_pledges", request.user)

    def has_add_permission(self, request, *args):
        return self.has_view_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request)


class PledgeTargetInline(KeptByThoseOverseeingBranches, NamedBlankChoicesAdmin, admin.TabularInline):
    model = PledgeTarget
    extra = 0
    fields = ("period", "initiatives")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "period":
            programme = Programme.current()
            kwargs["queryset"] = programme.periods.all() if programme else ProgrammePeriod.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):  # the pledge's own numbers
        return self.has_view_permission(request)


class PledgeAdminForm(forms.ModelForm):
    class Meta:
        model = Pledge
        fields = ("branch", "programme", "signed_on", "document", "accepted_by_district")

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and hasattr(document, "content_type"):  # a new upload, not the file on record
            uploads.validate_attachment(document)
        return document


@admin.register(Pledge)
class PledgeAdmin(KeptByThoseOverseeingBranches, BranchScopedAdmin):
    form = PledgeAdminForm
    inlines = [PledgeTargetInline]
    list_display = ("branch", "programme", "signed_on", "committed", "accepted_by_district", "updated_at")
    list_filter = ("accepted_by_district", "programme")
    list_select_related = ("branch", "programme")
    search_fields = ("branch__name", "branch__code")
    readonly_fields = ("updated_by", "updated_at")

    def scoped_queryset(self, user):
        return Pledge.objects.filter(branch__in=access.branches_for(user).values("pk")).prefetch_related(
            "targets__period"
        )

    @admin.display(description=_("initiatives committed"))
    def committed(self, obj):
        return " · ".join(f"{t.period.number}: {t.initiatives}" for t in obj.targets.all()) or "—"

    def get_readonly_fields(self, request, obj=None):
        if rules.has_perm("initiatives.accept_pledge", request.user):  # may accept some: upper-union staff
            return self.readonly_fields
        return (*self.readonly_fields, "accepted_by_district")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_delete_permission(self, request, obj=None):
        return rules.has_perm("initiatives.accept_pledge", request.user, obj)  # who accepts a pledge deletes it

    def save_model(self, request, obj, form, change):
        if "document" in form.changed_data and obj.document and hasattr(form.cleaned_data["document"], "content_type"):
            obj.document = random_document_name(form.cleaned_data["document"])
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        pledge = form.instance
        changed = any(f.has_changed() for f in formsets)
        accepted = pledges.acceptance_after(request.user, pledge, numbers_changed=changed,
                                            decision=pledge.accepted_by_district)
        if accepted != pledge.accepted_by_district:
            pledge.accepted_by_district = accepted
            Pledge.objects.filter(pk=pledge.pk).update(accepted_by_district=accepted)
        pledges.audit_saved(pledge, request.user)
