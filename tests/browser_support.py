"""Browser-test fixtures (a pytest plugin loaded by tests/conftest.py, so every test folder can use them):
real headless Chromium (Debian's package) driven by Playwright against the live test server.
Playwright's own browser download is never used: the system Chromium is launched by path. A failing
test leaves a screenshot of the page in browser-artifacts/.
"""
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "browser-artifacts"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is not installed: apt-get install -y chromium (the CI script does it)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def open_page(browser, live_server, request):
    """open_page(size) -> a fresh page (own cookies) at `size`; screenshots are kept if the test fails."""
    pages = []

    def _open(size="desktop"):
        context = browser.new_context(viewport=SIZES[size], locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.console_errors = []
        page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
        # Name the resource behind a "Failed to load resource" console error.
        page.on("response", lambda r: r.status >= 400 and page.console_errors.append(f"{r.status} {r.url}"))
        page.base = live_server.url
        pages.append((size, page))
        return page

    yield _open
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for index, (size, page) in enumerate(pages):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{index}-{size}.png"), full_page=True)
        page.context.close()


def log_in(page, username, password):
    page.goto(f"{page.base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state()
