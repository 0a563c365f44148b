"""Two reviewers act on the same initiative at the same moment: exactly one move wins, the other is
told plainly. Runs against the real database (SQLite file or PostgreSQL) with two connections."""
import threading

import pytest
from django.db import connection

from initiatives import workflow
from initiatives.models import Initiative, Status, StatusChange
from tests import factories


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("second_action", ["approve", "reject"])
def test_two_concurrent_reviews_exactly_one_wins(second_action):
    branch = factories.branch()
    first, second = factories.officer(branch), factories.officer(branch)
    initiative = factories.initiative(branch, status=Status.SUBMITTED)
    barrier = threading.Barrier(2)
    outcomes = {}

    def review(name, user, action, details):
        stale = Initiative.objects.get(pk=initiative.pk)  # both load the page while it is "submitted"
        barrier.wait()
        try:
            workflow.apply(stale, action, user, **details)
            outcomes[name] = "won"
        except workflow.TransitionError as error:
            outcomes[name] = error.message
        finally:
            connection.close()

    threads = [
        threading.Thread(target=review, args=("a", first, "approve",
                                              {"novelty_confirmed": True, "lawful_confirmed": True})),
        threading.Thread(target=review, args=("b", second, second_action,
                                              {"novelty_confirmed": True, "lawful_confirmed": True,
                                               "comment": "Trùng với sáng kiến đã có"})),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(v == "won" for v in outcomes.values()) == [False, True], outcomes
    loser = next(v for v in outcomes.values() if v != "won")
    assert loser  # a message for people, not a crash
    assert StatusChange.objects.filter(initiative=initiative).count() == 1
    initiative.refresh_from_db()
    assert initiative.status in (Status.BRANCH_APPROVED, Status.REJECTED)
