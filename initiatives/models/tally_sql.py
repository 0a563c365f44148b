"""The SQL that keeps the tallies (initiatives/models/tally.py): triggers, and the full recount.

One description, written out for PostgreSQL (PL/pgSQL functions, declared with their models through
django-pgtrigger: models/triggers.py) and SQLite (trigger bodies, installed by a migration that holds them as
literals): the statements are the same; only the date arithmetic, the locks and the trigger wrapping differ.

Every trigger adds what a row contributes after the write and takes away what it contributed before, in one
INSERT … ON CONFLICT DO UPDATE per table, its rows in key order. Every row a write touches is keyed by its
initiative's branch (cells, the branch's row, its sent quarters, its people) or by one of its own authors (a member's
row): no row is shared by the whole portal, and whole-programme figures are sums of those rows, read when shown
(progress_counts). Distinct counts within a branch (members credited once in it) move when a member's own count
crosses zero, read back from the row just updated, which this transaction holds locked.

The union bodies above the branch (found through the prefixes of its body's path) get what the write adds as
rows appended to the bodies' pending table — an INSERT, never an update of a row the body's other branches
share — and their members counted once per body in rows keyed by member (shared only by writes of the same
member, as the members' own rows). A reader folds the pending rows into the bodies' rows (tallies.fold).

Locks on PostgreSQL, always in this order, so that two writers never wait for each other in opposite orders:
1. the initiative's row (workflow.apply and the form's save lock it; the author triggers lock it too, so that an
   author added while another transaction approves the initiative is counted exactly once);
2. the programme's lock in shared mode (writers never wait for each other on it; a recount of the programme, after
   a period's dates change or by `rebuild_tallies`, takes it exclusively);
3. the branch's lock (a transaction-level advisory lock keyed by the branch): writes to one branch queue, writes to
   different branches never wait for one another; an initiative moved between two branches takes both, lower
   id first;
4. the tally rows, in key order.

Changing what is counted (a new status, another key) changes the functions: `makemigrations` then writes the
PostgreSQL triggers again (django-pgtrigger compares them), and the SQLite ones need a migration holding the new
statements (tests/initiatives/test_tally_triggers.py compares the installed ones with these).
"""

from .status import APPROVED_STATUSES, Status

STATUSES = [str(s) for s in Status.values]
APPROVED = ", ".join(f"'{s}'" for s in APPROVED_STATUSES)
SENT = str(Status.SENT_TO_PROVINCE)

INITIATIVE = "initiatives_initiative"
AUTHOR = "initiatives_initiativeauthor"
PERIOD = "initiatives_programmeperiod"
PLEDGE = "initiatives_pledge"
TARGET = "initiatives_pledgetarget"
CELL = "initiatives_tally_cell"
BRANCH = "initiatives_tally_branch"
BRANCH_SENT = "initiatives_tally_branch_sent"
PERSON = "initiatives_tally_person"
MEMBER = "initiatives_tally_member"
CREDITED_SENT = "initiatives_tally_credited_sent"
PROGRAMME = "initiatives_tally_programme"
BODY_CELL = "initiatives_tally_body_cell"
BODY_PERSON = "initiatives_tally_body_person"
BODY = "initiatives_tally_body"
PENDING = "initiatives_tally_body_pending"
BODY_TABLES = (BODY_CELL, BODY_PERSON, BODY, PENDING)
TABLES = (CELL, BRANCH, BRANCH_SENT, CREDITED_SENT, PERSON, MEMBER, PROGRAMME, *BODY_TABLES)
BRANCHES = "initiatives_branch"
FEDERATION = "initiatives_federation"
# The union tree's paths (django-treebeard's materialised path): STEPLEN characters a level. A body's rows are
# found from a branch through the prefixes of its body's path, on the path's unique index; trees deeper than
# MAX_DEPTH levels are refused (models.Federation; a tally trigger cannot recurse on SQLite).
STEPLEN = 4
MAX_DEPTH = 16
BULK_LOAD = "tally.bulk_load"  # PostgreSQL setting: 'on' for the rest of a transaction that recounts at the end
# The two kinds of transaction-level advisory locks (pg_advisory_xact_lock(kind, id)): a programme's, shared by
# its writers and exclusive for a recount; a branch's, taken by every write counted in that branch.
PROGRAMME_LOCK = 7406
BRANCH_LOCK = 7407
LOCK_KEY_SPACE = 2147483647  # ids folded into the lock's 32-bit key (two ids 2^31 apart share a lock: harmless)

# The initiative's columns that change what it contributes.
COUNTED_COLUMNS = ("programme_id", "branch_id", "category", "status", "sent_to_province_date", "credited_author_id",
                   "economic_benefit_vnd")


class Dialect:
    def __init__(self, vendor):
        if vendor not in ("postgresql", "sqlite"):
            raise ValueError(f"No tally triggers for {vendor}.")
        self.vendor = vendor

    def month(self, date):
        if self.vendor == "postgresql":
            return f"(EXTRACT(YEAR FROM {date})::integer * 100 + EXTRACT(MONTH FROM {date})::integer)"
        return f"CAST(strftime('%Y%m', {date}) AS INTEGER)"

    def now(self):
        """Microseconds since 1970 at this statement: the tallies' change stamp."""
        if self.vendor == "postgresql":
            return "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint"
        return "CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)"

    def quarter(self, date):
        if self.vendor == "postgresql":
            return f"(EXTRACT(YEAR FROM {date})::integer * 10 + EXTRACT(QUARTER FROM {date})::integer)"
        return f"(CAST(strftime('%Y', {date}) AS INTEGER) * 10 + (CAST(strftime('%m', {date}) AS INTEGER) + 2) / 3)"

    def locks(self, kind, ids, *, shared=False, exclusive_kind=None):
        """PostgreSQL: take the advisory locks of `kind` on these ids (SQL expressions, one or two), lower first;
        SQLite has one writer at a time and needs none."""
        if self.vendor != "postgresql":
            return []
        function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"

        def lock(expression):
            return f"PERFORM {function}({kind}, (({expression}) % {LOCK_KEY_SPACE})::integer)"

        if len(ids) == 1:
            return [lock(ids[0])]
        first, second = ids
        return [lock(f"LEAST({first}, {second})"),
                f"IF ({first}) IS DISTINCT FROM ({second}) THEN {lock(f'GREATEST({first}, {second})')}; END IF"]

    def row_locks(self, table, ids):
        """PostgreSQL: lock these rows of `table` (SQL expressions of their ids), in the order of their ids."""
        if self.vendor != "postgresql":
            return []
        return [f"PERFORM 1 FROM {table} WHERE id IN ({', '.join(ids)}) ORDER BY id FOR UPDATE"]

    def programme_locks(self, rows, *, shared=True, perform=False):
        """PostgreSQL: the programmes' locks, lower id first, of the programmes named by `rows` (a table and its
        WHERE, with a programme_id column): a statement selecting each programme_id, or, with `perform`, a
        trigger's PERFORM. SQLite needs none."""
        if self.vendor != "postgresql":
            return []
        function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
        lead = "PERFORM" if perform else "SELECT programme_id,"
        return [f"{lead} {function}({PROGRAMME_LOCK}, (programme_id % {LOCK_KEY_SPACE})::integer) "
                f"FROM (SELECT DISTINCT programme_id FROM {rows} ORDER BY 1) x"]

    def writer_locks(self, programmes, branches):
        """What every tally writer takes before its rows: its programmes' locks shared, then its branches'."""
        return [*self.locks(PROGRAMME_LOCK, programmes, shared=True), *self.locks(BRANCH_LOCK, branches)]


# --- what one initiative row contributes ---------------------------------------------------------------------


def is_sent(row):
    return f"({row}.status = '{SENT}' AND {row}.sent_to_province_date IS NOT NULL)"


def period_of(row):
    """The number of the first period of the row's programme that holds its date sent; 0 for none."""
    return (f"COALESCE((SELECT pp.number FROM {PERIOD} pp WHERE pp.programme_id = {row}.programme_id "
            f"AND {row}.sent_to_province_date BETWEEN pp.start AND pp.\"end\" ORDER BY pp.number LIMIT 1), 0)")


def month_key(dialect, row):
    return f"CASE WHEN {is_sent(row)} THEN {dialect.month(row + '.sent_to_province_date')} ELSE 0 END"


def period_key(row):
    return f"CASE WHEN {is_sent(row)} THEN {period_of(row)} ELSE 0 END"


def _upsert(table, key, values, source, *, having=True, zeros=(), stamp=None):
    """INSERT the summed deltas of `source` (rows of key + value columns) into `table`, adding them to the rows
    already there. `values` maps each value column to its SQL (over `x`); `zeros` are other columns, 0 in a new
    row; `stamp` (SQL) is written to the `changed` column."""
    keys = ", ".join(key)
    stamped = {"changed": stamp} if stamp else {}
    columns = ", ".join([*key, *values, *zeros, *stamped])
    sums = ", ".join([*values.values(), *("0" for _ in zeros), *stamped.values()])
    additions = ", ".join([*(f"{column} = {table}.{column} + excluded.{column}" for column in values),
                           *(f"{column} = excluded.{column}" for column in stamped)])
    condition = ""
    if having:
        condition = " HAVING " + " OR ".join(f"{expression} <> 0" for expression in values.values())
    return (f"INSERT INTO {table} ({columns}) SELECT {keys}, {sums} FROM ({source}) x WHERE true "
            f"GROUP BY {keys}{condition} ORDER BY {keys} ON CONFLICT ({keys}) DO UPDATE SET {additions}")


def initiative_statements(dialect, sides):
    """The statements for an initiative row written: `sides` are (row alias, sign), e.g. [("OLD", -1), ("NEW", 1)]."""

    def union(select):
        return " UNION ALL ".join(select(row, sign) for row, sign in sides)

    cells = union(lambda r, s: (
        f"SELECT {r}.programme_id AS programme_id, {r}.branch_id AS branch_id, {r}.category AS category, "
        f"{r}.status AS status, {month_key(dialect, r)} AS sent_month, {period_key(r)} AS period, {s} AS d"))
    sent = union(lambda r, s: (
        f"SELECT {r}.programme_id AS programme_id, {r}.branch_id AS branch_id, "
        f"{dialect.quarter(r + '.sent_to_province_date')} AS sent_quarter, {period_of(r)} AS period, {s} AS d, "
        f"{s} * COALESCE({r}.economic_benefit_vnd, 0) AS b WHERE {is_sent(r)}"))
    credited = union(lambda r, s: (
        f"SELECT {r}.programme_id AS programme_id, {r}.credited_author_id AS member_id, {s} AS d, "
        f"{s} * COALESCE({r}.economic_benefit_vnd, 0) AS b WHERE {is_sent(r)} AND {r}.credited_author_id IS NOT NULL"))
    people = union(lambda r, s: (
        f"SELECT {r}.programme_id AS programme_id, {r}.branch_id AS branch_id, a.member_id AS member_id, "
        f"CASE WHEN a.member_id = {r}.credited_author_id THEN 1 ELSE 0 END AS credited, {s} AS d "
        f"FROM {AUTHOR} a WHERE a.initiative_id = {r}.id AND {r}.status IN ({APPROVED})"))
    statuses = {status: f"SUM(CASE WHEN status = '{status}' THEN d ELSE 0 END)" for status in STATUSES}
    return [
        _upsert(CELL, ["programme_id", "branch_id", "category", "status", "sent_month", "period"],
                {"n": "SUM(d)"}, cells),
        # Every write moves the branch's version and stamp: cached figures of a scope holding it are stale.
        _upsert(BRANCH, ["programme_id", "branch_id"], {**statuses, "version": "COUNT(*)"}, cells,
                zeros=("participants", "authors"), stamp=dialect.now()),
        _upsert(BRANCH_SENT, ["programme_id", "branch_id", "sent_quarter", "period"],
                {"sent": "SUM(d)", "benefit": "SUM(b)"}, sent),
        _upsert(CREDITED_SENT, ["programme_id", "member_id"], {"sent": "SUM(d)", "benefit": "SUM(b)"}, credited),
        pending_cells(cells),
        *people_statements(dialect, people),
    ]


def author_statements(dialect, sides):
    """The statements for an author row written: `sides` are (row alias, sign)."""
    people = " UNION ALL ".join(
        f"SELECT i.programme_id AS programme_id, i.branch_id AS branch_id, {r}.member_id AS member_id, "
        f"CASE WHEN {r}.member_id = i.credited_author_id THEN 1 ELSE 0 END AS credited, {s} AS d "
        f"FROM {INITIATIVE} i WHERE i.id = {r}.initiative_id AND i.status IN ({APPROVED})"
        for r, s in sides
    )
    return people_statements(dialect, people)


def people_statements(dialect, source):
    """Authorships (initiative approved, member) added or taken away by `source`, then the distinct counts of the
    branch (a member counted once in it). The programme's are counted when shown, from the members' rows."""

    def crossing(delta, column):
        # +1 when this write took the member's count from 0 to 1, -1 when from 1 to 0.
        return (f"SUM(CASE WHEN x.{delta} = 1 AND p.{column} = 1 THEN 1 "
                f"WHEN x.{delta} = -1 AND p.{column} = 0 THEN -1 ELSE 0 END)")

    key = ["programme_id", "branch_id"]
    keys = ", ".join(f"x.{k}" for k in key)
    joined = " AND ".join(f"p.{k} = x.{k}" for k in (*key, "member_id"))
    per_member = (f"SELECT {', '.join(key)}, member_id, SUM(d) AS da, SUM(d * credited) AS dc "
                  f"FROM ({source}) s GROUP BY {', '.join(key)}, member_id")
    zeros = ", ".join("0" for _ in STATUSES)
    columns = ", ".join([*key, *STATUSES, "participants", "authors", "version", "changed"])
    # A branch's version and stamp move with its people.
    counters = (f"INSERT INTO {BRANCH} ({columns}) SELECT {keys}, {zeros}, {crossing('dc', 'credited')}, "
                f"{crossing('da', 'authored')}, COUNT(*), {dialect.now()} FROM ({per_member}) x "
                f"JOIN {PERSON} p ON {joined} WHERE true "
                f"GROUP BY {keys} ORDER BY {keys} ON CONFLICT ({', '.join(key)}) DO UPDATE SET "
                f"participants = {BRANCH}.participants + excluded.participants, "
                f"authors = {BRANCH}.authors + excluded.authors, version = {BRANCH}.version + excluded.version, "
                f"changed = excluded.changed")
    return [
        _upsert(PERSON, ["programme_id", "branch_id", "member_id"],
                {"authored": "SUM(d)", "credited": "SUM(d * credited)"}, source),
        counters,
        _upsert(MEMBER, ["programme_id", "member_id"], {"authored": "SUM(d)", "credited": "SUM(d * credited)"},
                source),
        *body_people_statements(_people_per_body(source)),
    ]


# --- the union bodies above a branch (TallyBody*: models/tally.py) --------------------------------------------

CELL_KEY = ("category", "status", "sent_month", "period")


def _prefixes(path):
    return ", ".join(f"substr({path}, 1, {STEPLEN * depth})" for depth in range(1, MAX_DEPTH + 1))


def bodies_over(federation_id):
    """Rows (body_id) of the union body `federation_id` (an SQL expression) and of every body above it."""
    return (f"SELECT a.id AS body_id FROM {FEDERATION} f JOIN {FEDERATION} a ON a.path IN ({_prefixes('f.path')}) "
            f"WHERE f.id = {federation_id}")


def _to_bodies(alias):
    """Joins from the rows `alias` (with a branch_id) to each union body above that branch, as `a`."""
    return (f"JOIN {BRANCHES} b ON b.id = {alias}.branch_id JOIN {FEDERATION} f ON f.id = b.federation_id "
            f"JOIN {FEDERATION} a ON a.path IN ({_prefixes('f.path')})")


def _pending_cells(source):
    """Append to the bodies' pending rows the cells of `source` (programme_id, body_id, the cell's key, d)."""
    key = ", ".join(f"x.{column}" for column in ("programme_id", "body_id", *CELL_KEY))
    return (f"INSERT INTO {PENDING} (programme_id, body_id, {', '.join(CELL_KEY)}, n, participants, authors) "
            f"SELECT {key}, SUM(x.d), 0, 0 FROM ({source}) x GROUP BY {key} HAVING SUM(x.d) <> 0")


def pending_cells(source):
    """The cells of `source` (programme_id, branch_id, the cell's key, d), for every body above each branch."""
    cells = ", ".join(f"s.{column} AS {column}" for column in CELL_KEY)
    return _pending_cells(f"SELECT s.programme_id AS programme_id, a.id AS body_id, {cells}, s.d AS d "
                          f"FROM ({source}) s {_to_bodies('s')}")


def body_people_statements(per_body):
    """A body's members counted once: add `per_body`'s (programme_id, body_id, member_id, da, dc) to the members'
    rows of each body, then append to the body's pending rows +1 for each member whose count went above zero and
    -1 for each that went back to zero (read back from the rows just written, which this transaction holds)."""
    key = ("programme_id", "body_id", "member_id")
    grouped = (f"SELECT {', '.join(key)}, SUM(da) AS da, SUM(dc) AS dc FROM ({per_body}) s "
               f"GROUP BY {', '.join(key)}")

    def crossing(delta, column):
        return (f"SUM(CASE WHEN p.{column} > 0 AND p.{column} - x.{delta} <= 0 THEN 1 "
                f"WHEN p.{column} <= 0 AND p.{column} - x.{delta} > 0 THEN -1 ELSE 0 END)")

    joined = " AND ".join(f"p.{column} = x.{column}" for column in key)
    counts = (f"INSERT INTO {PENDING} (programme_id, body_id, {', '.join(CELL_KEY)}, n, participants, authors) "
              f"SELECT x.programme_id, x.body_id, '', '', 0, 0, 0, {crossing('dc', 'credited')}, "
              f"{crossing('da', 'authored')} FROM ({grouped}) x JOIN {BODY_PERSON} p ON {joined} "
              f"GROUP BY x.programme_id, x.body_id "
              f"HAVING {crossing('dc', 'credited')} <> 0 OR {crossing('da', 'authored')} <> 0")
    return [_upsert(BODY_PERSON, list(key), {"authored": "SUM(da)", "credited": "SUM(dc)"}, grouped), counts]


def _people_per_body(source):
    return (f"SELECT s.programme_id AS programme_id, a.id AS body_id, s.member_id AS member_id, s.d AS da, "
            f"s.d * s.credited AS dc FROM ({source}) s {_to_bodies('s')}")


def shift_statements(branches, signed_bodies):
    """Move what the branches `branches` (an SQL subquery of ids) hold from some bodies to others:
    `signed_bodies` are rows (body_id, sign), -1 for a body they leave, 1 for one they join."""
    cells = ", ".join(f"t.{column} AS {column}" for column in CELL_KEY)
    moved_cells = (f"SELECT t.programme_id AS programme_id, s.body_id AS body_id, {cells}, t.n * s.sign AS d "
                   f"FROM {CELL} t CROSS JOIN ({signed_bodies}) s WHERE t.branch_id IN ({branches})")
    moved_people = (f"SELECT t.programme_id AS programme_id, s.body_id AS body_id, t.member_id AS member_id, "
                    f"t.authored * s.sign AS da, t.credited * s.sign AS dc "
                    f"FROM {PERSON} t CROSS JOIN ({signed_bodies}) s WHERE t.branch_id IN ({branches})")
    return [_pending_cells(moved_cells), *body_people_statements(moved_people)]


def branch_moved_statements(dialect):
    """A branch put under another body (a move, a merger, a dissolution's hand-over, the admin): its counts leave
    the bodies above its old body and join those above the new one. Its programmes' locks (shared) and its
    branch's lock first, as any writer of the branch."""
    signed = (f"SELECT body_id, -1 AS sign FROM ({bodies_over('OLD.federation_id')}) o UNION ALL "
              f"SELECT body_id, 1 AS sign FROM ({bodies_over('NEW.federation_id')}) n")
    return [*dialect.programme_locks(f"{BRANCH} WHERE branch_id = NEW.id", perform=True),
            *dialect.locks(BRANCH_LOCK, ["NEW.id"]), *shift_statements("SELECT NEW.id", signed)]


def body_recount_statements(programme, *, cells_only=False):
    """Recount the bodies' rows of `programme` from its branches' (recounted first), the pending rows dropped."""
    p = programme
    key = ", ".join(f"t.{column}" for column in CELL_KEY)
    statements = [
        f"DELETE FROM {BODY_CELL} WHERE programme_id = {p}",
        f"DELETE FROM {PENDING} WHERE programme_id = {p} AND n <> 0",
        f"INSERT INTO {BODY_CELL} (programme_id, body_id, {', '.join(CELL_KEY)}, n) "
        f"SELECT t.programme_id, a.id, {key}, SUM(t.n) FROM {CELL} t {_to_bodies('t')} WHERE t.programme_id = {p} "
        f"GROUP BY t.programme_id, a.id, {key} HAVING SUM(t.n) <> 0",
    ]
    if cells_only:
        return statements
    return statements + [
        f"DELETE FROM {BODY_PERSON} WHERE programme_id = {p}",
        f"DELETE FROM {BODY} WHERE programme_id = {p}",
        f"DELETE FROM {PENDING} WHERE programme_id = {p}",
        f"INSERT INTO {BODY_PERSON} (programme_id, body_id, member_id, authored, credited) "
        f"SELECT t.programme_id, a.id, t.member_id, SUM(t.authored), SUM(t.credited) FROM {PERSON} t "
        f"{_to_bodies('t')} WHERE t.programme_id = {p} GROUP BY t.programme_id, a.id, t.member_id",
        f"INSERT INTO {BODY} (programme_id, body_id, participants, authors) "
        f"SELECT programme_id, body_id, SUM(CASE WHEN credited > 0 THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN authored > 0 THEN 1 ELSE 0 END) FROM {BODY_PERSON} WHERE programme_id = {p} "
        f"GROUP BY programme_id, body_id",
    ]


def fold_statements(dialect, programmes):
    """Fold the pending rows of `programmes` (an SQL list of ids) into the bodies' cells and counts, and drop
    them: one statement on PostgreSQL (the rows deleted are exactly those added); three in one transaction on
    SQLite (one writer at a time)."""
    cell_values = ", ".join(["programme_id", "body_id", *CELL_KEY, "n"])
    cells = lambda rows: _upsert(BODY_CELL, ["programme_id", "body_id", *CELL_KEY], {"n": "SUM(n)"},  # noqa: E731
                                 f"SELECT {cell_values} FROM {rows} WHERE n <> 0")
    counts = lambda rows: _upsert(BODY, ["programme_id", "body_id"],  # noqa: E731
                                  {"participants": "SUM(participants)", "authors": "SUM(authors)"},
                                  f"SELECT programme_id, body_id, participants, authors FROM {rows} WHERE n = 0")
    if dialect.vendor == "postgresql":
        return [f"WITH gone AS (DELETE FROM {PENDING} WHERE programme_id IN ({programmes}) RETURNING *), "
                f"folded AS ({cells('gone')}) {counts('gone')}"]
    pending = f"(SELECT * FROM {PENDING} WHERE programme_id IN ({programmes}))"
    return [cells(pending), counts(pending), f"DELETE FROM {PENDING} WHERE programme_id IN ({programmes})"]


# --- recounting from scratch ---------------------------------------------------------------------------------


def recount_statements(dialect, programme, *, period_dependent_only=False):
    """Delete and recount the tallies of `programme` (an SQL expression: a literal id or NEW.programme_id).
    With `period_dependent_only`, only the tables whose keys hold a period (after a period's dates change)."""
    p = programme
    statuses = ", ".join(f"SUM(CASE WHEN status = '{status}' THEN n ELSE 0 END)" for status in STATUSES)
    statements = [
        f"DELETE FROM {CELL} WHERE programme_id = {p}",
        f"INSERT INTO {CELL} (programme_id, branch_id, category, status, sent_month, period, n) "
        f"SELECT i.programme_id, i.branch_id, i.category, i.status, {month_key(dialect, 'i')}, {period_key('i')}, "
        f"COUNT(*) FROM {INITIATIVE} i WHERE i.programme_id = {p} GROUP BY 1, 2, 3, 4, 5, 6",
        f"DELETE FROM {BRANCH_SENT} WHERE programme_id = {p}",
        f"INSERT INTO {BRANCH_SENT} (programme_id, branch_id, sent_quarter, period, sent, benefit) "
        f"SELECT i.programme_id, i.branch_id, {dialect.quarter('i.sent_to_province_date')}, {period_of('i')}, "
        f"COUNT(*), SUM(COALESCE(i.economic_benefit_vnd, 0)) FROM {INITIATIVE} i "
        f"WHERE i.programme_id = {p} AND {is_sent('i')} GROUP BY 1, 2, 3, 4",
    ]
    if period_dependent_only:
        return statements + body_recount_statements(p, cells_only=True)
    return statements + [
        f"DELETE FROM {CREDITED_SENT} WHERE programme_id = {p}",
        f"INSERT INTO {CREDITED_SENT} (programme_id, member_id, sent, benefit) "
        f"SELECT i.programme_id, i.credited_author_id, COUNT(*), SUM(COALESCE(i.economic_benefit_vnd, 0)) "
        f"FROM {INITIATIVE} i WHERE i.programme_id = {p} AND {is_sent('i')} AND i.credited_author_id IS NOT NULL "
        f"GROUP BY 1, 2",
        f"DELETE FROM {BRANCH} WHERE programme_id = {p}",
        f"INSERT INTO {BRANCH} (programme_id, branch_id, {', '.join(STATUSES)}, participants, authors, version, "
        f"changed) SELECT programme_id, branch_id, {statuses}, 0, 0, 0, 0 FROM {CELL} WHERE programme_id = {p} "
        f"GROUP BY programme_id, branch_id",
        f"DELETE FROM {PERSON} WHERE programme_id = {p}",
        f"INSERT INTO {PERSON} (programme_id, branch_id, member_id, authored, credited) "
        f"SELECT i.programme_id, i.branch_id, a.member_id, COUNT(*), "
        f"SUM(CASE WHEN a.member_id = i.credited_author_id THEN 1 ELSE 0 END) "
        f"FROM {AUTHOR} a JOIN {INITIATIVE} i ON i.id = a.initiative_id "
        f"WHERE i.programme_id = {p} AND i.status IN ({APPROVED}) GROUP BY 1, 2, 3",
        f"DELETE FROM {MEMBER} WHERE programme_id = {p}",
        f"INSERT INTO {MEMBER} (programme_id, member_id, authored, credited) "
        f"SELECT programme_id, member_id, SUM(authored), SUM(credited) FROM {PERSON} WHERE programme_id = {p} "
        f"GROUP BY programme_id, member_id",
        f"UPDATE {BRANCH} SET "
        f"participants = (SELECT COUNT(*) FROM {PERSON} p WHERE p.programme_id = {BRANCH}.programme_id "
        f"AND p.branch_id = {BRANCH}.branch_id AND p.credited > 0), "
        f"authors = (SELECT COUNT(*) FROM {PERSON} p WHERE p.programme_id = {BRANCH}.programme_id "
        f"AND p.branch_id = {BRANCH}.branch_id AND p.authored > 0) WHERE programme_id = {p}",
        *body_recount_statements(p),
        # The programme's row is kept, not replaced: its version only ever grows, so that figures cached before the
        # recount (whose branch versions started again from 0) are never taken for the new ones.
        f"INSERT INTO {PROGRAMME} (programme_id, version, changed) VALUES ({p}, 1, {dialect.now()}) "
        f"ON CONFLICT (programme_id) DO UPDATE SET version = {PROGRAMME}.version + 1, changed = excluded.changed",
    ]


# --- the triggers --------------------------------------------------------------------------------------------


def _changed(columns):
    return "(" + " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns) + ")"


PERIOD_COLUMNS = ("programme_id", "number", "start", '"end"')
# Tables whose rows the dashboard's figures also show, written by the district's staff (branches, clusters,
# periods): any write to them moves every programme's version, so that no cached figures outlive them. A branch's
# pledge and targets move that branch's version only (tally_pledge_bump, tally_target_bump).
PROGRAMME_WIDE = {"tally_branch_bump": "initiatives_branch", "tally_cluster_bump": "initiatives_emulationcluster",
                  "tally_period_bump": PERIOD}
PROGRAMME_TABLE = "initiatives_programme"
BOTH = [("OLD", -1), ("NEW", 1)]


def bump(dialect):
    return f"UPDATE {PROGRAMME} SET version = version + 1, changed = {dialect.now()}"


def programme_row(dialect, programme):
    return (f"INSERT INTO {PROGRAMME} (programme_id, version, changed) VALUES ({programme}, 1, {dialect.now()}) "
            f"ON CONFLICT (programme_id) DO UPDATE SET version = {PROGRAMME}.version + 1, "
            f"changed = excluded.changed")


def branch_bump(dialect, source):
    """Move the version and stamp of the branches' rows named by `source` (rows of programme_id, branch_id)."""
    key = "programme_id, branch_id"
    zeros = ", ".join("0" for _ in STATUSES)
    return (f"INSERT INTO {BRANCH} ({key}, {', '.join(STATUSES)}, participants, authors, version, changed) "
            f"SELECT {key}, {zeros}, 0, 0, 1, {dialect.now()} FROM ({source}) x WHERE true GROUP BY {key} "
            f"ORDER BY {key} ON CONFLICT ({key}) DO UPDATE SET version = {BRANCH}.version + 1, "
            f"changed = excluded.changed")


def _of_initiative(column, row):
    return f"(SELECT {column} FROM {INITIATIVE} WHERE id = {row}.initiative_id)"


def _of_pledge(column, row):
    return f"(SELECT {column} FROM {PLEDGE} WHERE id = {row}.pledge_id)"


def _per_event(writer, sides_of):
    """{event: statements} from writer(sides) for INSERT (NEW), UPDATE (OLD and NEW) and DELETE (OLD)."""
    return {"INSERT": writer(sides_of["INSERT"]), "UPDATE": writer(sides_of["UPDATE"]),
            "DELETE": writer(sides_of["DELETE"])}


SIDES = {"INSERT": [("NEW", 1)], "UPDATE": BOTH, "DELETE": [("OLD", -1)]}


def specs(dialect):
    """(table, trigger name, {event: statements}, {event: condition}) for each row trigger: on PostgreSQL the
    statements of an event begin with its locks (see the module's docstring)."""

    def initiative(sides):
        rows = [r for r, _sign in sides]
        return [*dialect.writer_locks([f"{r}.programme_id" for r in rows], [f"{r}.branch_id" for r in rows]),
                *initiative_statements(dialect, sides)]

    def author(sides):
        rows = [r for r, _sign in sides]
        return [*dialect.row_locks(INITIATIVE, [f"{r}.initiative_id" for r in rows]),
                *dialect.writer_locks([_of_initiative("programme_id", r) for r in rows],
                                      [_of_initiative("branch_id", r) for r in rows]),
                *author_statements(dialect, sides)]

    def pledge(sides):
        rows = [r for r, _sign in sides]
        source = " UNION ALL ".join(f"SELECT {r}.programme_id AS programme_id, {r}.branch_id AS branch_id"
                                    for r in rows)
        return [*dialect.writer_locks([f"{r}.programme_id" for r in rows], [f"{r}.branch_id" for r in rows]),
                branch_bump(dialect, source)]

    def target(sides):
        rows = [r for r, _sign in sides]
        source = " UNION ALL ".join(f"SELECT programme_id, branch_id FROM {PLEDGE} WHERE id = {r}.pledge_id"
                                    for r in rows)
        return [*dialect.writer_locks([_of_pledge("programme_id", r) for r in rows],
                                      [_of_pledge("branch_id", r) for r in rows]),
                branch_bump(dialect, source)]

    def period(sides):
        rows = [r for r, _sign in sides]
        return [*dialect.locks(PROGRAMME_LOCK, [f"{r}.programme_id" for r in rows]),
                *(statement for r in rows
                  for statement in recount_statements(dialect, f"{r}.programme_id", period_dependent_only=True))]

    programme_wide = [(table, name, {event: [bump(dialect)] for event in SIDES}, {})
                      for name, table in PROGRAMME_WIDE.items()]
    return [
        *programme_wide,
        (BRANCHES, "tally_branch_moved", {"UPDATE": branch_moved_statements(dialect)},
         {"UPDATE": _changed(("federation_id",))}),
        (PROGRAMME_TABLE, "tally_programme_bump",
         {"INSERT": [programme_row(dialect, "NEW.id")], "UPDATE": [bump(dialect)], "DELETE": [bump(dialect)]}, {}),
        (INITIATIVE, "tally_initiative", _per_event(initiative, SIDES), {"UPDATE": _changed(COUNTED_COLUMNS)}),
        (AUTHOR, "tally_author", _per_event(author, SIDES), {"UPDATE": _changed(("initiative_id", "member_id"))}),
        (PERIOD, "tally_period", _per_event(period, SIDES), {"UPDATE": _changed(PERIOD_COLUMNS)}),
        (PLEDGE, "tally_pledge_bump", _per_event(pledge, SIDES), {}),
        (TARGET, "tally_target_bump", _per_event(target, SIDES), {}),
    ]


TRUNCATE = "tally_truncate"  # PostgreSQL: TRUNCATE (how Django's test runner empties tables) fires no row trigger


def pg_functions():
    """{trigger name: (table, the body of its PL/pgSQL function)}: what models/triggers.py declares to
    django-pgtrigger, which wraps each body in its function and writes it into the migrations."""
    dialect = Dialect("postgresql")
    functions = {}
    for table, name, events, conditions in specs(dialect):
        body = [f"IF current_setting('{BULK_LOAD}', true) = 'on' THEN RETURN NULL; END IF;\n"]
        for index, (event, lines) in enumerate(events.items()):
            keyword = "IF" if index == 0 else "ELSIF"
            condition = f" AND {conditions[event]}" if event in conditions else ""
            body.append(f"{keyword} TG_OP = '{event}'{condition} THEN\n" + "".join(f"{line};\n" for line in lines))
        functions[name] = (table, "".join(body) + "END IF;\nRETURN NULL;")
    functions[TRUNCATE] = (INITIATIVE, "".join(f"{line};\n" for line in cleared_statements(dialect))
                           + "RETURN NULL;")
    return functions


def sqlite_install_statements():
    """SQLite: the triggers, one per table and event (a migration holds them as literals; see 0015)."""
    statements = list(sqlite_uninstall_statements())
    for table, name, events, conditions in specs(Dialect("sqlite")):
        for event, lines in events.items():
            when = f" WHEN {conditions[event]}" if event in conditions else ""
            statements.append(
                f"CREATE TRIGGER {name}_{event.lower()} AFTER {event} ON {table} FOR EACH ROW{when}\nBEGIN\n"
                + "".join(f"{line};\n" for line in lines) + "END")
    return statements


def sqlite_uninstall_statements():
    names = [name for _table, name, _events, _conditions in specs(Dialect("sqlite"))]
    return [f"DROP TRIGGER IF EXISTS {name}_{event}" for name in names for event in ("insert", "update", "delete")]


def cleared_statements(dialect):
    """Every count back to zero (no initiative is left); the programmes' rows stay, their versions moving on."""
    return [
        *(f"DELETE FROM {table}" for table in TABLES if table != PROGRAMME),
        f"DELETE FROM {PROGRAMME} WHERE programme_id NOT IN (SELECT id FROM {PROGRAMME_TABLE})",
        f"UPDATE {PROGRAMME} SET version = version + 1, changed = {dialect.now()}",
    ]


def trigger_switch_statements(vendor, enabled):
    """PostgreSQL only: let this transaction's writes skip the tally triggers (a bulk load that recounts at the
    end), or count again. A setting local to the transaction: no lock, nobody else affected."""
    if vendor != "postgresql":
        return []
    return [f"SET LOCAL {BULK_LOAD} = '{'off' if enabled else 'on'}'"]
