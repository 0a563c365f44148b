"""Uploaded import files waiting for their confirmation, kept through Django's storage API (`default_storage`).

Each waits under a random name in a folder of its owner's (`imports/pending/<user id>/`), outside the static
files: nothing serves MEDIA_ROOT, and only the import pages, for that user, open it again. A file is deleted when
it is imported, when its preview finds nothing to import, and in any case a day after it was uploaded (`sweep`,
called at every upload), so the folder never keeps what nobody will confirm.
"""

import datetime
import secrets

from django.core.files.storage import default_storage
from django.utils import timezone

FOLDER = "imports/pending"
MAX_AGE = datetime.timedelta(hours=24)


def _folder(user):
    return f"{FOLDER}/{user.pk}"


def keep(user, uploaded):
    """Store `uploaded` for `user`; returns its name in the storage."""
    sweep()
    uploaded.seek(0)
    return default_storage.save(f"{_folder(user)}/{secrets.token_urlsafe(16)}.xlsx", uploaded)


def belongs_to(user, name):
    return isinstance(name, str) and name.startswith(_folder(user) + "/") and ".." not in name


def exists(user, name):
    return belongs_to(user, name) and default_storage.exists(name)


def open_file(user, name):
    """The stored file, opened for reading (a File with its size); only `user`'s own."""
    if not belongs_to(user, name):
        raise FileNotFoundError(name)
    return default_storage.open(name, "rb")


def discard(name):
    if name and default_storage.exists(name):
        default_storage.delete(name)


def sweep(now=None):
    """Delete every pending file older than MAX_AGE; returns how many."""
    limit = (now or timezone.now()) - MAX_AGE
    removed = 0
    try:
        owners, _files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    for owner in owners:
        folder = f"{FOLDER}/{owner}"
        for filename in default_storage.listdir(folder)[1]:
            name = f"{folder}/{filename}"
            try:
                if default_storage.get_modified_time(name) < limit:
                    default_storage.delete(name)
                    removed += 1
            except FileNotFoundError:
                continue  # deleted meanwhile
    return removed
