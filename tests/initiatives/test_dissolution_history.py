"""A dissolution hands each body and branch to the body that takes over, and each of them gets a history row of
its own with the dissolution's date: a branch's page shows it, and where the branch stood is answered for the day
before and the day of."""

import datetime

import pytest

from initiatives import reorganisation
from initiatives.models import Branch, Reorganisation
from tests import factories

JULY_1 = datetime.date(2025, 7, 1)
JUNE_30 = datetime.date(2025, 6, 30)
Kind = Reorganisation.Kind


@pytest.fixture
def tree(db):
    province = factories.node(None, "Liên đoàn Lao động tỉnh Quảng Trị", place_name="Quảng Trị")
    district = factories.node(province, "Liên đoàn Lao động huyện Gio Linh")
    commune = factories.node(province, "Công đoàn xã Gio Linh")
    village = factories.node(district, "Công đoàn thị trấn Gio Linh")
    school = factories.branch("CĐCS Trường THCS Gio Linh", federation=district)
    clinic = factories.branch("CĐCS Trạm Y tế Gio Linh", federation=district)
    market = factories.branch("CĐCS Ban quản lý chợ Gio Linh", federation=village)
    other = factories.branch("CĐCS Trường Tiểu học xã Gio Linh", federation=commune)
    return {"province": province, "district": district, "commune": commune, "village": village, "school": school,
            "clinic": clinic, "market": market, "other": other,
            "tinh": factories.district_user("tinh", of_node=province),
            "school_officer": factories.officer(school, "cb_thcs")}


def dissolve(tree, day=JULY_1):
    return reorganisation.do_dissolve_node(node=tree["district"], taken_over_by=tree["commune"],
                                           acting_user=tree["tinh"], effective_on=day, reason="Giải thể LĐLĐ huyện")


def test_each_branch_and_body_handed_over_gets_its_own_dated_row(tree):
    dissolve(tree)
    rows = Reorganisation.objects.order_by("pk")
    moved = {(r.branch_id, r.from_node_id, r.to_node_id, r.effective_on, r.made_by_id)
             for r in rows.filter(kind=Kind.MOVE_BRANCH)}
    district, commune = tree["district"].pk, tree["commune"].pk
    assert moved == {(tree["school"].pk, district, commune, JULY_1, tree["tinh"].pk),
                     (tree["clinic"].pk, district, commune, JULY_1, tree["tinh"].pk)}
    body = rows.get(kind=Kind.MOVE_NODE)
    assert (body.node_id, body.from_node_id, body.to_node_id, body.effective_on) == (
        tree["village"].pk, district, commune, JULY_1)
    assert rows.filter(kind=Kind.DISSOLVE_NODE).count() == 1
    # The branch under the sub-body did not change body itself: no row of its own, nor for the commune's own.
    assert not rows.filter(branch__in=[tree["market"], tree["other"]]).exists()


def test_where_a_handed_over_branch_stood_the_day_before_and_the_day_of(tree):
    dissolve(tree)
    assert reorganisation.node_of_branch_on(tree["school"], JUNE_30) == tree["district"]
    assert reorganisation.node_of_branch_on(tree["school"], JULY_1) == tree["commune"]
    assert reorganisation.node_of_branch_on(tree["market"], JUNE_30) == tree["village"]  # its body moved with it


def test_a_dissolution_dated_today_is_recorded_and_one_dated_tomorrow_refused(tree):
    from django.utils import timezone

    today = timezone.localdate()
    with pytest.raises(reorganisation.ReorganisationError):
        dissolve(tree, today + datetime.timedelta(days=1))
    assert not Reorganisation.objects.exists()
    assert Branch.objects.get(pk=tree["school"].pk).federation_id == tree["district"].pk
    dissolve(tree, today)
    assert reorganisation.node_of_branch_on(tree["school"], today - datetime.timedelta(days=1)) == tree["district"]
    assert reorganisation.node_of_branch_on(tree["school"], today) == tree["commune"]


def test_the_branch_page_and_the_taking_over_bodys_page_show_the_branchs_row(login, tree):
    dissolve(tree)
    page = login(tree["school_officer"]).get("/dashboard/")
    section = page.content.decode()
    section = section[section.index('id="branch-reorganisations"'):]
    section = section[:section.index("</section>")]
    assert "01/07/2025" in section and "Liên đoàn Lao động huyện Gio Linh" in section
    assert "Công đoàn xã Gio Linh" in section and "Giải thể LĐLĐ huyện" in section
    assert [r.kind for r in page.context["branch_history"]] == [Kind.MOVE_BRANCH]
    history = login(tree["tinh"]).get(f"/dashboard/?federation={tree['commune'].pk}").context["history"]
    assert {r.branch_id for r in history if r.kind == Kind.MOVE_BRANCH} == {tree["school"].pk, tree["clinic"].pk}


def test_a_branch_with_no_reorganisation_shows_no_history_section(login, tree):
    page = login(factories.officer(tree["other"], "cb_th")).get("/dashboard/")
    assert 'id="branch-reorganisations"' not in page.content.decode()
