"""Fuzzing the initiative pages: the form (new and edit), the live check, the moves and the list's filters."""

import json
from urllib.parse import quote_from_bytes

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from initiatives import workflow
from initiatives.models import Initiative, StatusChange
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
from tests.initiatives.helpers import form_data, pdf

pytestmark = pytest.mark.django_db

TEXT_FIELDS = ["title", "field_of_work", "problem", "solution", "application_summary", "application_place",
               "recognition_decision_no", "economic_benefit_description", "social_benefit", "investor",
               "confidential_info", "trial_participants", "application_conditions"]
DATE_FIELDS = ["recognition_date", "application_date", "research_accepted_date"]
CHOICE_FIELDS = {
    "category": ["technical", "research", "covid19"],
    "recognition_body": ["council", "head", ""],
    "application_kind": ["applied", "trial"],
    "research_level": ["provincial", "ministerial", ""],
    "upload-kind": ["decision", "photo"],
}
RAW_SCRIPT = "<script>alert(1)</script>"


def form_overrides():
    optional = {name: hs.hostile_text() for name in TEXT_FIELDS}
    optional.update({name: hs.hostile_date() for name in DATE_FIELDS})
    optional.update({name: hs.hostile_choice(valid) for name, valid in CHOICE_FIELDS.items()})
    optional.update({
        "economic_benefit_vnd": hs.hostile_money(),
        "branch": hs.hostile_integer(),
        "authors-TOTAL_FORMS": hs.hostile_integer(),
        "authors-INITIAL_FORMS": hs.hostile_integer(),
        "authors-0-member": hs.hostile_integer(),
        "authors-0-share_percent": hs.hostile_money(),
        "authors-0-is_lead": hs.hostile_text(20),
        "authors-0-id": hs.hostile_integer(),
        "ip_protected": hs.hostile_text(20),
        "research_effect_confirmed": hs.hostile_text(20),
        "kept_attachment": st.lists(hs.hostile_integer(), max_size=3),
        "submit": st.just("1"),
    })
    return st.fixed_dictionaries({}, optional=optional)


def uploads():
    garbage = st.builds(lambda name, content: SimpleUploadedFile(name.replace("\x00", ""), content),
                        st.sampled_from(hs.GARBAGE_FILE_NAMES), hs.garbage_bytes())
    return st.lists(st.one_of(garbage, st.just(None).map(lambda _: pdf())), max_size=3)


def assert_saved_page_renders(client, response):
    """What was stored shows again without an error, and typed markup stays text."""
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert RAW_SCRIPT.encode() not in page.content


def post_form(world, user, url, initiative=None):
    client = signed_in(user)
    base = form_data(world.branch_a, [(world.member_a, 100)])
    if initiative is not None:  # as the edit page posts it: the existing author row with its id
        base.update({"authors-INITIAL_FORMS": "1", "authors-0-id": str(initiative.authors.get().pk)})

    @fuzz_settings(20)
    @given(overrides=form_overrides(), files=uploads())
    def run(overrides, files):
        data = without_nul({**base, **overrides})
        if files:
            data["upload-files"] = files
        with rolled_back():
            before = snapshot()
            response = client.post(url, data)
            assert_handled(response, {200, 302})
            if response.status_code == 302:
                assert_saved_page_renders(client, response)
            else:
                assert_unchanged(before, overrides)

    run()


def test_new_initiative_form_by_a_member_survives_hostile_input(world):
    post_form(world, world.member_a.user, "/initiatives/new/")


def test_new_initiative_form_by_an_officer_survives_hostile_input(world):
    post_form(world, world.officer_a, "/initiatives/new/")


def test_edit_form_survives_hostile_input(world):
    post_form(world, world.member_a.user, f"/initiatives/{world.draft.pk}/edit/", world.draft)


def test_live_check_answers_json_and_changes_nothing(world):
    client = signed_in(world.member_a.user)
    base = form_data(world.branch_a, [(world.member_a, 100)])

    @fuzz_settings(20)
    @given(overrides=form_overrides(), initiative_id=st.one_of(
        hs.hostile_integer(), st.sampled_from([world.draft.pk, world.other_branch.pk]).map(str)))
    def run(overrides, initiative_id):
        data = without_nul({**base, **overrides, "initiative_id": initiative_id})
        with rolled_back():
            before = snapshot()
            response = client.post("/initiatives/check/", data)
            assert_handled(response, {200, 404})
            if response.status_code == 200:
                answer = json.loads(response.content)
                assert isinstance(answer["eligible"], bool)
                assert all({"code", "message", "field"} <= set(p) for p in answer["problems"])
            assert_unchanged(before, data)

    run()


MOVE_TABLES = {"initiatives.initiative", "initiatives.historicalinitiative", "initiatives.statuschange"}


def test_moves_are_all_or_nothing_whatever_is_posted(world):
    users = [world.member_a.user, world.officer_a, world.officer_b, world.district]
    clients = {user.pk: signed_in(user) for user in users}
    targets = [world.draft, world.submitted, world.approved, world.other_branch]
    actions = st.one_of(st.sampled_from(list(workflow.MOVES)), st.from_regex(r"[-a-zA-Z0-9_]{1,40}", fullmatch=True))
    details = st.fixed_dictionaries({}, optional={
        "comment": hs.hostile_text(),
        "novelty_confirmed": st.one_of(st.just("on"), hs.hostile_text(10)),
        "lawful_confirmed": st.one_of(st.just("on"), hs.hostile_text(10)),
        "sent_date": hs.hostile_date(),
    })

    @fuzz_settings(60)
    @given(user=st.sampled_from(users), target=st.sampled_from(targets), action=actions, data=details)
    def run(user, target, action, data):
        with rolled_back():
            before = snapshot()
            history = StatusChange.objects.count()
            response = clients[user.pk].post(f"/initiatives/{target.pk}/{action}/", without_nul(data))
            assert_handled(response, {200, 302, 403, 404})  # 200: the page again, the move's errors beside its fields
            now = Initiative.objects.get(pk=target.pk)
            if now.status == target.status:
                assert_unchanged(before, (user, action, data))
            else:  # the whole move: new status, one history row, nothing else touched
                assert now.status == workflow.MOVES[action].target
                assert StatusChange.objects.count() == history + 1
                assert set(changed_source_models(before, snapshot())) <= MOVE_TABLES

    run()


def test_move_to_an_initiative_that_does_not_exist_is_a_404(world):
    client = signed_in(world.district)

    @fuzz_settings(15)
    @given(pk=st.one_of(st.integers(10**6, 10**40), st.just(0)), action=st.sampled_from(list(workflow.MOVES)))
    def run(pk, action):
        with rolled_back():
            assert_handled(client.post(f"/initiatives/{pk}/{action}/", {}), {404})

    run()


def raw_query():
    """A query string as bytes on the wire, percent-encoded: invalid UTF-8, NUL, lone '%', repeated keys."""
    pair = st.tuples(st.sampled_from(["q", "status", "category", "branch", "applied_from", "applied_to", "page",
                                      "x", ""]), st.binary(max_size=60))
    return st.lists(pair, max_size=6).map(
        lambda pairs: "&".join(f"{k}={quote_from_bytes(v)}" for k, v in pairs) + "&%&=&%zz")


LIST_FILTERS = st.fixed_dictionaries({}, optional={
    "q": hs.query_values(), "status": hs.query_values(), "category": hs.query_values(),
    "branch": st.one_of(hs.hostile_integer(), hs.query_values()), "applied_from": hs.hostile_date(),
    "applied_to": hs.hostile_date(), "page": hs.hostile_integer(),
})


def test_list_filters_never_fail(world):
    clients = [signed_in(world.member_a.user), signed_in(world.officer_a), signed_in(world.district)]

    @fuzz_settings(20)
    @given(client=st.sampled_from(clients), params=LIST_FILTERS, raw=st.one_of(st.none(), raw_query()))
    def run(client, params, raw):
        with rolled_back():
            before = snapshot()
            if raw is None:
                response = client.get("/initiatives/", params)
            else:
                response = client.get("/initiatives/", QUERY_STRING=raw)
            assert_handled(response, {200})
            assert RAW_SCRIPT.encode() not in response.content
            assert_unchanged(before, params)

    run()
