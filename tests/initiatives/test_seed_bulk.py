"""seed_bulk: synthetic data at scale that looks like a district and that the dashboard counts consistently."""
import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, F

from initiatives import progress
from initiatives.models import (
    APPROVED_STATUSES,
    Branch,
    Initiative,
    InitiativeAuthor,
    Member,
    Pledge,
    Programme,
    Status,
)
from tests import factories


def seed(**sizes):
    out = io.StringIO()
    call_command("seed_bulk", stdout=out, **sizes)
    return out.getvalue()


def test_seed_bulk_adds_exactly_what_was_asked(db):
    output = seed(initiatives=600, branches=30, members=900, batch_size=200)
    assert Branch.objects.filter(code__startswith="bulk-").count() == 30
    assert Member.objects.count() == 900
    assert Initiative.objects.count() == 600
    assert "initiatives 200/600" in output and "Done" in output  # progress as it goes
    assert get_user_model().objects.count() == 0  # no accounts


def test_seed_bulk_data_looks_like_a_district(db):
    seed(initiatives=800, branches=40, members=1200, batch_size=300)
    programme = Programme.current()
    periods = list(programme.periods.all())
    statuses = dict(Initiative.objects.values_list("status").annotate(n=Count("pk")))
    assert set(statuses) == set(Status.values)  # every step of the pipeline
    assert statuses[Status.SENT_TO_PROVINCE] > statuses[Status.DRAFT]
    assert Initiative.objects.values("category").distinct().count() >= 6
    assert Branch.objects.values("kind").distinct().count() >= 4
    assert Branch.objects.exclude(cluster=None).count() == 40
    sizes = sorted(Branch.objects.values_list("member_count", flat=True))
    assert sizes[0] < sizes[-1] / 3  # small and large branches
    for branch in Branch.objects.annotate(roster=Count("members")):
        assert branch.member_count >= branch.roster >= 1
    # Dates inside the programme: applied in the window, sent inside the periods.
    assert not Initiative.objects.exclude(application_date__range=(programme.window_start, programme.window_end))
    sent = Initiative.objects.filter(status=Status.SENT_TO_PROVINCE)
    assert not sent.filter(sent_to_province_date__isnull=True)
    assert not sent.exclude(sent_to_province_date__range=(periods[0].start, periods[-1].end))
    assert not Initiative.objects.exclude(status=Status.SENT_TO_PROVINCE).exclude(sent_to_province_date=None)
    # Every initiative has its authors from its own branch, and the right one credited.
    assert not Initiative.objects.filter(authors=None)
    assert not InitiativeAuthor.objects.exclude(member__branch=F("initiative__branch"))
    for initiative in Initiative.objects.prefetch_related("authors")[:50]:
        authors = list(initiative.authors.all())
        assert sum(a.share_percent for a in authors) == 100
        best = max(authors, key=lambda a: (a.share_percent, -a.order))
        expected = next((a for a in authors if a.is_lead), best) if initiative.is_research else best
        assert initiative.credited_author_id == expected.member_id
    assert initiative.search_text  # searchable like any other
    assert Pledge.objects.exists()
    # A few active branches have nothing: "mobilised" is below 100%.
    assert Branch.objects.filter(is_active=True, initiatives=None).exists()


def test_the_dashboard_counts_bulk_data_consistently(db):
    seed(initiatives=500, branches=20, members=600)
    programme = Programme.objects.prefetch_related("periods").get(is_current=True)
    district = factories.district_user("district_bulk")
    figures = progress.compute(progress.scope_for_user(district, programme))
    assert figures["programme"]["sent"] == Initiative.objects.filter(status=Status.SENT_TO_PROVINCE).count()
    assert sum(p["sent"] for p in figures["periods"]) == figures["programme"]["sent"]
    assert sum(figures["by_status"].values()) == 500
    assert figures["participation"]["participants"] == Initiative.objects.filter(
        status__in=APPROVED_STATUSES).values("credited_author").distinct().count()
    assert len(figures["by_branch"]) == 20


def test_running_it_twice_adds_more_without_clashing(db):
    seed(initiatives=50, branches=5, members=50)
    seed(initiatives=50, branches=5, members=50)
    assert Branch.objects.count() == 10 and Initiative.objects.count() == 100
    assert Branch.objects.values("code").distinct().count() == 10


def test_seed_bulk_tree_builds_the_four_level_shape_with_officers_at_each_level(db):
    """`--tree 2,4`: a province over 2 bodies over 4 bodies over the branches, its own programme, an officer per
    level who sees exactly that level's subtree."""
    from initiatives import access
    from initiatives.models import Federation

    seed(initiatives=120, branches=12, members=240, tree=[2, 4])
    province = Federation.objects.get(depth=1, name__contains="dữ liệu thử")
    assert Federation.objects.filter(path__startswith=province.path, depth=2).count() == 2
    assert Federation.objects.filter(path__startswith=province.path, depth=3).count() == 4
    bulk = Branch.objects.filter(code__startswith="bulk-")
    assert set(bulk.values_list("federation__depth", flat=True)) == {3}
    assert bulk.values("federation").distinct().count() == 4  # spread over every body of the last level
    programme = Programme.objects.get(federation=province)
    assert Initiative.objects.filter(programme=programme).count() == 120
    assert Programme.current().federation_id is None  # the portal owner's programme is still the current one
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="bulk.")}
    scopes = [access.branches_for(users[name]).count() for name in ("bulk.tinh", "bulk.cd2", "bulk.cd3", "bulk.cdcs")]
    assert scopes == [12, 6, 3, 1]


def test_seed_bulk_without_tree_keeps_the_branches_under_the_portal_owner(db):
    seed(initiatives=10, branches=3, members=30)
    assert set(Branch.objects.filter(code__startswith="bulk-").values_list("federation__depth", flat=True)) == {1}
