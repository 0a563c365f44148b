"""The data every fuzz test works on: two branches, each role, initiatives at each step, a pledge, nominations,
an award and a candidate before the scoring panel. Built once per test, outside the hypothesis examples."""

import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

from initiatives.models import Pledge, Programme, Status
from models_awards.models import Candidate, NominationStatus
from tests import factories
from tests.models_awards import helpers as awards

# Hypothesis keeps a cache of constants it found in the code; keep it out of the working tree.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "vinhlinh-hypothesis")


@pytest.fixture
def world(branch_a, branch_b, officer_a, officer_b, member_a, member_b, district):
    programme = Programme.current()
    draft = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user)
    submitted = factories.initiative(branch_a, authors=[(member_a, 100)], status=Status.SUBMITTED,
                                     entered_by=member_a.user, title="Đã gửi")
    approved = factories.initiative(branch_a, authors=[(member_a, 100)], status=Status.BRANCH_APPROVED,
                                    title="Đã duyệt")
    other_branch = factories.initiative(branch_b, authors=[(member_b, 100)], status=Status.SUBMITTED,
                                        title="Của CĐCS khác")
    Pledge.objects.create(branch=branch_a, programme=programme)
    nomination = awards.nomination(branch_a, member=member_a, created_by=officer_a)
    proposed = awards.nomination(branch_a, status=NominationStatus.PROPOSED, created_by=officer_a)
    award = awards.award(branch_a, member=member_a, funded_by_branch=True)
    candidate = Candidate.objects.create(year=2022, initiative=approved, added_by=district)
    return SimpleNamespace(
        programme=programme, periods=list(programme.periods.all()),
        branch_a=branch_a, branch_b=branch_b, officer_a=officer_a, officer_b=officer_b, member_a=member_a,
        member_b=member_b, district=district, draft=draft, submitted=submitted, approved=approved,
        other_branch=other_branch, nomination=nomination, proposed=proposed, award=award, candidate=candidate,
    )
