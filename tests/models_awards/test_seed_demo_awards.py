import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from initiatives.models import Programme
from models_awards import exemplars
from models_awards.models import Award, Candidate, InitiativeScore, Nomination, NominationMove


def test_seed_demo_awards_is_idempotent_and_walks_the_workflow(settings, db):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo_awards")
    counts = (Nomination.objects.count(), NominationMove.objects.count(), Award.objects.count(),
              Candidate.objects.count(), InitiativeScore.objects.count())
    call_command("seed_demo_awards")
    assert counts == (Nomination.objects.count(), NominationMove.objects.count(), Award.objects.count(),
                      Candidate.objects.count(), InitiativeScore.objects.count())
    assert Nomination.objects.count() >= 10 and Award.objects.filter(funded_by_branch=True).exists()
    rows = {row.year: row for row in exemplars.yearly_exemplars(Nomination.objects.all(), Programme.current())}
    assert rows[2021].met and rows[2022].met and not rows[2023].met
    # Every nomination past draft got there through the workflow.
    for nomination in Nomination.objects.exclude(status="draft"):
        assert nomination.moves.exists()


def test_seed_demo_awards_refuses_without_the_demo_or_debug(settings, db):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo_awards")
    settings.DEBUG = True
    with pytest.raises(CommandError):
        call_command("seed_demo_awards")  # no demo federation yet


def test_seed_demo_again_after_using_the_portal_adds_nothing(settings, db):
    """People used the demo (approved initiatives, deleted the draft nomination); the seed then runs again."""
    from django.contrib.auth import get_user_model

    from initiatives import workflow
    from initiatives.models import Initiative, Status

    settings.DEBUG = True
    call_command("seed_demo")
    officer = get_user_model().objects.get(username="canbo")
    for initiative in Initiative.objects.filter(status=Status.SUBMITTED, branch__officers=officer):
        workflow.apply(initiative, "approve", officer, novelty_confirmed=True, lawful_confirmed=True)
    Nomination.objects.filter(status="draft").delete()
    counts = (Nomination.objects.count(), Award.objects.count(), InitiativeScore.objects.count())
    call_command("seed_demo")
    assert counts == (Nomination.objects.count(), Award.objects.count(), InitiativeScore.objects.count())
