"""Deadlocks (issue 12, item 4): one lock order everywhere (the initiative's row, then the tallies' write lock), a
lock conflict is tried again a bounded number of times and never shown as the outage page, and the 503 page
never drops a form's content silently."""

import logging
import threading
import time
from unittest import mock

import pytest
from django.db import OperationalError, connection, connections, transaction

from initiatives import workflow
from initiatives.models import Initiative, Status, StatusChange
from portal_security import conflicts
from tests import factories
from tests.initiatives.helpers import form_data


class DriverError(Exception):
    """What psycopg raises, with its SQLSTATE code."""

    def __init__(self, pgcode):
        super().__init__(pgcode)
        self.pgcode = pgcode


def deadlock(message="deadlock detected"):
    error = OperationalError(message)
    error.__cause__ = DriverError("40P01")
    return error


def test_a_conflict_is_tried_again_a_bounded_number_of_times(monkeypatch):
    monkeypatch.setattr(conflicts, "PAUSE_SECONDS", 0)
    calls = []

    @conflicts.retry_on_conflict
    def twice_refused():
        calls.append(1)
        if len(calls) < 3:
            raise deadlock()
        return "done"

    assert twice_refused() == "done" and len(calls) == 3

    @conflicts.retry_on_conflict
    def always_refused():
        calls.append(1)
        raise deadlock()

    calls.clear()
    with pytest.raises(OperationalError):
        always_refused()
    assert len(calls) == conflicts.ATTEMPTS

    @conflicts.retry_on_conflict
    def database_down():
        calls.append(1)
        raise OperationalError("server closed the connection unexpectedly")

    calls.clear()
    with pytest.raises(OperationalError):
        database_down()
    assert len(calls) == 1  # an outage is not a conflict: no retry

    calls.clear()
    with mock.patch.object(connections["default"], "in_atomic_block", True), pytest.raises(OperationalError):
        always_refused()  # inside an outer transaction a retry cannot help: it goes up at once
    assert len(calls) == 1


def test_serialization_failures_and_sqlite_locks_are_conflicts():
    failure = OperationalError("could not serialize access")
    failure.__cause__ = DriverError("40001")
    assert conflicts.is_conflict(failure)
    assert conflicts.is_conflict(OperationalError("database is locked"))
    assert not conflicts.is_conflict(OperationalError("connection refused"))
    assert not conflicts.is_conflict(ValueError("deadlock detected"))


def test_a_conflict_after_the_retries_is_a_busy_page_that_shows_what_was_typed(client, branch_a, member_a):
    client.force_login(member_a.user, backend="django.contrib.auth.backends.ModelBackend")
    data = form_data(branch_a, [(member_a, 100)], title="Máy cắt cỏ cải tiến", solution="Thay lưỡi dao hợp kim")
    with mock.patch("initiatives.services._save_initiative", side_effect=deadlock()), \
            mock.patch.object(conflicts, "PAUSE_SECONDS", 0):
        response = client.post("/initiatives/new/", data)
    page = response.content.decode()
    assert response.status_code == 503
    assert "Cổng đang rất bận" in page and "tạm thời không truy cập được" not in page  # busy, not an outage
    assert "CHƯA được lưu" in page
    assert "Máy cắt cỏ cải tiến" in page and "Thay lưỡi dao hợp kim" in page
    assert "<dt>Tên sáng kiến</dt>" in page  # the field's label, in Vietnamese
    assert "csrfmiddlewaretoken" not in page
    assert not Initiative.objects.filter(title="Máy cắt cỏ cải tiến").exists()


def test_the_outage_page_also_shows_what_a_post_carried(client, branch_a, member_a):
    client.force_login(member_a.user, backend="django.contrib.auth.backends.ModelBackend")
    data = form_data(branch_a, [(member_a, 100)], title="Bếp đun tiết kiệm củi")
    lost = OperationalError("server closed the connection unexpectedly")
    with mock.patch("initiatives.services._save_initiative", side_effect=lost):
        response = client.post("/initiatives/new/", data)
    page = response.content.decode()
    assert response.status_code == 503 and 'id="service-unavailable"' in page
    assert "Bếp đun tiết kiệm củi" in page and "CHƯA được lưu" in page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_form_save_and_a_move_on_the_same_initiative_do_not_deadlock(caplog):
    """The probe's deadlock: a save holds the initiative's row and then needs the tallies' lock, while a move on
    the same initiative runs. With one lock order the move waits for the row and nothing is refused."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks and the tallies' transaction lock: the PostgreSQL run")
    branch = factories.branch()
    member = factories.member(branch, with_user=True, username="lock_order_author")
    initiative = factories.initiative(branch, authors=[(member, 100)], entered_by=member.user)
    row_locked = threading.Event()
    errors = []

    def form_save():
        try:
            with transaction.atomic():
                Initiative.objects.select_for_update().get(pk=initiative.pk)  # what services.save_initiative does
                row_locked.set()
                time.sleep(1.5)  # the move starts meanwhile
                Initiative.objects.filter(pk=initiative.pk).update(category="technical")  # the tallies' triggers
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    def move():
        try:
            row_locked.wait(10)
            workflow.apply(Initiative.objects.get(pk=initiative.pk), "submit", member.user)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    caplog.set_level(logging.INFO, logger="portal.availability")
    threads = [threading.Thread(target=form_save), threading.Thread(target=move)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert not [r for r in caplog.records if "lock conflict" in r.getMessage()], "a deadlock happened and was retried"
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED and initiative.category == "technical"
    assert StatusChange.objects.filter(initiative=initiative).count() == 1
