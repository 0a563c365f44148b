"""Deadlocks and serialization failures: retried a few times, never shown as an outage.

Two transactions that wait for each other's locks end with one of them refused by PostgreSQL (40P01 deadlock
detected, 40001 serialization failure); SQLite answers "database is locked" when a writer waited too long. None
of these means the database is down: the refused transaction was rolled back whole, so running it again is safe.
`retry_on_conflict` does that, a bounded number of times, around the outermost transaction of a write (inside an
outer transaction a retry cannot help: the exception goes up to the outermost one).

The lock order that keeps deadlocks rare: the initiative's row first, then the tallies' write lock
(initiatives/workflow.py, initiatives/services.py, the tally triggers); see docs/RELIABILITY.md.
"""

import functools
import logging
import random
import time

from django.db import OperationalError, connections

logger = logging.getLogger("portal.availability")

CONFLICT_CODES = {"40P01", "40001"}  # deadlock_detected, serialization_failure
ATTEMPTS = 4
PAUSE_SECONDS = 0.05


def is_conflict(error):
    """Whether `error` is a lock conflict the database resolved by refusing this transaction."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__ or error
    if getattr(cause, "pgcode", None) in CONFLICT_CODES:
        return True
    return "database is locked" in str(error) or "deadlock detected" in str(error)


def retry_on_conflict(function=None, *, attempts=ATTEMPTS, using="default"):
    """Run `function` again when the database refused it for a lock conflict, at most `attempts` times in all."""

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for attempt in range(1, attempts + 1):
                try:
                    return func(*args, **kwargs)
                except OperationalError as error:
                    if not is_conflict(error) or attempt == attempts or connections[using].in_atomic_block:
                        raise
                    logger.info("lock conflict in %s, attempt %d of %d: %s", func.__qualname__, attempt, attempts,
                                error)
                    time.sleep(PAUSE_SECONDS * attempt * (1 + random.random()))  # noqa: S311  (jitter, not secrets)
            raise AssertionError("unreachable")

        return wrapper

    return decorate(function) if function is not None else decorate
