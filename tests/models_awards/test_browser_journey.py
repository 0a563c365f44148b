"""In a real browser: an officer nominates a member and a collective of their branch; the district shortlists,
scores, selects and records an award; the dashboard's exemplar row moves; a visitor sees the published exemplar
in the showcase and not the unpublished one."""

import re

import pytest

from initiatives.models import Status
from models_awards.models import Award, InitiativeScore, Nomination, NominationStatus
from tests import factories
from tests.browser_support import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def people():
    branch = factories.branch("CĐCS Trường THPT Cửa Tùng", code="thpt-ct")
    officer = factories.officer(branch, "canbo_ct")
    district = factories.district_user("vanphong_t")
    member = factories.member(branch, "Phan Thị Thu Hà")
    initiative = factories.initiative(branch, authors=[(member, 100)], status=Status.SENT_TO_PROVINCE,
                                      title="Ngân hàng đề kiểm tra trực tuyến")
    return {"branch": branch, "officer": officer, "district": district, "member": member, "initiative": initiative}


def nominate(page, *, subject, achievements, member=None, team=None, initiative=None):
    page.goto(f"{page.base}/awards/nominations/new/")
    page.select_option("select[name=year]", "2024")
    page.check(f"input[name=subject][value={subject}]")
    if member is not None:
        page.select_option("select[name=member]", str(member.pk))
    if team:
        page.fill("input[name=team_name]", team)
    page.fill("textarea[name=achievements]", achievements)
    if initiative is not None:
        page.check(f"#initiative-choices input[value='{initiative.pk}']")
    # The script shows only the criteria that fit; tick the first one shown and give its evidence.
    row = page.locator(".criterion-row:visible").first
    row.locator("input[type=checkbox]").check()
    row.locator("textarea").fill("Quyết định công nhận số 12/QĐ-THPTCT.")
    page.click("button[name=propose]")
    page.wait_for_url(re.compile(r"/awards/nominations/\d+/$"))


def move(page, nomination, action):
    page.goto(f"{page.base}/awards/nominations/{nomination.pk}/")
    page.click(f"form[action$='/{nomination.pk}/{action}/'] button")
    page.wait_for_load_state()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_nominate_select_award_publish(open_page, people, size):
    officer_page = open_page(size)
    log_in(officer_page, "canbo_ct", factories.PASSWORD)
    nominate(officer_page, subject="individual", member=people["member"], initiative=people["initiative"],
             achievements="Xây dựng ngân hàng đề kiểm tra trực tuyến cho toàn trường.")
    nominate(officer_page, subject="collective", team="Tổ Ngữ văn",
             achievements="Tổ có ba sáng kiến được công nhận trong năm.")
    person = Nomination.objects.get(member=people["member"])
    team = Nomination.objects.get(team_name="Tổ Ngữ văn")
    assert person.status == team.status == NominationStatus.PROPOSED
    assert person.criteria_met.count() == team.criteria_met.count() == 1

    district_page = open_page(size)
    log_in(district_page, "vanphong_t", factories.PASSWORD)
    district_page.goto(f"{district_page.base}/dashboard/")
    row_before = district_page.inner_text(".exemplar-panel tr:has(th:text('2024'))")

    for nomination in (person, team):
        move(district_page, nomination, "shortlist")
    district_page.goto(f"{district_page.base}/awards/scoring/?year=2024")
    district_page.click("main table a[href*='/awards/scoring/']")
    district_page.select_option("select[name=novelty]", "8")
    district_page.select_option("select[name=applicability]", "9")
    district_page.select_option("select[name=benefit]", "7")
    district_page.click("main form[method=post] button[type=submit]")
    district_page.wait_for_url(re.compile(r"/awards/scoring/\?year=2024$"))
    assert InitiativeScore.objects.get().candidate.initiative_id == people["initiative"].pk
    assert "24,0" in district_page.inner_text("main table") or "24.0" in district_page.inner_text("main table")

    for nomination in (person, team):
        move(district_page, nomination, "select")
    district_page.goto(f"{district_page.base}/awards/nominations/{person.pk}/")
    district_page.click(f"form[action$='/{person.pk}/publish/'] button")
    district_page.wait_for_load_state()
    district_page.click(f"a[href$='/awards/new/?nomination={person.pk}']")
    district_page.select_option("select[name=form]", "certificate")
    district_page.fill("input[name=decision_no]", "45/QĐ-LĐLĐ")
    district_page.fill("input[name=decision_date]", "28/05/2024")
    district_page.fill("input[name=amount_vnd]", "1000000")
    district_page.select_option("select[name=occasion]", "workers_month")
    district_page.check("input[name=is_published]")
    district_page.click("main form[method=post] button[type=submit]")
    district_page.wait_for_url(re.compile(r"/awards/list/$"))
    award = Award.objects.get()
    assert (award.member_id, award.nomination_id, award.is_published) == (people["member"].pk, person.pk, True)

    district_page.goto(f"{district_page.base}/dashboard/")
    row_after = district_page.inner_text(".exemplar-panel tr:has(th:text('2024'))")
    assert row_before != row_after
    assert re.search(r"1\s*/\s*1", row_after) and re.search(r"1\s*/\s*2", row_after)

    visitor = open_page(size)
    visitor.goto(f"{visitor.base}/showcase/")
    text = visitor.inner_text("main")
    assert "Phan Thị Thu Hà" in text and "Tổ Ngữ văn" not in text
    assert visitor.locator("meta[property='og:title']").get_attribute("content")
    for page in (officer_page, district_page, visitor):
        assert page.console_errors == [], page.console_errors
    # The unpublished collective is not reached by its address either.
    assert visitor.goto(f"{visitor.base}/showcase/exemplars/{team.pk}/").status == 404
