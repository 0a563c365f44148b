"""The showcase, the registration guide and the help: open to visitors, with Open Graph tags, and leaking
nothing the district did not publish, nor any personal data beyond name, unit and achievement."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Initiative, Status
from models_awards.models import NominationStatus
from tests import factories

from . import helpers

S = NominationStatus


@pytest.fixture
def person(branch_a):
    member = factories.member(branch_a, "Hoàng Thị Mai")
    member.phone = "0912345678"
    member.email = "mai.hoang@example.vn"
    member.date_of_birth = datetime.date(1985, 7, 14)
    member.position = "Phó trưởng phòng Hành chính bí mật"
    member.save()
    return member


@pytest.fixture
def published(branch_a, person):
    initiative = factories.initiative(
        branch_a, authors=[(person, 100)], title="Sổ tay điện tử công khai", status=Status.SENT_TO_PROVINCE,
        confidential_info="Mật khẩu máy chủ 123456", investor="Nhà đầu tư kín",
    )
    Initiative.objects.filter(pk=initiative.pk).update(is_published=True)
    exemplar = helpers.nomination(branch_a, member=person, status=S.SELECTED, is_published=True,
                                  achievements="Thành tích công khai của chị Mai.")
    award = helpers.award(branch_a, member=person, is_published=True, citation="Lý do khen thưởng công khai.")
    return {"initiative": initiative, "exemplar": exemplar, "award": award}


@pytest.fixture
def hidden(branch_a, branch_b):
    member = factories.member(branch_b, "Người Chưa Công Bố")
    not_published = factories.initiative(branch_b, authors=[(member, 100)], title="Sáng kiến chưa công bố",
                                         status=Status.SENT_TO_PROVINCE)
    draft_published = factories.initiative(branch_a, title="Bản nháp lỡ đánh dấu", status=Status.DRAFT)
    rejected_published = factories.initiative(branch_a, title="Sáng kiến bị từ chối", status=Status.REJECTED)
    Initiative.objects.filter(pk__in=[draft_published.pk, rejected_published.pk]).update(is_published=True)
    proposed_published = helpers.nomination(branch_b, member=member, status=S.PROPOSED, is_published=True,
                                            achievements="Đề nghị chưa được chọn.")
    selected_unpublished = helpers.nomination(branch_b, team_name="Tổ chưa công bố", status=S.SELECTED,
                                              achievements="Điển hình chưa công bố.")
    declined = helpers.nomination(branch_b, team_name="Tổ bị loại", status=S.DECLINED, is_published=True,
                                  achievements="Bị loại.")
    award = helpers.award(branch_b, member=member, citation="Khen thưởng chưa công bố.")
    return {
        "initiatives": [not_published, draft_published, rejected_published],
        "nominations": [proposed_published, selected_unpublished, declined],
        "award": award,
        "texts": ["Sáng kiến chưa công bố", "Bản nháp lỡ đánh dấu", "Sáng kiến bị từ chối", "Người Chưa Công Bố",
                  "Đề nghị chưa được chọn", "Tổ chưa công bố", "Điển hình chưa công bố", "Tổ bị loại",
                  "Khen thưởng chưa công bố"],
    }


PRIVATE = ["0912345678", "mai.hoang@example.vn", "14/07/1985", "1985-07-14", "Phó trưởng phòng Hành chính bí mật",
           "Mật khẩu máy chủ 123456", "Nhà đầu tư kín", "45/QĐ", "1.000.000"]


def og(content):
    return dict(re.findall(r'<meta property="og:(\w+)" content="([^"]*)"', content))


def test_the_showcase_shows_what_is_published_to_a_visitor(client, published, hidden):
    response = client.get("/showcase/")
    assert response.status_code == 200
    content = response.content.decode()
    for text in ("Sổ tay điện tử công khai", "Hoàng Thị Mai", "Thành tích công khai của chị Mai.",
                 "Lý do khen thưởng công khai.", "CĐCS Trường THPT Vĩnh Linh"):
        assert text in content
    for text in hidden["texts"]:
        assert text not in content, text
    tags = og(content)
    assert tags["title"] and tags["description"] and tags["url"].endswith("/showcase/")


def test_published_detail_pages_carry_open_graph_and_no_personal_data(client, published):
    for path in (f"/showcase/initiatives/{published['initiative'].pk}/",
                 f"/showcase/exemplars/{published['exemplar'].pk}/", "/showcase/"):
        response = client.get(path)
        assert response.status_code == 200, path
        content = response.content.decode()
        tags = og(content)
        assert tags["title"] and tags["description"], path
        assert "Hoàng Thị Mai" in content
        for private in PRIVATE:
            assert private not in content, (path, private)


def test_nothing_unpublished_is_reached_by_its_url(client, hidden):
    for initiative in hidden["initiatives"]:
        assert client.get(f"/showcase/initiatives/{initiative.pk}/").status_code == 404
    for nomination in hidden["nominations"]:
        assert client.get(f"/showcase/exemplars/{nomination.pk}/").status_code == 404
    assert client.get("/showcase/exemplars/999999/").status_code == 404


def test_an_exemplar_leaving_the_selection_leaves_the_showcase(client, published, district):
    from models_awards import nomination_workflow

    nomination_workflow.apply(published["exemplar"], "decline", district, comment="Phát hiện sai sót.")
    assert client.get(f"/showcase/exemplars/{published['exemplar'].pk}/").status_code == 404
    assert "Thành tích công khai của chị Mai." not in client.get("/showcase/").content.decode()


def test_logged_in_staff_see_no_more_in_the_showcase(login, district, hidden):
    content = login(district).get("/showcase/").content.decode()
    for text in hidden["texts"]:
        assert text not in content


def test_the_guide_and_the_help_are_public_with_open_graph(client, db):
    for path in ("/guide/", "/help/", "/help/member/", "/help/officer/", "/help/district/"):
        response = client.get(path)
        assert response.status_code == 200, path
        tags = og(response.content.decode())
        assert tags["title"] and tags["description"], path
    guide = client.get("/guide/").content.decode()
    assert "https://congdoanvietnam.org" in guide
    assert "01/09/2021" in guide and "01/09/2023" in guide  # the programme's window, from its data
    assert client.get("/help/nobody/").status_code == 404


def test_every_page_header_links_to_the_help(client, login, officer_a):
    for response in (client.get("/"), client.get("/showcase/"), login(officer_a).get("/awards/")):
        assert 'href="/help/"' in response.content.decode()


def test_showcase_queries_stay_flat(client, branch_a, branch_b, django_assert_max_num_queries):
    def add(n):
        for i in range(n):
            branch = branch_a if i % 2 else branch_b
            member = factories.member(branch)
            initiative = factories.initiative(branch, authors=[(member, 100)], status=Status.SENT_TO_PROVINCE)
            Initiative.objects.filter(pk=initiative.pk).update(is_published=True)
            helpers.nomination(branch, member=member, status=S.SELECTED, is_published=True)
            helpers.award(branch, member=member, is_published=True)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get("/showcase/").status_code == 200
        return len(context)

    add(2)
    small = count()
    add(10)
    assert count() == small
    with django_assert_max_num_queries(6):
        client.get("/showcase/")
