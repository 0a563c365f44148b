"""The union tree's history: every creation, renaming, move, merger and dissolution, with its effective date, who
recorded it and why. The tree itself (Federation paths, Branch.federation) always stands as of the latest change;
these rows say how it came to be (initiatives/reorganisation.py writes both)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisation import Branch, Federation


class Reorganisation(models.Model):
    class Kind(models.TextChoices):
        CREATE_NODE = "create_node", _("Union body set up")
        RENAME_NODE = "rename_node", _("Union body renamed")
        MOVE_NODE = "move_node", _("Union body moved")
        DISSOLVE_NODE = "dissolve_node", _("Union body dissolved")
        MOVE_BRANCH = "move_branch", _("Branch moved")
        MERGE_BRANCH = "merge_branch", _("Branches merged")

    kind = models.CharField(_("change"), max_length=20, choices=Kind.choices)
    effective_on = models.DateField(_("effective from"))
    node = models.ForeignKey(Federation, verbose_name=_("union body"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="reorganisations")
    branch = models.ForeignKey(Branch, verbose_name=_("branch"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="reorganisations")
    from_node = models.ForeignKey(Federation, verbose_name=_("from"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    to_node = models.ForeignKey(Federation, verbose_name=_("to"), null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    into_branch = models.ForeignKey(Branch, verbose_name=_("merged into"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    old_name = models.CharField(_("former name"), max_length=200, blank=True)
    new_name = models.CharField(_("new name"), max_length=200, blank=True)
    reason = models.TextField(_("reason"))
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                on_delete=models.SET_NULL, related_name="+")
    made_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-pk"]
        verbose_name = _("reorganisation")
        verbose_name_plural = _("reorganisations")
        indexes = [models.Index(fields=["branch", "effective_on"], name="reorg_branch_date"),
                   models.Index(fields=["node", "effective_on"], name="reorg_node_date")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.effective_on:%d/%m/%Y})"
