"""The audit table: one row per change a service makes on someone's behalf (a status move, an acceptance, a
publication, a confirmation), written in the change's own transaction, so a change and its row exist together or
not at all. Logins and refusals stay log lines (portal_security/audit.py): they change nothing."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("action"), max_length=60)  # "<subject>.<verb>": initiative.approve, pledge.accept
    target_type = models.CharField(_("record type"), max_length=60)  # the model's label: initiatives.initiative
    target_id = models.BigIntegerField(_("record number"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self):
        return f"{self.action} {self.target_type}#{self.target_id}"
