"""Every rule of DESIGN 4.1 with its boundaries. Pure checks over unsaved objects: no database needed
beyond the seeded Programme."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from initiatives import eligibility
from initiatives.models import Category, Initiative, InitiativeAuthor, Programme
from tests.factories import eligible_fields

TODAY = datetime.date(2026, 11, 24)


@pytest.fixture
def programme(db):
    return Programme.current()


def author(share, lead=False, member_id=None):
    return SimpleNamespace(share_percent=Decimal(share), is_lead=lead, member_id=member_id or id(object()))


def check(programme, authors=None, **overrides):
    initiative = Initiative(programme=programme, **eligible_fields(**overrides))
    authors = [author(100, member_id=1)] if authors is None else authors
    return eligibility.check(initiative, authors=authors, today=TODAY)


def codes(problems):
    return sorted(p.code for p in problems)


def test_a_complete_initiative_is_eligible(programme):
    assert check(programme) == []


@pytest.mark.parametrize(
    "applied, eligible",
    [
        (datetime.date(2021, 8, 31), False),
        (datetime.date(2021, 9, 1), True),
        (datetime.date(2023, 9, 1), True),
        (datetime.date(2023, 9, 2), False),
    ],
)
def test_application_window_is_inclusive_on_both_ends(programme, applied, eligible):
    problems = check(programme, application_date=applied, recognition_date=applied + datetime.timedelta(days=1))
    assert ("application_outside_window" not in codes(problems)) is eligible


def test_missing_application_date_is_named(programme):
    problems = check(programme, application_date=None)
    assert codes(problems) == ["application_outside_window"]
    assert "01/09/2021" in problems[0].message and "01/09/2023" in problems[0].message


def test_window_comes_from_the_programme_not_the_code(programme):
    programme.window_end = datetime.date(2024, 12, 31)
    problems = check(programme, application_date=datetime.date(2024, 6, 1), recognition_date=datetime.date(2024, 7, 1))
    assert problems == []


@pytest.mark.parametrize("missing", ["recognition_body", "recognition_decision_no", "recognition_date"])
def test_recognition_needs_body_number_and_date(programme, missing):
    problems = check(programme, **{missing: None if missing == "recognition_date" else ""})
    assert codes(problems) == ["not_recognised"]
    assert problems[0].field == missing


def test_ip_protected_initiative_cannot_take_part(programme):
    assert codes(check(programme, ip_protected=True)) == ["ip_protected"]


def test_a_benefit_must_be_stated(programme):
    assert codes(check(programme, economic_benefit_vnd=None, social_benefit="")) == ["no_benefit"]
    assert (
        check(programme, economic_benefit_vnd=None, social_benefit="", economic_benefit_description="Giảm chi phí")
        == []
    )
    assert check(programme, economic_benefit_vnd=1, social_benefit="") == []
    assert codes(check(programme, economic_benefit_vnd=0, social_benefit="   ")) == ["no_benefit"]


def research(**overrides):
    fields = {
        "category": Category.RESEARCH,
        "recognition_body": "",
        "recognition_decision_no": "",
        "recognition_date": None,
        "research_accepted_date": datetime.date(2021, 8, 15),
        "research_effect_confirmed": True,
        "application_date": datetime.date(2021, 9, 1),
    }
    fields.update(overrides)
    return fields


def test_research_topic_rests_on_acceptance_not_recognition(programme):
    assert check(programme, authors=[author(100, lead=True)], **research()) == []


def test_research_topic_without_acceptance_is_refused(programme):
    problems = check(programme, authors=[author(100, lead=True)], **research(research_accepted_date=None))
    assert codes(problems) == ["research_not_accepted"]


def test_research_topic_applied_before_september_2021_is_refused(programme):
    problems = check(
        programme, authors=[author(100, lead=True)], **research(application_date=datetime.date(2021, 8, 31))
    )
    assert "research_not_accepted" in codes(problems)


def test_research_effect_must_be_confirmed_by_the_head(programme):
    problems = check(programme, authors=[author(100, lead=True)], **research(research_effect_confirmed=False))
    assert codes(problems) == ["research_effect_unconfirmed"]


@pytest.mark.parametrize(
    "shares, ok",
    [((50, 49), False), ((50, 50), True), ((50, 51), False), ((100,), True), (("33.33", "33.33", "33.34"), True)],
)
def test_author_shares_must_sum_to_100(programme, shares, ok):
    authors = [author(s, member_id=i) for i, s in enumerate(shares, 1)]
    assert ("authors_invalid" not in codes(check(programme, authors=authors))) is ok


def test_sum_is_quoted_in_the_message(programme):
    problems = check(programme, authors=[author(60, member_id=1), author(39, member_id=2)])
    assert "99%" in problems[0].message


def test_no_author_zero_share_and_duplicate_author_are_refused(programme):
    assert codes(check(programme, authors=[])) == ["authors_invalid"]
    assert codes(check(programme, authors=[author(0, member_id=1), author(100, member_id=2)])) == ["authors_invalid"]
    assert codes(check(programme, authors=[author(50, member_id=1), author(50, member_id=1)])) == ["authors_invalid"]


def test_research_topic_has_exactly_one_lead(programme):
    no_lead = [author(60, member_id=1), author(40, member_id=2)]
    two_leads = [author(60, True, 1), author(40, True, 2)]
    assert "authors_invalid" in codes(check(programme, authors=no_lead, **research()))
    assert "authors_invalid" in codes(check(programme, authors=two_leads, **research()))
    assert check(programme, authors=[author(60, True, 1), author(40, False, 2)], **research()) == []


def test_recognition_before_application_is_refused_but_same_day_is_fine(programme):
    applied = datetime.date(2022, 3, 1)
    assert codes(check(programme, application_date=applied, recognition_date=applied - datetime.timedelta(days=1))) == [
        "recognised_before_applied"
    ]
    assert check(programme, application_date=applied, recognition_date=applied) == []


def test_dates_after_today_are_refused_and_today_is_fine(programme):
    programme.window_end = datetime.date(2030, 1, 1)
    problems = check(programme, application_date=TODAY, recognition_date=TODAY + datetime.timedelta(days=1))
    assert codes(problems) == ["date_in_future"]
    assert check(programme, application_date=TODAY, recognition_date=TODAY) == []


def test_every_problem_carries_a_vietnamese_message(programme):
    problems = check(
        programme,
        authors=[],
        application_date=None,
        recognition_body="",
        ip_protected=True,
        economic_benefit_vnd=None,
        social_benefit="",
    )
    assert codes(problems) == [
        "application_outside_window",
        "authors_invalid",
        "ip_protected",
        "no_benefit",
        "not_recognised",
    ]
    messages = " ".join(p.message for p in problems)
    assert "Ngày áp dụng" in messages or "ngày áp dụng" in messages
    assert "sở hữu trí tuệ" in messages


def test_saved_initiative_is_checked_with_its_saved_authors(branch_a):
    from tests import factories

    initiative = factories.initiative(branch_a)
    assert eligibility.check(initiative) == []
    InitiativeAuthor.objects.filter(initiative=initiative).update(share_percent=Decimal(90))
    assert codes(eligibility.check(initiative)) == ["authors_invalid"]
