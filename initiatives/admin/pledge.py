"""Emulation pledges in the admin: officers keep their own branches' pledges, the district sees, adjusts and
accepts every branch's. The site's pledge pages do the same through `initiatives.pledges`. A pledge is for a
programme open for its branch (programmes.offered_for), its numbers for that programme's periods."""

import rules
from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import access, pledges, programmes, uploads
from ..forms.choices import NamedBlankChoicesAdmin
from ..models import Pledge, PledgeTarget, ProgrammePeriod
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


class PledgeTargetFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.forms:
            period = getattr(form, "cleaned_data", {}).get("period")
            if period is not None and period.programme_id != self.instance.programme_id:
                form.add_error("period", gettext("This period belongs to another programme than the pledge's."))


class PledgeTargetInline(KeptByThoseOverseeingBranches, NamedBlankChoicesAdmin, admin.TabularInline):
    model = PledgeTarget
    formset = PledgeTargetFormSet
    extra = 0
    fields = ("period", "initiatives")

    def get_formset(self, request, obj=None, **kwargs):
        request._pledge_programme_id = obj.programme_id if obj is not None else None  # for the periods offered
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "period":
            # The pledge's programme's periods; a new pledge's among those of the programmes under way.
            programme_id = getattr(request, "_pledge_programme_id", None)
            kwargs["queryset"] = (ProgrammePeriod.objects.filter(programme_id=programme_id) if programme_id
                                  else ProgrammePeriod.objects.filter(programme__is_current=True)
                                  .select_related("programme"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):  # the pledge's own numbers
        return self.has_view_permission(request)


class PledgeAdminForm(forms.ModelForm):
    class Meta:
        model = Pledge
        fields = ("branch", "programme", "signed_on", "document", "accepted_by_district")

    def clean(self):
        cleaned = super().clean()
        branch, programme = cleaned.get("branch"), cleaned.get("programme")
        changed = not self.instance.pk or {"branch", "programme"} & set(self.changed_data)
        if branch is not None and programme is not None and changed:
            offered = programmes.offered_for(branch)
            if all(p.pk != programme.pk for p in offered):
                names = "; ".join(p.name for p in offered) or gettext("none at the moment")
                self.add_error("programme", gettext(
                    "“%(programme)s” is not open for %(branch)s. Programmes open for it: %(names)s."
                ) % {"programme": programme.name, "branch": branch.name, "names": names})
        return cleaned

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
    ordering = ("branch__name", "-programme__window_start", "pk")
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
