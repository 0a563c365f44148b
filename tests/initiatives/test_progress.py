"""The dashboard's figures (DESIGN section 5), counted against small data sets made by hand.

Dates come from the programme's own periods (seeded from the plan), never from literals: the next programme
reuses the same code.
"""
import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives import progress, quarters
from initiatives.models import Category, EmulationCluster, Pledge, PledgeTarget, Programme, Status
from tests import factories

DAY = datetime.timedelta(days=1)


@pytest.fixture
def programme(db):
    return Programme.objects.prefetch_related("periods").get(is_current=True)


@pytest.fixture
def periods(programme):
    return list(programme.periods.all())


def sent(branch, on, **kwargs):
    return factories.initiative(branch, status=Status.SENT_TO_PROVINCE, sent_to_province_date=on, **kwargs)


def figures_for(user, programme, today=None, **filters):
    return progress.compute(progress.scope_for_user(user, programme, today=today, **filters))


def period_sent(figures, number):
    return next(p["sent"] for p in figures["periods"] if p["number"] == number)


def test_the_plan_periods_touch_end_to_start(periods):
    # The boundary tests below rely on period 2 starting the day after period 1 ends (31/05 → 01/06/2022).
    assert periods[0].end + DAY == periods[1].start


def test_an_initiative_counts_for_the_period_of_its_date_sent(programme, periods, branch_a, district):
    first, second = periods
    sent(branch_a, first.start)
    sent(branch_a, first.end)  # the last day of period 1 (31/05/2022)
    sent(branch_a, second.start)  # the first day of period 2 (01/06/2022)
    sent(branch_a, second.end)
    figures = figures_for(district, programme)
    assert period_sent(figures, 1) == 2
    assert period_sent(figures, 2) == 2
    assert figures["programme"]["sent"] == 4
    assert figures["by_status"][Status.SENT_TO_PROVINCE] == 4


def test_draft_returned_and_rejected_count_for_nothing_sent(programme, periods, branch_a, district):
    day = periods[0].end
    for status in (Status.DRAFT, Status.RETURNED, Status.REJECTED, Status.SUBMITTED, Status.BRANCH_APPROVED,
                   Status.DISTRICT_VERIFIED):
        # Even with a date sent left on the record, only the status "sent to the province" counts.
        factories.initiative(branch_a, status=status, sent_to_province_date=day)
    figures = figures_for(district, programme)
    assert [p["sent"] for p in figures["periods"]] == [0, 0]
    assert figures["programme"]["sent"] == 0
    assert sum(figures["by_category"].values()) == 0
    assert sum(figures["by_quarter"].values()) == 0
    assert figures["quarter_leaders"] == []
    assert figures["by_status"][Status.DRAFT] == 1
    assert figures["by_status"][Status.REJECTED] == 1


def test_period_filter_narrows_what_was_sent(programme, periods, branch_a, district):
    first, second = periods
    sent(branch_a, first.end, category=Category.COVID19)
    sent(branch_a, second.start, category=Category.TECHNICAL)
    figures = figures_for(district, programme, period=first)
    assert figures["selected_period"] == 1
    assert figures["by_category"][Category.COVID19] == 1
    assert figures["by_category"][Category.TECHNICAL] == 0
    assert sum(figures["by_quarter"].values()) == 1
    assert figures["by_branch"][0]["sent"] == 1
    assert figures["programme"]["sent"] == 2  # the programme figure stays whole


def test_participation_counts_credited_authors_of_approved_initiatives_once(programme, district):
    branch = factories.branch(member_count=40)
    factories.branch(member_count=60)
    factories.branch(member_count=1000, is_active=False)  # an inactive branch's members are not counted
    lead, second, third, waiting = (factories.member(branch) for _ in range(4))
    factories.initiative(branch, authors=[(lead, 70), (second, 30)], status=Status.BRANCH_APPROVED)
    factories.initiative(branch, authors=[(lead, 100)], status=Status.SENT_TO_PROVINCE,
                         sent_to_province_date=programme.periods.all()[0].end)
    factories.initiative(branch, authors=[(third, 50), (second, 50)], status=Status.DISTRICT_VERIFIED)
    factories.initiative(branch, authors=[(waiting, 100)], status=Status.SUBMITTED)  # not approved yet
    figures = figures_for(district, programme)
    participation = figures["participation"]
    assert participation["members"] == 100
    # lead (twice credited, counted once) and third (50/50 tie goes to the first listed).
    assert participation["participants"] == 2
    assert participation["rate"] == pytest.approx(0.02)
    assert participation["authors"] == 3  # lead, second and third: co-authors included
    assert participation["target_rate"] == pytest.approx(0.1)
    assert participation["target_participants"] == 10
    row = next(r for r in figures["by_branch"] if r["id"] == branch.pk)
    assert (row["participants"], row["authors"]) == (2, 3)
    assert row["rate"] == pytest.approx(2 / 40)


def test_research_topic_credits_its_lead(programme, branch_a, district):
    lead, senior = factories.member(branch_a), factories.member(branch_a)
    factories.initiative(branch_a, authors=[(senior, 80, False), (lead, 20, True)], category=Category.RESEARCH,
                         status=Status.BRANCH_APPROVED)
    figures = figures_for(district, programme)
    assert figures["participation"]["participants"] == 1
    assert figures["participation"]["authors"] == 2


def test_mobilised_branches_have_an_initiative_submitted(programme, district):
    submitted = factories.branch("CĐCS A")
    rejected_only = factories.branch("CĐCS B")
    draft_only = factories.branch("CĐCS C")
    silent = factories.branch("CĐCS D")
    factories.branch("CĐCS E", is_active=False)
    factories.initiative(submitted, status=Status.SUBMITTED)
    factories.initiative(rejected_only, status=Status.REJECTED)
    factories.initiative(draft_only)
    branches = figures_for(district, programme)["branches"]
    assert branches["active"] == 4
    assert branches["mobilised"] == 2
    assert branches["rate"] == pytest.approx(0.5)
    assert branches["target_rate"] == 1.0
    assert [b["name"] for b in branches["not_mobilised"]] == ["CĐCS C", "CĐCS D"]
    assert {b["id"] for b in branches["not_mobilised"]} == {draft_only.pk, silent.pk}


def test_district_is_measured_against_the_programme_and_a_branch_against_its_pledge(
        programme, periods, branch_a, branch_b, officer_a, district):
    first, second = periods
    pledge = Pledge.objects.create(branch=branch_a, programme=programme)
    PledgeTarget.objects.create(pledge=pledge, period=first, initiatives=4)
    PledgeTarget.objects.create(pledge=pledge, period=second, initiatives=10)
    pledge_b = Pledge.objects.create(branch=branch_b, programme=programme)
    PledgeTarget.objects.create(pledge=pledge_b, period=first, initiatives=6)
    sent(branch_a, first.end)
    sent(branch_b, first.end)

    district_view = figures_for(district, programme, today=second.end + DAY)
    assert [p["target"] for p in district_view["periods"]] == [first.target, second.target]
    assert [p["pledged"] for p in district_view["periods"]] == [10, 10]
    assert district_view["programme"]["target"] == programme.total_target

    branch_view = figures_for(officer_a, programme, today=second.end + DAY)
    assert [p["target"] for p in branch_view["periods"]] == [4, 10]
    assert [p["sent"] for p in branch_view["periods"]] == [1, 0]
    assert branch_view["periods"][0]["share"] == pytest.approx(0.25)
    assert branch_view["programme"]["target"] == 14
    row = branch_view["by_branch"][0]
    assert [c["pledged"] for c in row["periods"]] == [4, 10]
    assert row["behind"]  # the focus period (the last) is over with 0 of 10 sent


def test_a_branch_without_pledge_has_no_target(programme, branch_a, officer_a):
    figures = figures_for(officer_a, programme)
    assert [p["target"] for p in figures["periods"]] == [None, None]
    assert figures["programme"]["target"] is None
    assert figures["branches"]["without_pledge"] == 1


def test_days_left_and_pace_needed(programme, periods, branch_a, district):
    first = periods[0]
    sent(branch_a, first.start)
    today = first.start + datetime.timedelta(days=60)
    period = figures_for(district, programme, today=today)["periods"][0]
    left = (first.end - today).days + 1
    assert period["days_left"] == left
    assert period["is_open"] and not period["is_over"]
    assert period["remaining"] == first.target - 1
    assert period["pace_per_month"] == pytest.approx((first.target - 1) / (left / (365.25 / 12)))
    over = figures_for(district, programme, today=first.end + DAY)["periods"][0]
    assert over["days_left"] == 0 and over["is_over"]
    assert over["pace_per_month"] is None  # nothing can be sent in a period that is over


def test_pure_arithmetic():
    start, end = datetime.date(2024, 1, 1), datetime.date(2024, 1, 31)
    assert progress.days_left(start, end, datetime.date(2023, 12, 1)) == 31  # not begun: the whole period
    assert progress.days_left(start, end, end) == 1
    assert progress.days_left(start, end, end + DAY) == 0
    assert progress.pace_per_month(0, 0) == 0.0
    assert progress.pace_per_month(5, 0) is None
    assert progress.share(1, 0) is None
    assert quarters.keys_between(datetime.date(2021, 9, 1), datetime.date(2022, 1, 1)) == [
        "2021-Q3", "2021-Q4", "2022-Q1"]
    assert progress.elapsed_fraction(start, end, start) == pytest.approx(1 / 31)


def test_quarters_and_their_leading_branch_in_each_cluster(programme, periods, district):
    schools = EmulationCluster.objects.create(name="Khối Giáo dục")
    health = EmulationCluster.objects.create(name="Khối Y tế")
    a = factories.branch("CĐCS Trường A", cluster=schools)
    b = factories.branch("CĐCS Trường B", cluster=schools)
    c = factories.branch("CĐCS Bệnh viện C", cluster=health)
    day = periods[0].end  # 31/05: the second quarter of its year
    sent(a, day)
    sent(b, day)
    sent(b, day)
    sent(c, day)
    sent(c, periods[1].start)  # 01/06: same quarter, other period
    figures = figures_for(district, programme)
    key = f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    assert figures["by_quarter"][key] == 5
    assert list(figures["by_quarter"])[0] == f"{periods[0].start.year}-Q{(periods[0].start.month - 1) // 3 + 1}"
    leaders = {(row["quarter"], row["cluster"]): row for row in figures["quarter_leaders"]}
    assert [x["name"] for x in leaders[(key, "Khối Giáo dục")]["branches"]] == ["CĐCS Trường B"]
    assert leaders[(key, "Khối Giáo dục")]["sent"] == 2
    assert leaders[(key, "Khối Y tế")]["sent"] == 2
    clusters = {row["name"]: row for row in figures["by_cluster"]}
    assert clusters["Khối Giáo dục"]["sent"] == 3 and clusters["Khối Y tế"]["sent"] == 2


def test_tied_leaders_are_all_named(programme, periods, district):
    cluster = EmulationCluster.objects.create(name="Khối Doanh nghiệp")
    a = factories.branch("CĐCS Công ty A", cluster=cluster)
    b = factories.branch("CĐCS Công ty B", cluster=cluster)
    sent(a, periods[0].end)
    sent(b, periods[0].end)
    leaders = figures_for(district, programme)["quarter_leaders"]
    assert len(leaders) == 1
    assert [x["name"] for x in leaders[0]["branches"]] == ["CĐCS Công ty A", "CĐCS Công ty B"]


def test_burnup_adds_up_month_by_month(programme, periods, branch_a, district):
    first = periods[0]
    sent(branch_a, first.start)
    sent(branch_a, first.end)
    burnup = figures_for(district, programme, today=periods[1].end + DAY)["burnup"][0]
    points = burnup["points"]
    assert points[0]["sent"] == 1 and points[-1]["cumulative"] == 2
    assert points[-1]["target"] == pytest.approx(first.target)
    assert [p["cumulative"] for p in points] == sorted(p["cumulative"] for p in points)


def test_officer_figures_cover_only_their_branches(programme, periods, branch_a, branch_b, officer_a):
    mine = sent(branch_a, periods[0].end)
    theirs = sent(branch_b, periods[0].end)
    # Even an initiative the officer authored in another branch stays out of the branch view.
    factories.initiative(branch_b, status=Status.SUBMITTED, entered_by=officer_a)
    figures = figures_for(officer_a, programme)
    assert [row["id"] for row in figures["by_branch"]] == [branch_a.pk]
    assert figures["programme"]["sent"] == 1
    assert figures["participation"]["members"] == branch_a.member_count
    assert mine.branch_id != theirs.branch_id
    assert not figures["scope"]["whole_district"]


def test_headline_agrees_with_the_district_dashboard(programme, periods, district):
    a, b = factories.branch(member_count=30), factories.branch(member_count=20)
    factories.branch(member_count=10)  # not mobilised
    sent(a, periods[0].end)
    sent(b, periods[1].start)
    factories.initiative(b, status=Status.BRANCH_APPROVED)
    factories.initiative(a)
    headline = progress.headline(programme)
    figures = figures_for(district, programme)
    assert [p["sent"] for p in headline["periods"]] == [p["sent"] for p in figures["periods"]]
    assert headline["programme"]["sent"] == figures["programme"]["sent"] == 2
    for key in ("members", "participants", "rate"):
        assert headline["participation"][key] == figures["participation"][key]
    for key in ("active", "mobilised"):
        assert headline["branches"][key] == figures["branches"][key]
    assert headline["branches"]["mobilised"] == 2


def test_every_figure_has_its_definition(programme, district):
    figures = figures_for(district, programme)
    for key in ("period_sent", "programme_sent", "participation", "participation_with_coauthors", "mobilised",
                "pledge", "by_status", "by_category", "by_quarter", "quarter_leader"):
        assert figures["definitions"][key] == str(progress.DEFINITIONS[key])
    assert figures["periods"][0]["definition"] == figures["definitions"]["period_sent"]
    assert figures["participation"]["definition"] == figures["definitions"]["participation"]


def test_the_number_of_queries_does_not_grow_with_the_data(programme, periods, district):
    def count():
        user = type(district).objects.get(pk=district.pk)
        with CaptureQueriesContext(connection) as queries:
            figures_for(user, programme)
        return len(queries.captured_queries)

    branch = factories.branch()
    sent(branch, periods[0].end)
    small = count()
    cluster = EmulationCluster.objects.create(name="Cụm 1")
    for n in range(8):
        other = factories.branch(cluster=cluster)
        sent(other, periods[n % 2].end)
        factories.initiative(other, status=Status.BRANCH_APPROVED, authors=[
            (factories.member(other), 60), (factories.member(other), 40)])
        pledge = Pledge.objects.create(branch=other, programme=programme)
        PledgeTarget.objects.create(pledge=pledge, period=periods[0], initiatives=n)
    assert count() == small


def test_members_needed_for_the_target_are_rounded_up_exactly():
    # 10% of 1230 is exactly 123 (floating point would say 123.00000000000001 and round up to 124).
    assert progress._at_least(Decimal("0.100"), 1230) == 123
    assert progress._at_least(Decimal("0.100"), 1229) == 123
