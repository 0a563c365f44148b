"""django-axes' list of login attempts, with an explicit "unlock" action for the district office.

Unlocking deletes the attempts of that user name and address; it is written to the audit log.
"""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import audit


class UnlockingAccessAttemptAdmin(AccessAttemptAdmin):
    actions = ["unlock", *AccessAttemptAdmin.actions]

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
