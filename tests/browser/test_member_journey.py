"""The main journey in a real browser: a member registers, is confirmed by their officer, submits an
initiative with an attachment, gets it returned, fixes and resubmits it; the officer approves it in the
admin; the district verifies and sends it."""
import re

import pytest
from django.core import mail
from openpyxl import load_workbook

from initiatives.models import Initiative, Status
from tests import factories
from tests.browser_support import log_in
from tests.initiatives.helpers import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def people():
    branch = factories.branch("CĐCS Trường THPT Cửa Tùng", code="thpt-ct")
    officer = factories.officer(branch, "canbo_ct")
    district = factories.district_user("vanphong_t")
    return {"branch": branch, "officer": officer, "district": district}


def register(page, branch):
    page.goto(f"{page.base}/accounts/register/")
    page.fill("input[name=username]", "tranthimai")
    page.fill("input[name=full_name]", "Trần Thị Mai")
    page.fill("input[name=email]", "mai@example.vn")
    page.fill("input[name=phone]", "0912345678")
    page.select_option("select[name=branch]", str(branch.pk))
    page.fill("input[name=position]", "Giáo viên Tin học")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/register/sent/$"))
    # The link in the e-mail (the live server runs in this process: its mail is in the outbox).
    [message] = [m for m in mail.outbox if m.to == ["mai@example.vn"]]
    path = re.search(r"/accounts/register/finish/\S+/", message.body).group(0)
    page.goto(f"{page.base}{path}")
    page.fill("input[name=password1]", "Hoa-Sen-2021!")
    page.fill("input[name=password2]", "Hoa-Sen-2021!")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_url(re.compile(r"/initiatives/$"))


def confirm_in_admin(page):
    page.goto(f"{page.base}/admin/initiatives/membershiprequest/")
    page.check("input[name=_selected_action]")
    page.select_option("select[name=action]", "confirm_selected")
    page.click("button[name=index]")
    page.wait_for_load_state()


def unfold(page, section):
    """Open a folded section of the initiative form as a person does: tap its heading."""
    if not page.eval_on_selector(f"#section-{section}", "details => details.open"):
        page.click(f"#section-{section} > summary")


def fill_initiative(page, member_name):
    page.goto(f"{page.base}/initiatives/new/")
    page.fill("input[name=title]", "Chấm bài trắc nghiệm bằng điện thoại")
    page.select_option("select[name=category]", "operational")
    page.fill("input[name=field_of_work]", "Giáo dục")
    page.fill("textarea[name=solution]", "Dùng ứng dụng quét phiếu trả lời.")
    unfold(page, "recognition")
    page.select_option("select[name=recognition_body]", "council")
    page.fill("input[name=recognition_decision_no]", "21/QĐ-THPTCT")
    page.fill("input[name=recognition_date]", "15/04/2022")
    unfold(page, "application")
    page.fill("input[name=application_date]", "01/03/2022")
    unfold(page, "benefits")
    page.fill("textarea[name=social_benefit]", "Giáo viên tiết kiệm thời gian chấm bài.")
    # The member registering is already the first author, at 100%.
    assert page.locator("select[name=authors-0-member] option:checked").inner_text() == member_name
    assert page.input_value("input[name=authors-0-share_percent]").startswith("100")
    unfold(page, "attachments")
    page.set_input_files("input[name=upload-files]", files=[
        {"name": "quyet-dinh.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}])


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_member_to_province_journey(open_page, people, size):
    member_page = open_page(size)
    register(member_page, people["branch"])

    officer_page = open_page(size)
    log_in(officer_page, "canbo_ct", factories.PASSWORD)
    confirm_in_admin(officer_page)

    fill_initiative(member_page, "Trần Thị Mai — Giáo viên Tin học")
    # The live panel has checked what was typed.
    member_page.wait_for_selector("#eligibility-ok:not(.d-none)")
    member_page.click("button[name=submit]")
    member_page.wait_for_url(re.compile(r"/initiatives/\d+/$"))
    initiative = Initiative.objects.get()
    assert initiative.status == Status.SUBMITTED
    assert initiative.attachments.count() == 1
    assert "quyet-dinh.pdf" in member_page.content()

    officer_page.goto(f"{officer_page.base}/admin/initiatives/initiative/{initiative.pk}/change/")
    officer_page.click(f"a[href$='/{initiative.pk}/move/return/']")
    officer_page.fill("textarea[name=comment]", "Bổ sung số liệu tiết kiệm thời gian.")
    officer_page.click("input[name=confirm]")
    officer_page.wait_for_url(re.compile(r"/change/$"))

    member_page.goto(f"{member_page.base}/initiatives/{initiative.pk}/")
    assert "Bổ sung số liệu tiết kiệm thời gian." in member_page.content()
    member_page.click(f"a[href$='/initiatives/{initiative.pk}/edit/']")
    unfold(member_page, "benefits")
    member_page.fill("textarea[name=economic_benefit_description]", "Tiết kiệm 200 giờ chấm bài mỗi năm.")
    member_page.click("button[name=submit]")
    member_page.wait_for_url(re.compile(r"/initiatives/\d+/$"))
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED
    assert initiative.economic_benefit_description == "Tiết kiệm 200 giờ chấm bài mỗi năm."

    officer_page.goto(f"{officer_page.base}/admin/initiatives/initiative/{initiative.pk}/change/")
    officer_page.click(f"a[href$='/{initiative.pk}/move/approve/']")
    officer_page.check("input[name=novelty_confirmed]")
    officer_page.check("input[name=lawful_confirmed]")
    officer_page.click("input[name=confirm]")
    officer_page.wait_for_url(re.compile(r"/change/$"))
    initiative.refresh_from_db()
    assert initiative.status == Status.BRANCH_APPROVED

    district_page = open_page(size)
    log_in(district_page, "vanphong_t", factories.PASSWORD)
    progress_url = f"{district_page.base}/dashboard/progress.json"
    assert district_page.request.get(progress_url).json()["programme"]["sent"] == 0
    district_page.goto(f"{district_page.base}/initiatives/{initiative.pk}/")
    district_page.click(f"form[action$='/{initiative.pk}/verify/'] button")
    district_page.wait_for_load_state()
    district_page.fill(f"form[action$='/{initiative.pk}/send/'] input[name=sent_date]", "31/05/2022")
    district_page.click(f"form[action$='/{initiative.pk}/send/'] button")
    district_page.wait_for_load_state()
    initiative.refresh_from_db()
    assert initiative.status == Status.SENT_TO_PROVINCE
    assert initiative.sent_to_province_date.isoformat() == "2022-05-31"
    timeline = district_page.inner_text("ol.timeline")
    assert timeline.count("\n") >= 5

    # The dashboard moves, and the province's list of initiatives holds it.
    assert district_page.request.get(progress_url).json()["programme"]["sent"] == 1
    district_page.goto(f"{district_page.base}/dashboard/")
    assert district_page.locator("#targets-heading").is_visible()
    district_page.goto(f"{district_page.base}/reports/")
    with district_page.expect_download() as download_info:
        district_page.locator("form[action$='/reports/initiatives.xlsx'] button[type=submit]").click()
    assert download_info.value.suggested_filename.endswith(".xlsx")
    with open(download_info.value.path(), "rb") as handle:
        workbook = load_workbook(handle, read_only=True)
        cells = [str(c) for row in workbook.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert "Chấm bài trắc nghiệm bằng điện thoại" in cells

    for page in (member_page, officer_page, district_page):
        assert page.console_errors == [], page.console_errors
