"""Fuzzing the registration and login forms: a visitor's hostile input is a form error, never a 500, and a
refused registration creates nothing."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

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

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "Sáng-kiến-2022!"


def test_registration_survives_hostile_input(world):
    base = {"username": "nguoimoi", "password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD,
            "full_name": "Trần Thị Mới", "email": "moi@example.vn", "phone": "0912 345 678",
            "branch": str(world.branch_a.pk), "position": "Giáo viên"}
    password = hs.hostile_text(60)
    fields = {
        "username": st.one_of(st.just("member_a"), hs.hostile_text(200)),  # member_a exists already
        "password1": password, "password2": password,
        "full_name": hs.hostile_text(), "position": hs.hostile_text(),
        "email": st.one_of(st.sampled_from(["member_a@example.vn", "MEMBER_A@example.vn", "a@b", "a@[127.0.0.1]",
                                            "\"a b\"@example.vn", "a@ví-dụ.vn", "a" * 300 + "@example.vn"]),
                           st.emails().map(str), hs.hostile_text(80)),
        "phone": st.one_of(st.sampled_from(["+84 912 345 678", "(0233) 3.823.456", "0" * 21]), hs.hostile_text(30)),
        "branch": st.one_of(st.just(str(world.branch_b.pk)), hs.hostile_integer()),
    }

    @fuzz_settings(30)
    @given(overrides=st.fixed_dictionaries({}, optional=fields))
    def run(overrides):
        client = signed_in(None)
        with rolled_back():
            before = snapshot()
            response = client.post("/accounts/register/", without_nul({**base, **overrides}))
            assert_handled(response, {200, 302})
            # Step one never creates anything: the account is made from the link in the e-mail (step two).
            assert_unchanged(before, overrides)
            if response.status_code == 302:
                assert response["Location"] == "/accounts/register/sent/"

    run()


def test_login_survives_hostile_input(world):
    credentials = st.fixed_dictionaries({
        "username": st.one_of(st.sampled_from(["member_a", "MEMBER_A", "member_a\x00", " member_a"]),
                              hs.hostile_text(200)),
        "password": st.one_of(st.just("Str0ng-pass-2021"), hs.hostile_text(200)),
    }, optional={"next": st.one_of(st.sampled_from(["//evil.example/", "https://evil.example/", "javascript:alert(1)",
                                                    "/initiatives/", "/\\evil.example"]), hs.hostile_text(60))})

    @fuzz_settings(30)
    @given(data=credentials, forwarded=st.one_of(st.none(), hs.hostile_text(60)))
    def run(data, forwarded):
        client = signed_in(None)
        headers = {"X-Forwarded-For": forwarded.replace("\x00", "").encode("utf-8", "replace").decode("latin-1")} \
            if forwarded else {}
        with rolled_back():
            before = snapshot()
            response = client.post("/accounts/login/", without_nul(data), headers=headers)
            assert_handled(response, {200, 302, 429})
            if response.status_code == 302:
                location = response["Location"]
                assert location.startswith("/") and not location.startswith(("//", "/\\")), location
            else:
                assert_unchanged(before, data)

    run()
