"""The “Bằng Lao động sáng tạo” flag on both thresholds and just under them; thresholds are data."""

import datetime

import pytest

from initiatives import access
from initiatives.models import Status
from models_awards import creative_labour
from models_awards.models import CreativeLabourThreshold
from tests import factories

from . import helpers

M = 1_000_000


def evaluate(per_year):
    return creative_labour.evaluate(per_year, single_min=80 * M, cumulative_min=120 * M, years=3)


# --- the rule alone ----------------------------------------------------------------------------------------


def test_one_solution_at_the_threshold_is_flagged():
    result = evaluate({2022: (80 * M, 80 * M)})
    assert result.reaches_single and result.flagged


def test_one_solution_just_under_is_not():
    result = evaluate({2022: (80 * M - 1, 80 * M - 1)})
    assert not result.reaches_single and not result.flagged


def test_three_consecutive_years_reaching_the_sum_are_flagged():
    result = evaluate({2021: (40 * M, 40 * M), 2022: (40 * M, 40 * M), 2023: (40 * M, 40 * M)})
    assert result.reaches_cumulative and not result.reaches_single
    assert result.best_window == (2021, 2023) and result.best_window_total == 120 * M


def test_three_consecutive_years_just_under_are_not():
    result = evaluate({2021: (40 * M, 40 * M), 2022: (40 * M, 40 * M), 2023: (40 * M - 1, 40 * M - 1)})
    assert not result.flagged


def test_the_sum_must_fall_within_three_consecutive_years():
    result = evaluate({2021: (60 * M, 60 * M), 2024: (60 * M, 60 * M)})
    assert not result.flagged and result.best_window_total == 60 * M


def test_a_year_without_solutions_inside_the_window_still_counts_the_window():
    assert evaluate({2021: (60 * M, 60 * M), 2023: (60 * M, 60 * M)}).reaches_cumulative


def test_leadership_posts_are_read_from_the_position_ignoring_diacritics():
    keywords = ["Hiệu trưởng", "Giám đốc"]
    assert creative_labour.holds_leadership_post("Phó Hiệu trưởng", keywords)
    assert creative_labour.holds_leadership_post("giam doc trung tam", keywords)
    assert not creative_labour.holds_leadership_post("Giáo viên", keywords)


# --- from the data -----------------------------------------------------------------------------------------


@pytest.fixture
def authors(branch_a):
    return {name: factories.member(branch_a, name) for name in ("Một", "Hai", "Ba", "Bốn", "Năm", "Sáu")}


def test_flagged_authors_from_approved_initiatives(district, branch_a, authors):
    day = datetime.date
    helpers.approved(branch_a, authors=[(authors["Một"], 100)], benefit=80 * M, recognised_on=day(2022, 4, 1))
    helpers.approved(branch_a, authors=[(authors["Hai"], 100)], benefit=80 * M - 1, recognised_on=day(2022, 4, 1))
    for year in (2021, 2022, 2023):
        helpers.approved(branch_a, authors=[(authors["Ba"], 100)], benefit=40 * M, recognised_on=day(year, 10, 1))
    for year, benefit in ((2021, 40 * M), (2022, 40 * M), (2023, 40 * M - 1)):
        helpers.approved(branch_a, authors=[(authors["Bốn"], 100)], benefit=benefit, recognised_on=day(year, 10, 1))
    # Not counted: a draft and a rejected initiative, however valuable.
    helpers.approved(branch_a, authors=[(authors["Năm"], 100)], benefit=500 * M, recognised_on=day(2022, 4, 1),
                     status=Status.SUBMITTED)
    helpers.approved(branch_a, authors=[(authors["Sáu"], 100)], benefit=500 * M, recognised_on=day(2022, 4, 1),
                     status=Status.REJECTED)
    threshold, workers, leaders = creative_labour.flagged_authors(district)
    assert threshold.single_solution_min_vnd == 80 * M and threshold.cumulative_min_vnd == 120 * M
    flagged = {f.member.full_name: f.evaluation for f in workers}
    assert set(flagged) == {"Một", "Ba"}
    assert flagged["Một"].reaches_single and not flagged["Ba"].reaches_single
    assert flagged["Ba"].reaches_cumulative
    assert leaders == []


def test_every_author_of_a_solution_is_counted_with_its_whole_value(district, branch_a, authors):
    helpers.approved(branch_a, authors=[(authors["Một"], 70), (authors["Hai"], 30)], benefit=90 * M,
                     recognised_on=datetime.date(2022, 4, 1), status=Status.SENT_TO_PROVINCE)
    _threshold, workers, _leaders = creative_labour.flagged_authors(district)
    assert {f.member.full_name for f in workers} == {"Một", "Hai"}


def test_authors_with_a_leadership_post_are_listed_apart(district, branch_a):
    head = factories.member(branch_a, "Trưởng")
    head.position = "Hiệu trưởng"
    head.save()
    helpers.approved(branch_a, authors=[(head, 100)], benefit=100 * M, recognised_on=datetime.date(2022, 4, 1))
    _threshold, workers, leaders = creative_labour.flagged_authors(district)
    assert workers == [] and [f.member.pk for f in leaders] == [head.pk]


def test_the_thresholds_are_data(district, branch_a, authors):
    helpers.approved(branch_a, authors=[(authors["Một"], 100)], benefit=50 * M, recognised_on=datetime.date(2022, 4, 1))
    assert creative_labour.flagged_authors(district)[1] == []
    CreativeLabourThreshold.objects.update(single_solution_min_vnd=50 * M)
    assert [f.member.full_name for f in creative_labour.flagged_authors(district)[1]] == ["Một"]


def test_an_officer_sees_only_their_branches_authors(officer_b, district, branch_a, authors):
    helpers.approved(branch_a, authors=[(authors["Một"], 100)], benefit=90 * M, recognised_on=datetime.date(2022, 4, 1))
    assert creative_labour.flagged_authors(officer_b)[1] == []
    assert len(creative_labour.flagged_authors(district)[1]) == 1


def test_queries_are_fixed(district, branch_a, authors, django_assert_max_num_queries):
    for member in authors.values():
        helpers.approved(branch_a, authors=[(member, 100)], benefit=90 * M, recognised_on=datetime.date(2022, 4, 1))
    access.is_district(district)
    with django_assert_max_num_queries(3):
        _threshold, workers, _leaders = creative_labour.flagged_authors(district)
        assert len(workers) == 6 and {w.member.branch.name for w in workers} == {branch_a.name}
