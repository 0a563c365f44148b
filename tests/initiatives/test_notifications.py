"""E-mails: one per recipient, plain text, one-line subjects, a link to the page; officers and the district
office are told when work waits for them."""

import pytest
from django.core import mail

from initiatives import workflow
from initiatives.models import MembershipRequest, Status
from tests import factories

from .test_accounts import register, registration_data

APPROVE = {"novelty_confirmed": True, "lawful_confirmed": True}
HOSTILE_TITLE = 'Máy <cắt> & "mài" cho tổ\r\nBcc: ke-xau@example.vn'


def messages_to(address):
    return [message for message in mail.outbox if message.to == [address]]


@pytest.fixture
def shared_initiative(branch_a, member_a):
    co_author = factories.member(branch_a, "Lê Thị Hoa", with_user=True)
    return factories.initiative(
        branch_a, authors=[(member_a, 60), (co_author, 40)], entered_by=member_a.user, title=HOSTILE_TITLE
    ), co_author


def test_each_author_gets_their_own_plain_text_message_with_a_one_line_subject(
    shared_initiative, member_a, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://sangkien.example.vn"
    initiative, co_author = shared_initiative
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(initiative, "submit", member_a.user)

    to_authors = messages_to(member_a.user.email) + messages_to(co_author.email)
    assert len(to_authors) == 2  # one each: neither sees the other's address
    for message in to_authors:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        assert "\n" not in message.subject and "\r" not in message.subject
        assert "&lt;" not in message.body and "&amp;" not in message.body and "&quot;" not in message.body
        assert 'Máy <cắt> & "mài" cho tổ' in message.body
        assert f"https://sangkien.example.vn/initiatives/{initiative.pk}/" in message.body
    assert all("ke-xau@example.vn" not in message.recipients() for message in mail.outbox)


def test_officers_are_told_of_a_submission_and_a_resubmission_one_message_each(
    branch_a, member_a, officer_a, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://sangkien.example.vn"
    second_officer = factories.officer(branch_a)
    other_branch_officer = factories.officer(factories.branch())
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(initiative, "submit", member_a.user)
    [to_first] = messages_to(officer_a.email)
    [to_second] = messages_to(second_officer.email)
    assert not messages_to(other_branch_officer.email)
    assert "Cần xem xét" in to_first.subject and "\n" not in to_first.subject
    assert f"https://sangkien.example.vn/initiatives/{initiative.pk}/" in to_first.body
    assert "https://sangkien.example.vn/todo/" in to_first.body
    assert "phê duyệt" in to_first.body  # says what to do
    assert to_first.body == to_second.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(initiative, "return", officer_a, comment="Bổ sung quyết định công nhận.")
    assert not messages_to(officer_a.email)  # a return is the author's work, not the officer's
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(initiative, "submit", member_a.user)
    [resubmitted] = messages_to(officer_a.email)
    assert "gửi lại" in resubmitted.subject.lower()


def test_the_district_office_is_told_of_an_approval(
    branch_a, member_a, officer_a, district, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://sangkien.example.vn"
    colleague = factories.district_user()
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], status=Status.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(initiative, "approve", officer_a, **APPROVE)

    for user in (district, colleague):
        [message] = messages_to(user.email)
        assert "Cần xác nhận" in message.subject
        assert f"https://sangkien.example.vn/initiatives/{initiative.pk}/" in message.body
        assert "gửi LĐLĐ tỉnh" in message.body


def test_officers_are_told_when_a_member_asks_to_join(
    client, branch_a, officer_a, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://sangkien.example.vn"
    other_branch_officer = factories.officer(factories.branch())
    with django_capture_on_commit_callbacks(execute=True):
        register(client, registration_data(branch_a, full_name="Trần <Văn> Bình"))

    [message] = messages_to(officer_a.email)
    assert not messages_to(other_branch_officer.email)
    assert "Trần <Văn> Bình" in message.subject and "Trần <Văn> Bình" in message.body
    assert "https://sangkien.example.vn/admin/initiatives/membershiprequest/?state__exact=pending" in message.body


def test_a_failing_mail_server_does_not_lose_the_registration(
    client, branch_a, officer_a, settings, django_capture_on_commit_callbacks
):
    from urllib.parse import urlsplit

    from .test_accounts import finish_link

    data = registration_data(branch_a)
    client.post("/accounts/register/", data)
    settings.EMAIL_BACKEND = "tests.initiatives.broken_mail.Backend"  # down when the officers are to be told
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(urlsplit(finish_link(data["email"])).path,
                               {"password1": data["password1"], "password2": data["password2"]})
    assert response.status_code == 302 and response["Location"] == "/accounts/home/"
    assert MembershipRequest.objects.filter(user__username=data["username"]).exists()


def test_initiative_title_saved_with_a_line_break_never_breaks_a_header(branch_a, member_a):
    from initiatives import notifications

    assert notifications.one_line("a\r\nBcc: x@example.vn\n\tb") == "a Bcc: x@example.vn b"
    assert len(notifications.one_line("x" * 500)) <= notifications.MAX_SUBJECT



def test_an_officer_who_submits_for_a_member_is_not_told_of_their_own_submission(
    branch_a, member_a, officer_a, django_capture_on_commit_callbacks
):
    colleague = factories.officer(branch_a)
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(initiative, "submit", officer_a)
    assert [m.subject for m in messages_to(officer_a.email) if "Cần xem xét" in m.subject] == []
    assert len(messages_to(colleague.email)) == 1
