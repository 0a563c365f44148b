"""Walks every page a role can reach by following links, and audits each one as a person would meet it:
axe-core's WCAG 2.1 A/AA rules (vendored from npm: tests/browser/vendor/axe-core) and the page's width
against the screen's.

Pages are found by following the links on each page (site and admin), starting from the role's home pages;
one page per URL shape is visited (/admin/initiatives/initiative/12/change/ stands for every initiative),
so the walk stays short as data grows while a page added later is found without editing this file.

Also runnable by hand against a running portal (prints what it finds):
    .venv/bin/python -m tests.browser.page_audit --base http://127.0.0.1:8105 --user canbo
"""
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

AXE_SOURCE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"
AXE_RUN = """async () => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                 targets: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: '
                                   + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 160))}));
}"""
WIDTH = "Math.max(document.documentElement.scrollWidth, document.body ? document.body.scrollWidth : 0)"

# Not pages: files, JSON, logging out, switching language, and pages that change something on GET.
NOT_PAGES = re.compile(
    r"\.(xlsx|xls|json|pdf|png|jpe?g|ico|docx?|csv|zip)$|/attachments/|/document/|logout|/i18n/|/static/|/media/"
    r"|/admin/r/|/reports/import/[^/]+/confirm/|/accounts/reset/"
)
SERIOUS = {"serious", "critical"}


def shape(path):
    """One representative per URL shape: numbers stand for any object."""
    return re.sub(r"/\d+(?=/|\.|$)", "/N", path)


def links(page, base):
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    host = urlsplit(base).netloc
    for href in hrefs:
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        url = urlsplit(urljoin(page.url, href))
        if url.netloc != host or NOT_PAGES.search(url.path):
            continue
        yield url.path


def audit_page(page, axe_source):
    """(violations that are serious or critical, document width) of the page now open."""
    page.evaluate(axe_source)  # through the DevTools protocol: the page's CSP does not block it
    found = page.evaluate(AXE_RUN)
    width = page.evaluate(WIDTH)
    return [v for v in found if v["impact"] in SERIOUS], width


def walk(page, base, starts, limit=200):
    """Yields (path, status, serious violations, width) for each page shape reachable from `starts`."""
    axe_source = AXE_SOURCE.read_text(encoding="utf-8")
    seen, queue = set(), list(starts)
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if shape(path) in seen:
            continue
        seen.add(shape(path))
        try:
            response = page.goto(base + path)
        except Exception as error:  # a link that downloads a file is not a page
            if "Download is starting" in str(error):
                continue
            raise
        page.wait_for_load_state("load")
        status = response.status if response else None
        landed = urlsplit(page.url).path
        if landed != path and shape(landed) in seen:
            continue  # a redirect to a page already audited (e.g. the login page)
        seen.add(shape(landed))
        if "text/html" not in (response.headers.get("content-type", "") if response else ""):
            continue
        violations, width = audit_page(page, axe_source)
        yield landed, status, violations, width
        queue.extend(p for p in links(page, base) if shape(p) not in seen)


def log_in(page, base, username, password):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state()


def main():
    import argparse
    import shutil

    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="http://127.0.0.1:8000")
    ap.add_argument("--user")
    ap.add_argument("--password", default="VinhLinh@2021")
    ap.add_argument("--width", type=int, default=390)
    ap.add_argument("--start", nargs="*", default=["/", "/admin/"])
    args = ap.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": args.width, "height": 844}, locale="vi-VN")
        page = context.new_page()
        if args.user:
            log_in(page, args.base, args.user, args.password)
        for path, status, violations, width in walk(page, args.base, args.start):
            flag = "" if width <= args.width else f"  WIDE {width}"
            print(f"{status} {path}{flag}")
            for v in violations:
                print(f"    {v['impact']} {v['id']}: {v['help']}")
                for t in v["targets"]:
                    print(f"        {t}")
        browser.close()


if __name__ == "__main__":
    main()
