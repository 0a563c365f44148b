"""The initiative form as a member meets it: they are already its first author, the lead tick counts only for
research topics, and what blocks submission is said beside the submit button and at the top."""

import re

import pytest

from initiatives.models import Initiative
from tests import factories
from tests.initiatives.helpers import form_data


@pytest.fixture
def member_client(login, member_a):
    return login(member_a.user)


def selected_member(page, index=0):
    select = re.search(rf'<select name="authors-{index}-member".*?</select>', page, re.S).group(0)
    chosen = re.search(r'<option value="(\d+)" selected>', select)
    return int(chosen.group(1)) if chosen else None


def test_a_member_registering_is_already_the_first_author_at_100(member_client, member_a):
    page = member_client.get("/initiatives/new/").content.decode()
    assert selected_member(page) == member_a.pk
    assert re.search(r'name="authors-0-share_percent" value="100"', page)


def test_keeping_the_prefilled_author_saves_them(member_client, member_a, branch_a):
    member_client.post("/initiatives/new/", form_data(branch_a, [(member_a, 100)]))
    assert [(a.member, a.share_percent) for a in Initiative.objects.get().authors.all()] == [(member_a, 100)]


def test_an_officer_entering_for_someone_else_starts_with_an_empty_row(login, officer_a, member_a):
    page = login(officer_a).get("/initiatives/new/").content.decode()
    assert selected_member(page) is None


def test_a_lead_tick_is_not_kept_on_other_categories(member_client, member_a, branch_a):
    member_client.post("/initiatives/new/", form_data(branch_a, [(member_a, 100, True)], category="operational"))
    assert list(Initiative.objects.get().authors.values_list("is_lead", flat=True)) == [False]


def test_a_research_topic_keeps_its_lead(member_client, member_a, branch_a):
    other = factories.member(branch_a, "Hồ Thị Lan")
    data = form_data(branch_a, [(member_a, 60, True), (other, 40)], category="research",
                     research_level="provincial", research_accepted_date="01/10/2021", research_effect_confirmed="on")
    member_client.post("/initiatives/new/", data)
    assert list(Initiative.objects.get().authors.values_list("is_lead", flat=True)) == [True, False]


def test_the_lead_tick_and_the_research_section_are_marked_research_only(member_client):
    page = member_client.get("/initiatives/new/").content.decode()
    lead_tick = r'<div class="[^"]*" data-research-only>\s*<div class="mb-3">\s*<div id="div_id_authors-0-is_lead"'
    assert re.search(lead_tick, page)
    assert re.search(r'<details class="form-section" id="section-research"[^>]*data-research-only', page)


def test_what_blocks_submission_sits_beside_the_submit_button_and_at_the_top(member_client, member_a, branch_a):
    data = form_data(branch_a, [(member_a, 100)], recognition_decision_no="", application_date="")
    member_client.post("/initiatives/new/", data)
    initiative = Initiative.objects.get()
    page = member_client.get(f"/initiatives/{initiative.pk}/edit/").content.decode()
    submit_area = page[page.index('id="submit-area"'):page.index('name="submit"')]
    assert 'data-code="not_recognised"' in submit_area and 'href="#id_recognition_decision_no"' in submit_area
    summary = page[page.index('id="blocking-summary"'):page.index('id="initiative-form"')]
    assert "Chưa gửi được: còn 2 điều kiện của Chương trình chưa đạt." in summary
    assert initiative.status == "draft"


def test_the_form_folds_into_sections_with_only_the_first_open(member_client):
    page = member_client.get("/initiatives/new/").content.decode()
    sections = re.findall(r'<details class="form-section" id="section-(\w+)"( open)?', page)
    assert [key for key, _open in sections] == [
        "initiative", "authors", "recognition", "application", "benefits", "research", "other", "attachments"]
    assert {key for key, is_open in sections if is_open} == {"initiative", "authors"}


def test_a_section_with_an_error_is_open_when_the_form_comes_back(member_client, member_a, branch_a):
    response = member_client.post("/initiatives/new/", form_data(branch_a, [(member_a, 100)],
                                                                 economic_benefit_vnd="15,5"))
    assert re.search(r'<details class="form-section" id="section-benefits" open', response.content.decode())
