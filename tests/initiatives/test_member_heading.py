"""Every page is headed by the viewer's own union body (access.home_node, the header and the page title): a member
by the body of the branch they belong to, wherever it hangs in the tree, not by the Vĩnh Linh district."""

import re

import pytest
from django.contrib.auth import get_user_model

from initiatives import access
from initiatives.models import Branch, Federation, Member
from tests import factories

BRAND = re.compile(r'class="portal-brand" href="/">([^<]*)</a>')


def heading(client, url="/initiatives/"):
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    return BRAND.search(html).group(1), re.search(r"<title>([^<]*)</title>", html).group(1)


@pytest.fixture
def commune(db):
    province = factories.node(None, "Liên đoàn Lao động tỉnh Quảng Trị", place_name="Quảng Trị")
    node = factories.node(province, "Công đoàn xã Cửa Tùng")
    Federation.objects.filter(pk=node.pk).update(short_name="CĐ xã Cửa Tùng")
    return Federation.objects.get(pk=node.pk)


def test_a_member_of_a_branch_under_a_commune_is_headed_by_that_commune(login, commune):
    school = factories.branch("CĐCS Trường Mầm non Cửa Tùng", federation=commune)
    trang = factories.member(school, "Lê Thị Thu Trang", with_user=True, username="doanvien.cuatung")
    brand, title = heading(login(trang.user))
    assert brand == "Công đoàn xã Cửa Tùng" and title.endswith("CĐ xã Cửa Tùng")
    assert "Vĩnh Linh" not in brand + title


def test_a_vinh_linh_member_keeps_the_district_heading(login, member_a, commune):
    brand, _title = heading(login(member_a.user))
    assert brand == "Liên đoàn Lao động huyện Vĩnh Linh"


def test_a_member_whose_branch_moved_is_headed_by_the_new_body_at_once(login, member_a, branch_a, commune):
    client = login(member_a.user)
    assert heading(client)[0] == "Liên đoàn Lao động huyện Vĩnh Linh"
    Branch.objects.filter(pk=branch_a.pk).update(federation=commune)
    assert heading(client)[0] == "Công đoàn xã Cửa Tùng"


def test_an_account_with_no_role_and_no_membership_gets_the_portals_owner(login, commune):
    loner = get_user_model().objects.create_user("loner", password="x")
    assert access.home_node(loner) == Federation.current()
    assert heading(login(loner), "/")[0] == "Liên đoàn Lao động huyện Vĩnh Linh"


def test_an_officer_of_a_branch_who_is_also_a_member_elsewhere_is_headed_by_the_branch_they_serve(login, commune,
                                                                                                 branch_a):
    school = factories.branch("CĐCS Trường Mầm non Cửa Tùng", federation=commune)
    officer = factories.officer(school, "cb_mamnon")
    Member.objects.filter(pk=factories.member(branch_a, "Nguyễn Văn Cán").pk).update(user=officer)
    assert access.home_node(officer) == commune
