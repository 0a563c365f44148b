"""A member registers an initiative on a 390 px phone: the form fits the screen, folds into sections, says
beside the submit button (and at the top) what still blocks submission, reads "15.000.000" as fifteen million and
"15.09.2021" as a date, and starts with the member as the first author."""
import re

import pytest

from initiatives.models import Initiative, Status
from tests import factories
from tests.browser_support import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def member(db):
    branch = factories.branch("CĐCS Trường THPT Cửa Tùng", code="thpt-ct")
    return factories.member(branch, "Trần Thị Mai", with_user=True, username="tranthimai")


def unfold(page, section):
    """Open a folded section as a person does: tap its heading."""
    if not page.eval_on_selector(f"#section-{section}", "details => details.open"):
        page.click(f"#section-{section} > summary")


def problems_beside_submit(page):
    return page.locator("#submit-area #eligibility-problems li")


def test_a_member_fills_the_form_on_a_phone(open_page, member):
    page = open_page("phone")
    log_in(page, "tranthimai", factories.PASSWORD)
    page.goto(f"{page.base}/initiatives/new/")
    assert page.evaluate(NO_OVERFLOW), page.evaluate("document.documentElement.scrollWidth")

    # Folded: the closed sections' fields are not on screen, so the form is short.
    assert not page.locator("input[name=recognition_decision_no]").is_visible()
    # (Before: about five screens, every field open.) Now under three with the first two parts open.
    assert page.evaluate("document.getElementById('initiative-form').getBoundingClientRect().height") < 3 * 844

    # The member is the first author, at 100%; the lead tick is only for research topics.
    assert page.input_value("select[name=authors-0-member]") == str(member.pk)
    assert page.input_value("input[name=authors-0-share_percent]") in ("100", "100.00", "100,00")
    page.select_option("select[name=category]", "operational")
    assert not page.locator("input[name=authors-0-is_lead]").is_visible()
    page.select_option("select[name=category]", "research")
    assert page.locator("input[name=authors-0-is_lead]").is_visible()
    page.select_option("select[name=category]", "operational")

    page.fill("input[name=title]", "Chấm bài trắc nghiệm bằng điện thoại")
    page.fill("textarea[name=solution]", "Dùng ứng dụng quét phiếu trả lời.")

    # What blocks submission is listed right above the submit button, and counted at the top.
    page.wait_for_function("document.querySelectorAll('#submit-area #eligibility-problems li').length > 0")
    page.locator("button[name=submit]").scroll_into_view_if_needed()
    assert problems_beside_submit(page).first.is_visible()
    assert in_viewport(page, "#submit-area #eligibility-problems") and in_viewport(page, "button[name=submit]")
    assert "Chưa gửi được" in page.inner_text("#blocking-summary")

    # A problem's link opens the folded section holding its field.
    page.click("#submit-area #eligibility-problems li[data-code=not_recognised] a")
    assert page.locator("select[name=recognition_body]").is_visible()
    page.select_option("select[name=recognition_body]", "council")
    page.fill("input[name=recognition_decision_no]", "21/QĐ-THPTCT")
    page.fill("input[name=recognition_date]", "15.10.2021")
    unfold(page, "application")
    page.fill("input[name=application_date]", "15/09/21")
    unfold(page, "benefits")
    money = page.locator("input[name=economic_benefit_vnd]")
    # An ambiguous amount is said beside the box while typing.
    money.press_sequentially("15.5")
    page.wait_for_selector("[data-live-error=economic_benefit_vnd]")
    assert "“15.5”" in page.inner_text("[data-live-error=economic_benefit_vnd]")
    money.fill("")
    # Plain digits are grouped while typing.
    money.press_sequentially("15000000")
    assert money.input_value() == "15.000.000"
    page.wait_for_selector("[data-live-error=economic_benefit_vnd]", state="detached")
    assert page.evaluate(NO_OVERFLOW)

    page.wait_for_selector("#eligibility-ok:not(.d-none)")
    assert "Đã đủ mọi điều kiện" in page.inner_text("#blocking-summary")
    page.click("button[name=submit]")
    page.wait_for_url(re.compile(r"/initiatives/\d+/$"))
    initiative = Initiative.objects.get()
    assert initiative.economic_benefit_vnd == 15_000_000
    assert initiative.application_date.isoformat() == "2021-09-15"
    assert initiative.recognition_date.isoformat() == "2021-10-15"
    assert initiative.status == Status.SUBMITTED
    assert [(a.member_id, a.is_lead) for a in initiative.authors.all()] == [(member.pk, False)]
    assert page.evaluate(NO_OVERFLOW)
    assert page.console_errors == [], page.console_errors


def in_viewport(page, selector):
    return page.eval_on_selector(
        selector,
        "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }",
    )
