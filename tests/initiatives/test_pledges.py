"""Emulation pledges: the officer records their branch's, the district sees every branch's, adjusts and accepts
them; the scanned pledge is checked and served only to those who may see the branch."""
import pytest
from django import forms

from initiatives.models import Pledge, PledgeTarget, Programme, Status
from portal_security.models import AuditEvent
from tests import factories
from tests.initiatives.helpers import PDF_BYTES, pdf


@pytest.fixture
def periods(db):
    return list(Programme.current().periods.all())


def pledge_data(periods, *numbers, **extra):
    data = {"signed_on": "2021-10-15"}
    for period, number in zip(periods, numbers, strict=True):
        data[f"period_{period.number}"] = str(number)
    data.update(extra)
    return data


def targets_of(branch):
    return dict(PledgeTarget.objects.filter(pledge__branch=branch).values_list("period__number", "initiatives"))


def test_officer_records_their_branch_pledge(login, officer_a, branch_a, periods):
    client = login(officer_a)
    assert client.get(f"/dashboard/pledges/{branch_a.pk}/").status_code == 200
    response = client.post(f"/dashboard/pledges/{branch_a.pk}/",
                           {**pledge_data(periods, 5, 12), "document": pdf("giao-uoc.pdf")})
    assert response.status_code == 302
    pledge = Pledge.objects.get(branch=branch_a)
    assert pledge.programme == Programme.current()
    assert pledge.signed_on.isoformat() == "2021-10-15"
    assert pledge.updated_by == officer_a
    assert not pledge.accepted_by_district
    assert targets_of(branch_a) == {1: 5, 2: 12}
    assert "giao-uoc" not in pledge.document.name  # stored under a random name
    download = client.get(f"/dashboard/pledges/{branch_a.pk}/document/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Cache-Control"] == "private, no-store"  # a signed document: never in a shared cache


def test_officer_cannot_reach_another_branchs_pledge(login, officer_a, branch_b, periods):
    Pledge.objects.create(branch=branch_b, programme=Programme.current(), document=pdf())
    client = login(officer_a)
    assert client.get(f"/dashboard/pledges/{branch_b.pk}/").status_code == 404
    assert client.post(f"/dashboard/pledges/{branch_b.pk}/", pledge_data(periods, 1, 1)).status_code == 404
    assert client.get(f"/dashboard/pledges/{branch_b.pk}/document/").status_code == 404
    assert client.post(f"/dashboard/pledges/{branch_b.pk}/accept/").status_code == 404
    assert targets_of(branch_b) == {}
    assert branch_b.name not in client.get("/dashboard/pledges/").content.decode()


def test_a_member_cannot_record_a_pledge(login, member_a, branch_a, periods):
    client = login(member_a.user)
    assert client.get(f"/dashboard/pledges/{branch_a.pk}/").status_code == 403
    assert client.post(f"/dashboard/pledges/{branch_a.pk}/", pledge_data(periods, 1, 1)).status_code == 403
    assert not Pledge.objects.exists()


def test_a_file_that_is_not_what_it_says_is_refused_and_the_numbers_kept(login, officer_a, branch_a, periods):
    client = login(officer_a)
    fake = pdf("giao-uoc.pdf", content=b"MZ\x90\x00 not a pdf")
    response = client.post(f"/dashboard/pledges/{branch_a.pk}/", {**pledge_data(periods, 7, 9), "document": fake})
    assert response.status_code == 200
    assert response.context["form"].errors["document"]
    page = response.content.decode()
    assert 'value="7"' in page and 'value="9"' in page
    assert not Pledge.objects.exists()


def test_a_good_file_is_kept_when_another_field_is_wrong(login, officer_a, branch_a, periods):
    client = login(officer_a)
    response = client.post(f"/dashboard/pledges/{branch_a.pk}/",
                           {**pledge_data(periods, -1, 9), "document": pdf()})
    assert response.status_code == 200
    assert response.context["form"].errors[f"period_{periods[0].number}"]
    # A refused form changes nothing on file; the scan waits on the page, no need to choose it again.
    assert not Pledge.objects.filter(branch=branch_a).exclude(document="").exists()
    token = response.context["kept_token"]
    assert token and f'value="{token}"' in response.content.decode()
    response = client.post(f"/dashboard/pledges/{branch_a.pk}/", {**pledge_data(periods, 4, 9), "kept_document": token})
    assert response.status_code == 302
    assert Pledge.objects.get(branch=branch_a).document.read().startswith(b"%PDF")


def test_a_kept_file_token_of_another_branch_is_ignored(login, officer_a, officer_b, branch_a, branch_b, periods):
    response = login(officer_b).post(f"/dashboard/pledges/{branch_b.pk}/",
                                     {**pledge_data(periods, -1, 9), "document": pdf()})
    token = response.context["kept_token"]
    login(officer_a).post(f"/dashboard/pledges/{branch_a.pk}/", {**pledge_data(periods, 4, 9), "kept_document": token})
    assert not Pledge.objects.get(branch=branch_a).document


def test_district_sees_every_branch_adjusts_and_accepts(login, district, officer_a, branch_a, branch_b, periods):
    login(officer_a).post(f"/dashboard/pledges/{branch_a.pk}/", pledge_data(periods, 5, 12))
    client = login(district)
    page = client.get("/dashboard/pledges/").content.decode()
    assert branch_a.name in page and branch_b.name in page
    overview = client.get("/dashboard/pledges/").context["overview"]
    assert [t["pledged"] for t in overview["totals"]] == [5, 12]
    assert [t["target"] for t in overview["totals"]] == [p.target for p in periods]
    # The district adjusts the numbers and accepts them in one go.
    response = client.post(f"/dashboard/pledges/{branch_a.pk}/",
                           pledge_data(periods, 6, 15, accepted_by_district="on"))
    assert response.status_code == 302
    pledge = Pledge.objects.get(branch=branch_a)
    assert pledge.accepted_by_district and targets_of(branch_a) == {1: 6, 2: 15}
    # The district may also set a pledge for a branch that has none.
    client.post(f"/dashboard/pledges/{branch_b.pk}/", pledge_data(periods, 2, 3))
    assert targets_of(branch_b) == {1: 2, 2: 3}


def test_accept_button_is_for_the_district_only(login, district, officer_a, branch_a, periods):
    login(officer_a).post(f"/dashboard/pledges/{branch_a.pk}/", pledge_data(periods, 5, 12))
    assert login(officer_a).post(f"/dashboard/pledges/{branch_a.pk}/accept/").status_code == 403
    assert not Pledge.objects.get(branch=branch_a).accepted_by_district
    assert login(district).post(f"/dashboard/pledges/{branch_a.pk}/accept/").status_code == 302
    assert Pledge.objects.get(branch=branch_a).accepted_by_district


def test_an_officer_changing_accepted_numbers_asks_the_district_again(login, district, officer_a, branch_a, periods):
    login(officer_a).post(f"/dashboard/pledges/{branch_a.pk}/", pledge_data(periods, 5, 12))
    login(district).post(f"/dashboard/pledges/{branch_a.pk}/accept/")
    client = login(officer_a)
    client.post(f"/dashboard/pledges/{branch_a.pk}/", pledge_data(periods, 5, 12, signed_on="01/11/2021"))
    assert Pledge.objects.get(branch=branch_a).accepted_by_district  # same numbers: still accepted
    assert Pledge.objects.get(branch=branch_a).signed_on.isoformat() == "2021-11-01"  # typed as dd/mm/yyyy
    client.post(f"/dashboard/pledges/{branch_a.pk}/", pledge_data(periods, 4, 12))
    assert not Pledge.objects.get(branch=branch_a).accepted_by_district
    # And an officer cannot accept their own numbers by posting the field.
    client.post(f"/dashboard/pledges/{branch_a.pk}/", pledge_data(periods, 4, 12, accepted_by_district="on"))
    assert not Pledge.objects.get(branch=branch_a).accepted_by_district


def test_the_pledge_shows_on_the_branch_dashboard(login, officer_a, branch_a, periods):
    client = login(officer_a)
    client.post(f"/dashboard/pledges/{branch_a.pk}/", pledge_data(periods, 4, 10))
    factories.initiative(branch_a, status=Status.SENT_TO_PROVINCE, sent_to_province_date=periods[0].end)
    data = client.get("/dashboard/progress.json").json()
    assert [p["target"] for p in data["periods"]] == [4, 10]
    assert data["periods"][0]["share"] == pytest.approx(0.25)
    overview = client.get("/dashboard/pledges/").context["overview"]
    assert [cell["sent"] for cell in overview["rows"][0]["periods"]] == [1, 0]


def test_a_date_signed_in_the_future_is_refused(login, officer_a, branch_a, periods):
    response = login(officer_a).post(f"/dashboard/pledges/{branch_a.pk}/",
                                     pledge_data(periods, 1, 1, signed_on="2999-01-01"))
    assert response.status_code == 200 and response.context["form"].errors["signed_on"]


def test_admin_scopes_pledges_to_the_officers_branches(login, officer_a, district, branch_a, branch_b):
    programme = Programme.current()
    Pledge.objects.create(branch=branch_a, programme=programme)
    theirs = Pledge.objects.create(branch=branch_b, programme=programme)
    client = login(officer_a)
    listing = client.get("/admin/initiatives/pledge/")
    assert listing.status_code == 200
    assert list(listing.context["cl"].queryset.values_list("branch_id", flat=True)) == [branch_a.pk]
    assert client.get(f"/admin/initiatives/pledge/{theirs.pk}/change/").status_code in (302, 404)
    listing = login(district).get("/admin/initiatives/pledge/")
    assert set(listing.context["cl"].queryset.values_list("branch_id", flat=True)) == {branch_a.pk, branch_b.pk}


def _admin_post_data(response):
    """What the admin's change page would post back unchanged: the form's and every inline's current values."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form[name].value()
        if value is not None and not field.disabled and not isinstance(field, forms.FileField):
            data[name] = "on" if value is True else ("" if value is False else value)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
        for f in formset.forms:
            for name in f.fields:
                value = f[name].value()
                if value not in (None, False):
                    data[f"{f.prefix}-{name}"] = value
    return data


def test_an_officers_change_in_the_admin_asks_the_district_again(login, officer_a, branch_a, periods):
    pledge = Pledge.objects.create(branch=branch_a, programme=Programme.current(), accepted_by_district=True)
    target = PledgeTarget.objects.create(pledge=pledge, period=periods[0], initiatives=3)
    client = login(officer_a)
    url = f"/admin/initiatives/pledge/{pledge.pk}/change/"
    data = _admin_post_data(client.get(url))
    key = next(k for k, v in data.items() if k.endswith("-id") and str(v) == str(target.pk))
    data[key.replace("-id", "-initiatives")] = "7"
    assert client.post(url, data).status_code == 302
    pledge.refresh_from_db()
    assert pledge.targets.get().initiatives == 7 and not pledge.accepted_by_district
    [event] = AuditEvent.objects.filter(target_type="initiatives.pledge", target_id=pledge.pk)
    assert (event.action, event.actor, event.details["accepted"]) == ("pledge.save", officer_a, False)
