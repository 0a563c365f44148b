"""The SQL that keeps the tallies (initiatives/models/tally.py): triggers, and the full recount.

One description, written out for PostgreSQL (PL/pgSQL functions) and SQLite (trigger bodies): the statements
are the same; only the date arithmetic and the trigger wrapping differ.

Every trigger adds what a row contributes after the write and takes away what it contributed before, in one
INSERT … ON CONFLICT DO UPDATE per table, its rows in key order (so that two transactions take the rows' locks in
the same order and cannot deadlock on them). Distinct counts (members credited once in a branch, once in the
programme) move when a member's own count crosses zero, read back from the row just updated, which this
transaction holds locked. On PostgreSQL the author triggers first lock their initiative's row, so that an author
added while another transaction approves the initiative is counted exactly once, and they lock it before the
tallies' write lock: every writer takes the initiative's row first, then the tallies (workflow.apply too).

Changing what is counted (a new status, another key) needs a migration that runs `install` again.
"""

from .models.initiative import APPROVED_STATUSES, Status

STATUSES = [str(s) for s in Status.values]
APPROVED = ", ".join(f"'{s}'" for s in APPROVED_STATUSES)
SENT = str(Status.SENT_TO_PROVINCE)

INITIATIVE = "initiatives_initiative"
AUTHOR = "initiatives_initiativeauthor"
PERIOD = "initiatives_programmeperiod"
CELL = "initiatives_tally_cell"
TOTAL = "initiatives_tally_total"
BRANCH = "initiatives_tally_branch"
BRANCH_SENT = "initiatives_tally_branch_sent"
PERSON = "initiatives_tally_person"
MEMBER = "initiatives_tally_member"
CREDITED_SENT = "initiatives_tally_credited_sent"
PROGRAMME = "initiatives_tally_programme"
TABLES = (CELL, TOTAL, BRANCH, BRANCH_SENT, CREDITED_SENT, PERSON, MEMBER, PROGRAMME)
BULK_LOAD = "tally.bulk_load"  # PostgreSQL setting: 'on' for the rest of a transaction that recounts at the end
# Writers of the district-wide tally rows take this transaction lock before any tally row, so that two concurrent
# writes never lock those rows in opposite orders (they deadlocked under load); an initiative's row is locked before
# it, never after. Reads never wait for it.
WRITE_LOCK_KEY = 7_406_251

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
        _upsert(TOTAL, ["programme_id", "category", "status", "sent_month", "period"], {"n": "SUM(d)"}, cells),
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
    """Authorships (initiative approved, member) added or taken away by `source`, then the distinct counts."""

    def crossing(delta, column):
        # +1 when this write took the member's count from 0 to 1, -1 when from 1 to 0.
        return (f"SUM(CASE WHEN x.{delta} = 1 AND p.{column} = 1 THEN 1 "
                f"WHEN x.{delta} = -1 AND p.{column} = 0 THEN -1 ELSE 0 END)")

    def counters(table, target, key):
        keys = ", ".join(f"x.{k}" for k in key)
        joined = " AND ".join(f"p.{k} = x.{k}" for k in (*key, "member_id"))
        per_member = (f"SELECT {', '.join(key)}, member_id, SUM(d) AS da, SUM(d * credited) AS dc "
                      f"FROM ({source}) s GROUP BY {', '.join(key)}, member_id")
        branch = target == BRANCH
        zeros = ", ".join("0" for _ in STATUSES) + ", " if branch else ""
        columns = ", ".join([*key, *(STATUSES if branch else []), "participants", "authors", "version", "changed"])
        # A branch's version and stamp move with its people; the programme's are for other writes (tally_bump).
        version, changed = ("COUNT(*)", dialect.now()) if branch else ("0", "0")
        moved = f", version = {target}.version + excluded.version, changed = excluded.changed" if branch else ""
        return (f"INSERT INTO {target} ({columns}) SELECT {keys}, {zeros}{crossing('dc', 'credited')}, "
                f"{crossing('da', 'authored')}, {version}, {changed} FROM ({per_member}) x "
                f"JOIN {table} p ON {joined} WHERE true "
                f"GROUP BY {keys} ORDER BY {keys} ON CONFLICT ({', '.join(key)}) DO UPDATE SET "
                f"participants = {target}.participants + excluded.participants, "
                f"authors = {target}.authors + excluded.authors{moved}")

    return [
        _upsert(PERSON, ["programme_id", "branch_id", "member_id"],
                {"authored": "SUM(d)", "credited": "SUM(d * credited)"}, source),
        counters(PERSON, BRANCH, ["programme_id", "branch_id"]),
        _upsert(MEMBER, ["programme_id", "member_id"], {"authored": "SUM(d)", "credited": "SUM(d * credited)"},
                source),
        counters(MEMBER, PROGRAMME, ["programme_id"]),
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
        f"DELETE FROM {TOTAL} WHERE programme_id = {p}",
        f"INSERT INTO {TOTAL} (programme_id, category, status, sent_month, period, n) "
        f"SELECT programme_id, category, status, sent_month, period, SUM(n) FROM {CELL} WHERE programme_id = {p} "
        f"GROUP BY programme_id, category, status, sent_month, period",
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
        f"INSERT INTO {PROGRAMME} (programme_id, participants, authors, version, changed) "
        f"SELECT {p}, COALESCE(SUM(CASE WHEN credited > 0 THEN 1 ELSE 0 END), 0), "
        f"COALESCE(SUM(CASE WHEN authored > 0 THEN 1 ELSE 0 END), 0), 1, {dialect.now()} FROM {MEMBER} "
        f"WHERE programme_id = {p} ON CONFLICT (programme_id) DO UPDATE SET participants = excluded.participants, "
        f"authors = excluded.authors, version = {PROGRAMME}.version + 1, changed = excluded.changed",
    ]


# --- installing the triggers ---------------------------------------------------------------------------------


def _changed(columns):
    return "(" + " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns) + ")"


PERIOD_COLUMNS = ("programme_id", "number", "start", '"end"')
# Tables whose rows the dashboard's figures also show (names, clusters, pledges, targets, periods): any write
# to them moves every programme's version, so that no cached figures outlive them.
SHOWN_TABLES = {"tally_branch_bump": "initiatives_branch", "tally_cluster_bump": "initiatives_emulationcluster",
                "tally_pledge_bump": "initiatives_pledge", "tally_target_bump": "initiatives_pledgetarget",
                "tally_period_bump": PERIOD}
PROGRAMME_TABLE = "initiatives_programme"


def bump(dialect):
    return f"UPDATE {PROGRAMME} SET version = version + 1, changed = {dialect.now()}"


def programme_row(dialect, programme):
    return (f"INSERT INTO {PROGRAMME} (programme_id, participants, authors, version, changed) "
            f"VALUES ({programme}, 0, 0, 1, {dialect.now()}) ON CONFLICT (programme_id) DO UPDATE SET "
            f"version = {PROGRAMME}.version + 1, changed = excluded.changed")


def _events(dialect):
    """(table, trigger name, {event: statements}, {event: condition}) for each trigger."""
    both = [("OLD", -1), ("NEW", 1)]
    shown = [(table, name, {event: [bump(dialect)] for event in ("INSERT", "UPDATE", "DELETE")}, {})
             for name, table in SHOWN_TABLES.items()]
    return [*shown,
        (PROGRAMME_TABLE, "tally_programme_bump",
         {"INSERT": [programme_row(dialect, "NEW.id")], "UPDATE": [bump(dialect)], "DELETE": [bump(dialect)]}, {}),
        (INITIATIVE, "tally_initiative", {
            "INSERT": initiative_statements(dialect, [("NEW", 1)]),
            "UPDATE": initiative_statements(dialect, both),
            "DELETE": initiative_statements(dialect, [("OLD", -1)]),
        }, {"UPDATE": _changed(COUNTED_COLUMNS)}),
        (AUTHOR, "tally_author", {
            "INSERT": author_statements(dialect, [("NEW", 1)]),
            "UPDATE": author_statements(dialect, both),
            "DELETE": author_statements(dialect, [("OLD", -1)]),
        }, {"UPDATE": _changed(("initiative_id", "member_id"))}),
        (PERIOD, "tally_period", {
            "INSERT": recount_statements(dialect, "NEW.programme_id", period_dependent_only=True),
            "UPDATE": [*recount_statements(dialect, "OLD.programme_id", period_dependent_only=True),
                       *recount_statements(dialect, "NEW.programme_id", period_dependent_only=True)],
            "DELETE": recount_statements(dialect, "OLD.programme_id", period_dependent_only=True),
        }, {"UPDATE": _changed(PERIOD_COLUMNS)}),
    ]


def _initiative_row_lock():
    """An author trigger locks its initiative's row before the tallies' write lock: the one lock order of every
    writer (the initiative's row, then the tallies), so that an author written while a move runs on the same
    initiative is counted once, and the two never wait for each other in opposite orders."""
    return (f"IF TG_OP = 'INSERT' THEN PERFORM 1 FROM {INITIATIVE} WHERE id = NEW.initiative_id FOR UPDATE;\n"
            f"ELSIF TG_OP = 'DELETE' THEN PERFORM 1 FROM {INITIATIVE} WHERE id = OLD.initiative_id FOR UPDATE;\n"
            f"ELSE PERFORM 1 FROM {INITIATIVE} WHERE id IN (OLD.initiative_id, NEW.initiative_id) "
            "ORDER BY id FOR UPDATE;\nEND IF;\n")


def install_statements(vendor):
    dialect = Dialect(vendor)
    statements = list(uninstall_statements(vendor))
    for table, name, events, conditions in _events(dialect):
        if vendor == "postgresql":
            body = []
            for index, (event, lines) in enumerate(events.items()):
                keyword = "IF" if index == 0 else "ELSIF"
                condition = f" AND {conditions[event]}" if event in conditions else ""
                body.append(f"{keyword} TG_OP = '{event}'{condition} THEN\n" +
                            "".join(f"{line};\n" for line in lines))
            skip = (f"IF current_setting('{BULK_LOAD}', true) = 'on' THEN RETURN NULL; END IF;\n"
                    f"{_initiative_row_lock() if table == AUTHOR else ''}"
                    f"PERFORM pg_advisory_xact_lock({WRITE_LOCK_KEY});\n")
            statements.append(
                f"CREATE FUNCTION {name}_fn() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n{skip}"
                + "".join(body) + "END IF;\nRETURN NULL;\nEND\n$$")
            statements.append(f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                              f"FOR EACH ROW EXECUTE FUNCTION {name}_fn()")
        else:
            for event, lines in events.items():
                when = f" WHEN {conditions[event]}" if event in conditions else ""
                statements.append(
                    f"CREATE TRIGGER {name}_{event.lower()} AFTER {event} ON {table} FOR EACH ROW{when}\nBEGIN\n"
                    + "".join(f"{line};\n" for line in lines) + "END")
    if vendor == "postgresql":
        # TRUNCATE (how Django's test runner empties PostgreSQL tables) fires no row trigger.
        statements.append("CREATE FUNCTION tally_truncate_fn() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                          + "".join(f"{line};\n" for line in cleared_statements(dialect)) + "RETURN NULL;\nEND\n$$")
        statements.append(f"CREATE TRIGGER tally_truncate AFTER TRUNCATE ON {INITIATIVE} "
                          "FOR EACH STATEMENT EXECUTE FUNCTION tally_truncate_fn()")
    return statements


def cleared_statements(dialect):
    """Every count back to zero (no initiative is left); the programmes' rows stay, their versions moving on."""
    return [
        *(f"DELETE FROM {table}" for table in TABLES if table != PROGRAMME),
        f"DELETE FROM {PROGRAMME} WHERE programme_id NOT IN (SELECT id FROM {PROGRAMME_TABLE})",
        f"UPDATE {PROGRAMME} SET participants = 0, authors = 0, version = version + 1, changed = {dialect.now()}",
    ]


def uninstall_statements(vendor):
    tables = {"tally_initiative": INITIATIVE, "tally_author": AUTHOR, "tally_period": PERIOD,
              "tally_programme_bump": PROGRAMME_TABLE, **SHOWN_TABLES}
    names = tuple(tables)
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS tally_truncate ON {INITIATIVE}", "DROP FUNCTION IF EXISTS tally_truncate_fn()",
                *(statement for name in names for statement in (
                    f"DROP TRIGGER IF EXISTS {name} ON {tables[name]}", f"DROP FUNCTION IF EXISTS {name}_fn()"))]
    return [f"DROP TRIGGER IF EXISTS {name}_{event}" for name in names for event in ("insert", "update", "delete")]


def trigger_switch_statements(vendor, enabled):
    """PostgreSQL only: let this transaction's writes skip the tally triggers (a bulk load that recounts at the
    end), or count again. A setting local to the transaction: no lock, nobody else affected."""
    if vendor != "postgresql":
        return []
    return [f"SET LOCAL {BULK_LOAD} = '{'off' if enabled else 'on'}'"]
