"""Running counts of the initiatives (tallies), kept by database triggers in the same transaction as every write.

The dashboard, the home page's figures and the list's counts read these rows instead of counting a million
initiatives. Every row belongs to one branch (or to one member): a write changes only the rows of its own branch,
and the figures of a body or of the whole programme are sums of branch rows, read when shown. Triggers
(models/tally_sql.py; declared with the models they count, models/triggers.py) keep them exact whatever the
path of the write: a workflow move, a form, the admin, an import, a queryset.update(), a delete. Each table
is the sum of what every initiative contributes; `manage.py rebuild_tallies` recounts them from scratch and
`initiatives.tallies.differences()` compares the two.

Keys use 0 for "none" (not sent, outside every period) rather than NULL, so that a unique key always matches.
"""

from django.db import models

from .organisation import Branch, Federation, Member
from .programme import Programme

NOT_SENT = 0  # sent_month, sent_quarter and period of a cell that was not sent to the province


def key_to(model, related_name="+"):
    """A key without a foreign-key constraint or an index of its own (the unique key covers it): the triggers'
    writes stay cheap and never wait on the rows they point at; Django still deletes tallies with their rows."""
    return models.ForeignKey(model, on_delete=models.CASCADE, related_name=related_name, db_constraint=False,
                             db_index=False)


class Tally(models.Model):
    """Rows written by the triggers only; never edited by hand.

    Unmanaged once created (migration 0003; later changes to their tables are a migration's own SQL, as in 0015):
    Django neither serialises them with the data (a fixture or a test database copy loads the initiatives, and the
    triggers count them again) nor empties them with the tables it flushes (the triggers, or
    tallies.clear_if_empty, do)."""

    class Meta:
        abstract = True

    def __str__(self):
        fields = (f.attname for f in self._meta.concrete_fields if f.attname != "id")
        return ", ".join(f"{name}={getattr(self, name)}" for name in fields)


class CellKey(Tally):
    """What a cell counts: initiatives of one category at one status and, for those sent to the province, sent in
    one month and period (a branch's, a body's, or a body's pending change)."""

    category = models.CharField(max_length=30)
    status = models.CharField(max_length=20)
    sent_month = models.PositiveIntegerField(default=NOT_SENT, help_text="yyyymm of the date sent")
    period = models.PositiveSmallIntegerField(default=NOT_SENT, help_text="number of the period of the date sent")

    class Meta:
        abstract = True


class Authorships(Tally):
    """A member's approved initiatives (within a branch, a body or the programme): as an author, and as the
    credited author."""

    member = key_to(Member)
    authored = models.IntegerField(default=0)
    credited = models.IntegerField(default=0)

    class Meta:
        abstract = True


class TallyCell(CellKey):
    """Initiatives of a branch by category, status and, for those sent to the province, month and period sent."""

    programme = key_to(Programme)
    branch = key_to(Branch)
    n = models.IntegerField(default=0)

    class Meta:
        db_table = "initiatives_tally_cell"
        managed = False
        constraints = [models.UniqueConstraint(
            fields=["programme", "branch", "category", "status", "sent_month", "period"], name="tally_cell_key")]


class TallyBranch(Tally):
    """One row per branch: its initiatives at each status, and the members credited with (participants) or
    authoring (authors) an initiative approved by the branch or later."""

    programme = key_to(Programme)
    branch = key_to(Branch, related_name="tally_rows")
    draft = models.IntegerField(default=0)
    submitted = models.IntegerField(default=0)
    returned = models.IntegerField(default=0)
    branch_approved = models.IntegerField(default=0)
    rejected = models.IntegerField(default=0)
    district_verified = models.IntegerField(default=0)
    sent_to_province = models.IntegerField(default=0)
    participants = models.IntegerField(default=0)
    authors = models.IntegerField(default=0)
    # Moved by every write counted here: a sum of versions and the latest stamp identify what the figures of a
    # scope were computed from (progress caches on them).
    version = models.BigIntegerField(default=0)
    changed = models.BigIntegerField(default=0, help_text="microseconds since 1970 of the last write")

    class Meta:
        db_table = "initiatives_tally_branch"
        managed = False
        constraints = [models.UniqueConstraint(fields=["programme", "branch"], name="tally_branch_key")]


class TallyBranchSent(Tally):
    """Initiatives a branch sent to the province, by calendar quarter and period of the date sent, with the sum of
    their economic benefit: the quarter's leaders, the pledges and the awards' ranking read it."""

    programme = key_to(Programme)
    branch = key_to(Branch)
    sent_quarter = models.PositiveIntegerField(help_text="year × 10 + quarter of the date sent")
    period = models.PositiveSmallIntegerField(default=NOT_SENT)
    sent = models.IntegerField(default=0)
    benefit = models.BigIntegerField(default=0)

    class Meta:
        db_table = "initiatives_tally_branch_sent"
        managed = False
        constraints = [models.UniqueConstraint(
            fields=["programme", "branch", "sent_quarter", "period"], name="tally_branch_sent_key")]
        indexes = [models.Index(fields=["programme", "sent_quarter"], name="tally_branch_sent_quarter")]


class TallyCreditedSent(Tally):
    """A member's initiatives sent to the province as their credited author, over the whole programme, with the
    sum of their economic benefit: the awards' ranking of members reads its leaders from an index of it instead
    of grouping every initiative sent."""

    programme = key_to(Programme)
    member = key_to(Member)
    sent = models.IntegerField(default=0)
    benefit = models.BigIntegerField(default=0)

    class Meta:
        db_table = "initiatives_tally_credited_sent"
        managed = False
        constraints = [models.UniqueConstraint(fields=["programme", "member"], name="tally_credited_sent_key")]
        indexes = [
            models.Index(fields=["programme", "-sent", "-benefit"], name="tally_credited_by_sent"),
            models.Index(fields=["programme", "-benefit", "-sent"], name="tally_credited_by_benefit"),
        ]


class TallyPerson(Authorships):
    """A member's approved initiatives in one branch: as an author, and as the credited author."""

    programme = key_to(Programme)
    branch = key_to(Branch)

    class Meta:
        db_table = "initiatives_tally_person"
        managed = False
        constraints = [models.UniqueConstraint(fields=["programme", "branch", "member"], name="tally_person_key")]


class TallyMember(Authorships):
    """A member's approved initiatives over every branch: the programme's participants are counted from these rows
    (a member counts once in the district), when shown. Written by the member's own authorships only."""

    programme = key_to(Programme)

    class Meta:
        db_table = "initiatives_tally_member"
        managed = False
        constraints = [models.UniqueConstraint(fields=["programme", "member"], name="tally_member_key")]


class TallyProgramme(Tally):
    """A programme's version: what identifies, with its branches' versions, the state of its figures."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    # Moved by any write to what the figures show besides the tallies: branches, clusters, pledges, periods.
    version = models.BigIntegerField(default=0)
    changed = models.BigIntegerField(default=0, help_text="microseconds since 1970 of the last write")

    class Meta:
        db_table = "initiatives_tally_programme"
        managed = False


# --- per body: a union body's subtree added up ------------------------------------------------------------------
#
# A body's figures are its subtree's branches added up. Summed when shown, that grows with the data held per branch
# (about a hundred cells a branch at a million initiatives); these rows hold the sums, per body. A write never
# updates a row shared by a body's branches: the triggers append what it adds to each body above its branch to
# TallyBodyPending (insert only: writers on different branches never wait for one another), and a reader folds
# the pending rows into TallyBodyCell and TallyBody before reading them (tallies.fold). The people counted once in a
# body (TallyBodyPerson) are keyed by member: only writes of the same member's initiatives share a row, as in
# TallyMember. A branch moved to another body moves its counts in the same transaction (a trigger on the branch);
# a body moved with its subtree, by the reorganisation service (tallies.shift_subtree).


class TallyBodyCell(CellKey):
    """TallyCell added up over a union body's subtree."""

    programme = key_to(Programme)
    body = key_to(Federation)
    n = models.IntegerField(default=0)

    class Meta:
        db_table = "initiatives_tally_body_cell"
        managed = False
        constraints = [models.UniqueConstraint(
            fields=["programme", "body", "category", "status", "sent_month", "period"], name="tally_body_cell_key")]


class TallyBodyPerson(Authorships):
    """A member's approved initiatives in a union body's subtree: as an author, and as the credited author."""

    programme = key_to(Programme)
    body = key_to(Federation)

    class Meta:
        db_table = "initiatives_tally_body_person"
        managed = False
        constraints = [models.UniqueConstraint(fields=["programme", "body", "member"], name="tally_body_person_key")]


class TallyBody(Tally):
    """The members of a union body's subtree credited with (participants) or authoring (authors) an approved
    initiative, each once."""

    programme = key_to(Programme)
    body = key_to(Federation)
    participants = models.IntegerField(default=0)
    authors = models.IntegerField(default=0)

    class Meta:
        db_table = "initiatives_tally_body"
        managed = False
        constraints = [models.UniqueConstraint(fields=["programme", "body"], name="tally_body_key")]


class TallyBodyPending(CellKey):
    """What writes added to a body's rows and a reader has not folded in yet: a cell's change (n set), or a change
    of its people counted once (n 0, category empty)."""

    programme = key_to(Programme)
    body = key_to(Federation)
    n = models.IntegerField(default=0)
    participants = models.IntegerField(default=0)
    authors = models.IntegerField(default=0)

    class Meta:
        db_table = "initiatives_tally_body_pending"
        managed = False
