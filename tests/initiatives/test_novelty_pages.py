"""Novelty where people see it: the author's warning (JSON), the officer's review card, dismissing a match and
marking a duplicate (a workflow move) — always within the viewer's scope."""

import pytest
from django.core import mail

from initiatives import similarity, workflow
from initiatives.models import DismissedMatch, Status, StatusChange
from initiatives.text import fold
from tests import factories
from tests.initiatives import similarity_corpus as corpus


def typed(**fields):
    return {name: fields.get(name, "") for name in similarity.TEXT_FIELDS}


@pytest.fixture
def original(branch_a, member_a):
    """Branch A's submitted initiative; member_a is not its author."""
    return factories.initiative(branch_a, status=Status.SUBMITTED, **corpus.ORIGINAL)


@pytest.fixture
def copy_b(branch_b, member_b):
    """Branch B's copy of it, by member_b, submitted."""
    return factories.initiative(
        branch_b, authors=[(member_b, 100)], entered_by=member_b.user, status=Status.SUBMITTED,
        **corpus.one_number_changed(),
    )


# --- the author, while typing -----------------------------------------------------------------------


def test_the_author_is_warned_of_a_copy_submitted_to_their_branch(login, member_a, original):
    response = login(member_a.user).post("/initiatives/novelty/", typed(**corpus.reordered()))
    assert response.status_code == 200
    [match] = response.json()["matches"]
    assert match["number"] == original.pk
    assert match["percent"] > 70
    assert match["message"] == f"Trông giống #{original.pk} của CĐCS Trường THPT Vĩnh Linh ({match['percent']}%)"
    assert match["url"] is None  # not theirs: number, branch and score only
    assert corpus.ORIGINAL["title"] not in response.content.decode()


def test_the_author_is_never_told_of_another_branchs_initiative(login, member_a, copy_b):
    response = login(member_a.user).post("/initiatives/novelty/", typed(**corpus.ORIGINAL))
    assert response.json()["matches"] == []


def test_a_repeated_submission_of_ones_own_links_to_it(login, member_b, copy_b):
    response = login(member_b.user).post("/initiatives/novelty/", typed(**corpus.without_diacritics()))
    [match] = response.json()["matches"]
    assert match["url"] == f"/initiatives/{copy_b.pk}/"


def test_an_unrelated_text_raises_no_warning(login, member_a, original):
    response = login(member_a.user).post("/initiatives/novelty/", typed(**corpus.UNRELATED[0]))
    assert response.json()["matches"] == []


def test_the_novelty_endpoint_needs_a_login_and_a_post(client, member_a):
    assert client.post("/initiatives/novelty/", {}).status_code == 302
    client.force_login(member_a.user)
    assert client.get("/initiatives/novelty/").status_code == 405


def test_an_initiative_outside_the_authors_scope_is_a_404(login, member_a, copy_b):
    response = login(member_a.user).post("/initiatives/novelty/", {"initiative_id": copy_b.pk})
    assert response.status_code == 404


def test_the_form_of_a_saved_draft_shows_the_warning_without_javascript(login, branch_a, member_a, original):
    draft = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user,
                                 **corpus.without_diacritics())
    page = login(member_a.user).get(f"/initiatives/{draft.pk}/edit/").content.decode()
    assert f"Trông giống #{original.pk} của CĐCS Trường THPT Vĩnh Linh" in page
    page = login(member_a.user).get(f"/initiatives/{draft.pk}/").content.decode()
    assert f"Trông giống #{original.pk} của CĐCS Trường THPT Vĩnh Linh" in page  # before submitting


# --- the officer's review card ----------------------------------------------------------------------


def test_the_review_card_shows_banded_matches_with_passages(login, officer_a, branch_a, original):
    close = factories.initiative(branch_a, **corpus.one_number_changed())
    partial = factories.initiative(
        branch_a, title="Sổ điểm điện tử", problem=corpus.ORIGINAL["problem"], solution=corpus.ORIGINAL["solution"],
        application_summary=corpus.UNRELATED[3]["solution"] + " " + corpus.UNRELATED[1]["solution"],
    )
    page = login(officer_a).get(f"/initiatives/{original.pk}/").content.decode()
    assert "Sáng kiến tương tự (tính mới)" in page
    assert page.index(f"#{close.pk} ") < page.index(f"#{partial.pk} ")  # best first
    assert 'data-band="over90"' in page
    assert "Giải pháp được áp dụng tại 35 lớp của trường từ tháng 9 năm 2021." in page  # theirs, beside mine
    scores = {m.initiative.pk: m.score for m in similarity.similar_to(original)}
    assert scores[close.pk] > 0.9 and 0.5 < scores[partial.pk] < 0.7
    assert f'data-number="{partial.pk}" data-band="50to70"' in page


def test_an_officer_never_sees_a_match_outside_their_scope(login, officer_a, officer_b, original, copy_b):
    page = login(officer_a).get(f"/initiatives/{original.pk}/").content.decode()
    assert f"#{copy_b.pk} " not in page
    assert corpus.one_number_changed()["application_summary"] not in page
    page = login(officer_b).get(f"/initiatives/{copy_b.pk}/").content.decode()
    assert f"#{original.pk} " not in page


def test_the_district_sees_matches_across_branches(login, district, original, copy_b):
    page = login(district).get(f"/initiatives/{copy_b.pk}/").content.decode()
    assert f"#{original.pk} {corpus.ORIGINAL['title']}" in page


def test_a_member_sees_no_review_card(login, member_b, original, copy_b):
    page = login(member_b.user).get(f"/initiatives/{copy_b.pk}/").content.decode()
    assert "Sáng kiến tương tự (tính mới)" not in page


def test_a_dismissed_match_is_not_shown_again(login, officer_a, branch_a, original):
    other = factories.initiative(branch_a, **corpus.reordered())
    client = login(officer_a)
    url = f"/initiatives/{original.pk}/similar/{other.pk}/dismiss/"
    response = client.post(url, {"reason": ""})
    assert not DismissedMatch.objects.exists()
    assert "Hãy nói vì sao" in client.get(response.url).content.decode()
    client.post(url, {"reason": "Hai lớp khác nhau đã cùng đăng ký, hội đồng đã xét riêng."})
    dismissed = DismissedMatch.objects.get()
    assert (dismissed.initiative, dismissed.other, dismissed.dismissed_by) == (original, other, officer_a)
    assert f'data-number="{other.pk}"' not in client.get(f"/initiatives/{original.pk}/").content.decode()


def test_only_a_reviewer_dismisses(login, member_a, officer_b, branch_a, original):
    draft = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user, **corpus.reordered())
    assert login(member_a.user).post(
        f"/initiatives/{draft.pk}/similar/{original.pk}/dismiss/", {"reason": "x"}
    ).status_code in (403, 404)
    assert login(officer_b).post(
        f"/initiatives/{original.pk}/similar/{draft.pk}/dismiss/", {"reason": "x"}
    ).status_code == 404
    assert not DismissedMatch.objects.exists()


# --- marking a duplicate: a workflow move ------------------------------------------------------------


def test_a_reviewer_marks_a_duplicate_with_history_and_the_author_is_told(
    login, district, original, copy_b, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    client = login(district)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/initiatives/{copy_b.pk}/mark_duplicate/", {"duplicate_of": original.pk, "comment": "Chép lại."})
    copy_b.refresh_from_db()
    assert copy_b.status == Status.REJECTED
    assert copy_b.duplicate_of == original
    change = StatusChange.objects.get(initiative=copy_b)
    assert (change.action, change.from_status, change.comment) == ("mark_duplicate", Status.SUBMITTED, "Chép lại.")
    assert f"#{original.pk}" in mail.outbox[-1].body and "Chép lại." in mail.outbox[-1].body
    assert "trùng với sáng kiến" in client.get(f"/initiatives/{copy_b.pk}/").content.decode().lower()
    workflow.apply(copy_b, "reopen", district, comment="Xét lại.")
    copy_b.refresh_from_db()
    assert copy_b.duplicate_of is None and copy_b.status == Status.RETURNED


def test_an_officer_cannot_name_an_original_outside_their_scope(officer_b, original, copy_b):
    with pytest.raises(workflow.TransitionError):
        workflow.apply(copy_b, "mark_duplicate", officer_b, comment="x", duplicate_of=original.pk)
    copy_b.refresh_from_db()
    assert copy_b.status == Status.SUBMITTED


def test_a_duplicate_needs_a_reason_and_an_original(district, original, copy_b):
    with pytest.raises(workflow.TransitionError):
        workflow.apply(copy_b, "mark_duplicate", district, comment="", duplicate_of=original.pk)
    with pytest.raises(workflow.TransitionError):
        workflow.apply(copy_b, "mark_duplicate", district, comment="Chép lại.")
    with pytest.raises(workflow.TransitionError):
        workflow.apply(copy_b, "mark_duplicate", district, comment="Chép lại.", duplicate_of=copy_b.pk)


def test_the_author_cannot_mark_a_duplicate(member_b, original, copy_b, branch_b):
    own = factories.initiative(branch_b, authors=[(member_b, 100)], status=Status.SUBMITTED, title=fold("x y z"))
    with pytest.raises(workflow.PermissionDenied):
        workflow.apply(own, "mark_duplicate", member_b.user, comment="x", duplicate_of=copy_b.pk)


def test_the_admin_offers_the_move_prefilled(login, district, original, copy_b):
    client = login(district)
    page = client.get(f"/admin/initiatives/initiative/{copy_b.pk}/change/").content.decode()
    assert f"move/mark_duplicate/?duplicate_of={original.pk}" in page
    form = client.get(f"/admin/initiatives/initiative/{copy_b.pk}/move/mark_duplicate/?duplicate_of={original.pk}")
    assert f'value="{original.pk}"' in form.content.decode()
    client.post(f"/admin/initiatives/initiative/{copy_b.pk}/move/mark_duplicate/",
                {"confirm": "1", "duplicate_of": original.pk, "comment": "Chép lại."})
    copy_b.refresh_from_db()
    assert copy_b.duplicate_of == original


# --- dismissing from the admin's review card --------------------------------------------------------


def test_a_match_dismissed_from_the_admin_returns_there_and_is_gone(login, district, original, copy_b):
    client = login(district)
    change = f"/admin/initiatives/initiative/{copy_b.pk}/change/"
    page = client.get(change).content.decode()
    dismiss = f"/initiatives/{copy_b.pk}/similar/{original.pk}/dismiss/"
    assert f'action="{dismiss}"' in page and f'data-number="{original.pk}"' in page
    response = client.post(dismiss, {"reason": "Cùng một đề tài, hội đồng đã xét riêng từng đơn vị.", "next": change})
    assert response.status_code == 302 and response.url == change
    assert DismissedMatch.objects.filter(initiative=copy_b, other=original, dismissed_by=district).exists()
    page = client.get(change).content.decode()
    assert f'data-number="{original.pk}"' not in page
    assert f"#{original.pk} sẽ không còn hiện là sáng kiến tương tự." in page


def test_the_admin_dismiss_form_without_a_reason_says_why_and_keeps_the_match(login, district, original, copy_b):
    client = login(district)
    change = f"/admin/initiatives/initiative/{copy_b.pk}/change/"
    response = client.post(f"/initiatives/{copy_b.pk}/similar/{original.pk}/dismiss/", {"reason": "  ", "next": change})
    assert response.url == change
    page = client.get(change).content.decode()
    assert "Hãy nói vì sao" in page and f'data-number="{original.pk}"' in page
    assert not DismissedMatch.objects.exists()


def test_the_dismiss_form_never_redirects_off_the_site(login, district, original, copy_b):
    response = login(district).post(f"/initiatives/{copy_b.pk}/similar/{original.pk}/dismiss/",
                                    {"reason": "Không phải bản sao.", "next": "https://evil.example/admin/"})
    assert response.status_code == 302 and response.url == f"/initiatives/{copy_b.pk}/#novelty"
