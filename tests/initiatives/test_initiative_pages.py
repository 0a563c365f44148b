"""The member's journey on the site: create, save, fix, submit, follow; nothing typed is ever lost."""

import datetime
from decimal import Decimal

import pytest

from initiatives.models import Attachment, Initiative, Programme, Status, StatusChange
from tests import factories
from tests.initiatives.helpers import PDF_BYTES, docx, form_data, pdf


@pytest.fixture
def member_client(login, member_a):
    return login(member_a.user)


def test_member_creates_and_submits_an_eligible_initiative(member_client, member_a, branch_a):
    data = form_data(branch_a, [(member_a, 100)], submit="1")
    data["upload-files"] = [pdf()]
    response = member_client.post("/initiatives/new/", data)
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/initiatives/{initiative.pk}/"
    assert initiative.status == Status.SUBMITTED
    assert initiative.branch == branch_a and initiative.entered_by == member_a.user
    assert initiative.credited_author == member_a
    assert initiative.attachments.get().original_name == "quyet-dinh.pdf"
    page = member_client.get(f"/initiatives/{initiative.pk}/").content.decode()
    assert "Nguyễn Văn An" in page and "quyet-dinh.pdf" in page


def test_an_ineligible_initiative_saves_as_draft_but_is_not_submitted(member_client, member_a, branch_a):
    data = form_data(branch_a, [(member_a, 100)], recognition_decision_no="", submit="1")
    response = member_client.post("/initiatives/new/", data)
    initiative = Initiative.objects.get()
    assert initiative.status == Status.DRAFT
    assert initiative.title == data["title"]  # everything typed is kept
    assert response["Location"] == f"/initiatives/{initiative.pk}/edit/"
    page = member_client.get(response["Location"]).content.decode()
    assert 'data-code="not_recognised"' in page
    assert data["solution"] in page


def test_a_form_with_errors_keeps_what_was_typed_and_the_uploaded_file(member_client, member_a, branch_a):
    data = form_data(branch_a, [(member_a, 100)], application_date="31/31/2022", economic_benefit_vnd="nhiều")
    data["upload-files"] = [pdf("quyet-dinh-cong-nhan.pdf")]
    response = member_client.post("/initiatives/new/", data)
    assert response.status_code == 200
    assert not Initiative.objects.exists()
    page = response.content.decode()
    assert data["title"] in page and data["problem"] in page
    assert 'value="31/31/2022"' in page or "31/31/2022" in page
    assert "quyet-dinh-cong-nhan.pdf" in page  # kept, not to be chosen again
    kept = Attachment.objects.get(original_name="quyet-dinh-cong-nhan.pdf")
    assert kept.initiative is None
    # The corrected post claims the kept file.
    fixed = form_data(branch_a, [(member_a, 100)], kept_attachment=str(kept.pk))
    member_client.post("/initiatives/new/", fixed)
    initiative = Initiative.objects.get()
    assert list(initiative.attachments.values_list("original_name", flat=True)) == ["quyet-dinh-cong-nhan.pdf"]


def test_a_kept_file_cannot_be_claimed_by_someone_else(login, member_a, member_b, branch_b):
    login(member_a.user).post("/initiatives/new/", {**form_data(branch_b, [], title=""), "upload-files": [pdf()]})
    kept = Attachment.objects.get()
    client = login(member_b.user)
    client.post("/initiatives/new/", form_data(branch_b, [(member_b, 100)], kept_attachment=str(kept.pk)))
    assert Initiative.objects.get().attachments.count() == 0
    assert client.get(f"/attachments/{kept.pk}/").status_code == 404


@pytest.mark.parametrize(
    "upload, message",
    [
        (lambda: pdf("anh-the.pdf", b"\xff\xd8\xff\xe0 not a pdf"), "không đúng"),
        (lambda: pdf("virus.exe", b"MZ\x90\x00"), "PDF"),
        (lambda: pdf("lon-qua.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024)), "10 MB"),
    ],
)
def test_wrong_or_oversized_uploads_are_refused_beside_the_field(member_client, member_a, branch_a, upload, message):
    data = form_data(branch_a, [(member_a, 100)])
    data["upload-files"] = [upload()]
    response = member_client.post("/initiatives/new/", data)
    assert response.status_code == 200
    assert not Initiative.objects.exists() and not Attachment.objects.exists()
    assert data["title"] in response.content.decode()


def test_word_files_are_accepted_by_content(member_client, member_a, branch_a):
    data = form_data(branch_a, [(member_a, 100)])
    data["upload-files"] = [docx()]
    member_client.post("/initiatives/new/", data)
    assert Initiative.objects.get().attachments.get().content_type.endswith("wordprocessingml.document")


def test_returned_initiative_is_fixed_and_resubmitted(member_client, member_a, branch_a, officer_a):
    from initiatives import workflow

    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user)
    workflow.apply(initiative, "submit", member_a.user)
    workflow.apply(initiative, "return", officer_a, comment="Bổ sung bản scan quyết định.")
    page = member_client.get(f"/initiatives/{initiative.pk}/").content.decode()
    assert "Bổ sung bản scan quyết định." in page
    author = initiative.authors.get()
    data = form_data(
        branch_a,
        [],
        title="Tiêu đề đã sửa",
        submit="1",
        **{
            "authors-TOTAL_FORMS": "1",
            "authors-INITIAL_FORMS": "1",
            "authors-0-id": str(author.pk),
            "authors-0-initiative": str(initiative.pk),
            "authors-0-member": str(member_a.pk),
            "authors-0-share_percent": "100",
        },
    )
    response = member_client.post(f"/initiatives/{initiative.pk}/edit/", data)
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.title == "Tiêu đề đã sửa" and initiative.status == Status.SUBMITTED
    assert StatusChange.objects.filter(initiative=initiative).count() == 3


def test_submitted_initiative_cannot_be_edited_or_deleted(member_client, member_a, branch_a):
    initiative = factories.initiative(
        branch_a, authors=[(member_a, 100)], entered_by=member_a.user, status=Status.SUBMITTED
    )
    response = member_client.post(
        f"/initiatives/{initiative.pk}/edit/", form_data(branch_a, [(member_a, 100)], title="Đổi")
    )
    # Refused, and the form shown again with what was typed (a form opened before it was submitted).
    assert response.status_code == 200
    assert "không còn sửa được" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.title != "Đổi"
    assert member_client.get(f"/initiatives/{initiative.pk}/edit/").status_code == 302  # no form to open
    assert member_client.post(f"/initiatives/{initiative.pk}/delete/").status_code == 403


def test_a_draft_can_be_deleted_by_its_author(member_client, member_a, branch_a):
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user)
    assert member_client.post(f"/initiatives/{initiative.pk}/delete/").status_code == 302
    assert not Initiative.objects.exists()


def test_live_check_answers_with_the_problems_of_what_is_typed(member_client, member_a, branch_a):
    data = form_data(branch_a, [(member_a, 60)], application_date="2021-08-31", recognition_date="2021-09-05")
    result = member_client.post("/initiatives/check/", data).json()
    assert result["eligible"] is False
    assert {p["code"] for p in result["problems"]} == {"application_outside_window", "authors_invalid"}
    data = form_data(branch_a, [(member_a, 100)])
    assert member_client.post("/initiatives/check/", data).json() == {
        "eligible": True, "problems": [], "field_errors": {}}


def test_member_without_roster_link_is_told_to_wait(login, branch_a):
    account = factories.user("waiting")
    response = login(account).get("/initiatives/new/")
    assert response.status_code == 302 and response["Location"] == "/initiatives/"


def test_officer_enters_an_initiative_for_a_roster_member(login, officer_a, branch_a):
    paper_author = factories.member(branch_a, "Hồ Văn Nam")
    client = login(officer_a)
    client.post("/initiatives/new/", form_data(branch_a, [(paper_author, 100)]))
    initiative = Initiative.objects.get()
    assert initiative.credited_author == paper_author and initiative.entered_by == officer_a


def test_officer_cannot_enter_an_initiative_in_another_branch(login, officer_a, branch_b):
    other_member = factories.member(branch_b)
    response = login(officer_a).post("/initiatives/new/", form_data(branch_b, [(other_member, 100)]))
    assert response.status_code == 200
    assert not Initiative.objects.exists()


def test_list_search_ignores_diacritics(login, district, branch_a):
    factories.initiative(branch_a, title="Ứng dụng phần mềm quản lý điểm")
    factories.initiative(branch_a, title="Phân luồng khám bệnh")
    page = login(district).get("/initiatives/", {"q": "ung dung phan mem"}).content.decode()
    assert "Ứng dụng phần mềm quản lý điểm" in page and "Phân luồng khám bệnh" not in page
    page = login(district).get("/initiatives/", {"q": "quan ly ddiem"}).content.decode()
    assert "Ứng dụng phần mềm quản lý điểm" in page


def test_list_filters_by_status_and_applied_dates(login, district, branch_a):
    factories.initiative(branch_a, title="Sáng kiến đã gửi", status=Status.SUBMITTED)
    factories.initiative(branch_a, title="Sáng kiến nháp")
    page = login(district).get("/initiatives/", {"status": "submitted"}).content.decode()
    assert "Sáng kiến đã gửi" in page and "Sáng kiến nháp" not in page
    page = login(district).get("/initiatives/", {"applied_from": "2030-01-01"}).content.decode()
    assert "Sáng kiến nháp" not in page


def test_bad_filter_input_is_not_a_500(login, district):
    response = login(district).get("/initiatives/", {"applied_from": "hôm qua", "status": "x", "page": "abc"})
    assert response.status_code == 200


def test_list_query_count_does_not_grow_with_rows(login, district, branch_a, django_assert_max_num_queries):
    client = login(district)
    factories.initiative(branch_a)
    with django_assert_max_num_queries(12) as few:
        client.get("/initiatives/")
    for _ in range(15):
        factories.initiative(branch_a, authors=[(factories.member(branch_a), 60), (factories.member(branch_a), 40)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/initiatives/")


def test_detail_query_count_does_not_grow_with_authors_and_history(
    login, district, branch_a, django_assert_max_num_queries
):
    from initiatives import workflow

    client = login(district)
    small = factories.initiative(branch_a)
    with django_assert_max_num_queries(30) as few:
        client.get(f"/initiatives/{small.pk}/")
    big = factories.initiative(branch_a, authors=[(factories.member(branch_a), 25) for _ in range(4)])
    officer = factories.officer(branch_a)
    workflow.apply(big, "submit", officer)
    workflow.apply(big, "return", officer, comment="Thiếu")
    workflow.apply(big, "submit", officer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/initiatives/{big.pk}/")


def test_dates_show_as_dd_mm_yyyy_and_money_with_dots(login, district, branch_a):
    initiative = factories.initiative(
        branch_a, economic_benefit_vnd=1234567, application_date=datetime.date(2022, 3, 1)
    )
    page = login(district).get(f"/initiatives/{initiative.pk}/").content.decode()
    assert "01/03/2022" in page and "1.234.567 ₫" in page


def test_a_member_with_one_branch_gets_it_prefilled(member_client, branch_a):
    html = member_client.get("/initiatives/new/").content.decode()
    assert f'name="branch" value="{branch_a.pk}"' in html


def test_attachments_are_served_only_to_those_who_may_see_the_initiative(login, branch_a, branch_b, member_a,
                                                                          officer_a, officer_b, district, member_b):
    from initiatives import services

    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user)
    attachment = services.store_attachment(initiative, member_a.user, pdf("quyet-dinh-so-12.pdf"),
                                           "application/pdf", "decision")
    url = f"/attachments/{attachment.pk}/"
    for allowed in (member_a.user, officer_a, district):
        response = login(allowed).get(url)
        assert response.status_code == 200, allowed
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert "quyet-dinh-so-12.pdf" in response["Content-Disposition"]
    for refused in (officer_b, member_b.user):
        assert login(refused).get(url).status_code == 404
    assert not attachment.file.name.startswith("static")
    assert "quyet-dinh" not in attachment.file.name  # stored under a random name


def test_the_author_choices_never_list_another_branchs_roster(member_client, branch_b):
    factories.member(branch_b, "Đoàn Viên Chi Nhánh Khác")
    html = member_client.get("/initiatives/new/").content.decode()
    assert "Đoàn Viên Chi Nhánh Khác" not in html  # neither in the rows nor in the row template


def test_a_date_sent_that_is_no_date_moves_nothing_and_is_shown_again(login, district, branch_a, member_a):
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], status=Status.DISTRICT_VERIFIED)
    response = login(district).post(f"/initiatives/{initiative.pk}/send/", {"sent_date": "31/13/2022"})
    assert response.status_code == 200
    initiative.refresh_from_db()
    assert initiative.status == Status.DISTRICT_VERIFIED and initiative.sent_to_province_date is None
    page = response.content.decode()
    assert 'value="31/13/2022"' in page and "Không có ngày 31/13/2022" in page


def test_no_empty_review_card_for_an_officer_on_a_draft(login, officer_a, branch_a, member_a):
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)])
    page = login(officer_a).get(f"/initiatives/{initiative.pk}/").content.decode()
    assert "Xét duyệt</h2>" not in page
    submitted = factories.initiative(branch_a, authors=[(member_a, 100)], status=Status.SUBMITTED)
    page = login(officer_a).get(f"/initiatives/{submitted.pk}/").content.decode()
    assert "Xét duyệt</h2>" in page and 'name="novelty_confirmed"' in page and 'name="comment"' in page


def test_an_added_author_stays_where_it_was_listed(member_client, member_a, branch_a):
    # A and B listed, then C added below them with B's share: on a tie the first listed (B) is credited (1.3).
    binh, cuong = factories.member(branch_a, "Trần Bình"), factories.member(branch_a, "Lê Cường")
    initiative = factories.initiative(branch_a, authors=[(member_a, 20), (binh, 80)], entered_by=member_a.user)
    first, second = initiative.authors.order_by("order", "pk")
    data = form_data(branch_a, [], **{
        "authors-TOTAL_FORMS": "3", "authors-INITIAL_FORMS": "2",
        "authors-0-id": str(first.pk), "authors-0-initiative": str(initiative.pk),
        "authors-0-member": str(member_a.pk), "authors-0-share_percent": "20",
        "authors-1-id": str(second.pk), "authors-1-initiative": str(initiative.pk),
        "authors-1-member": str(binh.pk), "authors-1-share_percent": "40",
        "authors-2-member": str(cuong.pk), "authors-2-share_percent": "40",
    })
    assert member_client.post(f"/initiatives/{initiative.pk}/edit/", data).status_code == 302
    initiative.refresh_from_db()
    assert [a.member_id for a in initiative.authors.order_by("order", "pk")] == [member_a.pk, binh.pk, cuong.pk]
    assert initiative.credited_author_id == binh.pk


def test_edit_page_query_count_does_not_grow_with_authors(member_client, member_a, branch_a,
                                                          django_assert_max_num_queries):
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user)
    with django_assert_max_num_queries(40) as few:
        assert member_client.get(f"/initiatives/{initiative.pk}/edit/").status_code == 200
    for number in range(9):
        initiative.authors.create(member=factories.member(branch_a, f"Đồng tác giả {number}"), share_percent=1,
                                  order=number + 1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = member_client.get(f"/initiatives/{initiative.pk}/edit/").content.decode()
    assert page.count("Đồng tác giả 8") >= 10  # every row's select still offers the whole roster


@pytest.mark.django_db
def test_the_save_service_refuses_a_new_initiative_for_a_branch_the_user_is_not_on(branch_a, branch_b, member_a):
    """The service checks for itself, whoever calls it: a member saves initiatives of their own branch only."""
    from django.core.exceptions import PermissionDenied

    from initiatives import services

    values = {"programme": Programme.current(), "branch": branch_b, **factories.eligible_fields()}
    with pytest.raises(PermissionDenied):
        services.save_initiative(user=member_a.user, values=values,
                                 authors=[services.AuthorLine(member=member_a, share_percent=Decimal(100))])
    assert not Initiative.objects.filter(branch=branch_b).exists()
    values["branch"] = branch_a
    saved = services.save_initiative(user=member_a.user, values=values,
                                     authors=[services.AuthorLine(member=member_a, share_percent=Decimal(100))])
    assert saved.branch == branch_a and saved.entered_by == member_a.user
    assert [(a.member, a.order) for a in saved.authors.all()] == [(member_a, 0)]


@pytest.mark.django_db
def test_the_save_service_refuses_moving_a_draft_to_a_branch_the_user_is_not_on(branch_a, branch_b, member_a):
    from django.core.exceptions import PermissionDenied

    from initiatives import services

    draft = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user)
    with pytest.raises(PermissionDenied):
        services.save_initiative(user=member_a.user, initiative=draft, values={"branch": branch_b},
                                 authors=[services.AuthorLine(member=member_a, share_percent=Decimal(100))])
    draft.refresh_from_db()
    assert draft.branch == branch_a
