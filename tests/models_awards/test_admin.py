"""The awards admin is scoped like the initiatives': an officer reaches only their branches' rows."""

import pytest

from models_awards.models import Award, Criterion, Nomination, NominationStatus, Subject

from . import helpers

S = NominationStatus


@pytest.fixture
def rows(branch_a, branch_b, member_a, member_b):
    return {
        "a": helpers.nomination(branch_a, member=member_a, status=S.PROPOSED),
        "b": helpers.nomination(branch_b, member=member_b, status=S.PROPOSED),
        "award_a": helpers.award(branch_a, member=member_a, funded_by_branch=True),
        "award_b": helpers.award(branch_b, member=member_b, funded_by_branch=True),
        "district_award_a": helpers.award(branch_a, member=member_a),
    }


def test_officer_changelists_hold_only_their_branch(rows, officer_a, login):
    client = login(officer_a)
    nominations = client.get("/admin/models_awards/nomination/")
    assert nominations.status_code == 200
    assert {n.pk for n in nominations.context["cl"].result_list} == {rows["a"].pk}
    awards = client.get("/admin/models_awards/award/")
    assert {a.pk for a in awards.context["cl"].result_list} == {rows["award_a"].pk, rows["district_award_a"].pk}


def test_officer_cannot_open_another_branchs_rows(rows, officer_a, login):
    client = login(officer_a)
    for path in (f"/admin/models_awards/nomination/{rows['b'].pk}/change/",
                 f"/admin/models_awards/award/{rows['award_b'].pk}/change/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url == "/admin/", path


def test_officer_add_form_offers_only_their_members(officer_a, member_a, member_b, branch_a, branch_b, login):
    client = login(officer_a)
    form = client.get("/admin/models_awards/nomination/add/").context["adminform"].form
    assert set(form.fields["member"].queryset) == {member_a}
    assert set(form.fields["branch"].queryset) == {branch_a}
    response = client.post("/admin/models_awards/nomination/add/", {
        "year": "2022", "subject": Subject.INDIVIDUAL, "member": member_b.pk, "movement": "good_creative_work",
        "achievements": "Thành tích.",
        "criteria_met-TOTAL_FORMS": "0", "criteria_met-INITIAL_FORMS": "0",
        "moves-TOTAL_FORMS": "0", "moves-INITIAL_FORMS": "0",
    })
    assert response.status_code == 200 and not Nomination.objects.exists()
    response = client.post("/admin/models_awards/nomination/add/", {
        "year": "2022", "subject": Subject.INDIVIDUAL, "member": member_a.pk, "movement": "good_creative_work",
        "achievements": "Thành tích.",
        "criteria_met-TOTAL_FORMS": "0", "criteria_met-INITIAL_FORMS": "0",
        "moves-TOTAL_FORMS": "0", "moves-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302
    created = Nomination.objects.get()
    assert (created.branch_id, created.status, created.created_by_id) == (branch_a.pk, S.DRAFT, officer_a.pk)


def test_admin_actions_follow_the_workflow(rows, officer_a, district, login):
    officer = login(officer_a)
    actions = dict(officer.get("/admin/models_awards/nomination/").context["action_form"].fields["action"].choices)
    assert "shortlist_selected" not in actions and "propose_selected" in actions
    login(district).post("/admin/models_awards/nomination/", {
        "action": "shortlist_selected", "_selected_action": [rows["a"].pk, rows["b"].pk],
    })
    assert set(Nomination.objects.values_list("status", flat=True)) == {S.SHORTLISTED}
    assert all(n.moves.get().actor_id == district.pk for n in Nomination.objects.all())


def test_status_is_never_edited_in_the_admin(rows, district, login):
    form = login(district).get(f"/admin/models_awards/nomination/{rows['a'].pk}/change/").context["adminform"].form
    assert "status" not in form.fields and "decline_reason" not in form.fields


def test_officer_cannot_change_the_districts_award(rows, officer_a, login):
    client = login(officer_a)
    path = f"/admin/models_awards/award/{rows['district_award_a'].pk}/change/"
    assert client.get(path).status_code == 200  # read-only view
    response = client.post(path, {"citation": "Đã sửa"})
    assert response.status_code == 403
    assert Award.objects.get(pk=rows["district_award_a"].pk).citation != "Đã sửa"


def test_criteria_are_the_districts_to_edit(officer_a, district, login):
    assert login(officer_a).get("/admin/models_awards/criterion/add/").status_code == 403
    client = login(district)
    response = client.post("/admin/models_awards/criterion/add/", {
        "subject": "collective", "branch_kind": "health", "text": "Không để xảy ra sự cố y khoa.", "order": "9",
        "is_active": "on",
    })
    assert response.status_code == 302
    assert Criterion.objects.filter(text="Không để xảy ra sự cố y khoa.", branch_kind="health").exists()


def test_the_scoring_sheet_is_not_in_an_officers_admin(officer_a, login):
    client = login(officer_a)
    assert client.get("/admin/models_awards/candidate/").status_code == 403
    assert client.get("/admin/models_awards/creativelabourthreshold/").status_code == 403


def test_long_rosters_are_picked_through_a_scoped_search_box(officer_a, member_a, member_b, branch_a, login,
                                                              settings):
    from tests import factories

    settings.LONG_LIST = 2  # a province's thousands, scaled down
    for number in range(3):
        factories.member(branch_a, f"Trần Thị Dài {number}")
    client = login(officer_a)
    page = client.get("/admin/models_awards/nomination/add/").content.decode()
    assert 'data-field-name="member"' in page and "admin-autocomplete" in page
    assert "Trần Thị Dài 0" not in page  # no select of the whole roster
    found = client.get("/admin/autocomplete/", {"app_label": "models_awards", "model_name": "nomination",
                                                "field_name": "member", "term": "Dai"}).json()
    names = {row["text"] for row in found["results"]}
    assert {"Trần Thị Dài 0", "Trần Thị Dài 1", "Trần Thị Dài 2"} <= names
    found = client.get("/admin/autocomplete/", {"app_label": "models_awards", "model_name": "nomination",
                                                "field_name": "member", "term": member_b.full_name}).json()
    assert found["results"] == []  # another branch's member is not offered


def test_an_officers_branch_filter_names_only_their_branches(branch_a, branch_b, login):
    from tests import factories

    third = factories.branch("CĐCS Thứ ba")
    officer = factories.officer(branch_a)
    branch_b.officers.add(officer)  # an officer of two branches gets the filter
    page = login(officer).get("/admin/models_awards/nomination/").content.decode()
    assert branch_a.name in page and branch_b.name in page and third.name not in page


def test_the_admin_applies_the_site_forms_recipient_rules(district, branch_a, branch_b, member_a, login):
    from tests import factories

    theirs = factories.initiative(branch_b, status="sent_to_province", title="Sáng kiến của CĐCS B")
    response = login(district).post("/admin/models_awards/nomination/add/", {
        "year": "2022", "subject": Subject.COLLECTIVE, "branch": branch_a.pk, "movement": "good_creative_work",
        "achievements": "Thành tích.", "initiatives": [theirs.pk],
        "criteria_met-TOTAL_FORMS": "0", "criteria_met-INITIAL_FORMS": "0",
        "moves-TOTAL_FORMS": "0", "moves-INITIAL_FORMS": "0",
    })
    assert response.status_code == 200 and not Nomination.objects.exists()
    assert f"“Sáng kiến của CĐCS B” không phải là sáng kiến của {branch_a.name}" in response.content.decode()


def test_the_admin_refuses_a_criterion_of_the_other_subject_or_without_evidence(district, branch_a, login):
    individual_only = helpers.criterion(Subject.INDIVIDUAL)
    collective = helpers.criterion(Subject.COLLECTIVE)
    base = {
        "year": "2022", "subject": Subject.COLLECTIVE, "branch": branch_a.pk, "movement": "good_creative_work",
        "achievements": "Thành tích.", "criteria_met-TOTAL_FORMS": "1", "criteria_met-INITIAL_FORMS": "0",
        "moves-TOTAL_FORMS": "0", "moves-INITIAL_FORMS": "0",
    }
    client = login(district)
    wrong = client.post("/admin/models_awards/nomination/add/",
                        {**base, "criteria_met-0-criterion": individual_only.pk, "criteria_met-0-evidence": "Có."})
    empty = client.post("/admin/models_awards/nomination/add/",
                        {**base, "criteria_met-0-criterion": collective.pk, "criteria_met-0-evidence": "  "})
    assert wrong.status_code == empty.status_code == 200 and not Nomination.objects.exists()
    right = client.post("/admin/models_awards/nomination/add/",
                        {**base, "criteria_met-0-criterion": collective.pk, "criteria_met-0-evidence": "Có."})
    assert right.status_code == 302 and Nomination.objects.get().criteria_met.count() == 1
