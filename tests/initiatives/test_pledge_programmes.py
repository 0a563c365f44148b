"""A branch pledges for a programme open for it (issue 14 item 3: targets given down the tree, pledges at the
bottom): the province's for a branch under the province, the commune's or the province's (the officer chooses) for a
branch under a commune that runs its own, the Vĩnh Linh plan for the Vĩnh Linh branches as before."""

import datetime

import pytest

from initiatives import programmes
from initiatives.models import Pledge, PledgeTarget, Programme, ProgrammePeriod
from tests import factories


def _programme(node, name, start, end, rounds):
    programme = Programme.objects.create(
        name=name, window_start=start, window_end=end, research_applied_from=start, total_target=sum(rounds),
        participation_target_rate="0.100", is_current=True, federation=node)
    for number, target in enumerate(rounds, start=1):
        ProgrammePeriod.objects.create(programme=programme, number=number, start=start, end=end, target=target)
    return programme


@pytest.fixture
def today(monkeypatch):
    day = {"value": datetime.date(2026, 3, 1)}
    monkeypatch.setattr(programmes, "today", lambda: day["value"])
    return day


@pytest.fixture
def tree(db, today):
    province = factories.node(None, "Liên đoàn Lao động tỉnh Quảng Trị", place_name="Quảng Trị")
    commune = factories.node(province, "Công đoàn xã Cửa Tùng")
    province_programme = _programme(province, "Phong trào tỉnh 2026", datetime.date(2026, 1, 1),
                                    datetime.date(2026, 12, 31), [25, 35])
    commune_programme = _programme(commune, "Phong trào xã Cửa Tùng", datetime.date(2025, 7, 1),
                                   datetime.date(2026, 6, 30), [8])
    direct = factories.branch("CĐCS Văn phòng LĐLĐ tỉnh", federation=province)
    school = factories.branch("CĐCS Trường Mầm non Cửa Tùng", federation=commune)
    return {"province": province, "commune": commune, "province_programme": province_programme,
            "commune_programme": commune_programme, "direct": direct, "school": school,
            "direct_officer": factories.officer(direct, "cb_vanphong"),
            "school_officer": factories.officer(school, "cb_mamnon"),
            "tinh": factories.district_user("tinh", of_node=province),
            "xa": factories.district_user("xa", of_node=commune)}


def url(branch, programme=None):
    return f"/dashboard/pledges/{branch.pk}/" + (f"?programme={programme.pk}" if programme else "")


def data(programme, *numbers):
    return {"signed_on": "01/02/2026",
            **{f"period_{p.number}": str(n) for p, n in zip(programme.periods.all(), numbers, strict=True)}}


def test_a_branch_under_the_province_pledges_for_the_provinces_programme(login, tree):
    client = login(tree["direct_officer"])
    page = client.get(url(tree["direct"]))
    assert page.status_code == 200 and page.context["programme"] == tree["province_programme"]
    assert "Phong trào tỉnh 2026" in page.content.decode()
    response = client.post(url(tree["direct"]), data(tree["province_programme"], 3, 4))
    assert response.status_code == 302 and f"programme={tree['province_programme'].pk}" in response["Location"]
    pledge = Pledge.objects.get(branch=tree["direct"])
    assert pledge.programme == tree["province_programme"]
    assert sorted(pledge.targets.values_list("period__number", "initiatives")) == [(1, 3), (2, 4)]
    # The branch's dashboard for that programme is judged on that pledge.
    figures = client.get("/dashboard/progress.json").json()
    assert [p["target"] for p in figures["periods"]] == [3, 4]


def test_a_branch_under_a_commune_with_its_own_programme_chooses_which_it_pledges_for(login, tree):
    client = login(tree["school_officer"])
    page = client.get(url(tree["school"]))
    assert page.context["programme"] == tree["province_programme"]  # the newest open, by default
    choice = page.content.decode()
    assert '<select class="form-select" name="programme"' in choice and "Phong trào xã Cửa Tùng" in choice
    client.post(url(tree["school"], tree["commune_programme"]), data(tree["commune_programme"], 2))
    pledge = Pledge.objects.get(branch=tree["school"])
    assert pledge.programme == tree["commune_programme"]
    # The commune's list of its own programme shows the pledge; the province's does not.
    xa = login(tree["xa"])
    rows = xa.get(f"/dashboard/pledges/?programme={tree['commune_programme'].pk}").context["overview"]["rows"]
    assert [(r["branch"], r["pledge"]) for r in rows] == [(tree["school"], pledge)]
    rows = xa.get(f"/dashboard/pledges/?programme={tree['province_programme'].pk}").context["overview"]["rows"]
    assert [(r["branch"], r["pledge"]) for r in rows] == [(tree["school"], None)]


def test_a_programme_not_open_for_the_branch_is_refused_and_nothing_is_saved(login, tree):
    client = login(tree["direct_officer"])
    vinh_linh = Programme.current()
    # The commune's programme does not cover a branch directly under the province; Vĩnh Linh's covers neither.
    for programme in (tree["commune_programme"], vinh_linh):
        assert client.get(url(tree["direct"], programme)).status_code == 404
        assert client.post(url(tree["direct"], programme), data(programme, *[1] * programme.periods.count())
                           ).status_code == 404
    assert client.get(f"/dashboard/pledges/{tree['direct'].pk}/?programme=abc").status_code == 404
    assert not Pledge.objects.exists()


def test_a_programme_is_pledged_for_up_to_the_last_day_of_its_window_and_not_after(login, tree, today):
    client = login(tree["school_officer"])
    today["value"] = datetime.date(2026, 6, 30)  # the commune's last day
    assert client.get(url(tree["school"], tree["commune_programme"])).status_code == 200
    today["value"] = datetime.date(2026, 7, 1)
    assert client.get(url(tree["school"], tree["commune_programme"])).status_code == 404
    page = client.get(url(tree["school"]))
    assert page.context["programme"] == tree["province_programme"] and not page.context["programme_choices"]
    today["value"] = datetime.date(2027, 1, 1)  # nothing open for the branch any more
    assert client.get(url(tree["school"])).status_code == 404


def test_the_list_offers_the_programmes_covering_the_body_and_links_to_the_chosen_one(login, tree):
    client = login(tree["xa"])
    page = client.get("/dashboard/pledges/")
    assert page.context["programme"] == tree["province_programme"]  # as the reports: the body's latest open
    html = page.content.decode()
    assert "Phong trào xã Cửa Tùng" in html
    assert f'href="/dashboard/pledges/{tree["school"].pk}/?programme={tree["province_programme"].pk}"' in html
    assert client.get(f"/dashboard/pledges/?programme={Programme.current().pk}").status_code == 404


def test_a_closed_programmes_list_shows_its_pledges_without_an_edit_button(login, tree, today):
    pledge = Pledge.objects.create(branch=tree["school"], programme=tree["commune_programme"])
    PledgeTarget.objects.create(pledge=pledge, period=tree["commune_programme"].periods.get(), initiatives=2)
    today["value"] = datetime.date(2026, 7, 1)
    page = login(tree["xa"]).get(f"/dashboard/pledges/?programme={tree['commune_programme'].pk}")
    row = page.context["overview"]["rows"][0]
    assert row["pledge"] == pledge and not row["may_edit"]
    assert f'/dashboard/pledges/{tree["school"].pk}/?programme=' not in page.content.decode()


def test_vinh_linh_branches_keep_pledging_for_the_vinh_linh_plan_beside_a_province(login, tree, officer_a, branch_a,
                                                                                   district):
    plan = Programme.current()
    client = login(officer_a)
    assert client.get(url(branch_a)).context["programme"] == plan
    client.post(url(branch_a), {"signed_on": "15/10/2021", "period_1": "5", "period_2": "12"})
    assert Pledge.objects.get(branch=branch_a).programme == plan
    overview = login(district).get("/dashboard/pledges/").context["overview"]
    assert [t["pledged"] for t in overview["totals"]] == [5, 12]
    assert tree["direct"] not in [r["branch"] for r in overview["rows"]]


def test_the_admin_refuses_a_pledge_for_a_programme_not_open_for_the_branch(login, tree):
    from initiatives.admin.pledge import PledgeAdminForm

    form = PledgeAdminForm(data={"branch": tree["direct"].pk, "programme": tree["commune_programme"].pk})
    assert not form.is_valid() and "programme" in form.errors
    form = PledgeAdminForm(data={"branch": tree["direct"].pk, "programme": tree["province_programme"].pk})
    assert form.is_valid(), form.errors
