"""Officers review in the admin, scoped to their branches; the district verifies and sends."""

import re

import pytest

from initiatives.models import Initiative, Status, StatusChange
from initiatives.text import fold
from tests import factories

CHANGELIST = "/admin/initiatives/initiative/"


@pytest.fixture
def mine(branch_a):
    return factories.initiative(branch_a, title="Sáng kiến của trường", status=Status.SUBMITTED)


@pytest.fixture
def theirs(branch_b):
    return factories.initiative(branch_b, title="Sáng kiến của trung tâm y tế", status=Status.SUBMITTED)


def test_officer_changelist_shows_only_their_branch(login, officer_a, mine, theirs):
    page = login(officer_a).get(CHANGELIST).content.decode()
    assert mine.title in page and theirs.title not in page
    assert "✔" in page  # eligibility column


def test_officer_cannot_reach_another_branchs_initiative_in_the_admin(login, officer_a, theirs):
    client = login(officer_a)
    for url in (
        f"{CHANGELIST}{theirs.pk}/change/",
        f"{CHANGELIST}{theirs.pk}/history/",
        f"{CHANGELIST}{theirs.pk}/move/approve/",
        f"{CHANGELIST}{theirs.pk}/delete/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert theirs.title not in response.content.decode()


def test_officer_admin_action_cannot_touch_another_branch(login, officer_a, mine, theirs):
    client = login(officer_a)
    client.post(
        CHANGELIST,
        {
            "action": "approve_selected",
            "_selected_action": [mine.pk, theirs.pk],
            "confirm": "1",
            "novelty_confirmed": "on",
            "lawful_confirmed": "on",
        },
    )
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == Status.BRANCH_APPROVED
    assert theirs.status == Status.SUBMITTED


def test_approve_action_shows_the_attestation_page_first(login, officer_a, mine):
    client = login(officer_a)
    response = client.post(CHANGELIST, {"action": "approve_selected", "_selected_action": [mine.pk]})
    assert response.status_code == 200
    assert 'name="novelty_confirmed"' in response.content.decode()
    mine.refresh_from_db()
    assert mine.status == Status.SUBMITTED


def test_approval_without_attestations_is_refused_with_a_message(login, officer_a, mine):
    client = login(officer_a)
    response = client.post(
        CHANGELIST,
        {"action": "approve_selected", "_selected_action": [mine.pk], "confirm": "1", "novelty_confirmed": "on"},
        follow=True,
    )
    mine.refresh_from_db()
    assert mine.status == Status.SUBMITTED
    assert mine.title in response.content.decode()


def test_return_from_the_change_page_with_a_comment(login, officer_a, mine):
    client = login(officer_a)
    url = f"{CHANGELIST}{mine.pk}/move/return/"
    assert "comment" in client.get(url).content.decode()
    response = client.post(url, {"confirm": "1", "comment": "Thiếu bản scan quyết định."})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == Status.RETURNED
    assert StatusChange.objects.get(initiative=mine).comment == "Thiếu bản scan quyết định."


@pytest.mark.parametrize("comment", ["", "   "])
def test_returning_with_an_empty_comment_shows_the_form_again_with_the_error(login, officer_a, mine, comment):
    client = login(officer_a)
    response = client.post(f"{CHANGELIST}{mine.pk}/move/return/", {"confirm": "1", "comment": comment})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="comment"' in page and 'class="form-row errors"' in page
    assert "Hãy ghi ý kiến gửi tác giả" in page
    mine.refresh_from_db()
    assert mine.status == Status.SUBMITTED and not StatusChange.objects.exists()


def test_a_refused_bulk_approval_keeps_the_selection_and_marks_the_missing_attestation(login, officer_a, mine):
    client = login(officer_a)
    response = client.post(CHANGELIST, {
        "action": "approve_selected", "_selected_action": [mine.pk], "confirm": "1", "novelty_confirmed": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'name="_selected_action" value="{mine.pk}"' in page
    assert re.search(r'<input[^>]*name="novelty_confirmed"[^>]*checked', page)  # what was ticked stays ticked
    assert "Hãy đánh dấu ô này để duyệt." in page


def test_the_typed_comment_is_kept_when_another_input_is_refused(login, district, branch_a, member_a):
    verified = factories.initiative(branch_a, authors=[(member_a, 100)], status=Status.DISTRICT_VERIFIED)
    client = login(district)
    response = client.post(f"{CHANGELIST}{verified.pk}/move/send/", {"confirm": "1", "sent_date": "15 tháng 9"})
    assert response.status_code == 200
    assert "Không hiểu ngày “15 tháng 9”: hãy viết theo dạng dd/mm/yyyy" in response.content.decode()
    verified.refresh_from_db()
    assert verified.status == Status.DISTRICT_VERIFIED


def test_change_page_shows_similar_initiatives_within_the_officers_scope(
    login, officer_a, district, branch_a, branch_b, mine
):
    text = {
        "problem": "Phụ huynh nhận thông tin học tập của con chậm một tuần vì sổ liên lạc giấy hay thất lạc.",
        "solution": "Giáo viên cập nhật điểm và nhận xét vào bảng tính dùng chung cuối mỗi ngày học.",
    }
    mine.problem, mine.solution = text["problem"], text["solution"]
    mine.save()
    same_branch = factories.initiative(branch_a, title="Sổ liên lạc trên mạng", **text)
    elsewhere = factories.initiative(
        branch_b, title="So lien lac tren mang", status=Status.SUBMITTED,
        problem=fold(text["problem"]), solution=fold(text["solution"]),  # diacritics stripped
    )
    page = login(officer_a).get(f"{CHANGELIST}{mine.pk}/change/").content.decode()
    assert f"#{same_branch.pk} Sổ liên lạc trên mạng" in page
    assert "So lien lac tren mang" not in page  # another branch: outside the officer's scope
    assert "Phụ huynh nhận thông tin học tập của con chậm một tuần" in page  # the passages side by side
    page = login(district).get(f"{CHANGELIST}{mine.pk}/change/").content.decode()
    assert f"#{elsewhere.pk} So lien lac tren mang" in page


def test_officer_cannot_verify_or_send(login, officer_a, branch_a):
    approved = factories.initiative(branch_a, status=Status.BRANCH_APPROVED)
    client = login(officer_a)
    client.post(CHANGELIST, {"action": "verify_selected", "_selected_action": [approved.pk], "confirm": "1"})
    approved.refresh_from_db()
    assert approved.status == Status.BRANCH_APPROVED


def test_district_verifies_and_sends_with_a_date(login, district, branch_a):
    approved = factories.initiative(branch_a, status=Status.BRANCH_APPROVED)
    client = login(district)
    client.post(CHANGELIST, {"action": "verify_selected", "_selected_action": [approved.pk], "confirm": "1"})
    client.post(
        CHANGELIST,
        {"action": "send_selected", "_selected_action": [approved.pk], "confirm": "1", "sent_date": "2022-05-31"},
    )
    approved.refresh_from_db()
    assert approved.status == Status.SENT_TO_PROVINCE
    assert approved.sent_to_province_date.isoformat() == "2022-05-31"


def test_district_records_the_national_portal_upload(login, district, branch_a):
    sent = factories.initiative(branch_a, status=Status.SENT_TO_PROVINCE)
    client = login(district)
    page = client.get(f"{CHANGELIST}{sent.pk}/change/").content.decode()
    assert 'name="national_portal_reference"' in page
    assert 'name="title"' not in page  # the content itself is frozen after submission


def test_officer_enters_an_initiative_in_the_admin(login, officer_a, branch_a):
    author = factories.member(branch_a, "Trần Thị Thu")
    client = login(officer_a)
    data = {
        "branch": branch_a.pk,
        "title": "Nhập hộ từ hồ sơ giấy",
        "category": "management",
        "application_kind": "applied",
        "application_date": "01/03/2022",
        "recognition_body": "head",
        "recognition_decision_no": "5/QĐ",
        "recognition_date": "01/04/2022",
        "social_benefit": "Giảm thời gian",
        "economic_benefit_vnd": "",
        "authors-TOTAL_FORMS": "1",
        "authors-INITIAL_FORMS": "0",
        "authors-MIN_NUM_FORMS": "0",
        "authors-MAX_NUM_FORMS": "1000",
        "authors-0-member": author.pk,
        "authors-0-share_percent": "100",
        "authors-0-order": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "review_notes-TOTAL_FORMS": "0",
        "review_notes-INITIAL_FORMS": "0",
        "review_notes-MIN_NUM_FORMS": "0",
        "review_notes-MAX_NUM_FORMS": "1000",
    }
    response = client.post(f"{CHANGELIST}add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    initiative = Initiative.objects.get()
    assert initiative.entered_by == officer_a and initiative.credited_author == author
    assert initiative.status == Status.DRAFT


def test_no_bulk_delete_and_no_delete_of_submitted(login, district, mine):
    client = login(district)
    page = client.get(CHANGELIST).content.decode()
    assert "delete_selected" not in page
    client.post(f"{CHANGELIST}{mine.pk}/delete/", {"post": "yes"})
    assert Initiative.objects.filter(pk=mine.pk).exists()


def test_admin_changelist_query_count_is_constant(login, district, branch_a, django_assert_max_num_queries):
    client = login(district)
    factories.initiative(branch_a)
    with django_assert_max_num_queries(25) as few:
        client.get(CHANGELIST)
    for _ in range(10):
        factories.initiative(branch_a, authors=[(factories.member(branch_a), 50), (factories.member(branch_a), 50)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(CHANGELIST)


def test_admin_search_ignores_diacritics(login, officer_a, mine):
    page = login(officer_a).get(CHANGELIST, {"q": "sang kien cua truong"}).content.decode()
    assert mine.title in page


def test_novelty_help_never_shows_another_branchs_drafts(login, officer_a, branch_b, mine):
    factories.initiative(branch_b, title="Sáng kiến của trường nháp bên kia")
    page = login(officer_a).get(f"{CHANGELIST}{mine.pk}/change/").content.decode()
    assert "nháp bên kia" not in page


def test_the_eligibility_column_judges_each_initiative_by_its_own_programme(login, district, branch_a, member_a):
    import datetime

    from initiatives.models import Initiative, Programme

    current = Programme.current()
    earlier = Programme.objects.create(
        name="Chương trình trước", window_start=datetime.date(2015, 1, 1), window_end=datetime.date(2017, 12, 31),
        research_applied_from=datetime.date(2015, 1, 1), total_target=10, participation_target_rate=current
        .participation_target_rate, is_current=False)
    old = factories.initiative(branch_a, authors=[(member_a, 100)], status=Status.SENT_TO_PROVINCE,
                               title="Sáng kiến của chương trình trước")
    Initiative.objects.filter(pk=old.pk).update(programme=earlier, application_date=datetime.date(2016, 5, 1),
                                                recognition_date=datetime.date(2016, 6, 1))
    page = login(district).get(CHANGELIST, {"q": "chuong trinh truoc"}).content.decode()
    row = page[page.index("Sáng kiến của chương trình trước"):]
    assert "portal-ok" in row.split("</tr>")[0]
