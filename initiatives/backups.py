"""Backup and restore of the whole portal, the database and the uploaded files, as one .tar.gz archive.

The archive holds `manifest.json` (format, engine, time, row count of every table), the database
(`database.dump`: pg_dump's custom format on PostgreSQL; `database.sqlite3`: a copy made with SQLite's online
backup API) and the uploaded files under `media/`.

A restore replaces the whole database in one step: on PostgreSQL the dropping of the present tables and
the dump (turned into SQL by pg_restore) run through psql in a single transaction, so a failure leaves the
database as it was; on SQLite the backup API copies the saved pages over the live file. Uploaded files replace
MEDIA_ROOT; the files that were there are moved aside into BACKUP_DIR, never deleted.
"""

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

import django
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, transaction
from django.db.backends.postgresql.client import DatabaseClient as PostgresClient

ARCHIVE_FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, for the person running it."""


def utc_now():
    return datetime.datetime.now(datetime.UTC)


def default_archive_path(now=None):
    now = now or utc_now()
    return Path(settings.BACKUP_DIR) / f"vinhlinh-{now:%Y%m%d-%H%M%S}Z.tar.gz"


def _engine(using):
    vendor = connections[using].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def table_names(using="default"):
    connection = connections[using]
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor, include_views=False))


def own_functions(using="default"):
    """The portal's own SQL functions (trigger functions of the tallies), not those of extensions: the dump
    creates them again."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            """
            SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = current_schema()
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
            """
        )
        return [row[0] for row in cursor.fetchall()]


def row_counts(using="default"):
    """Rows in every table of the database, by table name: the proof that a restore gave everything back."""
    connection = connections[using]
    counts = {}
    with connection.cursor() as cursor:
        for table in table_names(using):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


# --- backup -------------------------------------------------------------------------------------------------


def backup(archive_path=None, *, using="default", include_media=True):
    """Write the archive (atomically: a failed backup leaves no archive) and return its manifest."""
    engine = _engine(using)
    archive_path = Path(archive_path or default_archive_path())
    archive_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vinhlinh-backup-") as workdir:
        database_file = Path(workdir) / DATABASE_FILES[engine]
        if engine == "postgresql":
            counts = _dump_postgresql(using, database_file)
        else:
            counts = _copy_sqlite(using, database_file)
        media_files = _media_files() if include_media else []
        manifest = {
            "format": ARCHIVE_FORMAT,
            "engine": engine,
            "created_at": utc_now().strftime("%Y-%m-%dT%H:%M:%SZ"),
            "django": django.get_version(),
            "database_file": database_file.name,
            "row_counts": counts,
            "media_files": len(media_files),
            "media_bytes": sum(path.stat().st_size for path in media_files),
        }
        partial = archive_path.with_name(archive_path.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False).encode())
            tar.add(database_file, arcname=database_file.name)
            media_root = Path(settings.MEDIA_ROOT)
            for path in media_files:
                tar.add(path, arcname=f"{MEDIA}/{path.relative_to(media_root).as_posix()}", recursive=False)
        os.replace(partial, archive_path)
    return manifest


def _add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(utc_now().timestamp())
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def _media_files():
    media_root = Path(settings.MEDIA_ROOT)
    if not media_root.is_dir():
        return []
    return sorted(path for path in media_root.rglob("*") if path.is_file() and not path.is_symlink())


def _copy_sqlite(using, destination):
    connection = connections[using]
    connection.ensure_connection()
    target = sqlite3.connect(destination)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    return _sqlite_row_counts(destination)


def _sqlite_row_counts(path):
    copy = sqlite3.connect(path)
    try:
        tables = [
            row[0]
            for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        ]
        return {table: copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in sorted(tables)}
    finally:
        copy.close()


def _postgres_command(program, using, parameters):
    args, env = PostgresClient.settings_to_cmd_args_env(connections[using].settings_dict, parameters)
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (Debian: apt-get install postgresql-client).")
    return [program, *args[1:]], {**os.environ, **(env or {})}


def _dump_postgresql(using, destination):
    """pg_dump inside the snapshot where the rows were counted, so that the counts describe the dump."""
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("Run the backup outside a database transaction.")
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = row_counts(using)
        command, env = _postgres_command(
            "pg_dump",
            using,
            ["--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}", f"--file={destination}"],
        )
        _run(command, env)
    return counts


def _run(command, env, **kwargs):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False, **kwargs)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip() or result.returncode}")
    return result


# --- restore ------------------------------------------------------------------------------------------------


def read_manifest(archive_path):
    try:
        with tarfile.open(archive_path, "r:*") as tar:
            member = tar.getmember(MANIFEST)
            manifest = json.load(tar.extractfile(member))
    except (OSError, KeyError, tarfile.TarError, ValueError) as error:
        raise BackupError(f"{archive_path} is not a portal backup: {error}") from error
    if manifest.get("format") != ARCHIVE_FORMAT:
        raise BackupError(f"{archive_path} has archive format {manifest.get('format')}, this portal reads 1.")
    return manifest


def restore(archive_path, *, using="default", include_media=True):
    """Replace the database (and the uploaded files) with the archive's. Returns (manifest, moved_media_dir)."""
    engine = _engine(using)
    manifest = read_manifest(archive_path)
    if manifest["engine"] != engine:
        raise BackupError(
            f"The archive holds a {manifest['engine']} database and this portal runs on {engine}; "
            "restore it on the same kind of database."
        )
    with tempfile.TemporaryDirectory(prefix="vinhlinh-restore-") as workdir:
        with tarfile.open(archive_path, "r:*") as tar:
            database_member = tar.getmember(manifest["database_file"])
            tar.extractall(workdir, members=[database_member], filter="data")
            media_members = [m for m in tar.getmembers() if m.name.startswith(f"{MEDIA}/") and m.isfile()]
            if include_media:
                tar.extractall(workdir, members=media_members, filter="data")
        database_file = Path(workdir) / manifest["database_file"]
        if engine == "postgresql":
            _restore_postgresql(using, database_file)
        else:
            _restore_sqlite(using, database_file)
        ContentType.objects.clear_cache()
        moved = _replace_media(Path(workdir) / MEDIA) if include_media else None
    return manifest, moved


def _restore_sqlite(using, source_path):
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("Run the restore outside a database transaction.")
    connection.ensure_connection()
    source = sqlite3.connect(source_path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()  # the next query opens the restored file afresh


def _restore_postgresql(using, dump_file):
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("Run the restore outside a database transaction.")
    if shutil.which("pg_restore") is None:
        raise BackupError("pg_restore is not installed (Debian: apt-get install postgresql-client).")
    workdir = Path(dump_file).parent
    prelude = workdir / "drop-present-tables.sql"
    quote = connection.ops.quote_name
    drops = [f"DROP TABLE IF EXISTS {quote(table)} CASCADE;\n" for table in table_names(using)]
    drops += [f"DROP FUNCTION IF EXISTS {function} CASCADE;\n" for function in own_functions(using)]
    prelude.write_text("".join(drops))
    # pg_restore turns the whole dump into SQL first (no connection), so that a damaged dump stops us here;
    # psql then drops the present tables and loads the dump in one transaction: all of it, or nothing.
    script = workdir / "restore.sql"
    _run(["pg_restore", "--no-owner", "--no-privileges", f"--file={script}", str(dump_file)], None)
    connection.close()
    command, env = _postgres_command(
        "psql",
        using,
        ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", f"--file={prelude}", f"--file={script}"],
    )
    try:
        _run(command, env)
    except BackupError as error:
        raise BackupError(f"{error} (nothing was changed in the database)") from error


def _replace_media(restored):
    """Put the archive's files in MEDIA_ROOT; move what was there into BACKUP_DIR. Returns where it went."""
    media_root = Path(settings.MEDIA_ROOT)
    moved = None
    if media_root.exists() and any(media_root.iterdir()):
        moved = Path(settings.BACKUP_DIR) / f"media-replaced-{utc_now():%Y%m%d-%H%M%S}Z"
        moved.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(media_root), str(moved))
    elif media_root.exists():
        media_root.rmdir()
    media_root.parent.mkdir(parents=True, exist_ok=True)
    if restored.is_dir():
        shutil.move(str(restored), str(media_root))
    else:
        media_root.mkdir()
    return moved
