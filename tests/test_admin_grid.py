"""The admin's grid: every sub-URL of every registered model, for every role, against branch B's real rows.

The URLs are not listed by hand: each registered ModelAdmin's own URL patterns are walked (changelist, add,
change, delete, history, the history entries of django-simple-history, custom pages such as the move page), and
the admin's autocomplete is asked about every relation of every model. A pattern whose parameters the grid does
not know fails the test until it is taught what to put there, so an admin page added later is covered.

Each URL is requested with GET and POST (the POST carries the object's own field values, which is what a revert
or a save needs to succeed); nothing of branch B may be shown (the marker ZX9Q) and nothing may change.
Malformed ids (letters, a NUL byte) are a 404 or a redirect, never a 500.
"""

import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import transaction
from django.db.models import ForeignKey, ManyToManyField, OneToOneField, ProtectedError
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict

from initiatives import workflow
from initiatives.models import Branch, Initiative, Status, StatusChange
from tests import factories
from tests.test_access_matrix import MARKER, body_of, snapshot, world  # noqa: F401  (world: the fixture)

BRANCH_LOOKUPS = ("branch", "initiative__branch", "member__branch", "nomination__branch")
USER_LOOKUP = "member__branch"  # an account belongs to branch B through its roster entry
BAD_IDS = ("abc", "%00", "1%00", "9" * 30)
MOVE_ACTIONS = sorted(workflow.MOVES)


def rows_of_branch(model, branch):
    """The registered model's rows that belong to `branch` (empty for shared data such as programmes)."""
    if model is Branch:
        return list(Branch.objects.filter(pk=branch.pk))
    field_names = {f.name for f in model._meta.get_fields()}
    for lookup in (*BRANCH_LOOKUPS, USER_LOOKUP):
        if lookup.split("__")[0] in field_names:
            try:
                return list(model._default_manager.filter(**{lookup: branch}))
            except Exception:  # noqa: BLE001  (a name that is not this lookup: try the next)
                continue
    return []


def history_ids(model, pk):
    history = getattr(model, "history", None)
    if history is None:
        return []
    return list(history.model.objects.filter(**{model._meta.pk.attname: pk}).values_list("history_id", flat=True))


def fill(pattern, model, pk):
    """Every URL the pattern gives for the object `pk` (several for a pattern with an action)."""
    paths = [pattern]
    if "<slug:action>" in pattern:
        paths = [p.replace("<slug:action>", action) for p in paths for action in MOVE_ACTIONS]
    filled = []
    for path in paths:
        for placeholder in ("<path:object_id>", "<int:pk>", "<id>"):
            path = path.replace(placeholder, str(pk))
        if path == "^([^/]+)/history/([^/]+)/$":
            filled += [f"{pk}/history/{version}/" for version in history_ids(model, pk)]
            continue
        assert "<" not in path and "(" not in path, f"new admin URL {pattern!r}: teach the grid what to put in it"
        filled.append(path)
    return filled


def admin_object_urls(model, model_admin, pk):
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    urls = []
    for pattern in model_admin.get_urls():
        text = str(pattern.pattern)
        if text in ("", "add/"):
            continue
        urls += [base + path for path in fill(text, model, pk)]
    return urls


def admin_list_urls(model):
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    return [base, f"{base}add/", f"{base}?q=le+van", f"{base}?q=sang+kien"]


def bad_id_urls(model, model_admin):
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    urls = []
    for bad in BAD_IDS:
        urls += [f"{base}{bad}/change/", f"{base}{bad}/history/", f"{base}{bad}/delete/"]
        if hasattr(model, "history"):
            urls += [f"{base}{bad}/history/1/", f"{base}1/history/{bad}/"]
    return urls


def autocomplete_urls():
    """The admin's autocomplete for every relation of every model towards a registered model (the view trusts the
    source model and field it is told, so every combination is tried)."""
    urls = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if not isinstance(field, (ForeignKey, OneToOneField, ManyToManyField)) or field.auto_created:
                continue
            if field.related_model not in admin.site._registry:
                continue
            query = f"app_label={model._meta.app_label}&model_name={model._meta.model_name}&field_name={field.name}"
            urls += [f"/admin/autocomplete/?{query}&term={term}" for term in ("", "le", "%00")]
    return urls


def post_data(instance):
    data = {"post": "yes", "_save": "Lưu", "confirm": "1", "comment": "x", "novelty_confirmed": "on",
            "lawful_confirmed": "on"}
    for name, value in model_to_dict(instance).items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, datetime.date):
            data[name] = value.strftime("%d/%m/%Y")
        elif isinstance(value, FieldFile):
            continue  # a file: not re-posted
        else:
            data[name] = getattr(value, "pk", value)
    return data


@pytest.fixture
def grid(db, request):
    """Branch B's initiative has a past version in draft (what a revert would bring back) and a status row."""
    branch_world = request.getfixturevalue("world")
    initiative = Initiative.objects.get(pk=branch_world["initiative"].pk)
    submitted_at = initiative.submitted_at
    initiative.status, initiative.submitted_at, initiative.title = Status.DRAFT, None, f"Bản nháp {MARKER}"
    initiative.save()
    initiative.status, initiative.submitted_at = Status.SUBMITTED, submitted_at
    initiative.title = branch_world["initiative"].title
    initiative.save()
    StatusChange.objects.create(initiative=initiative, from_status=Status.DRAFT, to_status=Status.SUBMITTED,
                                actor=branch_world["member"].user, comment=f"Gửi {MARKER}")
    assert len(history_ids(Initiative, initiative.pk)) >= 2
    return branch_world


def requests_for(grid_world):
    """(method, url, data) for every admin sub-URL, with branch B's real rows and their history entries."""
    branch = grid_world["branch"]
    covered = set()
    plan = []
    for model, model_admin in admin.site._registry.items():
        for url in admin_list_urls(model):
            plan.append(("get", url, None))
            plan.append(("post", url, {"post": "yes"}))
        plan += [("get", url, None) for url in bad_id_urls(model, model_admin)]
        for row in rows_of_branch(model, branch):
            covered.add(model.__name__)
            for url in admin_object_urls(model, model_admin, row.pk):
                data = post_data(row)
                if "/history/" in url and hasattr(model, "history") and not url.endswith("/history/"):
                    version = int(url.rstrip("/").rsplit("/", 1)[1])
                    data = post_data(model.history.model.objects.get(history_id=version).instance)
                plan.append(("get", url, None))
                plan.append(("post", url, data))
    for url in autocomplete_urls():
        plan.append(("get", url, None))
    assert covered >= {"Initiative", "Member", "MembershipRequest", "StatusChange", "Pledge", "Nomination", "Award",
                       "Candidate", "Branch"}, covered
    assert any("/history/" in url and url.count("/") == 7 for _m, url, _d in plan), "no history entry was tried"
    return plan


@pytest.mark.parametrize("role", ["anonymous", "member_a", "officer_a"])
def test_no_admin_sub_url_of_any_model_leaks_or_changes_another_branchs_data(client, grid, role):
    before = snapshot(grid)
    history_before = Initiative.history.filter(id=grid["initiative"].pk).count()
    user = grid["users"].get(role)
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    failures = []
    for method, url, data in requests_for(grid):
        response = client.get(url) if method == "get" else client.post(url, data)
        if response.status_code >= 500:
            failures.append(f"{method.upper()} {url}: {response.status_code}")
        elif MARKER in body_of(response):
            failures.append(f"{method.upper()} {url}: shows branch B's data")
        if "/history/" in url and url.count("/") == 7 and user is not None and user.is_staff:
            # A history entry of another branch's object: not found, whatever its ids.
            if response.status_code not in (403, 404):
                failures.append(f"{method.upper()} {url}: {response.status_code}, not 403/404")
    assert not failures, "\n".join(failures[:40])
    assert snapshot(grid) == before, f"{role} changed branch B's data in the admin"
    assert Initiative.history.filter(id=grid["initiative"].pk).count() == history_before


def test_malformed_history_ids_are_not_found(client, grid):
    """Letters or a NUL byte where an id goes: 404, even for the district who sees everything."""
    client.force_login(grid["users"]["district"], backend="django.contrib.auth.backends.ModelBackend")
    pk = grid["initiative"].pk
    base = "/admin/initiatives/initiative/"
    for url in (f"{base}abc/history/", f"{base}%00/history/", f"{base}{pk}/history/abc/",
                f"{base}{pk}/history/%00/", f"{base}abc/history/1/", f"{base}{pk}/history/999999/",
                f"{base}{pk}%00/history/1/"):
        assert client.get(url).status_code == 404, url


def test_district_reads_history_entries_but_nobody_reverts(client, grid):
    """The district (who may see branch B) reads the entry; revert is off for everyone: a POST of the draft
    version changes nothing, and the page offers no Revert button."""
    initiative = grid["initiative"]
    client.force_login(grid["users"]["district"], backend="django.contrib.auth.backends.ModelBackend")
    draft_version = Initiative.history.filter(id=initiative.pk, status=Status.DRAFT).latest("history_date")
    url = f"/admin/initiatives/initiative/{initiative.pk}/history/{draft_version.history_id}/"
    page = client.get(url)
    assert page.status_code == 200
    assert f"Bản nháp {MARKER}" in body_of(page)
    assert 'name="_save"' not in body_of(page)
    assert client.get(f"/admin/initiatives/initiative/{initiative.pk}/history/").status_code == 200
    response = client.post(url, post_data(draft_version.instance))
    assert response.status_code == 405
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED
    assert initiative.title == f"Sáng kiến {MARKER}"


def test_officer_cannot_revert_own_sent_initiative_to_draft_and_delete_it(client, branch_a, officer_a):
    """The attack of the probe: revert a sent initiative to its draft version, then delete it."""
    author = factories.member(branch_a)
    initiative = factories.initiative(branch_a, authors=[(author, 100)], entered_by=officer_a)
    draft_version = Initiative.history.filter(id=initiative.pk).latest("history_date")
    initiative.status, initiative.submitted_at = Status.SENT_TO_PROVINCE, datetime.datetime.now(datetime.UTC)
    initiative.sent_to_province_date = datetime.date(2022, 3, 15)
    initiative.save()
    client.force_login(officer_a, backend="django.contrib.auth.backends.ModelBackend")
    url = f"/admin/initiatives/initiative/{initiative.pk}/history/{draft_version.history_id}/"
    assert client.get(url).status_code == 200  # their own branch: readable
    assert client.post(url, post_data(draft_version.instance)).status_code == 405
    initiative.refresh_from_db()
    assert initiative.status == Status.SENT_TO_PROVINCE and initiative.was_submitted
    client.post(f"/admin/initiatives/initiative/{initiative.pk}/delete/", {"post": "yes"})
    client.post("/admin/initiatives/initiative/", {"action": "delete_selected", "_selected_action": [initiative.pk],
                                                    "post": "yes"})
    assert Initiative.objects.filter(pk=initiative.pk).exists()


def test_no_orm_path_deletes_a_submitted_initiative(branch_a):
    """The last guard: a queryset delete (what a bulk action does) refuses a submitted initiative too."""
    initiative = factories.initiative(branch_a, status=Status.SUBMITTED)
    Initiative.objects.filter(pk=initiative.pk).update(submitted_at=datetime.datetime.now(datetime.UTC))
    with pytest.raises(ProtectedError), transaction.atomic():
        Initiative.objects.filter(pk=initiative.pk).delete()
    assert Initiative.objects.filter(pk=initiative.pk).exists()
    draft = factories.initiative(branch_a)
    Initiative.objects.filter(pk=draft.pk).delete()  # a draft never submitted still goes
    assert not Initiative.objects.filter(pk=draft.pk).exists()
