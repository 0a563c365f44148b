"""Broken request bodies on every form of the site: multipart with a wrong, missing or oversized boundary, cut
short, with headers that lie, bytes that are not UTF-8; form encoding with broken escapes. The answer is a 4xx or
the form again, never a 500, and nothing stored changes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.support import assert_handled, assert_unchanged, fuzz_settings, rolled_back, signed_in, snapshot

pytestmark = pytest.mark.django_db


def post_urls(world):
    """(who, url, whether the action needs no field at all: a bare POST may then do it, e.g. a button)."""
    period = world.periods[0]
    return [
        ("anonymous", "/accounts/register/", False),
        ("anonymous", "/accounts/login/", False),
        ("member", "/initiatives/new/", False),
        ("member", f"/initiatives/{world.draft.pk}/edit/", False),
        ("member", "/initiatives/check/", False),
        ("officer", f"/initiatives/{world.submitted.pk}/approve/", False),
        ("officer", f"/initiatives/{world.submitted.pk}/return/", False),
        ("officer", f"/dashboard/pledges/{world.branch_a.pk}/", False),
        ("district", f"/dashboard/pledges/{world.branch_a.pk}/accept/", True),
        ("officer", "/reports/import/roster/", False),
        ("officer", "/reports/import/initiatives/confirm/", False),
        ("officer", f"/reports/branch/{world.branch_a.pk}/{period.pk}/", True),  # every field optional
        ("officer", "/awards/nominations/new/", False),
        ("officer", f"/awards/nominations/{world.nomination.pk}/propose/", True),
        ("district", "/awards/new/", False),
        ("district", f"/awards/scoring/{world.candidate.pk}/", False),
        ("district", "/awards/scoring/add/", False),
    ]


def part(name, value, filename=None, content_type=None):
    disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename is not None else "")
    head = f"Content-Disposition: {disposition}\r\n" + (f"Content-Type: {content_type}\r\n" if content_type else "")
    return head.encode("utf-8", "surrogateescape") + b"\r\n" + value


def multipart(boundary, parts, closing=True):
    body = b"".join(b"--" + boundary + b"\r\n" + p + b"\r\n" for p in parts)
    return body + (b"--" + boundary + b"--\r\n" if closing else b"")


NAMES = st.sampled_from(["title", "username", "password", "file", "upload-files", "authors-TOTAL_FORMS", "comment",
                         "period_1", "achievements", "token", "novelty", "", "x" * 500, 'a"b', "a\r\nb"])
VALUES = st.one_of(st.binary(max_size=300), st.sampled_from([b"\xff\xfe\xfd", b"\xc3\x28", b"%PDF-1.4", b"PK\x03\x04",
                                                             b"1" * 5000, b"\x00" * 10, b"\xe1\xba\xa7" * 1000]))
PARTS = st.builds(part, NAMES, VALUES,
                  st.one_of(st.none(), st.sampled_from(["a.pdf", "", "../../x.xlsx", "ả.png", "a\x00.pdf", "x" * 400])),
                  st.one_of(st.none(), st.sampled_from(["application/pdf", "text/html", "x/y; charset=nope"])))
BOUNDARIES = st.one_of(st.sampled_from([b"XyZ", b"-" * 80, b"a" * 200, b"\xff\xfe", b"", b"a b", b'"q"']),
                       st.binary(min_size=1, max_size=20))


def bodies():
    """(content type, raw body): mostly broken on purpose."""
    declared = st.one_of(st.sampled_from(["XyZ", "-" * 80, "a" * 200, '"quoted"', "", "a b"]), st.text(max_size=20))
    wrong_boundary = st.builds(
        lambda declared_b, used_b, parts, closing: (f"multipart/form-data; boundary={declared_b}",
                                                    multipart(used_b, parts, closing)),
        declared, BOUNDARIES, st.lists(PARTS, max_size=4), st.booleans())
    right_boundary_cut = st.builds(
        lambda parts, cut: ("multipart/form-data; boundary=XyZ", multipart(b"XyZ", parts)[:cut]),
        st.lists(PARTS, min_size=1, max_size=4), st.integers(0, 400))
    no_boundary = st.builds(lambda parts: ("multipart/form-data", multipart(b"XyZ", parts)),
                            st.lists(PARTS, max_size=3))
    urlencoded = st.builds(
        lambda raw: ("application/x-www-form-urlencoded", raw),
        st.one_of(st.binary(max_size=400), st.sampled_from([b"a=%ff%fe&b=%", b"%%%%", b"=&=&=", b"title=%00",
                                                            b"&" * 3000, b"a=" + b"\xe1" * 500])))
    other = st.tuples(st.sampled_from(["application/json", "text/plain", "application/octet-stream",
                                       "multipart/mixed; boundary=XyZ", "multipart/form-data; charset=utf-16",
                                       "application/x-www-form-urlencoded; charset=nope"]),
                      st.binary(max_size=300))
    return st.one_of(wrong_boundary, right_boundary_cut, no_boundary, urlencoded, other)


def test_broken_bodies_on_every_form_are_refused_cleanly(world):
    clients = {"anonymous": signed_in(None), "member": signed_in(world.member_a.user),
               "officer": signed_in(world.officer_a), "district": signed_in(world.district)}

    @fuzz_settings(60)
    @given(target=st.sampled_from(post_urls(world)), body=bodies())
    def run(target, body):
        who, url, bare_post_acts = target
        content_type, raw = body
        with rolled_back():
            before = snapshot()
            response = clients[who].generic("POST", url, raw, content_type=content_type)
            assert_handled(response, {200, 302, 400, 403, 404, 413})
            if not (bare_post_acts and response.status_code == 302):
                assert_unchanged(before, (url, content_type, raw[:200]))

    run()
