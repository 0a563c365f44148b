"""The owning federation, its branches (CĐCS), their members and members' requests to join."""

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from ..text import fold_for_index
from .triggers import TallyTrigger, tally_triggers


class Federation(MP_Node):
    """An upper union: a node of the union tree (the province, a commune, ward, sector or industrial-zone union, the
    old district). Branches hang under nodes; a node's officers see its whole subtree. The tree is a materialized
    path (django-treebeard): a subtree is the nodes whose `path` starts with the node's, one indexed prefix query."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50)
    parent_name = models.CharField(
        _("parent federation"), max_length=200, blank=True,
        help_text=_("The body above this one when it is not itself in the portal (reports are headed by it)."),
    )
    place_name = models.CharField(_("place name for report headers"), max_length=100)
    chair_title = models.CharField(_("chairperson's title"), max_length=100)
    chair_name = models.CharField(_("chairperson's name"), max_length=100, blank=True)
    dissolved_on = models.DateField(
        _("dissolved on"), null=True, blank=True,
        help_text=_("Set by a dissolution: the body's branches and bodies went to the one that took it over."),
    )
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officers"),
        blank=True,
        related_name="federation_officer_of",
        help_text=_("Upper-union staff of this body: they see and act on every branch in its subtree."),
    )

    class Meta:
        verbose_name = _("union body")
        verbose_name_plural = _("union bodies")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self._state.adding and not self.path:
            # Created without the tree's API (`Federation.objects.create(...)`): a new root, placed by treebeard.
            Federation.objects.add_root(instance=self)
            return
        super().save(*args, **kwargs)

    @property
    def upper_body_name(self):
        """The name of the body above: the parent node's, or the one written in `parent_name` for a root."""
        parent = Federation.objects.get_parent(self) if self.depth > 1 else None
        return parent.name if parent is not None else self.parent_name

    @classmethod
    def current(cls):
        """The portal's owning body (the first one set up): its names head the site. Callers that report for a
        viewer use that viewer's node instead (access.home_node)."""
        return cls.objects.order_by("pk").first() or cls(
            name="Liên đoàn Lao động huyện Vĩnh Linh",
            short_name="LĐLĐ huyện Vĩnh Linh",
            parent_name="Liên đoàn Lao động tỉnh Quảng Trị",
            place_name="Vĩnh Linh",
            chair_title="Chủ tịch",
        )


class BranchKind(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("Administrative and public service")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    ENTERPRISE = "enterprise", _("Enterprise")
    COMMUNE = "commune", _("Commune and town")
    OTHER = "other", _("Other")


class EmulationCluster(models.Model):
    """Cụm/khối thi đua: branches ranked together each quarter."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("emulation cluster")
        verbose_name_plural = _("emulation clusters")
        # The tallies' triggers (models/triggers.py): a cluster's write moves every programme's version
        triggers = tally_triggers("tally_cluster_bump")

    def __str__(self):
        return self.name


class Branch(models.Model):
    """A grassroots trade union (CĐCS)."""

    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("short code"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BranchKind.choices, default=BranchKind.OTHER)
    cluster = models.ForeignKey(
        EmulationCluster,
        verbose_name=_("emulation cluster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="branches",
    )
    member_count = models.PositiveIntegerField(
        _("number of members"),
        default=0,
        help_text=_("All union members of the branch, with or without an account."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    federation = models.ForeignKey(
        Federation,
        verbose_name=_("upper union"),
        on_delete=models.PROTECT,
        related_name="branches",
        help_text=_("The union body this branch sits under."),
    )
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("Set by a merger: from `merged_on` this branch's initiatives count for that branch."),
    )
    merged_on = models.DateField(_("merged on"), null=True, blank=True)
    # Who signs the branch's own reports "TM. BAN CHẤP HÀNH" (reporting.letterhead).
    chair_name = models.CharField(_("chairperson's name"), max_length=100, blank=True)
    chair_title = models.CharField(_("chairperson's title"), max_length=100, default="Chủ tịch")
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officers"),
        blank=True,
        related_name="officer_of",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("branch (CĐCS)")
        verbose_name_plural = _("branches (CĐCS)")
        # The tallies' triggers (models/triggers.py): a branch's write moves every programme's version; a branch
        # put under another body moves its counts from the bodies above the old one to those above the new one.
        triggers = [*tally_triggers("tally_branch_bump"),
                    TallyTrigger("tally_branch_moved", operation=pgtrigger.Update)]

    def __str__(self):
        return self.name


class Member(models.Model):
    """A union member on a branch roster; an account is optional."""

    full_name = models.CharField(_("full name"), max_length=150)
    branch = models.ForeignKey(Branch, verbose_name=_("branch"), on_delete=models.PROTECT, related_name="members")
    position = models.CharField(_("job or position"), max_length=150, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    qualification = models.CharField(_("qualification"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    is_active = models.BooleanField(_("on the roster"), default=True)
    search_name = models.CharField(max_length=150, editable=False, db_index=True, default="")

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "full_name", "date_of_birth"],
                name="member_unique_per_branch_name_birth",
            ),
        ]
        # The roster's order in the admin (name, then newest): a page of a million entries read from the index.
        indexes = [models.Index(fields=["full_name", "-id"], name="member_name_order")]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_name = fold_for_index(self.full_name)
        if kwargs.get("update_fields") is not None and "full_name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)


class MembershipRequest(models.Model):
    """A self-registered account waiting for its branch officer to link it to the roster."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for the officer")
        CONFIRMED = "confirmed", _("Confirmed")
        REFUSED = "refused", _("Refused")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="membership_request",
    )
    branch = models.ForeignKey(
        Branch, verbose_name=_("branch"), on_delete=models.CASCADE, related_name="membership_requests"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("job or position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING, db_index=True)
    member = models.ForeignKey(
        Member,
        verbose_name=_("roster entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_("The roster entry this account belongs to; leave empty to add a new one on confirmation."),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("membership request")
        verbose_name_plural = _("membership requests")

    def __str__(self):
        return f"{self.full_name} → {self.branch}"
