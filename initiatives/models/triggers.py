"""The tallies' triggers, declared with the models whose writes they count (each model's Meta.triggers).

On PostgreSQL django-pgtrigger installs them: `makemigrations` writes each trigger's SQL into a migration as a
literal, and writes it again when the SQL changes. The bodies come from models/tally_sql.py, the one
description of what is counted (it reads only the statuses, a leaf of the models). SQLite, which
django-pgtrigger does not serve, gets the same statements as SQLite triggers from a migration (0015).
"""

import pgtrigger

from . import tally_sql

ROW_WRITES = pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete


class TallyTrigger(pgtrigger.Trigger):
    """AFTER INSERT OR UPDATE OR DELETE, for each row: the function body is tally_sql's trigger of this name."""

    when = pgtrigger.After

    def __init__(self, name, *, operation=ROW_WRITES, level=pgtrigger.Row):
        super().__init__(name=name, operation=operation, level=level)

    def get_func(self, model):
        table, body = tally_sql.pg_functions()[self.name]
        if table != model._meta.db_table:
            raise ValueError(f"The tally trigger {self.name} is for {table}, not {model._meta.db_table}.")
        return body


def tally_triggers(*names):
    return [TallyTrigger(name) for name in names]


def truncate_trigger():
    """PostgreSQL's TRUNCATE of the initiatives (how Django's test runner empties tables) fires no row trigger."""
    return TallyTrigger("tally_truncate", operation=pgtrigger.Truncate, level=pgtrigger.Statement)
