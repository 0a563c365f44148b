"""The tallies' triggers are declared with their models and installed by migrations that hold their SQL (issue 14,
item 8): the database the migrations built has exactly the triggers the live code describes, and no migration
imports live code."""

import ast
from pathlib import Path

import pgtrigger
import pytest
from django.apps import apps
from django.db import connection

from initiatives.models import tally_sql

pytestmark = pytest.mark.django_db
MIGRATIONS = Path(__file__).resolve().parents[2] / "initiatives" / "migrations"


def test_every_tally_trigger_is_declared_on_the_model_of_its_table():
    declared = {}
    for model in apps.get_app_config("initiatives").get_models():
        for trigger in getattr(model._meta, "triggers", []):
            declared[trigger.name] = model._meta.db_table
    assert declared == {name: table for name, (table, _body) in tally_sql.pg_functions().items()}


def test_the_migrated_database_holds_the_triggers_of_the_live_code():
    """A change to tally_sql needs a migration: `makemigrations` writes the PostgreSQL ones (django-pgtrigger
    compares them); SQLite's are a migration's literals, compared here. A migration that rebuilds a counted table
    on SQLite (which drops the table's triggers) must install them again: this fails otherwise."""
    if connection.vendor == "postgresql":
        statuses = {trigger.name: trigger.get_installation_status(model)
                    for model, trigger in pgtrigger.registered() if model._meta.app_label == "initiatives"}
        assert statuses and all(status == ("INSTALLED", True) for status in statuses.values()), statuses
        with connection.cursor() as cursor:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'tally%'")
            assert cursor.fetchall() == []  # the triggers of before 0015 are gone
        return
    expected = {statement.split()[2]: statement for statement in tally_sql.sqlite_install_statements()
                if statement.startswith("CREATE TRIGGER")}
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'tally%'")
        installed = dict(cursor.fetchall())
    assert installed == expected


def test_no_migration_imports_live_code():
    """Only frozen SQL (initiatives/migrations/_*.py) and the references Django writes to a model's callable
    (upload_to=initiatives.models.initiative.attachment_path), which it never runs while migrating."""
    for path in sorted(MIGRATIONS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name.split(".")[0] in ("initiatives", "models_awards", "portal_security", "jobs"):
                    frozen_or_reference = name == "initiatives.migrations" or name.startswith(
                        ("initiatives.migrations.", "initiatives.models."))
                    assert frozen_or_reference, f"{path.name} imports {name}"
