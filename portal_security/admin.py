"""django-axes' list of login attempts, with an explicit "unlock" action for the district office; the audit log.

Unlocking deletes the attempts of that user name and address; it is written to the audit log.
"""

import rules
from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import audit, permissions  # noqa: F401  (the rules the admin asks)
from .models import AuditEvent


class UnlockingAccessAttemptAdmin(AccessAttemptAdmin):
    actions = ["unlock", *AccessAttemptAdmin.actions]
    ordering = ["-attempt_time", "-pk"]  # the latest first, in a stable order across pages

    @admin.action(description=_("Unlock the selected user names and addresses"), permissions=["delete"])
    def unlock(self, request, queryset):
        attempts = list(queryset)
        for attempt in attempts:
            audit.record(audit.UNLOCKED, request, unlocked_user=attempt.username, unlocked_ip=attempt.ip_address)
        queryset.model.objects.filter(pk__in=[attempt.pk for attempt in attempts]).delete()
        self.message_user(
            request,
            ngettext("%(count)d lock-out removed.", "%(count)d lock-outs removed.", len(attempts))
            % {"count": len(attempts)},
        )


if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, UnlockingAccessAttemptAdmin)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log, read only, for the portal's administrator: who did what to which record, and when. Rows are
    written by `audit` and the services; nobody adds, edits or deletes them here."""

    list_display = ["at", "actor", "action", "target_type", "target_id", "details_text"]
    list_filter = ["action", "target_type", ("at", admin.DateFieldListFilter)]
    search_fields = ["action", "actor__username", "=target_id"]
    date_hierarchy = "at"
    ordering = ["-at", "-pk"]
    list_select_related = ["actor"]
    show_full_result_count = False  # the log only grows: no second COUNT(*) over all of it
    fields = ["at", "actor", "action", "target_type", "target_id", "details_text"]
    readonly_fields = fields

    @admin.display(description=_("details"))
    def details_text(self, event):
        return Truncator("; ".join(f"{key}: {value}" for key, value in sorted(event.details.items())) or "—").chars(
            120)

    def has_view_permission(self, request, obj=None):
        return rules.has_perm("portal_security.view_auditevent", request.user, obj)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
