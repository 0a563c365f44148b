"""Every page, site and admin, for every role, on a phone (390 px) and a desktop (1366 px): axe-core finds no
serious or critical WCAG 2.1 AA violation, and no page is wider than the screen (no sideways scrolling).

The pages are found by following links from each role's home pages over the demo data (see page_audit), so
a page added later is audited without editing this test.
"""
import pytest
from django.core.management import call_command

from tests.browser.page_audit import log_in, walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROLES = {
    "anonymous": (None, ["/", "/accounts/login/", "/accounts/register/", "/admin/login/"]),
    "member": ("doanvien", ["/", "/initiatives/", "/initiatives/new/"]),
    "branch_officer": ("canbo", ["/", "/admin/"]),
    "district_office": ("vanphong", ["/", "/admin/"]),
    "administrator": ("quantri", ["/", "/admin/"]),
}


@pytest.fixture
def demo(settings):
    call_command("seed_demo", force=True, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_is_accessible_and_fits_the_screen(open_page, demo, role):
    username, starts = ROLES[role]
    problems = []
    for size in ("phone", "desktop"):
        page = open_page(size)
        screen = page.viewport_size["width"]
        if username:
            log_in(page, page.base, username, "VinhLinh@2021")
        visited = []
        for path, status, violations, width in walk(page, page.base, starts):
            visited.append(path)
            assert status is not None and status < 500, f"{path} answered {status}"
            for violation in violations:
                problems.append(f"{size} {path}: {violation['impact']} {violation['id']} ({violation['help']}): "
                                + " | ".join(violation["targets"]))
            if width > screen:
                problems.append(f"{size} {path}: {width} px wide on a {screen} px screen")
        assert len(visited) >= len(starts), visited
    assert not problems, "\n".join(problems)
