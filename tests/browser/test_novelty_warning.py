"""The author's novelty warning in a real browser: while a member types a copy of what their branch already
received, the form says which initiative it looks like, by number, branch and score."""

import re

import pytest

from initiatives.models import Status
from tests import factories
from tests.browser_support import log_in
from tests.initiatives import similarity_corpus as corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_author_sees_the_warning_while_typing(open_page):
    branch = factories.branch("CĐCS Trường THCS Hồ Xá", code="thcs-hx")
    original = factories.initiative(branch, status=Status.SUBMITTED, **corpus.ORIGINAL)
    member = factories.member(branch, "Phan Thị Lan", with_user=True, username="phanthilan")
    page = open_page("phone")
    log_in(page, member.user.username, factories.PASSWORD)
    page.goto(f"{page.base}/initiatives/new/")
    panel = page.locator("#novelty-panel")
    assert "Chưa thấy sáng kiến đã đăng ký nào giống" in panel.inner_text()

    page.eval_on_selector_all("details.form-section", "sections => sections.forEach(s => { s.open = true; })")
    copy = corpus.reordered()
    page.fill("input[name=title]", copy["title"])
    page.fill("textarea[name=problem]", copy["problem"])
    page.fill("textarea[name=solution]", copy["solution"])
    warning = panel.locator(".novelty-warning")
    warning.first.wait_for()
    text = warning.first.inner_text()
    assert re.fullmatch(rf"Trông giống #{original.pk} của CĐCS Trường THCS Hồ Xá \((\d+)%\)", text), text
    assert int(re.search(r"\((\d+)%\)", text).group(1)) >= 50
    assert corpus.ORIGINAL["title"] not in panel.inner_text()  # another member's: number and branch only
    assert page.console_errors == []  # nothing refused by the Content Security Policy

    page.fill("input[name=title]", corpus.UNRELATED[1]["title"])
    page.fill("textarea[name=problem]", corpus.UNRELATED[1]["problem"])
    page.fill("textarea[name=solution]", corpus.UNRELATED[1]["solution"])
    page.locator("#novelty-none:not(.d-none)").wait_for()
    assert panel.locator(".novelty-warning").count() == 0
