"""`manage.py backup` and `manage.py restore`: a restore gives back the same data and files, on either engine.

The suite runs on SQLite and on PostgreSQL (.ci/run), so the engine-neutral tests exercise pg_dump/pg_restore in
the PostgreSQL run and the SQLite backup API in the SQLite run; the engine-specific ones say which they need.
"""

import io
import json
import sqlite3
import tarfile

import pytest
from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from initiatives import backups
from initiatives.models import Attachment, Branch, Initiative
from tests import factories

# Restores replace the database, so no enclosing transaction; serialized_rollback keeps the migrations' own rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL run of CI")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="runs in the SQLite run of CI")


@pytest.fixture(autouse=True)
def _backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"


@pytest.fixture
def portal_data(branch_a, officer_a, member_a):
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user)
    attachment = Attachment(initiative=initiative, original_name="quyết định.pdf", content_type="application/pdf",
                            size=9, uploaded_by=member_a.user)
    attachment.file.save("quyet-dinh.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return initiative


def database_state():
    """Every row of every model, serialised: equal states mean equal data."""
    return {
        model._meta.label: serializers.serialize("json", model._default_manager.order_by("pk"))
        for model in apps.get_models()
    }


def media_state(settings):
    root = settings.MEDIA_ROOT
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_restore_gives_back_the_same_data_and_files(portal_data, settings, tmp_path):
    before, files_before = database_state(), media_state(settings)
    assert files_before  # the attachment is on disk
    archive = tmp_path / "portal.tar.gz"
    call_command("backup", output=str(archive))

    # Lose things after the backup: rows, a change, a new account, an uploaded file, a stray file.
    Initiative.objects.all().delete()
    Branch.objects.filter(pk=portal_data.branch_id).update(name="renamed")
    factories.user("after_backup")
    for path in settings.MEDIA_ROOT.rglob("*.pdf"):
        path.unlink()
    (settings.MEDIA_ROOT / "stray.txt").write_text("not in the backup")
    assert database_state() != before

    call_command("restore", str(archive), yes=True)

    assert database_state() == before
    assert media_state(settings) == files_before
    moved = list((tmp_path / "backups").glob("media-replaced-*/stray.txt"))
    assert len(moved) == 1  # what restore replaced is kept aside, not deleted


def test_restore_refuses_a_database_that_is_not_empty_without_yes(portal_data, tmp_path):
    archive = tmp_path / "portal.tar.gz"
    call_command("backup", output=str(archive))
    factories.user("after_backup")
    before = database_state()

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive))

    assert database_state() == before


def test_restore_into_an_empty_database_needs_no_yes(portal_data, tmp_path):
    before = database_state()
    archive = tmp_path / "portal.tar.gz"
    call_command("backup", output=str(archive))
    _drop_every_table()
    assert backups.table_names() == []

    call_command("restore", str(archive))

    assert database_state() == before


def _drop_every_table():
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in backups.table_names():
                cursor.execute(f"DROP TABLE {quote(table)}")
            cursor.execute("PRAGMA foreign_keys = ON")
        else:
            for table in backups.table_names():
                cursor.execute(f"DROP TABLE IF EXISTS {quote(table)} CASCADE")


def test_backup_without_output_writes_a_timestamped_archive_in_backups(portal_data, tmp_path):
    call_command("backup")

    written = list((tmp_path / "backups").iterdir())
    assert len(written) == 1
    assert written[0].name.startswith("vinhlinh-") and written[0].name.endswith("Z.tar.gz")
    assert len(written[0].name) == len("vinhlinh-20260101-120000Z.tar.gz")


def test_archive_holds_manifest_database_and_uploads(portal_data, tmp_path):
    archive = tmp_path / "portal.tar.gz"
    call_command("backup", output=str(archive))

    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
        database = tar.extractfile(manifest["database_file"]).read(16)
    assert manifest["engine"] == connection.vendor
    assert manifest["row_counts"]["initiatives_initiative"] == 1
    assert manifest["media_files"] == 1
    assert any(name.startswith("media/") and name.endswith(".pdf") for name in names)
    if connection.vendor == "postgresql":
        assert manifest["database_file"] == "database.dump" and database.startswith(b"PGDMP")  # custom format
    else:
        assert manifest["database_file"] == "database.sqlite3" and database.startswith(b"SQLite format 3")


def test_backup_without_media_leaves_uploads_out(portal_data, tmp_path):
    archive = tmp_path / "portal.tar.gz"
    call_command("backup", output=str(archive), no_media=True)

    with tarfile.open(archive) as tar:
        assert not [name for name in tar.getnames() if name.startswith("media/")]


def test_restore_refuses_what_is_not_a_portal_backup(tmp_path):
    not_an_archive = tmp_path / "notes.tar.gz"
    not_an_archive.write_bytes(b"hello")

    with pytest.raises(CommandError, match="not a portal backup"):
        call_command("restore", str(not_an_archive), yes=True)


def test_restore_refuses_an_archive_of_the_other_engine(portal_data, tmp_path):
    archive = tmp_path / "portal.tar.gz"
    call_command("backup", output=str(archive))
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    forged = tmp_path / "other.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(forged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                data = json.dumps({**json.loads(data), "engine": other}).encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    before = database_state()

    with pytest.raises(CommandError, match="same kind of database"):
        call_command("restore", str(forged), yes=True)
    assert database_state() == before


@postgresql_only
def test_failed_postgresql_restore_changes_nothing(portal_data, tmp_path, monkeypatch):
    archive = tmp_path / "portal.tar.gz"
    call_command("backup", output=str(archive))
    factories.user("after_backup")
    before = database_state()
    run = backups._run

    def run_then_break_the_script(command, env, **kwargs):
        result = run(command, env, **kwargs)
        if command[0] == "pg_restore":  # the dump, turned to SQL, fails at its very end
            script = next(arg.split("=", 1)[1] for arg in command if arg.startswith("--file="))
            with open(script, "a") as sql:
                sql.write("\nSELECT 1 / 0;\n")
        return result

    monkeypatch.setattr(backups, "_run", run_then_break_the_script)

    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("restore", str(archive), yes=True)
    assert database_state() == before


@sqlite_only
def test_sqlite_backup_is_a_consistent_copy_of_the_live_file(portal_data, tmp_path):
    archive = tmp_path / "portal.tar.gz"
    call_command("backup", output=str(archive))
    with tarfile.open(archive) as tar:
        tar.extract("database.sqlite3", tmp_path, filter="data")
    copy = sqlite3.connect(tmp_path / "database.sqlite3")
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT title FROM initiatives_initiative").fetchone()[0] == portal_data.title
    finally:
        copy.close()
