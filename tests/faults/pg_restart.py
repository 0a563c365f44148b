"""PostgreSQL restarted while the portal serves requests (run by tests/faults/test_database_outage.py on the
PostgreSQL run of .ci/run; needs root and a local cluster).

It builds its own database (fuzz_faults), seeds the demo data and a batch of submitted initiatives, starts gunicorn
(2 workers) on 127.0.0.1, and hammers it from threads: visitors and signed-in users reading pages and the JSON, an
officer approving the batch one by one through the site's move URL. Meanwhile PostgreSQL is restarted once with
pg_ctlcluster. Then it checks:

- every answer was 200 (or the redirect of a move), or the 503 outage page while the database was away; no 500,
  no dropped connection;
- once PostgreSQL is back, answers are 200 again without restarting the portal (CONN_HEALTH_CHECKS);
- no half-done move: each initiative of the batch is either still submitted with no approval in its history, or
  approved with exactly one history row and one field-history row for it; the moves refused during the outage go
  through when fired again, and the counts before/after add up.

Prints the figures as JSON on the last line; exits 1 if a check fails. Usage:
    .venv/bin/python tests/faults/pg_restart.py [--port 8105] [--no-restart]
"""

import argparse
import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DATABASE = "fuzz_faults"
PASSWORD = "VinhLinh@2021"
BATCH = 40  # submitted initiatives approved one by one while PostgreSQL restarts
OUTAGE_MARKER = b'id="service-unavailable"'


class Cluster:
    """The PostgreSQL cluster restarted: `main` on 5432 in CI; another local one while trying the script."""

    def __init__(self, name="main", port=5432):
        self.version = sorted(os.listdir("/etc/postgresql"))[0]
        self.name, self.port = name, port
        self.url = f"postgres://postgres@127.0.0.1:{port}/{DATABASE}"

    def psql(self, sql):
        subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", "postgres",
                        "-v", "ON_ERROR_STOP=1", "-qc", sql], check=True, capture_output=True)

    def is_ready(self):
        return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", str(self.port)],
                              capture_output=True).returncode == 0

    def restart(self):
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, "restart"],
                       check=True, capture_output=True)


def environment(cluster):
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": cluster.url, "DJANGO_SETTINGS_MODULE": "vinhlinh_portal.settings", "DEBUG": "0",
        "SECRET_KEY": "faults-test-only-" + "x" * 40, "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend", "CONN_MAX_AGE": "60",
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    env.pop("DJANGO_ENV", None)
    return env


def manage(env, *args):
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def wait_for(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"timed out waiting for {what}")


# -- the data, through the ORM of this process --------------------------------------------------------------


def setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare_batch():
    """BATCH submitted, eligible initiatives in canbo's branch; returns their ids."""
    from django.contrib.auth import get_user_model

    from initiatives.models import Branch, Initiative, InitiativeAuthor, Member, Programme, Status

    officer = get_user_model().objects.get(username="canbo")
    branch = Branch.objects.get(officers=officer)
    member = Member.objects.filter(branch=branch).first()
    ids = []
    for number in range(BATCH):
        record = Initiative.objects.create(
            programme=Programme.current(), branch=branch, title=f"Sáng kiến thử sự cố {number}",
            category="operational", field_of_work="Giáo dục", application_date="2022-03-01",
            recognition_body="council", recognition_decision_no=f"{number}/QĐ-TEST", recognition_date="2022-04-01",
            social_benefit="Phụ huynh theo dõi kịp thời.", economic_benefit_vnd=1_000_000, status=Status.SUBMITTED,
        )
        InitiativeAuthor.objects.create(initiative=record, member=member, share_percent=100, order=0)
        record.refresh_credit_and_search()
        ids.append(record.pk)
    return ids


def counts(ids):
    from initiatives.models import Initiative, StatusChange

    history = Initiative.history.model
    return {
        "initiatives": Initiative.objects.count(),
        "status_changes": StatusChange.objects.count(),
        "field_history": history.objects.count(),
        "batch_approved": Initiative.objects.filter(pk__in=ids, status="branch_approved").count(),
        "batch_submitted": Initiative.objects.filter(pk__in=ids, status="submitted").count(),
    }


def half_done_moves(ids):
    """Initiatives of the batch whose status and history disagree (a move half applied)."""
    from initiatives.models import Initiative, StatusChange

    history = Initiative.history.model
    problems = []
    for record in Initiative.objects.filter(pk__in=ids):
        approvals = StatusChange.objects.filter(initiative=record, action="approve").count()
        recorded = history.objects.filter(id=record.pk, status="branch_approved").count()
        expected = 1 if record.status == "branch_approved" else 0
        if record.status not in ("submitted", "branch_approved") or approvals != expected or recorded != expected:
            problems.append({"id": record.pk, "status": record.status, "approvals": approvals, "recorded": recorded})
    return problems


def close_connections():
    from django.db import connections

    connections.close_all()


# -- HTTP ----------------------------------------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A signed-in (or anonymous) user: cookies, the CSRF token, no automatic redirects."""

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.read()

    def csrf(self):
        return next((c.value for c in self.cookies if c.name == "csrftoken"), "")

    def log_in(self, username):
        status, page = self.request("/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        status, _page = self.request("/accounts/login/", {"csrfmiddlewaretoken": token, "username": username,
                                                          "password": PASSWORD})
        if status != 302:
            raise RuntimeError(f"login of {username} answered {status}")
        return self


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.answers = []  # (started, finished, kind, status, outage page?)

    def call(self, kind, browser, path, data=None):
        started = time.monotonic()
        try:
            status, body = browser.request(path, data)
        except OSError as error:  # a dropped or refused connection, a timeout: the portal itself failed
            status, body = f"connection error: {type(error).__name__}", b""
        with self.lock:
            self.answers.append((started, time.monotonic(), kind, status, OUTAGE_MARKER in body))
        return status


def reader(browser, paths, recorder, stop):
    index = 0
    while not stop.is_set():
        recorder.call("read", browser, paths[index % len(paths)])
        index += 1


def approve(officer, pk, recorder):
    data = {"csrfmiddlewaretoken": officer.csrf(), "novelty_confirmed": "on", "lawful_confirmed": "on"}
    return recorder.call("move", officer, f"/initiatives/{pk}/approve/", data)


def approver(officer, ids, recorder, stop, fired):
    for pk in ids:
        if stop.is_set():
            return
        fired.append((pk, approve(officer, pk, recorder)))
        time.sleep(0.15)


# -- the run -------------------------------------------------------------------------------------------------


def run(port, cluster, restart=True):
    env = environment(cluster)
    cluster.psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    cluster.psql(f"CREATE DATABASE {DATABASE}")
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo", "--force")
    manage(env, "collectstatic", "--noinput")
    setup_django(env)
    ids = prepare_batch()
    before = counts(ids)
    close_connections()

    log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"fuzz-faults-gunicorn-{port}.log", "w+")
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "vinhlinh_portal.wsgi", "--workers", "2", "--bind",
         f"127.0.0.1:{port}", "--timeout", "30", "--graceful-timeout", "5", "--log-level", "info"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    figures = {"problems": []}
    try:
        wait_for(lambda: _answers(base), 30, "gunicorn")
        officer = Browser(base).log_in("canbo")
        recorder, stop, fired = Recorder(), threading.Event(), []
        readers = [
            (Browser(base), ["/", "/showcase/", "/guide/"]),
            (Browser(base).log_in("vanphong"), ["/initiatives/", "/dashboard/progress.json", f"/initiatives/{ids[0]}/",
                                                "/dashboard/"]),
            (Browser(base).log_in("vanphong"), ["/dashboard/progress.json", "/initiatives/?status=submitted"]),
            (Browser(base).log_in("canbo"), ["/initiatives/", f"/initiatives/{ids[1]}/"]),
        ]
        threads = [threading.Thread(target=reader, args=(b, p, recorder, stop)) for b, p in readers]
        threads.append(threading.Thread(target=approver, args=(officer, ids, recorder, stop, fired)))
        for thread in threads:
            thread.start()
        time.sleep(2.0)
        outage_start = time.monotonic()
        if restart:
            cluster.restart()
        restarted_at = time.monotonic()
        wait_for(cluster.is_ready, 60, "PostgreSQL after the restart")
        back_at = time.monotonic()
        time.sleep(2.0)  # requests that were under way when it came back
        settled_at = time.monotonic()
        time.sleep(3.0)
        stop.set()
        for thread in threads:
            thread.join(timeout=90)

        # The moves that met the outage are fired again: each goes through exactly once.
        close_connections()
        mid = counts(ids)
        refused = [pk for pk, status in fired if status != 302]
        retried = Counter(str(approve(officer, pk, recorder)) for pk in refused + ids[len(fired):])
        after = counts(ids)
        half_done = half_done_moves(ids)
        close_connections()

        answers = recorder.answers
        outage_answers = [a for a in answers if a[3] == 503]
        after_recovery = [a for a in answers if a[0] >= settled_at]
        figures.update({
            "requests": len(answers),
            "statuses": dict(Counter(str(a[3]) for a in answers)),
            "restart_command_seconds": round(restarted_at - outage_start, 2),
            "ready_after_seconds": round(back_at - outage_start, 2),
            "answers_503": len(outage_answers),
            "503_window_seconds": [round(min(a[0] for a in outage_answers) - outage_start, 2),
                                   round(max(a[1] for a in outage_answers) - outage_start, 2)]
            if outage_answers else None,
            "slowest_answer_seconds": round(max(a[1] - a[0] for a in answers), 2),
            "requests_after_recovery": len(after_recovery),
            "moves_fired_during_run": len(fired),
            "moves_refused_during_outage": len(refused),
            "moves_fired_again": dict(retried),
            "counts_before": before,
            "counts_after_run": mid,
            "counts_after_moves_fired_again": after,
            "half_done_moves": half_done,
        })
        problems = figures["problems"]
        bad = Counter(str(a[3]) for a in answers if a[3] not in (200, 302, 503))
        if bad:
            problems.append(f"answers other than 200/302/503: {dict(bad)}")
        fake = [a for a in outage_answers if not a[4]]
        if fake:
            problems.append(f"{len(fake)} answers were 503 but not the outage page")
        not_recovered = Counter(str(a[3]) for a in after_recovery if a[3] not in (200, 302))
        if not after_recovery or not_recovered:
            problems.append(f"not recovered: {dict(not_recovered)} of {len(after_recovery)} answers")
        if half_done:
            problems.append(f"half-done moves: {half_done}")
        if mid["batch_approved"] + mid["batch_submitted"] != BATCH:
            problems.append("an initiative of the batch left both statuses")
        if mid["status_changes"] - before["status_changes"] != mid["batch_approved"]:
            problems.append("history rows do not match the moves made")
        if after["batch_approved"] != BATCH or after["status_changes"] - before["status_changes"] != BATCH:
            problems.append("the moves fired again did not each go through exactly once")
        if after["initiatives"] != before["initiatives"]:
            problems.append("initiatives were lost or added")
        if set(retried) - {"302"}:
            problems.append(f"moves fired again answered {dict(retried)}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        wait_for(cluster.is_ready, 60, "PostgreSQL at the end")
        log.seek(0)
        server_log = log.read()
        log.close()
        if "Traceback" in server_log or "WORKER TIMEOUT" in server_log:
            figures["problems"].append("gunicorn logged errors:\n" + server_log[-4000:])
        cluster.psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    return figures


def _answers(base):
    try:
        with urllib.request.urlopen(base + "/", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8105, help="gunicorn's port")
    parser.add_argument("--cluster", default="main", help="the PostgreSQL cluster to restart")
    parser.add_argument("--pg-port", type=int, default=5432, help="that cluster's port")
    parser.add_argument("--no-restart", action="store_true", help="everything but the restart (to try the script)")
    options = parser.parse_args()
    figures = run(options.port, Cluster(options.cluster, options.pg_port), restart=not options.no_restart)
    print(json.dumps(figures, ensure_ascii=False))
    return 1 if figures.get("problems") else 0


if __name__ == "__main__":
    sys.exit(main())
