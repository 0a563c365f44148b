"""Money and dates typed the way people here write them, in the initiative form, its live panel, the awards form
and the admin: "15.000.000" is fifteen million, never 15 ₫; what cannot be read for certain is said beside the box
and nothing typed is lost."""

import datetime
import re

import pytest

from initiatives.models import Initiative
from tests.initiatives.helpers import form_data


@pytest.fixture
def member_client(login, member_a):
    return login(member_a.user)


@pytest.mark.parametrize("typed", ["15.000.000", "15 000 000", "15000000", "15.000.000 ₫"])
def test_the_economic_benefit_is_saved_in_whole_dong_however_it_is_grouped(member_client, member_a, branch_a, typed):
    member_client.post("/initiatives/new/", form_data(branch_a, [(member_a, 100)], economic_benefit_vnd=typed))
    assert Initiative.objects.get().economic_benefit_vnd == 15_000_000


def test_the_form_shows_a_saved_amount_grouped_with_dots(member_client, member_a, branch_a):
    member_client.post("/initiatives/new/", form_data(branch_a, [(member_a, 100)], economic_benefit_vnd="80000000"))
    page = member_client.get(f"/initiatives/{Initiative.objects.get().pk}/edit/").content.decode()
    box = re.search(r'<input[^>]*name="economic_benefit_vnd"[^>]*>', page).group(0)
    assert 'value="80.000.000"' in box and 'type="text"' in box and 'inputmode="numeric"' in box
    assert "data-money" in box


@pytest.mark.parametrize("typed", ["15.5", "1,5"])
def test_an_ambiguous_amount_is_refused_beside_the_field_and_nothing_typed_is_lost(
    member_client, member_a, branch_a, typed
):
    data = form_data(branch_a, [(member_a, 100)], economic_benefit_vnd=typed)
    response = member_client.post("/initiatives/new/", data)
    assert response.status_code == 200 and not Initiative.objects.exists()
    page = response.content.decode()
    assert f"không thể lưu “{typed}”" in page
    assert f'value="{typed}"' in page and data["solution"] in page


@pytest.mark.parametrize("typed", ["15.09.2021", "15/09/21", "15-09-2021", "15/9/2021"])
def test_dates_typed_the_usual_ways_are_saved(member_client, member_a, branch_a, typed):
    data = form_data(branch_a, [(member_a, 100)], application_date=typed, recognition_date="01.10.2021")
    member_client.post("/initiatives/new/", data)
    initiative = Initiative.objects.get()
    assert initiative.application_date == datetime.date(2021, 9, 15)
    assert initiative.recognition_date == datetime.date(2021, 10, 1)


def test_a_date_not_understood_says_how_to_write_it(member_client, member_a, branch_a):
    response = member_client.post(
        "/initiatives/new/", form_data(branch_a, [(member_a, 100)], application_date="15 tháng 9")
    )
    assert "Không hiểu ngày “15 tháng 9”: hãy viết theo dạng dd/mm/yyyy" in response.content.decode()
    assert not Initiative.objects.exists()


def test_the_live_panel_reads_amounts_and_dates_the_same_way(member_client, member_a, branch_a):
    data = form_data(branch_a, [(member_a, 100)], application_date="15.09.2021", recognition_date="01/10/21",
                     economic_benefit_vnd="15.000.000", social_benefit="")
    result = member_client.post("/initiatives/check/", data).json()
    assert result == {"eligible": True, "problems": [], "field_errors": {}}
    # An amount that cannot be read is no benefit for the panel, and the box says why.
    data.update(economic_benefit_vnd="15.5", application_date="15 tháng 9")
    result = member_client.post("/initiatives/check/", data).json()
    assert {p["code"] for p in result["problems"]} >= {"no_benefit"}
    assert "không thể lưu “15.5”" in result["field_errors"]["economic_benefit_vnd"][0]
    assert result["field_errors"]["application_date"] == [
        "Không hiểu ngày “15 tháng 9”: hãy viết theo dạng dd/mm/yyyy, ví dụ 15/09/2021."]


def test_the_admin_reads_the_economic_benefit_the_same_way(login, officer_a, member_a, branch_a):
    from tests import factories

    initiative = factories.initiative(branch_a, authors=[(member_a, 100)])
    client = login(officer_a)
    page = client.get(f"/admin/initiatives/initiative/{initiative.pk}/change/").content.decode()
    assert 'name="economic_benefit_vnd"' in page and 'value="5.000.000"' in page
    assert "js/money-input.js" in page
