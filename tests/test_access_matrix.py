"""The access matrix: every URL of the site, the JSON, the reports and the admin, for every role, against
the data of another branch. Nothing of branch B may reach an officer or a member of branch A, an anonymous
visitor, or be changed by them.

New URLs are found by walking the URL configuration: a pattern whose parameters the matrix does not know
fails the test until it is taught what to put there, so a page added later is covered without editing it.
Branch B's private data all carry the marker ZX9Q; a response leaks when it shows the marker (in HTML,
JSON or inside an .xlsx file).
"""

import io
import zipfile

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver

from initiatives import reorganisation, services
from initiatives.models import (
    BranchReport,
    Initiative,
    InitiativeAuthor,
    Member,
    MembershipRequest,
    Pledge,
    ReviewNote,
    Status,
)
from jobs.models import Job
from models_awards.models import Candidate, Nomination, NominationStatus
from tests import factories
from tests.initiatives.helpers import pdf
from tests.models_awards import helpers as awards

MARKER = "ZX9Q"
SKIPPED_PATTERNS = {
    "accounts/reset/<uidb64>/<token>/",  # needs a signed token; Django's own view
    # Needs a signed token, and shows only what that token carries (test_accounts.py: forged, used, expired).
    "accounts/register/finish/<str:token>/",
}


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue  # the admin is walked through its registry below
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


@pytest.fixture
def world(branch_a, branch_b, officer_a, member_a, district):
    secret_member = factories.member(branch_b, f"Lê Văn {MARKER}", with_user=True, username="member_b_secret")
    initiative = factories.initiative(
        branch_b,
        title=f"Sáng kiến {MARKER}",
        authors=[(secret_member, 100)],
        status=Status.SUBMITTED,
        entered_by=secret_member.user,
    )
    attachment = services.store_attachment(
        initiative,
        secret_member.user,
        pdf(f"{MARKER}.pdf", b"%PDF-1.4\n% " + MARKER.encode() + b"\n%%EOF\n"),
        "application/pdf",
        "decision",
    )
    ReviewNote.objects.create(initiative=initiative, author=district, text=f"Ghi chú {MARKER}")
    MembershipRequest.objects.create(user=factories.user("joiner_b"), branch=branch_b, full_name=f"Hồ {MARKER}")
    nomination = awards.nomination(
        branch_b, member=secret_member, status=NominationStatus.PROPOSED, achievements=f"Thành tích {MARKER}"
    )
    award = awards.award(branch_b, member=secret_member, citation=f"Khen {MARKER}")
    candidate = Candidate.objects.create(year=2022, initiative=initiative, added_by=district)
    period = initiative.programme.periods.first()
    report = BranchReport.objects.create(branch=branch_b, period=period, achievements=f"Đã làm {MARKER}")
    pledge = Pledge.objects.create(branch=branch_b, programme=initiative.programme)
    # A finished background report of branch B's officer, its file and title carrying the marker.
    officer_b = factories.officer(branch_b, "officer_b_secret")
    job = Job(owner=officer_b, kind="report", title=f"Danh sách {MARKER}", params={"report": "initiatives"},
              state=Job.State.DONE, done=1, total=1, message=f"Xong {MARKER}", file_name=f"{MARKER}.xlsx")
    job.file.save(f"{MARKER}.xlsx", ContentFile(MARKER.encode()), save=False)
    job.save()
    return {
        "branch": branch_b,
        "member": secret_member,
        "initiative": initiative,
        "attachment": attachment,
        "nomination": nomination,
        "award": award,
        "candidate": candidate,
        "period": period,
        "report": report,
        "pledge": pledge,
        "job": job,
        "users": {"officer_a": officer_a, "member_a": member_a.user, "district": district},
    }


def url_for(path, world):
    """Fill a pattern's parameters with branch B's objects, or say it cannot."""
    b = world
    by_path = {
        "initiatives/<int:pk>/": b["initiative"].pk,
        "attachments/<int:pk>/": b["attachment"].pk,
        "awards/nominations/<int:pk>/": b["nomination"].pk,
        "awards/<int:pk>/": b["award"].pk,
        "awards/scoring/<int:pk>/": b["candidate"].pk,
        "showcase/initiatives/<int:pk>/": b["initiative"].pk,
        "showcase/exemplars/<int:pk>/": b["nomination"].pk,
    }
    filled = path
    for prefix, pk in by_path.items():
        if path.startswith(prefix):
            filled = filled.replace("<int:pk>", str(pk))
    replacements = {
        "<int:branch_id>": str(b["branch"].pk),
        "<int:period_id>": str(b["period"].pk),
        "<int:other_pk>": str(b["initiative"].pk),
        "<slug:action>": "approve",
        "<int:job_id>": str(b["job"].pk),
        "<int:node_id>": str(b["branch"].federation_id),
    }
    for placeholder, value in replacements.items():
        filled = filled.replace(placeholder, value)
    return filled


SLUG_VALUES = {
    "<slug:kind>": ["initiatives", "summary", "exemplars", "programme", "roster", "backup", "rebuild_tallies"],
    "<slug:role>": ["member", "officer", "district"],
    "<slug:change>": list(reorganisation.CHANGES),
}


def expand(path, world):
    paths = [url_for(path, world)]
    for placeholder, values in SLUG_VALUES.items():
        paths = [p.replace(placeholder, v) for p in paths for v in (values if placeholder in p else [placeholder])]
    return ["/" + p.replace("\\", "") for p in paths]


def body_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return content.decode("utf-8", "replace")


def snapshot(world):
    initiative = Initiative.objects.get(pk=world["initiative"].pk)
    return (
        initiative.status,
        initiative.title,
        initiative.is_published,
        list(InitiativeAuthor.objects.filter(initiative=initiative).values_list("member_id", "share_percent")),
        Nomination.objects.get(pk=world["nomination"].pk).status,
        Nomination.objects.get(pk=world["nomination"].pk).is_published,
        BranchReport.objects.get(pk=world["report"].pk).state,
        Pledge.objects.get(pk=world["pledge"].pk).accepted_by_district,
        Member.objects.filter(branch=world["branch"]).count(),
        Initiative.objects.count(),
        Job.objects.filter(pk=world["job"].pk).values_list("state", "title").get(),
    )


def site_urls(world):
    urls = []
    for path, _pattern in walk(get_resolver().url_patterns):
        if path in SKIPPED_PATTERNS:
            continue
        for url in expand(path, world):
            assert "<" not in url, f"new URL pattern {path!r}: teach the access matrix what to put in it"
            urls.append(url)
    # Filters asking for branch B by parameter.
    branch = world["branch"].pk
    urls += [f"/reports/{kind}.xlsx?branch={branch}" for kind in ("initiatives", "summary", "programme")]
    urls += [
        f"/dashboard/?branch={branch}",
        f"/dashboard/progress.json?branch={branch}",
        f"/initiatives/?branch={branch}",
        "/initiatives/?q=sang+kien",
    ]
    return urls


@pytest.mark.parametrize("role", ["anonymous", "member_a", "officer_a"])
def test_no_page_of_the_site_leaks_or_changes_another_branchs_data(client, world, role):
    before = snapshot(world)
    user = world["users"].get(role)
    for url in site_urls(world):
        for method in ("get", "post"):
            if user is not None:
                client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            response = getattr(client, method)(url)
            assert response.status_code < 500, (method, url, response.status_code)
            assert MARKER not in body_of(response), f"{role} sees branch B's data with {method.upper()} {url}"
            client.logout()
    assert snapshot(world) == before, f"{role} changed branch B's data"


def test_the_district_does_see_branch_b(client, world):
    """The matrix's own check: the marker is where a leak would show it."""
    client.force_login(world["users"]["district"], backend="django.contrib.auth.backends.ModelBackend")
    for url in (
        f"/initiatives/{world['initiative'].pk}/",
        "/initiatives/",
        "/reports/initiatives.xlsx",
        f"/awards/nominations/{world['nomination'].pk}/",
        f"/attachments/{world['attachment'].pk}/",
        f"/initiatives/{world['initiative'].pk}/request-form.docx",
    ):
        assert MARKER in body_of(client.get(url)), url


def admin_urls(model, pk=None):
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    if pk is None:
        return [base, f"{base}add/", f"{base}?q=le+van"]
    return [f"{base}{pk}/change/", f"{base}{pk}/history/", f"{base}{pk}/delete/"]


@pytest.mark.parametrize("role", ["member_a", "officer_a"])
def test_no_admin_page_leaks_or_changes_another_branchs_data(client, world, role):
    district = world["users"]["district"]
    before = snapshot(world)
    secret_objects = []
    # Which rows are branch B's private ones: those whose change page shows the marker to the district.
    client.force_login(district, backend="django.contrib.auth.backends.ModelBackend")
    for model in admin.site._registry:
        for pk in model._default_manager.values_list("pk", flat=True)[:200]:
            url = admin_urls(model, pk)[0]
            if MARKER in body_of(client.get(url)):
                secret_objects.append((model, pk))
    assert {m.__name__ for m, _pk in secret_objects} >= {"Initiative", "Member", "Nomination", "Award"}

    client.force_login(world["users"][role], backend="django.contrib.auth.backends.ModelBackend")
    for model in admin.site._registry:
        for url in admin_urls(model):
            response = client.get(url)
            assert response.status_code < 500, url
            assert MARKER not in body_of(response), f"{role} sees branch B's data at {url}"
    for model, pk in secret_objects:
        for url in admin_urls(model, pk):
            response = client.get(url)
            assert response.status_code < 500, url
            assert MARKER not in body_of(response), f"{role} sees branch B's data at {url}"
            client.post(url, {"post": "yes"})
    # Admin actions on branch B's initiative and nomination.
    for model, action in (
        (Initiative, "approve_selected"),
        (Initiative, "reject_selected"),
        (Nomination, "delete_selected"),
    ):
        pk = world["initiative"].pk if model is Initiative else world["nomination"].pk
        base = admin_urls(model)[0]
        client.post(
            base,
            {
                "action": action,
                "_selected_action": [pk],
                "confirm": "1",
                "post": "yes",
                "comment": "x",
                "novelty_confirmed": "on",
                "lawful_confirmed": "on",
            },
        )
    assert snapshot(world) == before, f"{role} changed branch B's data in the admin"
