"""Fuzzing the dashboard's filters, its JSON and the emulation pledge form."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from initiatives.models import Pledge
from tests.fuzz import strategies as hs
from tests.fuzz.support import (
    assert_handled,
    assert_unchanged,
    fuzz_settings,
    rolled_back,
    signed_in,
    snapshot,
    without_nul,
)
from tests.initiatives.helpers import pdf

pytestmark = pytest.mark.django_db

DASHBOARD_FILTERS = st.fixed_dictionaries({}, optional={
    "period": st.one_of(st.sampled_from(["1", "2", ""]), hs.query_values()),
    "cluster": st.one_of(hs.hostile_integer(), hs.query_values()),
    "branch": st.one_of(hs.hostile_integer(), hs.query_values()),
})
JSON_KEYS = {"periods", "programme", "participation", "branches", "by_status", "by_category", "by_branch",
             "by_quarter"}


def test_dashboard_and_its_json_answer_whatever_the_filters(world):
    clients = [signed_in(world.district), signed_in(world.officer_a)]

    @fuzz_settings(30)
    @given(client=st.sampled_from(clients), params=DASHBOARD_FILTERS, as_json=st.booleans())
    def run(client, params, as_json):
        with rolled_back():
            before = snapshot()
            response = client.get("/dashboard/progress.json" if as_json else "/dashboard/", params)
            assert_handled(response, {200})
            if as_json:
                assert JSON_KEYS <= set(json.loads(response.content))
            assert_unchanged(before, params)

    run()


def test_an_officer_asking_for_another_branch_gets_only_their_own(world):
    client = signed_in(world.officer_a)
    response = client.get("/dashboard/progress.json", {"branch": world.branch_b.pk})
    assert response.status_code == 200
    assert [row["name"] for row in json.loads(response.content)["by_branch"]] == [world.branch_a.name]


def documents():
    garbage = st.builds(lambda name, content: SimpleUploadedFile(name.replace("\x00", ""), content),
                        st.sampled_from(hs.GARBAGE_FILE_NAMES), hs.garbage_bytes())
    return st.one_of(st.none(), garbage, st.just("valid").map(lambda _: pdf()))


def test_pledge_form_survives_hostile_input(world):
    users = [world.officer_a, world.district]
    clients = {user.pk: signed_in(user) for user in users}
    fields = {f"period_{period.number}": st.one_of(st.sampled_from(["0", "5", "100000", "100001"]),
                                                   hs.hostile_integer()) for period in world.periods}
    fields.update({"signed_on": hs.hostile_date(), "accepted_by_district": hs.hostile_text(10)})

    @fuzz_settings(30)
    @given(user=st.sampled_from(users), data=st.fixed_dictionaries({}, optional=fields), document=documents())
    def run(user, data, document):
        data = without_nul(data)
        if document is not None:
            data["document"] = document
        with rolled_back():
            before = snapshot()
            response = clients[user.pk].post(f"/dashboard/pledges/{world.branch_a.pk}/", data)
            assert_handled(response, {200, 302})
            if response.status_code == 200:
                assert_unchanged(before, data)
            else:
                pledge = Pledge.objects.get(branch=world.branch_a)
                assert pledge.targets.count() == len(world.periods)
                assert clients[user.pk].get("/dashboard/pledges/").status_code == 200

    run()


def test_pledge_of_a_branch_that_is_not_theirs_or_does_not_exist(world):
    client = signed_in(world.officer_a)
    for branch_id in (world.branch_b.pk, 10**6, 10**30):
        with rolled_back():
            before = snapshot()
            assert_handled(client.post(f"/dashboard/pledges/{branch_id}/", {"period_1": "3"}), {403, 404})
            assert_handled(client.post(f"/dashboard/pledges/{branch_id}/accept/"), {403, 404})
            assert_unchanged(before, branch_id)
