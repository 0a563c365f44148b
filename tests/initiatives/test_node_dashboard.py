"""Every level sees its own: /dashboard/progress.json?federation=<id>&programme=<id> rolls a body's figures up over
its subtree, with each child as a row, and keeps every key of DESIGN section 12."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives import reorganisation
from initiatives.models import Status
from tests import factories, trees

KEYS = {"periods", "programme", "participation", "branches", "by_status", "by_category", "by_branch", "by_quarter"}


@pytest.fixture
def province(db):
    """The shared province tree with the school (2 sent), the factory (3) and the office (1), all sent on 1/4/2026."""
    tree = trees.province_tree(("school", "factory", "office"))
    for branch, count in (("school", 2), ("factory", 3), ("office", 1)):
        for _n in range(count):
            trees.sent(tree[branch], tree["programme"], datetime.date(2026, 4, 1))
    return tree


def test_the_province_sees_each_child_as_a_row_summed_over_its_subtree(login, province):
    client = login(province["tinh"])
    data = client.get(f"/dashboard/progress.json?federation={province['province'].pk}"
                      f"&programme={province['programme'].pk}").json()
    assert KEYS <= set(data)
    assert data["federation"]["id"] == province["province"].pk
    assert data["programme"]["sent"] == 6 and data["programme"]["target"] == 120
    rows = {row["name"]: row for row in data["children"]}
    assert rows["Công đoàn xã Vĩnh Hoàng"]["sent"] == 2 and rows["Công đoàn xã Vĩnh Hoàng"]["kind"] == "federation"
    assert rows["Công đoàn Khu công nghiệp Quán Ngang"]["sent"] == 3
    assert rows["CĐCS Văn phòng LĐLĐ tỉnh"] == {**rows["CĐCS Văn phòng LĐLĐ tỉnh"], "kind": "branch", "sent": 1}
    assert sum(row["sent"] for row in data["children"]) == data["programme"]["sent"]


def test_without_parameters_a_body_officer_sees_their_own_body_and_its_latest_open_programme(login, province):
    data = login(province["xa"]).get("/dashboard/progress.json").json()
    assert data["federation"]["id"] == province["commune"].pk
    assert data["federation"]["programme"]["id"] == province["programme"].pk
    assert [b["name"] for b in data["federation"]["breadcrumbs"]] == [
        "Liên đoàn Lao động tỉnh Quảng Trị", "Công đoàn xã Vĩnh Hoàng"]
    assert data["programme"]["sent"] == 2
    assert [row["name"] for row in data["children"]] == ["CĐCS Trường Tiểu học Vĩnh Hoàng"]


def test_drill_down_to_a_child_and_not_above_or_beside(login, province):
    client = login(province["xa"])
    assert client.get(f"/dashboard/progress.json?federation={province['province'].pk}").status_code == 404
    assert client.get(f"/dashboard/progress.json?federation={province['zone'].pk}").status_code == 404
    assert client.get("/dashboard/progress.json?federation=abc").status_code == 404
    tinh = login(province["tinh"])
    data = tinh.get(f"/dashboard/progress.json?federation={province['zone'].pk}").json()
    assert data["programme"]["sent"] == 3 and data["federation"]["name"] == "Công đoàn Khu công nghiệp Quán Ngang"


def test_a_merged_branch_counts_for_the_surviving_branch_from_the_merger_date(login, province):
    other = factories.branch("CĐCS Trạm Y tế Vĩnh Hoàng", federation=province["commune"])
    record = factories.initiative(other, status=Status.SENT_TO_PROVINCE)
    type(record).objects.filter(pk=record.pk).update(programme=province["programme"],
                                                     sent_to_province_date=datetime.date(2026, 4, 2))
    reorganisation.do_merge_branches(branch=other, into=province["school"], acting_user=province["tinh"],
                                     effective_on=datetime.date(2026, 5, 1), reason="Sáp nhập")
    data = login(province["xa"]).get("/dashboard/progress.json").json()
    assert [(row["name"], row["sent"]) for row in data["children"]] == [("CĐCS Trường Tiểu học Vĩnh Hoàng", 3)]


def test_the_vinh_linh_json_keeps_its_figures_and_names_its_body(login, district, branch_a):
    data = login(district).get("/dashboard/progress.json").json()
    assert data["programme"]["target"] == 400 and data["scope"]["whole_district"] is True
    assert data["federation"]["name"] == "Liên đoàn Lao động huyện Vĩnh Linh"
    assert [row["name"] for row in data["children"]] == [branch_a.name]


def test_the_dashboard_page_shows_the_body_its_way_up_its_children_and_its_history(login, province):
    reorganisation.do_move_branch(branch=province["office"], to_node=province["zone"], acting_user=province["tinh"],
                                  effective_on=datetime.date(2025, 7, 1), reason="Về công đoàn khu kinh tế")
    page = login(province["tinh"]).get(f"/dashboard/?federation={province['province'].pk}").content.decode()
    assert "Công đoàn xã Vĩnh Hoàng" in page and f"?federation={province['zone'].pk}&amp;programme=" in page
    assert "01/07/2025" in page and "Về công đoàn khu kinh tế" in page
    commune_page = login(province["xa"]).get("/dashboard/").content.decode()
    assert "Liên đoàn Lao động tỉnh Quảng Trị" in commune_page  # the way up, as a name
    assert f'href="?federation={province["province"].pk}"' not in commune_page  # but not a link above their body


def test_a_body_officers_export_is_headed_by_that_body_under_its_parent_and_signed_by_its_chair(login, province):
    from tests.initiatives.reports_support import workbook_from

    commune = province["commune"]
    type(commune).objects.filter(pk=commune.pk).update(place_name="Vĩnh Hoàng", chair_name="Hồ Văn Chủ")
    book = workbook_from(login(province["xa"]).get("/reports/summary.xlsx"))
    cells = [str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value is not None]
    assert "LIÊN ĐOÀN LAO ĐỘNG TỈNH QUẢNG TRỊ" in cells and "CÔNG ĐOÀN XÃ VĨNH HOÀNG" in cells
    assert any(c.startswith("Vĩnh Hoàng, ngày") for c in cells) and "Hồ Văn Chủ" in cells


def test_the_child_rows_kept_in_the_cache_follow_a_body_moved_and_a_new_initiative_at_once(login, province):
    """The children's rows are remembered with the figures (a province has thousands of branches): a look at
    unchanged data reads them from the cache, and a move of a body or a new initiative shows on the next look."""
    client = login(province["tinh"])
    url = f"/dashboard/progress.json?federation={province['province'].pk}&programme={province['programme'].pk}"
    with CaptureQueriesContext(connection) as counted:
        first = client.get(url).json()
    with CaptureQueriesContext(connection) as cached:
        assert client.get(url).json()["children"] == first["children"]
    assert len(cached) < len(counted)
    assert not any("initiatives_tally_branch_sent" in q["sql"] for q in cached.captured_queries)

    reorganisation.do_move_node(node=province["zone"], new_parent=province["commune"], acting_user=province["tinh"],
                                effective_on=datetime.date(2026, 7, 1), reason="Sáp nhập khu công nghiệp vào xã")
    rows = {row["name"]: row for row in client.get(url).json()["children"]}
    assert "Công đoàn Khu công nghiệp Quán Ngang" not in rows
    assert rows["Công đoàn xã Vĩnh Hoàng"]["sent"] == 5

    record = factories.initiative(province["school"], status=Status.SENT_TO_PROVINCE)
    type(record).objects.filter(pk=record.pk).update(programme=province["programme"],
                                                     sent_to_province_date=datetime.date(2026, 4, 2))
    rows = {row["name"]: row for row in client.get(url).json()["children"]}
    assert rows["Công đoàn xã Vĩnh Hoàng"]["sent"] == 6
