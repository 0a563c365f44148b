"""Fuzzing the awards pages: nominations (form, criteria, moves), awards, the scoring sheet and the filters."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models_awards import nomination_workflow
from models_awards.models import Criterion, Nomination, NominationMove
from tests.fuzz import strategies as hs
from tests.fuzz.support import (
    assert_handled,
    assert_unchanged,
    changed_source_models,
    fuzz_settings,
    rolled_back,
    signed_in,
    snapshot,
    without_nul,
)

pytestmark = pytest.mark.django_db

RECIPIENT = {
    "year": st.one_of(st.sampled_from(["2022", "2021", "2026", "1900"]), hs.hostile_integer()),
    "subject": hs.hostile_choice(["individual", "collective"]),
    "team_name": hs.hostile_text(),
    "initiatives": st.lists(hs.hostile_integer(), max_size=3),
}


def nomination_fields(world):
    criteria = list(Criterion.objects.filter(is_active=True).values_list("pk", flat=True)[:3])
    fields = {
        **RECIPIENT,
        "branch": st.one_of(st.sampled_from([str(world.branch_a.pk), str(world.branch_b.pk)]), hs.hostile_integer()),
        "member": st.one_of(st.sampled_from([str(world.member_a.pk), str(world.member_b.pk)]), hs.hostile_integer()),
        "movement": hs.hostile_choice(["good_creative_work", "other"]),
        "achievements": hs.hostile_text(),
        "propose": st.just("1"),
    }
    for pk in criteria:
        fields[f"criteria-met_{pk}"] = st.one_of(st.just("on"), hs.hostile_text(10))
        fields[f"criteria-evidence_{pk}"] = hs.hostile_text()
    return fields


def base_nomination(world):
    return {"year": "2022", "subject": "individual", "branch": str(world.branch_a.pk),
            "member": str(world.member_a.pk), "movement": "good_creative_work", "achievements": "Hoàn thành tốt."}


def post_and_check(client, url, data, allowed=frozenset({200, 302})):
    before = snapshot()
    response = client.post(url, without_nul(data))
    assert_handled(response, allowed)
    if response.status_code == 302:
        assert client.get(response["Location"]).status_code == 200
    else:
        assert_unchanged(before, data)
    return response


def test_nomination_form_survives_hostile_input(world):
    users = [world.officer_a, world.district]
    clients = {user.pk: signed_in(user) for user in users}
    base = base_nomination(world)
    urls = ["/awards/nominations/new/", f"/awards/nominations/{world.nomination.pk}/edit/"]

    @fuzz_settings(30)
    @given(user=st.sampled_from(users), url=st.sampled_from(urls),
           overrides=st.fixed_dictionaries({}, optional=nomination_fields(world)))
    def run(user, url, overrides):
        with rolled_back():
            post_and_check(clients[user.pk], url, {**base, **overrides})

    run()


def test_nomination_moves_are_all_or_nothing(world):
    users = [world.officer_a, world.officer_b, world.district]
    clients = {user.pk: signed_in(user) for user in users}
    targets = [world.nomination, world.proposed]
    actions = st.one_of(st.sampled_from(list(nomination_workflow.MOVES) + ["publish"]),
                        st.from_regex(r"[-a-zA-Z0-9_]{1,40}", fullmatch=True))
    details = st.fixed_dictionaries({}, optional={
        "comment": hs.hostile_text(), "level": hs.hostile_choice(["provincial_federation", ""]),
        "publish": hs.hostile_text(5),
    })

    @fuzz_settings(30)
    @given(user=st.sampled_from(users), target=st.sampled_from(targets), action=actions, data=details)
    def run(user, target, action, data):
        with rolled_back():
            before = snapshot()
            moves = NominationMove.objects.count()
            response = clients[user.pk].post(f"/awards/nominations/{target.pk}/{action}/", without_nul(data))
            assert_handled(response, {302, 403, 404})
            now = Nomination.objects.get(pk=target.pk)
            if now.status != target.status:
                assert now.status == nomination_workflow.MOVES[action].target
                assert NominationMove.objects.count() == moves + 1
                assert set(changed_source_models(before, snapshot())) <= {"models_awards.nomination",
                                                                  "models_awards.nominationmove"}
            elif action != "publish":
                assert_unchanged(before, (action, data))

    run()


def test_award_form_survives_hostile_input(world):
    users = [world.officer_a, world.district]
    clients = {user.pk: signed_in(user) for user in users}
    base = {"year": "2022", "subject": "individual", "branch": str(world.branch_a.pk),
            "member": str(world.member_a.pk), "level": "branch", "form": "certificate", "decision_no": "1/QĐ",
            "decision_date": "28/05/2022", "amount_vnd": "500000", "occasion": "workers_month",
            "citation": "Thành tích tốt."}
    fields = {
        **RECIPIENT,
        "member": st.one_of(st.just(str(world.member_b.pk)), hs.hostile_integer()),
        "level": hs.hostile_choice(["branch", "district_federation", "provincial_federation"]),
        "form": hs.hostile_choice(["certificate", "commendation"]),
        "decision_no": hs.hostile_text(), "decision_date": hs.hostile_date(), "amount_vnd": hs.hostile_money(),
        "occasion": hs.hostile_choice(["workers_month", "other"]), "occasion_note": hs.hostile_text(),
        "citation": hs.hostile_text(), "nomination": hs.hostile_integer(), "funded_by_branch": hs.hostile_text(5),
        "is_published": hs.hostile_text(5),
    }
    urls = ["/awards/new/", f"/awards/{world.award.pk}/edit/"]

    @fuzz_settings(30)
    @given(user=st.sampled_from(users), url=st.sampled_from(urls),
           overrides=st.fixed_dictionaries({}, optional=fields))
    def run(user, url, overrides):
        with rolled_back():
            post_and_check(clients[user.pk], url, {**base, **overrides})

    run()


def test_scoring_sheet_and_candidates_survive_hostile_input(world):
    client = signed_in(world.district)
    scores = st.fixed_dictionaries({}, optional={
        "novelty": st.one_of(st.sampled_from(["0", "1", "10", "11"]), hs.hostile_integer()),
        "applicability": hs.hostile_integer(), "benefit": hs.hostile_integer(), "comment": hs.hostile_text(),
    })
    candidate = st.fixed_dictionaries({}, optional={
        "year": hs.hostile_integer(), "initiative": st.one_of(st.just(str(world.approved.pk)), hs.hostile_integer()),
    })

    @fuzz_settings(30)
    @given(score=scores, add=candidate)
    def run(score, add):
        with rolled_back():
            post_and_check(client, f"/awards/scoring/{world.candidate.pk}/", score)
            before = snapshot()
            response = client.post("/awards/scoring/add/", without_nul(add))
            assert_handled(response, {200, 302})  # 200: the sheet again, the errors beside the fields
            if response.status_code == 302 and client.get(response["Location"]).status_code != 200:
                raise AssertionError(response["Location"])
            if "initiative" not in add or add["initiative"] != str(world.approved.pk):
                assert_unchanged(before, add)

    run()


AWARDS_FILTERS = st.fixed_dictionaries({}, optional={
    "year": hs.query_values(), "status": hs.query_values(), "subject": hs.query_values(), "page": hs.hostile_integer(),
    "by": hs.query_values(), "quarter": st.one_of(st.sampled_from(["2022-Q1", "2022Q5", "Q1-2022"]), hs.query_values()),
    "cluster": hs.hostile_integer(),
})
AWARDS_PAGES = ["/awards/", "/awards/nominations/", "/awards/list/", "/awards/ranking/", "/awards/scoring/",
                "/awards/creative-labour/", "/awards/criteria/", "/showcase/"]


def test_awards_lists_and_filters_never_fail(world):
    clients = [signed_in(world.district), signed_in(world.officer_a), signed_in(None)]

    @fuzz_settings(30)
    @given(client=st.sampled_from(clients), page=st.sampled_from(AWARDS_PAGES), params=AWARDS_FILTERS)
    def run(client, page, params):
        with rolled_back():
            before = snapshot()
            assert_handled(client.get(page, params), {200, 302, 400, 403})
            assert_unchanged(before, params)

    run()
