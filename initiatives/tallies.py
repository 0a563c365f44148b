"""The tallies (models/tally.py) from Python: recount them, check them, take a branch's lock.

Triggers keep the tallies in step inside every write's own transaction (tally_sql.py says how; models/triggers.py
declares them). This module is for the moments around that: `manage.py rebuild_tallies`, a bulk load that
switches the triggers off and recounts once at the end, and the tests and the command's --check that compare
the running counts with a recount from scratch.
"""

from django.db import connection, connections, transaction

from .models import (
    Initiative,
    Programme,
    TallyBody,
    TallyBodyCell,
    TallyBodyPerson,
    TallyBranch,
    TallyBranchSent,
    TallyCell,
    TallyCreditedSent,
    TallyMember,
    TallyPerson,
    tally_sql,
)

# Each table's key and counted columns, for comparing running counts with a recount.
TABLES = {
    TallyCell: (("programme_id", "branch_id", "category", "status", "sent_month", "period"), ("n",)),
    TallyBranch: (("programme_id", "branch_id"), (*tally_sql.STATUSES, "participants", "authors")),
    TallyBranchSent: (("programme_id", "branch_id", "sent_quarter", "period"), ("sent", "benefit")),
    TallyCreditedSent: (("programme_id", "member_id"), ("sent", "benefit")),
    TallyPerson: (("programme_id", "branch_id", "member_id"), ("authored", "credited")),
    TallyMember: (("programme_id", "member_id"), ("authored", "credited")),
    TallyBodyCell: (("programme_id", "body_id", "category", "status", "sent_month", "period"), ("n",)),
    TallyBodyPerson: (("programme_id", "body_id", "member_id"), ("authored", "credited")),
    TallyBody: (("programme_id", "body_id"), ("participants", "authors")),
}


def _execute(statements, using=None):
    conn = connection if using is None else using
    with conn.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def rebuild(programme_ids=None, using=None):
    """Recount the tallies of these programmes (all of them by default) from the initiatives and their authors."""
    conn = connection if using is None else using
    everything = programme_ids is None
    if everything:
        programme_ids = programme_ids_in(conn)
    dialect = tally_sql.Dialect(conn.vendor)
    with transaction.atomic(using=conn.alias):
        for programme_id in sorted(int(p) for p in programme_ids):
            # The programme's lock, exclusively: its writers wait until the recount is in (tally_sql's lock order).
            _execute([f"SELECT pg_advisory_xact_lock({tally_sql.PROGRAMME_LOCK}, {programme_id})"]
                     if conn.vendor == "postgresql" else [], conn)
            _execute(tally_sql.recount_statements(dialect, programme_id), conn)
        if everything:  # and nothing left of programmes that are gone
            known = ", ".join(str(int(p)) for p in programme_ids) or "NULL"
            _execute([f"DELETE FROM {table} WHERE programme_id NOT IN ({known})" for table in tally_sql.TABLES],
                     conn)


def programme_ids_in(conn):
    with conn.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {Programme._meta.db_table}")
        return [row[0] for row in cursor.fetchall()]


def clear_if_empty(using="default"):
    """After the test runner empties every table in some order, the triggers may have left counts behind:
    with no initiative at all, every tally is zero."""
    if not Initiative.objects.using(using).exists():
        conn = connections[using]
        _execute(tally_sql.cleared_statements(tally_sql.Dialect(conn.vendor)), conn)


class triggers_off:
    """PostgreSQL: no trigger work during a bulk load inside a transaction; the caller recounts afterwards."""

    def __enter__(self):
        _execute(tally_sql.trigger_switch_statements(connection.vendor, enabled=False))

    def __exit__(self, *exc):
        _execute(tally_sql.trigger_switch_statements(connection.vendor, enabled=True))


def snapshot():
    """Every tally row with a count other than zero, as {(table, key): counts} (the bodies' pending rows folded
    in first)."""
    fold()
    rows = {}
    for model, (key, counted) in TABLES.items():
        for values in model.objects.values_list(*key, *counted):
            counts = values[len(key):]
            if any(counts):
                rows[(model.__name__, values[:len(key)])] = counts
    return rows


def differences():
    """The rows where the running counts differ from a recount from scratch (empty when all is well). The recount
    happens inside a transaction that is rolled back, so the running counts stay as they were."""
    running = snapshot()
    with transaction.atomic():
        rebuild()
        recounted = snapshot()
        transaction.set_rollback(True)
    keys = set(running) | set(recounted)
    return {key: (running.get(key), recounted.get(key)) for key in sorted(keys, key=repr)
            if running.get(key) != recounted.get(key)}


def take_branch_lock(initiative, using="default"):
    """On PostgreSQL, the locks a tally writer of this initiative takes before any tally row: its programme's
    (shared) and its branch's (see tally_sql's lock order). Writes to other branches never wait for them."""
    conn = connections[using]
    if conn.vendor == "postgresql":
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock_shared(%s, (%s %% %s)::integer), "
                           "pg_advisory_xact_lock(%s, (%s %% %s)::integer)",
                           [tally_sql.PROGRAMME_LOCK, initiative.programme_id, tally_sql.LOCK_KEY_SPACE,
                            tally_sql.BRANCH_LOCK, initiative.branch_id, tally_sql.LOCK_KEY_SPACE])


def take_branch_locks(branch_ids, using="default"):
    """On PostgreSQL, the locks a tally writer of these branches takes (their programmes' shared, then each
    branch's, lower id first): a reorganisation takes them before it locks the branches' rows, in that order as
    every writer does; the branch's trigger then finds them held."""
    conn = connections[using]
    ids = sorted({int(pk) for pk in branch_ids})
    if conn.vendor != "postgresql" or not ids:
        return
    listed = ", ".join(map(str, ids))
    dialect = tally_sql.Dialect(conn.vendor)
    _execute([*dialect.programme_locks(f"{tally_sql.BRANCH} WHERE branch_id IN ({listed})"),
              f"SELECT pg_advisory_xact_lock({tally_sql.BRANCH_LOCK}, (id % {tally_sql.LOCK_KEY_SPACE})::integer) "
              f"FROM (SELECT unnest(ARRAY[{listed}]) AS id ORDER BY 1) x"], conn)


def clear_after_flush(sender, using="default", **kwargs):
    """`flush` (the test runner's, between transactional tests) empties the tables in no set order, and the
    triggers of the last rows deleted may leave counts behind: with no initiative left, every tally is zero.
    Connected to post_migrate in the app's ready()."""
    if sender.name == "initiatives":
        clear_if_empty(using=using)


def fold(using="default"):
    """Fold the bodies' pending rows (what writes added to each union body above their branch) into the bodies'
    cells and counts, so that a body's figures read its own rows only. Run before reading them; a few rows since
    the last reader's. On PostgreSQL the programmes with pending rows are locked shared first (a recount, which
    locks its programme exclusively, drops the same rows): two statements, whatever there is to fold."""
    conn = connections[using]
    dialect = tally_sql.Dialect(conn.vendor)
    with transaction.atomic(using=using), conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(*dialect.programme_locks(tally_sql.PENDING))
            programmes = ", ".join(str(int(row[0])) for row in cursor.fetchall()) or "NULL"
        else:
            programmes = f"SELECT programme_id FROM {tally_sql.PENDING}"
        for statement in tally_sql.fold_statements(dialect, programmes):
            cursor.execute(statement)


def shift_subtree(path, leaving, joining, using="default"):
    """A union body at `path` was moved with its subtree: its branches' counts leave the bodies `leaving` (ids)
    and join the bodies `joining`. Called by the reorganisation service in the move's transaction; on PostgreSQL
    every programme is locked exclusively first (writers of the moved branches wait for the shift)."""
    if not leaving and not joining:
        return
    if not path.isalnum():
        raise ValueError(f"Not a tree path: {path!r}")
    conn = connections[using]
    signed = " UNION ALL ".join([*(f"SELECT {int(body)} AS body_id, -1 AS sign" for body in sorted(leaving)),
                                 *(f"SELECT {int(body)} AS body_id, 1 AS sign" for body in sorted(joining))])
    branches = (f"SELECT b.id FROM {tally_sql.BRANCHES} b JOIN {tally_sql.FEDERATION} f ON f.id = b.federation_id "
                f"WHERE f.path LIKE '{path}%'")
    with transaction.atomic(using=using):
        # Every programme exclusively: the writers of the moved branches wait for the shift.
        _execute([*tally_sql.Dialect(conn.vendor).programme_locks(
            f"(SELECT id AS programme_id FROM {Programme._meta.db_table}) p", shared=False),
            *tally_sql.shift_statements(branches, signed)], conn)
