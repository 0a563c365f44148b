"""Writing many rows fast, for synthetic data at scale: COPY on PostgreSQL, executemany elsewhere.

Rows are plain tuples in the order of the columns given; primary keys are chosen by the caller (see
`reserve_ids`), so that related rows can point at them without reading anything back.
"""

import datetime
import io
from decimal import Decimal

from django.db import connection

COPY_BUFFER_ROWS = 20_000


def _copy_text(value):
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return value
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


class RowWriter:
    """Buffers rows of one table and writes them in large batches."""

    def __init__(self, model, columns, *, batch_size=COPY_BUFFER_ROWS):
        self.table = model._meta.db_table
        self.columns = list(columns)
        self.batch_size = batch_size
        self.rows = []
        self.written = 0
        self.copy = connection.vendor == "postgresql"

    def add(self, row):
        self.rows.append(row)
        if len(self.rows) >= self.batch_size:
            self.flush()

    def flush(self):
        if not self.rows:
            return
        quote = connection.ops.quote_name
        names = ", ".join(quote(c) for c in self.columns)
        with connection.cursor() as cursor:
            if self.copy:
                buffer = io.StringIO()
                buffer.writelines("\t".join(map(_copy_text, row)) + "\n" for row in self.rows)
                buffer.seek(0)
                cursor.cursor.copy_expert(f"COPY {quote(self.table)} ({names}) FROM STDIN", buffer)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(f"INSERT INTO {quote(self.table)} ({names}) VALUES ({marks})", self.rows)
        self.written += len(self.rows)
        self.rows.clear()


def lock_and_next_id(model):
    """The first free primary key of `model`, with the table locked against other writers until commit
    (PostgreSQL; SQLite's write transaction already excludes them)."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
        cursor.execute(f"SELECT MAX(id) FROM {table}")
        return (cursor.fetchone()[0] or 0) + 1


def reset_sequence(model):
    """After rows were written with explicit keys: the next key the database hands out is above them."""
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows the largest key written
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(_NoStyle(), [model]):
            cursor.execute(statement)


class _NoStyle:
    def __getattr__(self, name):
        return lambda text: text
