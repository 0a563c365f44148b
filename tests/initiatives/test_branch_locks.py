"""A write locks only what belongs to its own branch (issue 14, item 7): on PostgreSQL, a move on one branch
never waits for a move on another, while moves on the same branch queue on the branch's lock and leave exact
tallies.

No timing is measured: the second connection sets `lock_timeout`, so it fails at once with "lock timeout" if it
has to wait for anything the first transaction holds, and succeeds only if it does not wait at all."""

import datetime
import threading

import pytest
from django.db import OperationalError, connection, transaction

from initiatives import tallies, workflow
from initiatives.models import Initiative, Status, StatusChange
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
APPROVE = {"novelty_confirmed": True, "lawful_confirmed": True}


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row and advisory locks: the PostgreSQL run (SQLite has one writer at a time)")


def branch_with_draft(name):
    branch = factories.branch(name)
    member = factories.member(branch, with_user=True)
    return branch, member, factories.initiative(branch, authors=[(member, 100)], entered_by=member.user)


def run_while_a_submit_is_held_open(held_initiative, held_user, second):
    """Submit `held_initiative` in a transaction kept open until `second()` has run on another connection (with
    lock_timeout set); returns what `second` returned or raised. The held transaction then commits."""
    held, release = threading.Event(), threading.Event()
    outcome, errors = {}, []

    def hold():
        try:
            with transaction.atomic():
                workflow.apply(held_initiative, "submit", held_user)
                held.set()
                release.wait(30)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            held.set()
            connection.close()

    def other():
        try:
            held.wait(30)
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '2s'")
            outcome["result"] = second()
        except Exception as error:  # noqa: BLE001
            outcome["error"] = error
        finally:
            release.set()
            connection.close()

    threads = [threading.Thread(target=hold), threading.Thread(target=other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return outcome


def test_a_move_on_another_branch_does_not_wait_for_an_open_one():
    _, an, held = branch_with_draft("CĐCS Trường THPT Vĩnh Linh")
    _, binh, other = branch_with_draft("CĐCS Trung tâm Y tế huyện")

    outcome = run_while_a_submit_is_held_open(held, an.user, lambda: workflow.apply(other, "submit", binh.user))

    assert "error" not in outcome, outcome.get("error")  # it did not wait: no lock timeout
    assert Initiative.objects.get(pk=other.pk).status == Status.SUBMITTED
    assert Initiative.objects.get(pk=held.pk).status == Status.SUBMITTED  # and the held one committed after it
    assert tallies.differences() == {}


def test_a_new_initiative_on_another_branch_does_not_wait_either():
    _, an, held = branch_with_draft("CĐCS Trường THPT Vĩnh Linh")
    branch = factories.branch("CĐCS Trung tâm Y tế huyện")
    binh = factories.member(branch)

    outcome = run_while_a_submit_is_held_open(
        held, an.user, lambda: factories.initiative(branch, authors=[(binh, 100)], status=Status.BRANCH_APPROVED))

    assert "error" not in outcome, outcome.get("error")
    assert tallies.differences() == {}


def test_a_move_on_the_same_branch_waits_for_the_open_one():
    """The control: the same check does see a wait, when there is one to see (the branch's lock)."""
    branch, an, held = branch_with_draft("CĐCS Trường THPT Vĩnh Linh")
    binh = factories.member(branch, with_user=True)
    same_branch = factories.initiative(branch, authors=[(binh, 100)], entered_by=binh.user)

    outcome = run_while_a_submit_is_held_open(held, an.user,
                                              lambda: workflow.apply(same_branch, "submit", binh.user))

    assert isinstance(outcome.get("error"), OperationalError) and "lock timeout" in str(outcome["error"])
    assert Initiative.objects.get(pk=same_branch.pk).status == Status.DRAFT  # refused whole, nothing half-counted
    assert tallies.differences() == {}


def test_concurrent_moves_on_one_branch_and_another_leave_exact_tallies():
    """Moves on the same branch, started together, queue on its lock: no deadlock, no lost count."""
    branch_a, branch_b = factories.branch("CĐCS A"), factories.branch("CĐCS B")
    officer_a, officer_b = factories.officer(branch_a), factories.officer(branch_b)
    shared_author = factories.member(branch_a, "Nguyễn Văn An")  # credited in both branches
    work = []
    for branch, officer in ((branch_a, officer_a), (branch_a, officer_a), (branch_a, officer_a),
                            (branch_b, officer_b), (branch_b, officer_b)):
        initiative = factories.initiative(branch, authors=[(shared_author, 60), (factories.member(branch), 40)],
                                          status=Status.SUBMITTED)
        work.append((initiative, officer))
    district = factories.district_user()
    barrier = threading.Barrier(len(work))
    errors = []

    def approve_verify_send(initiative, officer):
        try:
            barrier.wait(30)
            workflow.apply(initiative, "approve", officer, **APPROVE)
            workflow.apply(Initiative.objects.get(pk=initiative.pk), "verify", district)
            workflow.apply(Initiative.objects.get(pk=initiative.pk), "send", district,
                           sent_date=datetime.date(2022, 6, 15))
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve_verify_send, args=item) for item in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert Initiative.objects.filter(status=Status.SENT_TO_PROVINCE).count() == len(work)
    assert StatusChange.objects.count() == 3 * len(work)
    assert tallies.differences() == {}
