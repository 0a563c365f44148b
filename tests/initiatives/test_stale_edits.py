"""Stale edits and double posts (issue 12, item 2): the edit form writes only the fields it owns, a form opened
before the initiative changed is refused with a plain message that keeps what was typed, and one form posted
twice (a double click, a network retry) makes one initiative and one move — with 20 parallel posts on
PostgreSQL too."""

import re
import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from initiatives import workflow
from initiatives.models import Initiative, Status, StatusChange
from tests import factories
from tests.initiatives.helpers import form_data

STALE = "đã được người khác thay đổi kể từ khi bạn mở"
NO_LONGER = "không còn sửa được"


@pytest.fixture
def draft(branch_a, member_a):
    return factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user)


def hidden(page, name):
    return re.search(rf'name="{name}" value="([^"]*)"', page.content.decode()).group(1)


def edit_post(client, initiative, member, **overrides):
    """What the browser posts from the edit page as it was shown: its version and its token included."""
    page = client.get(f"/initiatives/{initiative.pk}/edit/")
    assert page.status_code == 200
    data = form_data(initiative.branch, [(member, 100)], version=hidden(page, "version"),
                     form_token=hidden(page, "form_token"), **overrides)
    author = initiative.authors.get()
    data.update({"authors-INITIAL_FORMS": "1", "authors-0-id": str(author.pk)})
    return data


def test_an_edit_writes_only_the_fields_its_form_owns(client, draft, member_a):
    client.force_login(member_a.user, backend="django.contrib.auth.backends.ModelBackend")
    data = edit_post(client, draft, member_a, title="Tiêu đề đã sửa")
    # Meanwhile (without touching the version): the district records the upload, the status is moved.
    Initiative.objects.filter(pk=draft.pk).update(national_portal_reference="CDVN-2022-17", status=Status.RETURNED)
    response = client.post(f"/initiatives/{draft.pk}/edit/", data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Tiêu đề đã sửa"
    assert draft.status == Status.RETURNED  # not the "draft" the form was loaded with
    assert draft.national_portal_reference == "CDVN-2022-17"


def test_a_form_opened_before_a_move_is_refused_and_keeps_what_was_typed(client, draft, member_a, officer_a):
    client.force_login(member_a.user, backend="django.contrib.auth.backends.ModelBackend")
    data = edit_post(client, draft, member_a, title="Tiêu đề gõ trong tab cũ", solution="Giải pháp mới gõ")
    workflow.apply(Initiative.objects.get(pk=draft.pk), "submit", member_a.user)  # another tab submits it
    workflow.apply(Initiative.objects.get(pk=draft.pk), "return", officer_a, comment="Bổ sung quyết định")
    response = client.post(f"/initiatives/{draft.pk}/edit/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert STALE in page
    assert "Tiêu đề gõ trong tab cũ" in page and "Giải pháp mới gõ" in page  # nothing typed is lost
    draft.refresh_from_db()
    assert draft.status == Status.RETURNED and draft.title != "Tiêu đề gõ trong tab cũ"
    assert list(StatusChange.objects.filter(initiative=draft).values_list("to_status", flat=True)) == [
        Status.SUBMITTED, Status.RETURNED]
    # Pressing save again on the page shown (it now carries the present version) saves deliberately.
    again = dict(data, version=hidden(response, "version"))
    assert client.post(f"/initiatives/{draft.pk}/edit/", again).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Tiêu đề gõ trong tab cũ" and draft.status == Status.RETURNED


def test_a_form_opened_before_submission_cannot_save_over_it(client, draft, member_a):
    client.force_login(member_a.user, backend="django.contrib.auth.backends.ModelBackend")
    data = edit_post(client, draft, member_a, title="Sửa sau khi đã gửi")
    workflow.apply(Initiative.objects.get(pk=draft.pk), "submit", member_a.user)
    response = client.post(f"/initiatives/{draft.pk}/edit/", data)
    assert response.status_code == 200
    assert NO_LONGER in response.content.decode() and "Sửa sau khi đã gửi" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.title != "Sửa sau khi đã gửi"


def test_the_same_form_posted_twice_saves_and_moves_once(client, branch_a, member_a):
    client.force_login(member_a.user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get("/initiatives/new/")
    data = form_data(branch_a, [(member_a, 100)], form_token=hidden(page, "form_token"), submit="1",
                     title="Bấm hai lần")
    first = client.post("/initiatives/new/", data)
    second = client.post("/initiatives/new/", data)  # the double click
    created = Initiative.objects.get(title="Bấm hai lần")
    assert first.status_code == second.status_code == 302
    assert second["Location"] == f"/initiatives/{created.pk}/"
    assert StatusChange.objects.filter(initiative=created).count() == 1
    # The edit form posted twice: the second post changes nothing and moves nothing.
    workflow.apply(created, "return", factories.officer(branch_a), comment="Bổ sung")
    data = edit_post(client, created, member_a, title="Sửa rồi gửi lại", submit="1")
    assert client.post(f"/initiatives/{created.pk}/edit/", data).status_code == 302
    assert client.post(f"/initiatives/{created.pk}/edit/", data).status_code == 302
    assert StatusChange.objects.filter(initiative=created, action="submit").count() == 2  # the first and the resubmit


def in_parallel(count, post):
    barrier = threading.Barrier(count)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(post())
        except Exception as error:  # noqa: BLE001  (the test reports what each thread met)
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def logged_in_clients(user, count):
    clients = [Client() for _ in range(count)]
    for client in clients:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return clients


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_parallel_save_and_submit_make_one_submit_and_one_email():
    if connection.vendor != "postgresql":
        pytest.skip("row locks and parallel writers: the PostgreSQL run")
    branch = factories.branch()
    member = factories.member(branch, "Trần Văn Song", with_user=True, username="song_song")
    initiative = factories.initiative(branch, authors=[(member, 100)], entered_by=member.user)
    clients = logged_in_clients(member.user, 20)
    data = edit_post(clients[0], initiative, member, title="Lưu và gửi cùng lúc", submit="1")
    mail.outbox.clear()
    iterator = iter(clients)
    lock = threading.Lock()

    def post():
        with lock:
            client = next(iterator)
        return client.post(f"/initiatives/{initiative.pk}/edit/", data).status_code

    results = in_parallel(20, post)
    assert all(code in (200, 302) for code in results), results
    assert StatusChange.objects.filter(initiative=initiative, action="submit").count() == 1
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED and initiative.title == "Lưu và gửi cùng lúc"
    assert len([m for m in mail.outbox if member.user.email in m.to]) == 1

    # The same for a new form posted 20 times at once: one initiative, one submit.
    page = clients[1].get("/initiatives/new/")
    data = form_data(branch, [(member, 100)], form_token=hidden(page, "form_token"), submit="1",
                     title="Hai mươi lần một biểu mẫu")
    iterator = iter(logged_in_clients(member.user, 20))
    results = in_parallel(20, lambda: _next_post(iterator, lock, "/initiatives/new/", data))
    assert all(code in (200, 302) for code in results), results
    created = Initiative.objects.filter(title="Hai mươi lần một biểu mẫu")
    assert created.count() == 1
    assert StatusChange.objects.filter(initiative=created.get(), action="submit").count() == 1


def _next_post(iterator, lock, url, data):
    with lock:
        client = next(iterator)
    return client.post(url, data).status_code


def admin_change_data(initiative, page, **overrides):
    """The admin change page's post, as the officer saw it: its fields, its authors and its version."""
    author = initiative.authors.get()
    data = {
        "branch": initiative.branch_id, "title": initiative.title, "category": initiative.category,
        "application_kind": "applied", "application_date": "01/03/2022", "recognition_body": "council",
        "recognition_decision_no": initiative.recognition_decision_no, "recognition_date": "01/04/2022",
        "social_benefit": initiative.social_benefit, "economic_benefit_vnd": "5000000",
        "_portal_version": hidden(page, "_portal_version"),
        "authors-TOTAL_FORMS": "1", "authors-INITIAL_FORMS": "1", "authors-MIN_NUM_FORMS": "0",
        "authors-MAX_NUM_FORMS": "1000", "authors-0-id": author.pk, "authors-0-initiative": initiative.pk,
        "authors-0-member": author.member_id, "authors-0-share_percent": "100", "authors-0-order": "0",
    }
    for inline in ("attachments", "review_notes"):
        data.update({f"{inline}-TOTAL_FORMS": "0", f"{inline}-INITIAL_FORMS": "0", f"{inline}-MIN_NUM_FORMS": "0",
                     f"{inline}-MAX_NUM_FORMS": "1000"})
    data.update(overrides)
    return data


def test_the_admin_change_page_refuses_a_stale_save_and_writes_only_its_fields(client, draft, member_a, officer_a):
    client.force_login(officer_a, backend="django.contrib.auth.backends.ModelBackend")
    url = f"/admin/initiatives/initiative/{draft.pk}/change/"
    data = admin_change_data(draft, client.get(url), title="Sửa trong trang quản trị cũ")
    workflow.apply(Initiative.objects.get(pk=draft.pk), "submit", member_a.user)
    workflow.apply(Initiative.objects.get(pk=draft.pk), "return", officer_a, comment="Bổ sung")
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page and "Sửa trong trang quản trị cũ" in page
    draft.refresh_from_db()
    assert draft.status == Status.RETURNED and draft.title != "Sửa trong trang quản trị cũ"
    # Opened now: the save goes through, and it never writes the status.
    data = admin_change_data(draft, client.get(url), title="Sửa lần hai")
    Initiative.objects.filter(pk=draft.pk).update(status=Status.DRAFT)
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Sửa lần hai" and draft.status == Status.DRAFT


def test_the_admin_add_form_posted_twice_makes_one_initiative(client, branch_a, member_a, officer_a):
    client.force_login(officer_a, backend="django.contrib.auth.backends.ModelBackend")
    url = "/admin/initiatives/initiative/add/"
    page = client.get(url)
    token = hidden(page, "_portal_form_token")
    assert token
    data = {
        "branch": branch_a.pk, "title": "Sổ tay điện tử cho tổ bảo dưỡng", "category": "technical",
        "application_kind": "applied", "application_date": "01/03/2022", "recognition_body": "council",
        "recognition_decision_no": "12/QĐ", "recognition_date": "01/04/2022",
        "social_benefit": "Giảm thời gian tra cứu", "economic_benefit_vnd": "5.000.000",
        "_portal_form_token": token,
        "authors-TOTAL_FORMS": "1", "authors-INITIAL_FORMS": "0", "authors-MIN_NUM_FORMS": "0",
        "authors-MAX_NUM_FORMS": "1000", "authors-0-member": member_a.pk, "authors-0-share_percent": "100",
        "authors-0-order": "0",
    }
    for inline in ("attachments", "review_notes"):
        data.update({f"{inline}-TOTAL_FORMS": "0", f"{inline}-INITIAL_FORMS": "0", f"{inline}-MIN_NUM_FORMS": "0",
                     f"{inline}-MAX_NUM_FORMS": "1000"})
    first = client.post(url, data)
    assert first.status_code == 302, first.content.decode()[:3000]
    second = client.post(url, data)
    assert Initiative.objects.filter(title="Sổ tay điện tử cho tổ bảo dưỡng").count() == 1
    made = Initiative.objects.get(title="Sổ tay điện tử cho tổ bảo dưỡng")
    assert second.status_code == 302 and second.url == f"/admin/initiatives/initiative/{made.pk}/change/"
    # A new form gets a new token.
    assert hidden(client.get(url), "_portal_form_token") != token
