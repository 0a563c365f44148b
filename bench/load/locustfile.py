"""The load test's users (locust), run headless by bench/load/run.sh against gunicorn on 127.0.0.1.

- Browser (most users): the district office reading the home page, the list (and its filters), an initiative
  and the dashboard's JSON.
- Submitter: a member who opens the form, fills in an eligible initiative and submits it to the branch.
- Approver: the branch officer who opens the submitted list and approves one through the site's move URL.

Every simulated user logs in with an account of its own (bench/load/prepare.py writes them to LOAD_ACCOUNTS),
so none shares a session or a lock-out counter. A response counts as an error when it is not what a person would
get on success: any 4xx/5xx, a form shown again instead of the redirect after saving, a login refused.
"""

import itertools
import json
import os
import random
import re
import threading

from locust import HttpUser, between, task

ACCOUNTS = json.loads(open(os.environ["LOAD_ACCOUNTS"]).read())
PASSWORD = ACCOUNTS["password"]
DETAIL_LINK = re.compile(r'href="/initiatives/(\d+)/"')
_next = {kind: itertools.count() for kind in ("members", "officers", "district")}
_lock = threading.Lock()


def account(kind):
    """Each simulated user its own account, round robin."""
    with _lock:
        accounts = ACCOUNTS[kind]
        return accounts[next(_next[kind]) % len(accounts)]


class PortalUser(HttpUser):
    abstract = True
    kind = "district"
    wait_time = between(0.5, 2.0)

    def on_start(self):
        self.account = account(self.kind)
        self.client.get("/accounts/login/", name="/accounts/login/")
        with self.client.post("/accounts/login/", {
            "csrfmiddlewaretoken": self.csrf(), "username": self.account["username"], "password": PASSWORD,
        }, allow_redirects=False, catch_response=True, name="/accounts/login/ (POST)") as response:
            if response.status_code != 302:
                response.failure(f"login of {self.account['username']} answered {response.status_code}")

    def page(self, url, name):
        """GET a page; landing on the login form means the session was lost (e.g. with the instance that had it)."""
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.history and "/accounts/login/" in response.url:
                response.failure("signed out: the session was lost")
            return response

    def csrf(self):
        return self.client.cookies.get("csrftoken", "")

    def post_expecting_redirect(self, url, data, name):
        with self.client.post(url, {"csrfmiddlewaretoken": self.csrf(), **data}, allow_redirects=False,
                              catch_response=True, name=name) as response:
            if response.status_code != 302:
                response.failure(f"expected a redirect after {name}, got {response.status_code}")
            return response


class Browser(PortalUser):
    weight = 6
    kind = "district"

    def on_start(self):
        super().on_start()
        self.ids = []

    @task(2)
    def home(self):
        self.page("/", name="/")

    @task(3)
    def initiative_list(self):
        page = random.choice(["", "?page=2", "?status=sent_to_province", "?q=so+tay", "?category=technical"])
        response = self.page(f"/initiatives/{page}", name="/initiatives/?…")
        self.ids = DETAIL_LINK.findall(response.text) or self.ids

    @task(3)
    def initiative_detail(self):
        if self.ids:
            self.page(f"/initiatives/{random.choice(self.ids)}/", name="/initiatives/<id>/")

    @task(2)
    def dashboard_json(self):
        self.page("/dashboard/progress.json", name="/dashboard/progress.json")


class Submitter(PortalUser):
    weight = 2
    kind = "members"

    @task
    def submit_an_initiative(self):
        self.client.get("/initiatives/new/", name="/initiatives/new/")
        number = random.randrange(10**9)
        response = self.post_expecting_redirect("/initiatives/new/", {
            "branch": self.account["branch"], "title": f"Sáng kiến thử tải {number}", "category": "operational",
            "field_of_work": "Giáo dục", "problem": "Sổ giấy dễ thất lạc.", "solution": "Bảng tính dùng chung.",
            "application_summary": "Áp dụng cho 12 lớp.", "recognition_body": "council",
            "recognition_decision_no": f"{number % 1000}/QĐ-THPT", "recognition_date": "10/04/2022",
            "application_kind": "applied", "application_date": "01/03/2022",
            "application_place": "Trường THPT Vĩnh Linh", "economic_benefit_vnd": "12000000",
            "social_benefit": "Phụ huynh theo dõi kịp thời.", "upload-kind": "decision",
            "authors-TOTAL_FORMS": "1", "authors-INITIAL_FORMS": "0", "authors-MIN_NUM_FORMS": "0",
            "authors-MAX_NUM_FORMS": "20", "authors-0-member": self.account["member"],
            "authors-0-share_percent": "100", "submit": "1",
        }, name="/initiatives/new/ (submit)")
        location = response.headers.get("Location", "")
        if re.fullmatch(r"/initiatives/\d+/", location):
            self.client.get(location, name="/initiatives/<id>/")
        elif response.status_code == 302:  # saved but sent back to the form: not submitted
            response.failure(f"saved but not submitted: {location}")


class Approver(PortalUser):
    weight = 1
    kind = "officers"

    @task
    def approve_one(self):
        response = self.page("/initiatives/?status=submitted", name="/initiatives/?status=submitted")
        ids = DETAIL_LINK.findall(response.text)
        if not ids:
            return
        pk = random.choice(ids[:5])
        self.client.get(f"/initiatives/{pk}/", name="/initiatives/<id>/")
        # Two officers may pick the same one: the second is told it was handled already (still a redirect).
        self.post_expecting_redirect(f"/initiatives/{pk}/approve/", {
            "novelty_confirmed": "on", "lawful_confirmed": "on", "comment": "Đồng ý."},
            name="/initiatives/<id>/approve/")
