"""Programmes side by side: a member is offered only the programmes open for their branch on the day (window ends
included), chooses when there are several, cannot post one of another body's, and the initiative is judged by the
programme it counts for. The Vĩnh Linh plan stays the default of its branches after its window, as before."""

import datetime
import re

import pytest

from initiatives import eligibility, programmes, workflow
from initiatives.models import Initiative, Programme, Status, TallyBranch
from tests import factories
from tests.initiatives.helpers import form_data

D = datetime.date
NEW = "/initiatives/new/"
ADMIN_ADD = "/admin/initiatives/initiative/add/"


def make_programme(name, start, end, federation, **extra):
    return Programme.objects.create(
        name=name, window_start=start, window_end=end, research_applied_from=start, total_target=10,
        participation_target_rate="0.100", is_current=True, federation=federation, **extra)


@pytest.fixture
def tree(db):
    province = factories.node(None, "Liên đoàn Lao động tỉnh Quảng Trị", place_name="Quảng Trị")
    commune = factories.node(province, "Công đoàn xã Cửa Tùng")
    sibling = factories.node(province, "Công đoàn phường Đông Hà")
    first_half = make_programme("Thi đua 6 tháng đầu năm 2026", D(2026, 1, 1), D(2026, 6, 30), province)
    second_half = make_programme("Thi đua 6 tháng cuối năm 2026", D(2026, 7, 1), D(2026, 12, 31), province)
    commune_year = make_programme("Phong trào sáng kiến xã Cửa Tùng 2026", D(2026, 1, 1), D(2026, 12, 31), commune)
    sibling_year = make_programme("Phong trào sáng kiến phường Đông Hà 2026", D(2026, 1, 1), D(2026, 12, 31),
                                  sibling)
    school = factories.branch("CĐCS Trường Mầm non Cửa Tùng", federation=commune)
    hospital = factories.branch("CĐCS Bệnh viện Đông Hà", federation=sibling)
    direct = factories.branch("CĐCS Văn phòng LĐLĐ tỉnh", federation=province)
    return {"province": province, "commune": commune, "sibling": sibling, "first_half": first_half,
            "second_half": second_half, "commune_year": commune_year, "sibling_year": sibling_year,
            "school": school, "hospital": hospital, "direct": direct}


@pytest.fixture
def on_day(monkeypatch):
    def _on(day):
        monkeypatch.setattr(programmes, "today", lambda: day)
    return _on


def names(offered):
    return sorted(p.name for p in offered)


# -- the rule ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("day, expected", [
    (D(2025, 12, 31), []),  # the day before the first window
    (D(2026, 1, 1), ["first_half"]),  # its first day
    (D(2026, 6, 30), ["first_half"]),  # its last day
    (D(2026, 7, 1), ["second_half"]),  # the day after it: the second window's first day
    (D(2026, 12, 31), ["second_half"]),  # the second window's last day
    (D(2027, 1, 1), []),  # the day after it
])
def test_a_window_is_open_from_its_first_to_its_last_day(tree, day, expected):
    assert names(programmes.open_for(tree["province"], day)) == names(tree[key] for key in expected)
    assert names(programmes.offered_for(tree["direct"], day)) == names(tree[key] for key in expected)


def test_a_programme_no_longer_current_is_not_open(tree):
    Programme.objects.filter(pk=tree["first_half"].pk).update(is_current=False)
    assert programmes.open_for(tree["province"], D(2026, 3, 1)) == []


def test_a_branch_under_two_open_programmes_is_offered_both(tree):
    offered = programmes.offered_for(tree["school"], D(2026, 3, 1))
    assert names(offered) == names([tree["first_half"], tree["commune_year"]])


def test_a_branch_of_a_sibling_subtree_is_not_offered_another_bodys_programme(tree):
    offered = programmes.offered_for(tree["hospital"], D(2026, 3, 1))
    assert names(offered) == names([tree["first_half"], tree["sibling_year"]])
    assert names(programmes.offered_for(tree["direct"], D(2026, 3, 1))) == names([tree["first_half"]])


def test_the_offer_is_one_query_for_every_branch(tree, django_assert_num_queries):
    branches = [tree["school"], tree["hospital"], tree["direct"]]
    with django_assert_num_queries(1):
        offer = programmes.offer_for_branches(branches, D(2026, 3, 1))
    assert names(offer.programmes) == names(
        [tree["first_half"], tree["commune_year"], tree["sibling_year"]])


def test_the_vinh_linh_plan_stays_the_default_of_its_branches_after_its_window(branch_a):
    plan = Programme.current()
    assert plan.window_end < D(2026, 12, 3)
    assert programmes.offered_for(branch_a, D(2026, 12, 3)) == [plan]
    assert programmes.default_for(branch_a, D(2022, 5, 1)) == plan


# -- the member's form -------------------------------------------------------------------------------------------


@pytest.fixture
def school_member(tree):
    return factories.member(tree["school"], "Võ Thị Hoa", with_user=True, username="hoa")


def programme_select(page):
    found = re.search(r'<select name="programme".*?</select>', page, re.S)
    return found.group(0) if found else None


def test_a_member_under_two_open_programmes_chooses_where_it_counts(tree, school_member, login, on_day):
    on_day(D(2026, 3, 1))
    client = login(school_member.user)
    select = programme_select(client.get(NEW).content.decode())
    assert select is not None and "Thi đua 6 tháng đầu năm 2026" in select and "xã Cửa Tùng 2026" in select
    assert "6 tháng cuối" not in select and "Đông Hà" not in select
    assert not re.search(r"<option value=\"\d+\" selected", select)  # nothing chosen for them

    data = form_data(tree["school"], [(school_member, 100)], application_date="01/02/2026",
                     recognition_date="01/03/2026", title="Sổ theo dõi bé ăn bán trú")
    page = client.post(NEW, data).content.decode()
    assert not Initiative.objects.exists()
    assert "Chọn chương trình" in page and "Sổ theo dõi bé ăn bán trú" in page  # typed data kept

    client.post(NEW, {**data, "programme": tree["commune_year"].pk})
    assert Initiative.objects.get().programme == tree["commune_year"]


def test_one_open_programme_is_chosen_silently_and_shown_as_text(tree, login, on_day):
    member = factories.member(tree["direct"], "Lê Văn Tỉnh", with_user=True, username="tinh_member")
    on_day(D(2026, 8, 1))
    client = login(member.user)
    page = client.get(NEW).content.decode()
    assert programme_select(page) is None
    assert re.search(r'<output class="form-control-plaintext d-block" id="id_programme_shown"[^>]*>'
                     r'Thi đua 6 tháng cuối năm 2026 \(01/07/2026–31/12/2026\)</output>', page)
    assert re.search(r'<label\s+for="id_programme_shown"', page)
    client.post(NEW, form_data(tree["direct"], [(member, 100)], application_date="01/07/2026",
                               recognition_date="15/07/2026"))
    assert Initiative.objects.get().programme == tree["second_half"]


@pytest.mark.parametrize("day, offered, refused", [
    (D(2026, 6, 30), "first_half", "second_half"),
    (D(2026, 7, 1), "second_half", "first_half"),
])
def test_on_a_window_boundary_only_the_open_programme_is_taken(tree, login, on_day, day, offered, refused):
    member = factories.member(tree["direct"], "Lê Văn Tỉnh", with_user=True, username="tinh_member")
    on_day(day)
    client = login(member.user)
    page = client.get(NEW).content.decode()
    assert tree[offered].name in page and tree[refused].name not in page
    data = form_data(tree["direct"], [(member, 100)], application_date="01/06/2026", recognition_date="20/06/2026")
    response = client.post(NEW, {**data, "programme": tree[refused].pk})
    assert response.status_code == 200 and not Initiative.objects.exists()
    client.post(NEW, {**data, "programme": tree[offered].pk})
    assert Initiative.objects.get().programme == tree[offered]


def test_a_tampered_post_for_another_bodys_programme_is_refused_beside_the_field(tree, login, on_day):
    member = factories.member(tree["hospital"], "Phan Thị Lan", with_user=True, username="lan")
    on_day(D(2026, 3, 1))
    data = form_data(tree["hospital"], [(member, 100)], application_date="01/02/2026",
                     recognition_date="01/03/2026", title="Đặt lịch khám qua Zalo",
                     programme=tree["commune_year"].pk)
    page = login(member.user).post(NEW, data).content.decode()
    assert not Initiative.objects.exists()
    field = page[page.index('id="div_id_programme"'):]
    field = field[:field.index("</div>\n", field.index("invalid-feedback"))]
    assert "Chương trình này không mở cho CĐCS của bạn" in field
    assert "Đặt lịch khám qua Zalo" in page


def test_an_officer_of_two_branches_cannot_count_one_in_the_others_programme(tree, login, on_day):
    officer = factories.officer(tree["school"], "hai_cdcs")
    tree["hospital"].officers.add(officer)
    author = factories.member(tree["hospital"], "Phan Thị Lan")
    on_day(D(2026, 3, 1))
    client = login(officer)
    select = programme_select(client.get(NEW).content.decode())
    assert "xã Cửa Tùng" in select and "phường Đông Hà" in select  # the programmes of both of their branches
    data = form_data(tree["hospital"], [(author, 100)], application_date="01/02/2026",
                     recognition_date="01/03/2026", programme=tree["commune_year"].pk)
    page = client.post(NEW, data).content.decode()
    assert not Initiative.objects.exists()
    assert "không mở cho CĐCS Bệnh viện Đông Hà" in page


def test_once_submitted_the_author_cannot_change_the_programme(tree, school_member, login, on_day):
    on_day(D(2026, 3, 1))
    client = login(school_member.user)
    data = form_data(tree["school"], [(school_member, 100)], application_date="01/02/2026",
                     recognition_date="01/03/2026", programme=tree["commune_year"].pk)
    client.post(NEW, data)
    initiative = Initiative.objects.get()
    officer = factories.officer(tree["school"])
    workflow.apply(initiative, "submit", school_member.user)
    workflow.apply(initiative, "return", officer, comment="Bổ sung minh chứng")
    page = client.get(f"/initiatives/{initiative.pk}/edit/").content.decode()
    assert programme_select(page) is None and 'id="id_programme_shown"' in page
    edit = {**data, "programme": tree["first_half"].pk, "title": "Đã sửa", "authors-TOTAL_FORMS": "0"}
    response = client.post(f"/initiatives/{initiative.pk}/edit/", edit)
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.title == "Đã sửa" and initiative.programme == tree["commune_year"]


def test_the_vinh_linh_member_form_is_as_before(member_a, branch_a, login):
    client = login(member_a.user)
    page = client.get(NEW).content.decode()
    plan = Programme.current()
    assert programme_select(page) is None and plan.name in page
    assert "từ 01/09/2021 đến 01/09/2023" in page
    client.post(NEW, form_data(branch_a, [(member_a, 100)]))
    assert Initiative.objects.get().programme == plan


def test_the_form_page_queries_stay_few_with_several_programmes(tree, school_member, login, on_day,
                                                                 django_assert_max_num_queries):
    on_day(D(2026, 3, 1))
    client = login(school_member.user)
    client.get(NEW)
    with django_assert_max_num_queries(13):  # as the Vĩnh Linh form page
        assert client.get(NEW).status_code == 200


# -- eligibility reads the initiative's own programme -------------------------------------------------------------


def test_eligibility_reads_the_initiatives_own_programme(tree):
    late = make_programme("Đợt 2 xã Cửa Tùng", D(2026, 7, 1), D(2026, 12, 31), tree["commune"])
    record = factories.initiative(tree["school"], application_date=D(2026, 3, 1), recognition_date=D(2026, 4, 1))
    Initiative.objects.filter(pk=record.pk).update(programme=tree["commune_year"])
    record.refresh_from_db()
    assert eligibility.is_eligible(record, today=D(2026, 8, 1))
    Initiative.objects.filter(pk=record.pk).update(programme=late)
    record.refresh_from_db()
    codes = [p.code for p in eligibility.check(record, today=D(2026, 8, 1))]
    assert codes == [eligibility.APPLICATION_OUTSIDE_WINDOW]


def test_the_live_check_reads_the_chosen_programme(tree, school_member, login, on_day):
    late = make_programme("Đợt 2 xã Cửa Tùng", D(2026, 7, 1), D(2026, 12, 31), tree["commune"])
    on_day(D(2026, 8, 1))
    client = login(school_member.user)
    data = form_data(tree["school"], [(school_member, 100)], application_date="01/03/2026",
                     recognition_date="01/04/2026")
    in_window = client.post("/initiatives/check/", {**data, "programme": tree["commune_year"].pk}).json()
    outside = client.post("/initiatives/check/", {**data, "programme": late.pk}).json()
    assert in_window["eligible"] is True
    assert [p["code"] for p in outside["problems"]] == [eligibility.APPLICATION_OUTSIDE_WINDOW]
    assert "01/07/2026" in outside["problems"][0]["message"]


# -- the admin ---------------------------------------------------------------------------------------------------


def admin_data(branch, author, **extra):
    data = {
        "branch": branch.pk, "title": "Nhập hộ từ hồ sơ giấy", "category": "management",
        "application_kind": "applied", "application_date": "01/02/2026", "recognition_body": "head",
        "recognition_decision_no": "5/QĐ", "recognition_date": "01/03/2026", "social_benefit": "Giảm thời gian",
        "economic_benefit_vnd": "",
        "authors-TOTAL_FORMS": "1", "authors-INITIAL_FORMS": "0", "authors-MIN_NUM_FORMS": "0",
        "authors-MAX_NUM_FORMS": "1000", "authors-0-member": author.pk, "authors-0-share_percent": "100",
        "authors-0-order": "0",
    }
    for prefix in ("attachments", "review_notes"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MIN_NUM_FORMS": "0",
                     f"{prefix}-MAX_NUM_FORMS": "1000"})
    data.update(extra)
    return data


def test_the_admin_add_form_offers_the_same_programmes(tree, login, on_day):
    officer = factories.officer(tree["hospital"], "cb_dongha")
    author = factories.member(tree["hospital"], "Phan Thị Lan")
    on_day(D(2026, 3, 1))
    client = login(officer)
    select = programme_select(client.get(ADMIN_ADD).content.decode())
    assert select is not None and "phường Đông Hà" in select and "6 tháng đầu" in select
    assert "xã Cửa Tùng" not in select and "6 tháng cuối" not in select

    page = client.post(ADMIN_ADD, admin_data(tree["hospital"], author, programme=tree["commune_year"].pk))
    assert page.status_code == 200 and not Initiative.objects.exists()
    assert "Chương trình này không mở cho CĐCS của bạn" in page.content.decode()

    response = client.post(ADMIN_ADD, admin_data(tree["hospital"], author, programme=tree["sibling_year"].pk))
    assert response.status_code == 302
    assert Initiative.objects.get().programme == tree["sibling_year"]


def test_the_admin_cannot_change_the_programme_once_submitted(tree, login, on_day):
    officer = factories.officer(tree["hospital"], "cb_dongha")
    on_day(D(2026, 3, 1))
    record = factories.initiative(tree["hospital"], application_date=D(2026, 2, 1), recognition_date=D(2026, 3, 1),
                                  status=Status.SUBMITTED)
    Initiative.objects.filter(pk=record.pk).update(programme=tree["sibling_year"], submitted_at="2026-03-02T08:00Z")
    page = login(officer).get(f"/admin/initiatives/initiative/{record.pk}/change/").content.decode()
    assert programme_select(page) is None and "Phong trào sáng kiến phường Đông Hà 2026" in page


# -- figures -------------------------------------------------------------------------------------------------------


def test_an_initiative_counts_only_for_its_own_programme(tree, branch_a):
    plan = Programme.current()
    vinh_linh = factories.initiative(branch_a, status=Status.SUBMITTED)
    before = list(TallyBranch.objects.filter(programme=plan).values())
    Initiative.objects.create(programme=tree["commune_year"], branch=tree["school"], status=Status.SUBMITTED,
                              **factories.eligible_fields(application_date=D(2026, 2, 1),
                                                          recognition_date=D(2026, 3, 1)))
    rows = {(row.programme_id, row.branch_id): row.submitted for row in TallyBranch.objects.all()}
    assert rows[(tree["commune_year"].pk, tree["school"].pk)] == 1
    assert (tree["first_half"].pk, tree["school"].pk) not in rows or rows[(tree["first_half"].pk,
                                                                            tree["school"].pk)] == 0
    assert list(TallyBranch.objects.filter(programme=plan).values()) == before
    assert rows[(plan.pk, vinh_linh.branch_id)] == 1


def test_reports_are_about_the_viewers_own_programme(tree, district):
    from reporting import exports

    province_officer = factories.district_user("tinh", of_node=tree["province"])
    assert exports.current_programme(province_officer) == tree["second_half"]  # its newest
    assert exports.current_programme(district) == Programme.current()  # Vĩnh Linh's, as before
