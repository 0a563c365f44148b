"""The nomination pages: an officer nominates for their own branch only; the district moves nominations on;
other branches' officers and members reach nothing; query counts stay flat."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Status
from models_awards.models import Criterion, Nomination, NominationMove, NominationStatus, Subject
from portal_security.models import AuditEvent
from tests import factories

from . import helpers

S = NominationStatus


def criteria_data(*criteria, evidence="Quyết định số 12/QĐ-THPT."):
    data = {}
    for criterion in criteria:
        data[f"criteria-met_{criterion.pk}"] = "on"
        data[f"criteria-evidence_{criterion.pk}"] = evidence
    return data


@pytest.fixture
def education_criteria(db):
    return {
        Subject.INDIVIDUAL: Criterion.objects.filter(subject=Subject.INDIVIDUAL, branch_kind="").first(),
        Subject.COLLECTIVE: Criterion.objects.filter(subject=Subject.COLLECTIVE, branch_kind="education").first(),
        "health": Criterion.objects.filter(subject=Subject.COLLECTIVE, branch_kind="health").first(),
    }


def test_an_officer_nominates_a_member_and_a_collective_of_their_branch(
    officer_a, member_a, branch_a, login, education_criteria
):
    client = login(officer_a)
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], status=Status.BRANCH_APPROVED)
    assert client.get("/awards/nominations/new/").status_code == 200
    response = client.post("/awards/nominations/new/", {
        "year": "2022", "subject": "individual", "member": member_a.pk, "movement": "good_creative_work",
        "achievements": "Giáo viên dạy giỏi cấp tỉnh; tác giả sáng kiến sổ liên lạc điện tử.",
        "initiatives": [initiative.pk], "propose": "1",
        **criteria_data(education_criteria[Subject.INDIVIDUAL]),
    })
    assert response.status_code == 302
    person = Nomination.objects.get(member=member_a)
    assert (person.status, person.branch_id, person.created_by_id) == (S.PROPOSED, branch_a.pk, officer_a.pk)
    assert list(person.initiatives.all()) == [initiative]
    assert person.criteria_met.get().evidence == "Quyết định số 12/QĐ-THPT."
    assert person.moves.get().actor_id == officer_a.pk

    response = client.post("/awards/nominations/new/", {
        "year": "2022", "subject": "collective", "branch": branch_a.pk, "team_name": "Tổ Toán - Tin",
        "movement": "good_creative_work", "achievements": "Tổ có 5 sáng kiến được công nhận.",
        "initiatives": [initiative.pk], "save": "1",
        **criteria_data(education_criteria[Subject.COLLECTIVE]),
    })
    assert response.status_code == 302
    team = Nomination.objects.get(team_name="Tổ Toán - Tin")
    assert (team.subject, team.status, team.member_id) == (Subject.COLLECTIVE, S.DRAFT, None)
    detail = client.get(f"/awards/nominations/{team.pk}/")
    assert detail.status_code == 200 and "Tổ Toán - Tin" in detail.content.decode()


def test_an_officer_cannot_nominate_outside_their_branch(
    officer_a, member_b, branch_b, login, education_criteria
):
    client = login(officer_a)
    other_initiative = factories.initiative(branch_b, authors=[(member_b, 100)], status=Status.BRANCH_APPROVED)
    for data in (
        {"subject": "individual", "member": member_b.pk},
        {"subject": "collective", "branch": branch_b.pk},
        {"subject": "individual", "member": "", "initiatives": [other_initiative.pk]},
    ):
        response = client.post("/awards/nominations/new/", {
            "year": "2022", "movement": "good_creative_work", "achievements": "Thành tích.", **data,
            **criteria_data(education_criteria[Subject.INDIVIDUAL]),
        })
        assert response.status_code == 200  # the form again, with errors
    assert not Nomination.objects.exists()


def test_supporting_initiatives_must_be_the_nominees(officer_a, member_a, branch_a, login, education_criteria):
    someone_else = factories.member(branch_a)
    theirs = factories.initiative(branch_a, authors=[(someone_else, 100)], status=Status.BRANCH_APPROVED)
    response = login(officer_a).post("/awards/nominations/new/", {
        "year": "2022", "subject": "individual", "member": member_a.pk, "movement": "good_creative_work",
        "achievements": "Thành tích.", "initiatives": [theirs.pk],
        **criteria_data(education_criteria[Subject.INDIVIDUAL]),
    })
    assert response.status_code == 200 and not Nomination.objects.exists()


def test_criteria_must_fit_the_branch_kind_and_need_evidence(officer_a, branch_a, login, education_criteria):
    client = login(officer_a)
    base = {"year": "2022", "subject": "collective", "branch": branch_a.pk, "movement": "good_creative_work",
            "achievements": "Thành tích."}
    # A health criterion offered to an education branch's officer is not even on the form.
    form_page = client.get("/awards/nominations/new/").content.decode()
    assert f"criteria-met_{education_criteria['health'].pk}" not in form_page
    response = client.post("/awards/nominations/new/", {**base, **criteria_data(education_criteria["health"])})
    assert response.status_code == 302  # an unknown field is ignored...
    assert not Nomination.objects.get().criteria_met.exists()  # ...and nothing is recorded from it
    response = client.post("/awards/nominations/new/", {
        **base, **criteria_data(education_criteria[Subject.COLLECTIVE], evidence=""),
    })
    assert response.status_code == 200 and Nomination.objects.count() == 1


def test_the_district_cannot_tick_criteria_of_another_kind(district, branch_a, login, education_criteria):
    response = login(district).post("/awards/nominations/new/", {
        "year": "2022", "subject": "collective", "branch": branch_a.pk, "movement": "good_creative_work",
        "achievements": "Thành tích.", **criteria_data(education_criteria["health"]),
    })
    assert response.status_code == 200 and not Nomination.objects.exists()


def test_the_district_moves_a_nomination_on_from_its_page(district, officer_a, branch_a, member_a, login):
    nomination = helpers.nomination(branch_a, member=member_a, status=S.PROPOSED)
    client = login(district)
    client.post(f"/awards/nominations/{nomination.pk}/shortlist/")
    client.post(f"/awards/nominations/{nomination.pk}/select/")
    client.post(f"/awards/nominations/{nomination.pk}/propose_upward/", {"level": "provincial_federation"})
    nomination.refresh_from_db()
    assert nomination.status == S.PROPOSED_UPWARD and nomination.upward_level == "provincial_federation"
    response = client.post(f"/awards/nominations/{nomination.pk}/decline/", {"comment": ""}, follow=True)
    assert response.status_code == 200
    nomination.refresh_from_db()
    assert nomination.status == S.PROPOSED_UPWARD  # a decline without a reason is refused, with a message
    assert NominationMove.objects.filter(nomination=nomination).count() == 3


def test_an_officer_cannot_shortlist_from_the_site(officer_a, branch_a, login):
    nomination = helpers.nomination(branch_a, status=S.PROPOSED)
    response = login(officer_a).post(f"/awards/nominations/{nomination.pk}/shortlist/")
    assert response.status_code == 403
    nomination.refresh_from_db()
    assert nomination.status == S.PROPOSED


@pytest.mark.parametrize("path", [
    "/awards/nominations/{pk}/", "/awards/nominations/{pk}/edit/",
])
def test_another_branch_officer_reaches_nothing(path, officer_b, branch_a, login):
    nomination = helpers.nomination(branch_a)
    assert login(officer_b).get(path.format(pk=nomination.pk)).status_code == 404


@pytest.mark.parametrize("action", ["propose", "shortlist", "publish", "delete"])
def test_another_branch_officer_cannot_post_to_a_nomination(action, officer_b, branch_a, login):
    nomination = helpers.nomination(branch_a)
    assert login(officer_b).post(f"/awards/nominations/{nomination.pk}/{action}/").status_code == 404
    nomination.refresh_from_db()
    assert nomination.status == S.DRAFT


def test_the_list_shows_only_the_officers_branches(officer_a, branch_a, branch_b, login):
    mine = helpers.nomination(branch_a, team_name="Tổ của tôi")
    helpers.nomination(branch_b, team_name="Tổ của người khác")
    page = login(officer_a).get("/awards/nominations/")
    content = page.content.decode()
    assert "Tổ của tôi" in content and "Tổ của người khác" not in content
    assert [n.pk for n in page.context["page"]] == [mine.pk]


def test_members_are_refused_and_visitors_sent_to_log_in(member_a, client, login):
    assert client.get("/awards/").status_code == 302
    assert "/accounts/login/" in client.get("/awards/nominations/").url
    member_client = login(member_a.user)
    for path in ("/awards/", "/awards/nominations/", "/awards/nominations/new/", "/awards/list/",
                 "/awards/ranking/", "/awards/scoring/", "/awards/creative-labour/"):
        assert member_client.get(path).status_code == 403, path


def test_ranking_and_scoring_are_the_districts(officer_a, login):
    client = login(officer_a)
    assert client.get("/awards/ranking/").status_code == 403
    assert client.get("/awards/scoring/").status_code == 403
    assert client.get("/awards/creative-labour/").status_code == 200
    assert client.get("/awards/criteria/").status_code == 200


def test_the_officer_edits_a_draft_but_not_once_proposed(officer_a, branch_a, login):
    draft = helpers.nomination(branch_a)
    proposed = helpers.nomination(branch_a, status=S.PROPOSED)
    client = login(officer_a)
    assert client.get(f"/awards/nominations/{draft.pk}/edit/").status_code == 200
    assert client.get(f"/awards/nominations/{proposed.pk}/edit/").status_code == 302
    assert client.post(f"/awards/nominations/{proposed.pk}/delete/").status_code == 403
    assert client.post(f"/awards/nominations/{draft.pk}/delete/").status_code == 302
    assert not Nomination.objects.filter(pk=draft.pk).exists()


def test_only_exemplars_are_published(district, branch_a, login):
    client = login(district)
    shortlisted = helpers.nomination(branch_a, status=S.SHORTLISTED)
    selected = helpers.nomination(branch_a, status=S.SELECTED)
    client.post(f"/awards/nominations/{shortlisted.pk}/publish/", {"publish": "1"})
    client.post(f"/awards/nominations/{selected.pk}/publish/", {"publish": "1"})
    shortlisted.refresh_from_db()
    selected.refresh_from_db()
    assert not shortlisted.is_published and selected.is_published
    # Who made it public, in the audit table; the refused one left no row.
    rows = AuditEvent.objects.filter(target_type="models_awards.nomination")
    assert list(rows.values_list("action", "target_id", "actor")) == [("nomination.publish", selected.pk, district.pk)]


def queries_for(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context)


def test_nomination_pages_queries_stay_flat(district, branch_a, branch_b, login, django_assert_max_num_queries):
    client = login(district)

    def add(n):
        for i in range(n):
            branch = branch_a if i % 2 else branch_b
            nomination = helpers.nomination(branch, member=factories.member(branch), status=S.PROPOSED)
            nomination.initiatives.add(factories.initiative(branch, status=Status.BRANCH_APPROVED))
        return nomination

    first = add(2)
    small = (queries_for(client, "/awards/nominations/"), queries_for(client, f"/awards/nominations/{first.pk}/"),
             queries_for(client, "/awards/"))
    last = add(12)
    for criterion in Criterion.objects.all()[:3]:
        last.criteria_met.create(criterion=criterion, evidence="Minh chứng.")
    large = (queries_for(client, "/awards/nominations/"), queries_for(client, f"/awards/nominations/{last.pk}/"),
             queries_for(client, "/awards/"))
    assert large == small
    with django_assert_max_num_queries(12):
        client.get("/awards/nominations/")
    with django_assert_max_num_queries(16):
        client.get(f"/awards/nominations/{last.pk}/")
    form_small = queries_for(client, "/awards/nominations/new/")
    add(5)
    assert queries_for(client, "/awards/nominations/new/") == form_small
