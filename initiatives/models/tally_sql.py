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
TABLES = (CELL, BRANCH, BRANCH_SENT, CREDITED_SENT, PERSON, MEMBER, PROGRAMME)
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
    ]


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
        return statements
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
