"""Files of an initiative before it is submitted: its author and its branch officer remove or replace a file, or
change its kind, while it is a draft or returned; every file has its own kind; nothing is ever lost, the history
says who removed which file and when."""

import pytest
import rules
from django.core.exceptions import PermissionDenied

from initiatives import attachments
from initiatives.models import Attachment, Initiative, Status
from tests import factories
from tests.initiatives.helpers import PNG_BYTES, docx, form_data, pdf

ALLOWED_ROLES = {"author", "co_author", "officer"}
EDITABLE = {Status.DRAFT, Status.RETURNED}


@pytest.fixture
def people(branch_a, branch_b, member_a):
    co_author = factories.member(branch_a, "Trần Văn Cường", with_user=True, username="co_author")
    return {
        "author": member_a.user,  # entered it and is its first author
        "co_author": co_author.user,
        "other_member": factories.member(branch_a, "Phạm Thị Dung", with_user=True, username="other").user,
        "officer": factories.officer(branch_a, "officer_a"),
        "other_officer": factories.officer(branch_b, "officer_b"),
        "district": factories.district_user("district"),
        "member_elsewhere": factories.member(branch_b, "Lê Thị Bình", with_user=True, username="member_b").user,
    }


def initiative_with_file(branch, people, member, status):
    co_author = people["co_author"].member
    initiative = factories.initiative(branch, authors=[(member, 60), (co_author, 40)], entered_by=member.user,
                                      status=status)
    attachment = Attachment.objects.create(
        initiative=initiative, kind=Attachment.Kind.DECISION, file=pdf("quyet-dinh.pdf"),
        original_name="quyet-dinh.pdf", content_type="application/pdf", size=10, uploaded_by=member.user,
    )
    return initiative, attachment


ROLES = ["author", "co_author", "other_member", "officer", "other_officer", "district", "member_elsewhere"]


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("role", ROLES)
def test_who_may_remove_replace_or_retype_a_file_in_each_status(people, branch_a, member_a, role, status):
    initiative, attachment = initiative_with_file(branch_a, people, member_a, status)
    user = people[role]
    allowed = role in ALLOWED_ROLES and status in EDITABLE
    assert rules.has_perm("initiatives.change_initiative", user, initiative) is allowed
    actions = [
        lambda: attachments.do_set_attachment_kind(attachment=attachment, kind="photo", acting_user=user),
        lambda: attachments.do_replace_attachment(
            attachment=attachment, uploaded=pdf("quyet-dinh-moi.pdf"), mime="application/pdf", acting_user=user),
        lambda: attachments.do_add_attachment(
            initiative=initiative, uploaded=docx(), mime="application/msword", kind="description", acting_user=user),
    ]
    for action in actions:
        if allowed:
            action()
        else:
            with pytest.raises(PermissionDenied):
                action()
    fresh = Initiative.objects.get(pk=initiative.pk)
    if allowed:
        assert sorted(fresh.attachments.values_list("original_name", "kind")) == [
            ("mo-ta.docx", "description"), ("quyet-dinh-moi.pdf", "photo")]
        old = Attachment.every.get(pk=attachment.pk)
        assert old.removed_by == user and old.removed_at and old.replaced_by.original_name == "quyet-dinh-moi.pdf"
    else:
        assert list(fresh.attachments.values_list("original_name", "kind")) == [("quyet-dinh.pdf", "decision")]
        assert not Attachment.every.filter(removed_at__isnull=False).exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_remove_a_file_of_a_returned_initiative(people, branch_a, member_a, role):
    initiative, attachment = initiative_with_file(branch_a, people, member_a, Status.RETURNED)
    user = people[role]
    if role in ALLOWED_ROLES:
        attachments.do_remove_attachment(attachment=attachment, acting_user=user)
        assert not initiative.attachments.exists()
        assert Attachment.every.get(pk=attachment.pk).removed_by == user
    else:
        with pytest.raises(PermissionDenied):
            attachments.do_remove_attachment(attachment=attachment, acting_user=user)
        assert initiative.attachments.count() == 1


def test_removing_twice_keeps_the_first_removal(people, branch_a, member_a):
    _initiative, attachment = initiative_with_file(branch_a, people, member_a, Status.DRAFT)
    attachments.do_remove_attachment(attachment=attachment, acting_user=people["author"])
    attachments.do_remove_attachment(attachment=attachment, acting_user=people["officer"])
    assert Attachment.every.get(pk=attachment.pk).removed_by == people["author"]


@pytest.fixture
def member_client(login, member_a):
    return login(member_a.user)


def test_each_file_of_one_upload_keeps_its_own_kind(member_client, member_a, branch_a):
    data = form_data(branch_a, [(member_a, 100)])
    data["upload-files"] = [pdf("quyet-dinh.pdf"), pdf("thuyet-minh.pdf"),
                            pdf("anh-1.png", PNG_BYTES), docx("bao-cao.docx")]
    data["upload-kinds"] = ["decision", "description", "photo", "other"]
    member_client.post("/initiatives/new/", data)
    files = dict(Initiative.objects.get().attachments.values_list("original_name", "kind"))
    assert files == {"quyet-dinh.pdf": "decision", "thuyet-minh.pdf": "description", "anh-1.png": "photo",
                     "bao-cao.docx": "other"}


def test_without_the_script_the_upload_kind_applies_and_each_kind_is_changed_after(
    member_client, member_a, branch_a
):
    data = form_data(branch_a, [(member_a, 100)], **{"upload-kind": "decision"})
    data["upload-files"] = [pdf("quyet-dinh.pdf"), pdf("anh.png", PNG_BYTES)]
    member_client.post("/initiatives/new/", data)
    initiative = Initiative.objects.get()
    photo = initiative.attachments.get(original_name="anh.png")
    decision = initiative.attachments.get(original_name="quyet-dinh.pdf")
    assert photo.kind == "decision"
    page = member_client.get(f"/initiatives/{initiative.pk}/edit/").content.decode()
    assert f'name="attachment-{photo.pk}-kind"' in page and f'name="attachment-{photo.pk}-remove"' in page
    edit = form_data(branch_a, [], **{"authors-INITIAL_FORMS": "1", "authors-TOTAL_FORMS": "1",
                                      "authors-0-id": str(initiative.authors.get().pk),
                                      "authors-0-member": str(member_a.pk), "authors-0-share_percent": "100",
                                      f"attachment-{photo.pk}-kind": "photo",
                                      f"attachment-{decision.pk}-kind": "decision"})
    response = member_client.post(f"/initiatives/{initiative.pk}/edit/", edit)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.kind == "photo"


def edit_post(initiative, member, branch, **changes):
    data = form_data(branch, [], **{"authors-INITIAL_FORMS": "1", "authors-TOTAL_FORMS": "1",
                                    "authors-0-id": str(initiative.authors.get(member=member).pk),
                                    "authors-0-member": str(member.pk), "authors-0-share_percent": "100"})
    for attachment in initiative.attachments.all():
        data[f"attachment-{attachment.pk}-kind"] = attachment.kind
    data.update(changes)
    return data


def test_the_author_removes_and_replaces_files_from_the_form_and_the_history_says_so(
    member_client, member_a, branch_a
):
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user,
                                      status=Status.RETURNED)
    wrong, blurry = (
        Attachment.objects.create(initiative=initiative, kind=kind, file=pdf(name), original_name=name,
                                  content_type="application/pdf", size=10, uploaded_by=member_a.user)
        for name, kind in (("nham-tep.pdf", "decision"), ("anh-mo.pdf", "photo"))
    )
    data = edit_post(initiative, member_a, branch_a, **{
        f"attachment-{wrong.pk}-remove": "on", f"attachment-{blurry.pk}-replace": pdf("anh-ro.png", PNG_BYTES)})
    response = member_client.post(f"/initiatives/{initiative.pk}/edit/", data)
    assert response.status_code == 302
    assert list(initiative.attachments.values_list("original_name", "kind")) == [("anh-ro.png", "photo")]
    page = member_client.get(f"/initiatives/{initiative.pk}/").content.decode()
    assert "Đã gỡ tệp “nham-tep.pdf”" in page
    assert "Đã thay tệp “anh-mo.pdf” bằng “anh-ro.png”" in page
    # A removed file is no longer served, but its row and stored file remain.
    assert member_client.get(f"/initiatives/attachments/{wrong.pk}/").status_code == 404
    assert Attachment.every.get(pk=wrong.pk).file.storage.exists(Attachment.every.get(pk=wrong.pk).file.name)


def test_a_refused_replacement_is_said_beside_the_file_and_nothing_changes(member_client, member_a, branch_a):
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user)
    attached = Attachment.objects.create(initiative=initiative, kind="decision", file=pdf(), original_name="qd.pdf",
                                         content_type="application/pdf", size=10, uploaded_by=member_a.user)
    fake = pdf("virus.pdf", b"MZ\x90\x00 not a pdf")
    data = edit_post(initiative, member_a, branch_a, title="Tên mới đã sửa",
                     **{f"attachment-{attached.pk}-replace": fake})
    response = member_client.post(f"/initiatives/{initiative.pk}/edit/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "virus.pdf" in page and "Tên mới đã sửa" in page
    initiative.refresh_from_db()
    assert initiative.title != "Tên mới đã sửa" and list(initiative.attachments.all()) == [attached]


def test_a_submitted_initiatives_files_cannot_be_changed_from_a_forged_post(login, officer_a, member_a, branch_a):
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user,
                                      status=Status.SUBMITTED)
    attached = Attachment.objects.create(initiative=initiative, kind="decision", file=pdf(), original_name="qd.pdf",
                                         content_type="application/pdf", size=10, uploaded_by=member_a.user)
    for client in (login(member_a.user), login(officer_a)):
        data = edit_post(initiative, member_a, branch_a, **{f"attachment-{attached.pk}-remove": "on"})
        client.post(f"/initiatives/{initiative.pk}/edit/", data)
    assert list(initiative.attachments.all()) == [attached]


def test_the_officer_removes_a_file_in_the_admin_and_it_stays_in_the_history(login, officer_a, member_a, branch_a):
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user,
                                      status=Status.RETURNED)
    attached = Attachment.objects.create(initiative=initiative, kind="decision", file=pdf(), original_name="qd.pdf",
                                         content_type="application/pdf", size=10, uploaded_by=member_a.user)
    client = login(officer_a)
    url = f"/admin/initiatives/initiative/{initiative.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    data = admin_post(page.context["adminform"].form, page.context["inline_admin_formsets"])
    prefix = next(p for p in data if p.endswith("-TOTAL_FORMS") and "attachment" in p.lower()).rsplit("-", 1)[0]
    data[f"{prefix}-0-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not initiative.attachments.exists()
    removed = Attachment.every.get(pk=attached.pk)
    assert removed.removed_by == officer_a and removed.removed_at is not None
    assert "Đã gỡ tệp “qd.pdf”" in client.get(url).content.decode()


def test_the_officer_replaces_a_file_in_the_admin_and_the_old_one_is_kept(login, officer_a, member_a, branch_a):
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user)
    attached = Attachment.objects.create(initiative=initiative, kind="decision", file=pdf(), original_name="qd.pdf",
                                         content_type="application/pdf", size=10, uploaded_by=member_a.user)
    client = login(officer_a)
    url = f"/admin/initiatives/initiative/{initiative.pk}/change/"
    page = client.get(url)
    data = admin_post(page.context["adminform"].form, page.context["inline_admin_formsets"])
    prefix = next(p for p in data if p.endswith("-TOTAL_FORMS") and "attachment" in p.lower()).rsplit("-", 1)[0]
    data[f"{prefix}-0-file"] = pdf("qd-ban-ky.pdf")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(initiative.attachments.values_list("original_name", "kind", "uploaded_by")) == [
        ("qd-ban-ky.pdf", "decision", officer_a.pk)]
    old = Attachment.every.get(pk=attached.pk)
    assert old.removed_by == officer_a and old.replaced_by.original_name == "qd-ban-ky.pdf"


def admin_post(form, inline_formsets):
    """What the admin change page posts back unchanged."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        data[field.html_name] = "on" if value is True else ("" if value is None else value)
    for inline in inline_formsets:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for sub in formset.forms:
            for field in sub:
                value = field.value()
                if value is None or value is False or hasattr(value, "read"):  # a stored file is not posted back
                    continue
                data[field.html_name] = "on" if value is True else value
    return data


def _attach(initiative, user, count):
    for n in range(count):
        Attachment.objects.create(initiative=initiative, kind="photo", file=pdf(f"anh-{n}.pdf"),
                                  original_name=f"anh-{n}.pdf", content_type="application/pdf", size=10,
                                  uploaded_by=user)


@pytest.mark.parametrize("page, ceiling", [("edit/", 25), ("", 25)])
def test_the_form_and_the_page_read_files_and_their_history_in_a_fixed_number_of_queries(
    member_client, member_a, branch_a, page, ceiling
):
    def queries_with(count):
        initiative = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user,
                                          status=Status.RETURNED)
        _attach(initiative, member_a.user, count)
        for removed in list(initiative.attachments.all())[: count // 2]:
            attachments.do_remove_attachment(attachment=removed, acting_user=member_a.user)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert member_client.get(f"/initiatives/{initiative.pk}/{page}").status_code == 200
        return len(captured)

    few, many = queries_with(2), queries_with(12)
    assert many == few <= ceiling, (few, many)
