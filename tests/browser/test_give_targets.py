"""In a real browser: a province officer gives a commune union its targets on /dashboard/targets/<node_id>/ and
sees them in the dashboard's row for that commune; the commune's own dashboard is headed by them."""
import re

import pytest

from tests import trees
from tests.browser_support import log_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def province():
    return trees.province_tree(("factory", "school"), usernames={"tinh": "tinh_b", "xa": "xa_b"})


def test_a_province_officer_gives_a_commune_its_targets_and_sees_them_in_the_children_row(open_page, province):
    page = open_page()
    log_in(page, "tinh_b", PASSWORD)
    page.goto(f"{page.base}/dashboard/?federation={province['province'].pk}")
    page.click("a:has-text('Giao chỉ tiêu cho đơn vị trực thuộc')")
    page.wait_for_url(re.compile(rf"/dashboard/targets/{province['province'].pk}/"))
    row = page.locator("tbody tr", has_text="Công đoàn xã Vĩnh Hoàng")
    boxes = row.locator("input:not([type=hidden])")
    boxes.nth(0).fill("4")
    boxes.nth(1).fill("6")
    boxes.nth(2).fill("12")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state()
    assert not page.locator(".invalid-feedback").count()
    page.goto(f"{page.base}/dashboard/?federation={province['province'].pk}")
    commune_row = page.locator("tbody tr", has_text="Công đoàn xã Vĩnh Hoàng")
    cells = [text.strip() for text in commune_row.locator("td").all_inner_texts()]
    assert "0 / 4" in cells[-3] and "0 / 6" in cells[-2] and cells[-1].startswith("0 / 12")
    other = page.locator("tbody tr", has_text="Công đoàn Khu công nghiệp Quán Ngang")
    assert other.locator("td").last.inner_text().strip().startswith("0 / —")
    assert not page.console_errors

    # The commune's officer sees the target the province gave, heading their own dashboard.
    commune_page = open_page()
    log_in(commune_page, "xa_b", PASSWORD)
    commune_page.goto(f"{commune_page.base}/dashboard/")
    text = commune_page.locator("main").inner_text()
    assert "Chỉ tiêu (cấp trên giao)" in text and "12" in text
