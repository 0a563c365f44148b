"""The report pages let a viewer choose the programme when more than one covers their body (the commune's own and
the province's); by default, as before, their body's latest open programme (programmes.for_viewer). The list,
the summary, the programme workbook and the branches' periodic reports follow the choice."""

import datetime
import re

import pytest

from initiatives.models import Programme, ProgrammePeriod, Status
from tests import factories
from tests.initiatives.reports_support import workbook_from


def _programme(node, name, start, end, rounds):
    programme = Programme.objects.create(
        name=name, window_start=start, window_end=end, research_applied_from=start,
        total_target=sum(r[2] for r in rounds),
        participation_target_rate="0.100", is_current=True, federation=node)
    for number, (first, last, target) in enumerate(rounds, start=1):
        ProgrammePeriod.objects.create(programme=programme, number=number, start=first, end=last, target=target)
    return programme


@pytest.fixture
def tree(db):
    province = factories.node(None, "Liên đoàn Lao động tỉnh Quảng Trị", place_name="Quảng Trị")
    commune = factories.node(province, "Công đoàn xã Cửa Tùng")
    d = datetime.date
    provincial = _programme(province, "Phong trào tỉnh 2026", d(2026, 1, 1), d(2026, 12, 31),
                            [(d(2026, 1, 1), d(2026, 6, 30), 25), (d(2026, 7, 1), d(2026, 12, 31), 35)])
    own = _programme(commune, "Phong trào xã Cửa Tùng", d(2025, 7, 1), d(2026, 12, 31),
                     [(d(2025, 7, 1), d(2026, 12, 31), 8)])
    school = factories.branch("CĐCS Trường Mầm non Cửa Tùng", federation=commune)
    for programme, title in ((provincial, "Sáng kiến của tỉnh"), (own, "Sáng kiến của xã")):
        record = factories.initiative(school, status=Status.SUBMITTED, title=title,
                                      application_date=d(2026, 2, 1), recognition_date=d(2026, 3, 1))
        type(record).objects.filter(pk=record.pk).update(programme=programme)
    return {"province": province, "commune": commune, "provincial": provincial, "own": own, "school": school,
            "tinh": factories.district_user("tinh", of_node=province),
            "xa": factories.district_user("xa", of_node=commune),
            "officer": factories.officer(school, "cb_mamnon")}


def titles(response):
    cells = [str(c.value) for row in workbook_from(response).worksheets[0].iter_rows() for c in row if c.value]
    return {cell for cell in cells if cell.startswith("Sáng kiến của")}


def test_a_commune_officer_chooses_between_the_two_programmes_and_defaults_to_the_latest(login, tree):
    client = login(tree["xa"])
    page = client.get("/reports/")
    html = page.content.decode()
    assert page.context["programme"] == tree["provincial"]
    select = html[html.index('id="id_programme_choice"'):]
    select = select[:select.index("</select>")]
    assert "Phong trào tỉnh 2026" in select and "Phong trào xã Cửa Tùng" in select
    assert f'name="programme" value="{tree["provincial"].pk}"' in html  # each card carries it
    assert titles(client.get("/reports/initiatives.xlsx")) == {"Sáng kiến của tỉnh"}


def test_the_chosen_programme_heads_the_cards_and_fills_the_workbooks(login, tree):
    client = login(tree["xa"])
    own = tree["own"]
    page = client.get(f"/reports/?programme={own.pk}")
    html = page.content.decode()
    assert f'name="programme" value="{own.pk}"' in html
    period = own.periods.get()
    offered = {int(v) for block in re.findall(r'<select name="period".*?</select>', html, re.S)
               for v in re.findall(r'<option value="(\d+)"', block)}
    assert offered == {period.pk}  # the commune's single round, not the province's

    assert titles(client.get(f"/reports/initiatives.xlsx?programme={own.pk}")) == {"Sáng kiến của xã"}
    book = workbook_from(client.get(f"/reports/programme.xlsx?programme={own.pk}"))
    cells = [str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value]
    assert "Phong trào xã Cửa Tùng" in cells and "Phong trào tỉnh 2026" not in cells
    # A branch officer under the commune may choose too.
    assert titles(login(tree["officer"]).get(f"/reports/initiatives.xlsx?programme={own.pk}")) == {
        "Sáng kiến của xã"}


def test_a_programme_not_covering_the_viewer_or_a_period_of_another_programme_is_refused(login, tree):
    client = login(tree["xa"])
    vinh_linh = Programme.current()
    for query in (f"programme={vinh_linh.pk}", "programme=abc", "programme=99999"):
        assert client.get(f"/reports/initiatives.xlsx?{query}").status_code == 404
        assert client.get(f"/reports/?{query}").status_code == 404
    other_period = tree["provincial"].periods.first()
    response = client.get(f"/reports/summary.xlsx?programme={tree['own'].pk}&period={other_period.pk}")
    assert response.status_code == 400
    # The province's officer: the commune's programme does not cover the province.
    assert login(tree["tinh"]).get(f"/reports/initiatives.xlsx?programme={tree['own'].pk}").status_code == 404


def test_one_programme_covering_the_body_offers_no_choice(login, tree, district):
    page = login(tree["tinh"]).get("/reports/")
    assert 'id="id_programme_choice"' not in page.content.decode()
    assert page.context["programme"] == tree["provincial"]
    page = login(district).get("/reports/")  # Vĩnh Linh: its plan, as before
    assert 'id="id_programme_choice"' not in page.content.decode()
    assert page.context["programme"] == Programme.current()


def test_the_branches_periodic_reports_follow_the_chosen_programme(login, tree):
    client = login(tree["xa"])
    page = client.get("/reports/branch/")
    assert [p.programme_id for p in page.context["periods"]] == [tree["provincial"].pk] * 2
    page = client.get(f"/reports/branch/?programme={tree['own'].pk}")
    period = tree["own"].periods.get()
    assert page.context["periods"] == [period] and page.context["period"] == period
    assert client.get(f"/reports/branch/{tree['school'].pk}/{period.pk}/").status_code == 200
    assert client.get(f"/reports/branch/{tree['school'].pk}/{Programme.current().periods.first().pk}/"
                      ).status_code == 404


def test_the_command_writes_the_chosen_programmes_report(tree, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from openpyxl import load_workbook

    out = tmp_path / "xa.xlsx"
    call_command("export_report", "initiatives", out=str(out), user="xa", programme=tree["own"].pk, period=1)
    cells = {str(c.value) for row in load_workbook(out).worksheets[0].iter_rows() for c in row if c.value}
    assert "Phong trào xã Cửa Tùng" in cells and "Phong trào tỉnh 2026" not in cells
    with pytest.raises(CommandError):
        call_command("export_report", "initiatives", out=str(out), user="tinh", programme=tree["own"].pk)
