"""The dashboard page and its JSON: who sees what, the same figures in both, counted by hand against seed_demo,
filters, a fixed number of queries, the panel hook and the home page's headline figures."""
import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives import dashboard_panels
from initiatives.models import (
    APPROVED_STATUSES,
    SUBMITTED_STATUSES,
    Branch,
    EmulationCluster,
    Initiative,
    Pledge,
    PledgeTarget,
    Programme,
    Status,
)
from tests import factories

JSON_URL = "/dashboard/progress.json"


def programme_periods():
    return list(Programme.current().periods.all())


def sent(branch, on, **kwargs):
    return factories.initiative(branch, status=Status.SENT_TO_PROVINCE, sent_to_province_date=on, **kwargs)


# --- Who may see it ---------------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client, db):
    for url in ("/dashboard/", JSON_URL, "/dashboard/pledges/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_member_gets_no_dashboard(login, member_a):
    client = login(member_a.user)
    assert client.get("/dashboard/").status_code == 403
    assert client.get(JSON_URL).status_code == 403
    assert client.get("/dashboard/pledges/").status_code == 403


def test_the_landing_page_of_officers_and_the_district_is_the_dashboard(login, officer_a, district):
    for user in (officer_a, district):
        assert login(user).get("/accounts/home/")["Location"] == "/dashboard/"
        assert login(user).get("/dashboard/").status_code == 200


def test_an_officer_sees_only_their_branches_in_page_and_json(login, branch_a, branch_b, officer_a):
    sent(branch_a, programme_periods()[0].end, title="Sáng kiến của trường A")
    sent(branch_b, programme_periods()[0].end, title="Sáng kiến của trung tâm B")
    client = login(officer_a)
    data = client.get(JSON_URL).json()
    assert [row["id"] for row in data["by_branch"]] == [branch_a.pk]
    assert data["programme"]["sent"] == 1
    assert data["branches"]["active"] == 1
    page = client.get("/dashboard/").content.decode()
    assert branch_a.name in page and branch_b.name not in page
    # Asking for the other branch changes nothing: the filter offers only their own.
    data = client.get(JSON_URL, {"branch": branch_b.pk}).json()
    assert [row["id"] for row in data["by_branch"]] == [branch_a.pk]
    cluster = EmulationCluster.objects.create(name="Khối Y tế")
    Branch.objects.filter(pk=branch_b.pk).update(cluster=cluster)
    data = client.get(JSON_URL, {"cluster": cluster.pk}).json()
    assert [row["id"] for row in data["by_branch"]] == [branch_a.pk]


def test_an_officer_of_two_branches_may_filter_between_them(login, branch_a, branch_b, db):
    officer = factories.officer(branch_a, "two_branches")
    branch_b.officers.add(officer)
    other = factories.branch("CĐCS Khác")
    client = login(officer)
    assert {row["id"] for row in client.get(JSON_URL).json()["by_branch"]} == {branch_a.pk, branch_b.pk}
    assert [row["id"] for row in client.get(JSON_URL, {"branch": branch_b.pk}).json()["by_branch"]] == [branch_b.pk]
    assert other.name not in client.get("/dashboard/").content.decode()


def test_the_district_sees_every_branch_and_filters_by_branch_and_cluster(login, district, branch_a, branch_b):
    cluster = EmulationCluster.objects.create(name="Khối Giáo dục")
    Branch.objects.filter(pk=branch_a.pk).update(cluster=cluster)
    client = login(district)
    data = client.get(JSON_URL).json()
    assert {row["id"] for row in data["by_branch"]} == {branch_a.pk, branch_b.pk}
    assert data["scope"]["whole_district"] is True
    by_branch = client.get(JSON_URL, {"branch": branch_b.pk}).json()
    assert [row["id"] for row in by_branch["by_branch"]] == [branch_b.pk]
    assert by_branch["scope"]["whole_district"] is False
    by_cluster = client.get(JSON_URL, {"cluster": cluster.pk}).json()
    assert [row["id"] for row in by_cluster["by_branch"]] == [branch_a.pk]
    page = client.get("/dashboard/", {"branch": branch_b.pk}).content.decode()
    assert f'<option value="{branch_b.pk}" selected>' in page


def test_a_filter_that_makes_no_sense_is_ignored(login, district, branch_a):
    client = login(district)
    for query in ({"period": "99"}, {"period": "x"}, {"branch": "0"}, {"cluster": "abc"}):
        response = client.get(JSON_URL, query)
        assert response.status_code == 200
        assert response.json()["scope"]["whole_district"] is True
        assert response.json()["selected_period"] is None


# --- The JSON ---------------------------------------------------------------------------------------------------


def test_json_has_the_stable_keys_with_iso_dates_and_fractions(login, district, branch_a):
    periods = programme_periods()
    sent(branch_a, periods[0].end)
    data = login(district).get(JSON_URL).json()
    for key in ("periods", "programme", "participation", "branches", "by_status", "by_category", "by_branch",
                "by_quarter"):
        assert key in data
    first = data["periods"][0]
    assert first["start"] == periods[0].start.isoformat() and first["end"] == periods[0].end.isoformat()
    assert first["target"] == periods[0].target and first["sent"] == 1
    assert datetime.date.fromisoformat(data["periods"][1]["start"]) == periods[1].start
    assert set(data["programme"]) >= {"target", "sent"}
    assert set(data["participation"]) >= {"members", "participants", "rate", "target_rate"}
    assert data["participation"]["target_rate"] == pytest.approx(0.1)
    assert 0 <= data["participation"]["rate"] <= 1
    assert set(data["branches"]) >= {"active", "mobilised"}
    assert set(data["by_status"]) == set(Status.values)
    assert all(isinstance(v, int) for v in data["by_status"].values())
    assert data["by_status"]["sent_to_province"] == 1
    assert all(isinstance(v, int) for v in data["by_quarter"].values())
    assert data["definitions"]["period_sent"]
    assert isinstance(data["panels"], dict)  # what other apps' panels add (e.g. the exemplars of the year)


def test_json_filter_by_period(login, district, branch_a):
    first, second = programme_periods()
    sent(branch_a, first.end)
    sent(branch_a, second.start)
    data = login(district).get(JSON_URL, {"period": 2}).json()
    assert data["selected_period"] == 2
    assert sum(data["by_quarter"].values()) == 1
    assert data["by_branch"][0]["sent"] == 1
    assert [p["sent"] for p in data["periods"]] == [1, 1]


# --- seed_demo, counted by hand ---------------------------------------------------------------------------------


@pytest.fixture
def demo(settings, db):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    return Programme.current()


def hand_counts(initiatives, branches, periods):
    """The figures counted the slow, obvious way, in Python over every row."""
    rows = list(initiatives)
    counts = {
        "periods": [sum(1 for i in rows if i.status == Status.SENT_TO_PROVINCE and p.start <= i.sent_to_province_date
                        <= p.end) for p in periods],
        "sent": sum(1 for i in rows if i.status == Status.SENT_TO_PROVINCE),
        "by_status": {code: sum(1 for i in rows if i.status == code) for code in Status.values},
        "participants": len({i.credited_author_id for i in rows if i.status in APPROVED_STATUSES
                             and i.credited_author_id}),
        "authors": len({a.member_id for i in rows if i.status in APPROVED_STATUSES for a in i.authors.all()}),
        "members": sum(b.member_count for b in branches if b.is_active),
        "mobilised": sum(1 for b in branches if b.is_active and any(
            i.branch_id == b.pk and i.status in SUBMITTED_STATUSES for i in rows)),
        "active": sum(1 for b in branches if b.is_active),
    }
    return counts


def test_district_figures_agree_with_a_count_by_hand_on_the_demo_data(login, demo):
    from django.contrib.auth import get_user_model

    periods = list(demo.periods.all())
    expected = hand_counts(Initiative.objects.prefetch_related("authors"), list(Branch.objects.all()), periods)
    assert expected["sent"] > 0 and expected["by_status"]["draft"] > 0  # the demo has something to count
    client = login(get_user_model().objects.get(username="vanphong"))
    data = client.get(JSON_URL).json()
    assert [p["sent"] for p in data["periods"]] == expected["periods"]
    assert data["programme"]["sent"] == expected["sent"]
    assert data["programme"]["target"] == demo.total_target
    assert data["by_status"] == expected["by_status"]
    assert data["participation"]["participants"] == expected["participants"]
    assert data["participation"]["authors"] == expected["authors"]
    assert data["participation"]["members"] == expected["members"]
    assert data["branches"]["mobilised"] == expected["mobilised"]
    assert data["branches"]["active"] == expected["active"]
    assert sum(data["by_category"].values()) == expected["sent"]
    assert sum(data["by_quarter"].values()) == expected["sent"]
    assert sum(row["sent"] for row in data["by_branch"]) == expected["sent"]

    page = client.get("/dashboard/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    for period, count in zip(data["periods"], expected["periods"], strict=True):
        assert f"{count} / {period['target']}" in text
    assert f"{expected['sent']} / {demo.total_target}" in text
    assert f"{expected['mobilised']} / {expected['active']}" in text
    for name in (b["name"] for b in data["branches"]["not_mobilised"]):
        assert name in page


def test_branch_figures_agree_with_a_count_by_hand_on_the_demo_data(login, demo):
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(username="canbo")
    branches = list(Branch.objects.filter(officers=officer))
    periods = list(demo.periods.all())
    expected = hand_counts(Initiative.objects.filter(branch__in=branches).prefetch_related("authors"), branches,
                           periods)
    data = login(officer).get(JSON_URL).json()
    assert [row["id"] for row in data["by_branch"]] == [b.pk for b in branches]
    assert [p["sent"] for p in data["periods"]] == expected["periods"]
    assert data["by_status"] == expected["by_status"]
    assert data["participation"]["participants"] == expected["participants"]
    assert data["participation"]["members"] == expected["members"]


# --- The page ---------------------------------------------------------------------------------------------------


def test_the_page_shows_figures_as_text_and_tables_without_inline_script(login, district, branch_a):
    sent(branch_a, programme_periods()[0].end)
    page = login(district).get("/dashboard/").content.decode()
    assert "<table" in page
    assert 'data-json-url="/dashboard/progress.json"' in page
    assert "chartjs-4.6.1/chart.umd.min.js" in page and "js/dashboard.js" in page
    for script in re.findall(r"<script[^>]*>", page):
        assert "src=" in script  # no inline script: the CSP allows none
    assert "onclick" not in page
    assert branch_a.name in page


def test_the_page_keeps_the_filters_in_the_json_link(login, district, branch_a):
    page = login(district).get("/dashboard/", {"period": 1}).content.decode()
    assert 'data-json-url="/dashboard/progress.json?period=1"' in page


def build(n_branches, per_branch, programme):
    periods = list(programme.periods.all())
    cluster = EmulationCluster.objects.create(name=f"Cụm {n_branches}")
    for _branch in range(n_branches):
        branch = factories.branch(cluster=cluster)
        pledge = Pledge.objects.create(branch=branch, programme=programme)
        PledgeTarget.objects.create(pledge=pledge, period=periods[0], initiatives=3)
        for i in range(per_branch):
            status = [Status.SENT_TO_PROVINCE, Status.BRANCH_APPROVED, Status.DRAFT][i % 3]
            factories.initiative(branch, status=status, sent_to_province_date=periods[i % 2].end,
                                 authors=[(factories.member(branch), 60), (factories.member(branch), 40)])


@pytest.mark.parametrize("url", ["/dashboard/", JSON_URL, JSON_URL + "?period=1", "/dashboard/pledges/"])
def test_queries_do_not_grow_with_initiatives_or_branches(login, district, url):
    programme = Programme.current()
    client = login(district)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    build(1, 1, programme)
    small = queries()
    build(6, 5, programme)
    assert queries() == small
    # The union tree adds a fixed few: the viewer's bodies, their own body, its children with their figures and
    # its reorganisations (docs/ORGANISATION.md), and the children's targets (those the body gave, the branches'
    # accepted pledges, what each child sent in each period).
    assert small <= 29


def test_officer_queries_are_bounded(login, officer_a, branch_a, django_assert_max_num_queries):
    build(3, 3, Programme.current())
    client = login(officer_a)
    client.get("/dashboard/")  # session and first-request work out of the way
    with django_assert_max_num_queries(20):
        assert client.get("/dashboard/").status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(JSON_URL).status_code == 200


# --- Panels from other apps -------------------------------------------------------------------------------------


def test_a_registered_panel_shows_on_the_page_and_in_the_json(login, district, tmp_path, settings):
    (tmp_path / "panel.html").write_text("<p>Panel: {{ greeting }} ({{ scope_branches }})</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    seen = []

    def panel(request, scope):
        seen.append(scope)
        return {"template": "panel.html", "context": {"greeting": "xin chào", "scope_branches": scope.whole_district},
                "key": "greeting", "data": {"hello": 1}}

    dashboard_panels.register(panel)
    try:
        client = login(district)
        assert "Panel: xin chào (True)" in client.get("/dashboard/").content.decode()
        assert client.get(JSON_URL).json()["panels"]["greeting"] == {"hello": 1}
        assert seen[0].programme == Programme.current()
    finally:
        dashboard_panels.unregister(panel)
    assert panel not in dashboard_panels.registered()


def test_a_panel_may_show_nothing(login, district):
    def quiet(request, scope):
        return None

    client = login(district)
    before = client.get(JSON_URL).json()["panels"]
    dashboard_panels.register(quiet)
    try:
        assert client.get(JSON_URL).json()["panels"] == before
    finally:
        dashboard_panels.unregister(quiet)


# --- The home page ----------------------------------------------------------------------------------------------


def test_home_shows_the_programme_figures_to_everyone_without_names(client, db):
    periods = programme_periods()
    branch = factories.branch("CĐCS Trường Tiểu học Vĩnh Tú", member_count=50)
    author = factories.member(branch, "Phạm Thị Duyên")
    sent(branch, periods[0].end, authors=[(author, 100)], title="Một sáng kiến bí mật")
    factories.branch(member_count=50)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    assert len(captured.captured_queries) <= 8
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert f"1 / {periods[0].target}" in text
    assert f"0 / {periods[1].target}" in text
    assert f"1 / {Programme.current().total_target}" in text
    assert "1 / 2" in text  # branches mobilised
    assert "Phạm Thị Duyên" not in text and "Một sáng kiến bí mật" not in text


@pytest.mark.parametrize("query", [{"branch_page": "²"}, {"branch_page": "9" * 5000}, {"branch_page": "-3"},
                                   {"leaders_quarter": "2022-Q9"}, {"leaders_quarter": "x" * 300}])
def test_odd_paging_values_show_the_first_page_not_a_500(login, district, branch_a, query):
    for url in ("/dashboard/", "/dashboard/progress.json"):
        response = login(district).get(url, query)
        assert response.status_code == 200, (url, query)
