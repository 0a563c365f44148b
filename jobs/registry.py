"""The kinds of background job, by name. The app that owns the work registers its kinds (`reporting/background.py`,
`initiatives/background.py`), so this app knows nothing of reports or tallies.

`run(job, progress)` does the work as the job's owner; it calls `progress.set_total(n)` and
`progress.advance(k)` as it goes, `progress.save_file(name, handle)` for what the owner downloads and
`progress.save_result(data)` for what the page shows when the job is done (an import's preview).
`authorize(user, params)` raises PermissionDenied when the user may not start, or still have, that job; it is
asked when the job starts and again on every download, so a file follows the owner's scope of today.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied


@dataclass(frozen=True)
class JobKind:
    key: str
    label: object
    run: Callable
    authorize: Callable = lambda user, params: None

    def allows(self, user, params=None):
        """Whether `user` may start this job (with `params`): `authorize` without the exception."""
        try:
            self.authorize(user, params or {})
        except PermissionDenied:
            return False
        return True


class JobError(Exception):
    """A job cannot go on; the message is for people and is shown on the job's page."""


_kinds = {}


def register(kind):
    _kinds[kind.key] = kind
    return kind


def get(key):
    return _kinds[key]
