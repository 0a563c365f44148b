"""Every move of DESIGN 4.2 for every role, allowed and refused; history rows and e-mails."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from initiatives import workflow
from initiatives.models import Initiative, Status, StatusChange
from tests import factories

APPROVE = {"novelty_confirmed": True, "lawful_confirmed": True}


@pytest.fixture
def author_initiative(branch_a, member_a):
    return factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user)


def at(initiative, status):
    Initiative.objects.filter(pk=initiative.pk).update(status=status)
    initiative.refresh_from_db()
    return initiative


def test_full_path_writes_history_and_emails_the_author(
    author_initiative, member_a, officer_a, district, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(author_initiative, "submit", member_a.user)
        workflow.apply(author_initiative, "approve", officer_a, **APPROVE)
        workflow.apply(author_initiative, "verify", district)
        workflow.apply(author_initiative, "send", district, sent_date=datetime.date(2022, 5, 31))
    author_initiative.refresh_from_db()
    assert author_initiative.status == Status.SENT_TO_PROVINCE
    assert author_initiative.sent_to_province_date == datetime.date(2022, 5, 31)
    rows = list(
        StatusChange.objects.filter(initiative=author_initiative).values_list("from_status", "to_status", "actor")
    )
    assert rows == [
        ("draft", "submitted", member_a.user.pk),
        ("submitted", "branch_approved", officer_a.pk),
        ("branch_approved", "district_verified", district.pk),
        ("district_verified", "sent_to_province", district.pk),
    ]
    approval = StatusChange.objects.get(initiative=author_initiative, action="approve")
    assert approval.novelty_confirmed and approval.lawful_confirmed
    to_author = [message for message in mail.outbox if message.to == [member_a.user.email]]
    assert len(to_author) == 4  # one per move
    # ... and the reviewers hear of the work each move leaves them: the officer of the submission, the district
    # office of the approval.
    assert [message.to for message in mail.outbox if message not in to_author] == [[officer_a.email], [district.email]]
    assert author_initiative.history.count() >= 5  # creation + each move in the field history


def test_send_defaults_to_today(author_initiative, district):
    from django.utils import timezone

    at(author_initiative, Status.DISTRICT_VERIFIED)
    workflow.apply(author_initiative, "send", district)
    author_initiative.refresh_from_db()
    assert author_initiative.sent_to_province_date == timezone.localdate()


def test_send_refuses_a_date_after_today(author_initiative, district):
    at(author_initiative, Status.DISTRICT_VERIFIED)
    with pytest.raises(workflow.TransitionError):
        workflow.apply(author_initiative, "send", district, sent_date=datetime.date(2999, 1, 1))


# (action, from status, role, allowed)
GRID = [
    ("submit", Status.DRAFT, "author", True),
    ("submit", Status.DRAFT, "officer", True),
    ("submit", Status.DRAFT, "other_officer", False),
    ("submit", Status.DRAFT, "district", False),
    ("submit", Status.RETURNED, "author", True),
    ("submit", Status.SUBMITTED, "author", "transition"),
    ("return", Status.SUBMITTED, "officer", True),
    ("return", Status.SUBMITTED, "district", True),
    ("return", Status.SUBMITTED, "author", False),
    ("return", Status.SUBMITTED, "other_officer", False),
    ("return", Status.BRANCH_APPROVED, "officer", "transition"),
    ("return", Status.BRANCH_APPROVED, "district", True),
    ("approve", Status.SUBMITTED, "officer", True),
    ("approve", Status.SUBMITTED, "author", False),
    ("approve", Status.SUBMITTED, "other_officer", False),
    ("approve", Status.SUBMITTED, "district", False),
    ("approve", Status.DRAFT, "officer", "transition"),
    ("reject", Status.SUBMITTED, "officer", True),
    ("reject", Status.SUBMITTED, "district", True),
    ("reject", Status.SUBMITTED, "author", False),
    ("reject", Status.SUBMITTED, "other_officer", False),
    ("reject", Status.DISTRICT_VERIFIED, "district", True),
    ("reject", Status.BRANCH_APPROVED, "officer", "transition"),
    ("verify", Status.BRANCH_APPROVED, "district", True),
    ("verify", Status.BRANCH_APPROVED, "officer", False),
    ("verify", Status.BRANCH_APPROVED, "author", False),
    ("verify", Status.SUBMITTED, "district", "transition"),
    ("send", Status.DISTRICT_VERIFIED, "district", True),
    ("send", Status.DISTRICT_VERIFIED, "officer", False),
    ("send", Status.BRANCH_APPROVED, "district", "transition"),
    ("reopen", Status.REJECTED, "district", True),
    ("reopen", Status.REJECTED, "officer", False),
    ("reopen", Status.REJECTED, "author", False),
    ("reopen", Status.SUBMITTED, "district", "transition"),
]


@pytest.mark.parametrize("action, source, role, allowed", GRID)
def test_move_grid(action, source, role, allowed, author_initiative, member_a, officer_a, officer_b, district):
    users = {"author": member_a.user, "officer": officer_a, "other_officer": officer_b, "district": district}
    initiative = at(author_initiative, source)
    details = {"comment": "Bổ sung quyết định."} | (APPROVE if action == "approve" else {})
    if allowed is True:
        saved = workflow.apply(initiative, action, users[role], **details)
        assert saved.status == workflow.MOVES[action].target
        assert StatusChange.objects.filter(initiative=initiative, action=action).exists()
    else:
        expected = PermissionDenied if allowed is False else workflow.TransitionError
        with pytest.raises(expected):
            workflow.apply(initiative, action, users[role], **details)
        initiative.refresh_from_db()
        assert initiative.status == source
        assert not StatusChange.objects.filter(initiative=initiative).exists()


def test_only_an_eligible_initiative_can_be_submitted(branch_a, member_a):
    initiative = factories.initiative(
        branch_a, authors=[(member_a, 100)], entered_by=member_a.user, recognition_decision_no=""
    )
    with pytest.raises(workflow.TransitionError) as error:
        workflow.apply(initiative, "submit", member_a.user)
    assert [p.code for p in error.value.problems] == ["not_recognised"]
    initiative.refresh_from_db()
    assert initiative.status == Status.DRAFT


def test_eligibility_is_checked_again_on_approval(author_initiative, officer_a):
    at(author_initiative, Status.SUBMITTED)
    Initiative.objects.filter(pk=author_initiative.pk).update(ip_protected=True)
    author_initiative.refresh_from_db()
    with pytest.raises(workflow.TransitionError):
        workflow.apply(author_initiative, "approve", officer_a, **APPROVE)


@pytest.mark.parametrize("missing", ["novelty_confirmed", "lawful_confirmed"])
def test_approval_needs_both_attestations(author_initiative, officer_a, missing):
    at(author_initiative, Status.SUBMITTED)
    with pytest.raises(workflow.TransitionError):
        workflow.apply(author_initiative, "approve", officer_a, **(APPROVE | {missing: False}))


@pytest.mark.parametrize("action", ["return", "reject"])
def test_return_and_reject_need_a_comment(author_initiative, officer_a, action):
    at(author_initiative, Status.SUBMITTED)
    with pytest.raises(workflow.TransitionError):
        workflow.apply(author_initiative, action, officer_a, comment="   ")


def test_a_stale_page_is_told_the_initiative_was_already_handled(author_initiative, officer_a, officer_b, branch_a):
    at(author_initiative, Status.SUBMITTED)
    second_officer = factories.officer(branch_a)
    stale = Initiative.objects.get(pk=author_initiative.pk)
    workflow.apply(author_initiative, "approve", officer_a, **APPROVE)
    with pytest.raises(workflow.TransitionError) as error:
        workflow.apply(stale, "reject", second_officer, comment="Trùng lặp")
    assert "handled" in error.value.message or "xử lý" in error.value.message
    assert StatusChange.objects.filter(initiative=author_initiative).count() == 1


def test_a_submitted_initiative_is_never_deleted(author_initiative, member_a):
    from django.db.models import ProtectedError

    workflow.apply(author_initiative, "submit", member_a.user)
    with pytest.raises(ProtectedError):
        author_initiative.delete()
    assert Initiative.objects.filter(pk=author_initiative.pk).exists()


def test_reopened_initiative_goes_back_to_the_author(author_initiative, district, member_a):
    at(author_initiative, Status.REJECTED)
    workflow.apply(author_initiative, "reopen", district, comment="Xem xét lại")
    author_initiative.refresh_from_db()
    assert author_initiative.status == Status.RETURNED
    workflow.apply(author_initiative, "submit", member_a.user)
    author_initiative.refresh_from_db()
    assert author_initiative.status == Status.SUBMITTED


def test_a_failing_mail_server_does_not_undo_the_move(
    author_initiative, member_a, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.initiatives.broken_mail.Backend"
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(author_initiative, "submit", member_a.user)
    author_initiative.refresh_from_db()
    assert author_initiative.status == Status.SUBMITTED
