"""Settings for the test suite: fast hashing, e-mail kept in memory, uploads in a temporary folder."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A Celery worker started by the jobs tests is told the test's media folder through MEDIA_ROOT.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or tempfile.mkdtemp(prefix="vinhlinh-media-"))
BACKUP_DIR = Path(tempfile.mkdtemp(prefix="vinhlinh-backups-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
LOGGING = {"version": 1, "disable_existing_loggers": False}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory, so that threads in the concurrency tests lock as in production.
    _test_database = Path(tempfile.gettempdir()) / f"vinhlinh-test-{os.getpid()}.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": str(_test_database)}  # noqa: F405
    # The database runs in WAL mode: a write-ahead log left by an earlier run killed under this process id would be
    # replayed into the new database. No living process has this id, so whatever carries its name is stale.
    for _suffix in ("-wal", "-shm"):
        Path(f"{_test_database}{_suffix}").unlink(missing_ok=True)
