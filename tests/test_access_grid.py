"""The access grid: every URL of the site (pages, JSON, exports, the reorganisation pages) and every admin sub-URL
(list, add, change, delete, history and each history entry, custom pages, the autocomplete of every relation),
× role × level of the union tree, with real objects, GET and POST.

The tree (one set of objects for the whole module, rolled back at its end):

    LĐLĐ tỉnh (province; officer tinh) ─┬─ Công đoàn xã X (officer xa) ── branch B (officer canbo_b), marker ZX9Q
                                         └─ Công đoàn xã Y (officer xa_ben) ── branch C (officer canbo_c), marker QW7K
    LĐLĐ huyện Vĩnh Linh (the seeded root; officer district) ── branch A (officer officer_a, member member_a)
    upper-union staff who are officer of no node: unassigned

Branches B and C each hold the same private rows (a member with an account, a submitted initiative with an
attachment, a review note, a membership request, a nomination, an award, a scoring candidate, a branch report, a
pledge, a finished background report), every one carrying its subtree's marker. A role walks every URL filled with
the objects of each subtree it must not see: that subtree's marker never shows (in HTML, JSON or inside an .xlsx),
a URL naming one of its objects is refused (403/404, or sign-in for a visitor), and nothing changes. The officers
above see what is theirs (the grid's own check): the province both subtrees, a commune union its own.

URLs are found by walking the URL configuration and each ModelAdmin's own patterns: a pattern whose parameters
the grid does not know fails until it is taught what to put there, so a page added later is covered.
"""

import datetime
import io
import zipfile
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import ForeignKey, ManyToManyField, OneToOneField, ProtectedError
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from initiatives import access, reorganisation, services, workflow
from initiatives.models import (
    Branch,
    BranchReport,
    Initiative,
    InitiativeAuthor,
    Member,
    MembershipRequest,
    Pledge,
    ReviewNote,
    Status,
    StatusChange,
)
from jobs.models import Job
from models_awards.models import Candidate, Nomination, NominationStatus
from tests import factories
from tests.conftest import SEED_MIGRATIONS
from tests.initiatives.helpers import pdf
from tests.models_awards import helpers as awards

X, Y = "ZX9Q", "QW7K"  # the markers of the two sibling subtrees
BACKEND = "django.contrib.auth.backends.ModelBackend"


# --- the objects: one set for the module ----------------------------------------------------------------------


def secret_rows(branch, marker, upper_officer):
    """A branch's private rows, each carrying `marker`, and the ids the URL patterns take."""
    member = factories.member(branch, f"Lê Văn {marker}", with_user=True, username=f"member_{marker.lower()}")
    initiative = factories.initiative(branch, title=f"Sáng kiến {marker}", authors=[(member, 100)],
                                      status=Status.SUBMITTED, entered_by=member.user)
    # A past version in draft (what a revert would bring back) and a status row.
    submitted_at = initiative.submitted_at
    initiative.status, initiative.submitted_at, initiative.title = Status.DRAFT, None, f"Bản nháp {marker}"
    initiative.save()
    initiative.status, initiative.submitted_at, initiative.title = Status.SUBMITTED, submitted_at, f"Sáng kiến {marker}"
    initiative.save()
    StatusChange.objects.create(initiative=initiative, from_status=Status.DRAFT, to_status=Status.SUBMITTED,
                                actor=member.user, comment=f"Gửi {marker}")
    attachment = services.store_attachment(
        initiative, member.user, pdf(f"{marker}.pdf", b"%PDF-1.4\n% " + marker.encode() + b"\n%%EOF\n"),
        "application/pdf", "decision")
    ReviewNote.objects.create(initiative=initiative, author=upper_officer, text=f"Ghi chú {marker}")
    MembershipRequest.objects.create(user=factories.user(f"joiner_{marker.lower()}"), branch=branch,
                                     full_name=f"Hồ {marker}")
    nomination = awards.nomination(branch, member=member, status=NominationStatus.PROPOSED,
                                   achievements=f"Thành tích {marker}")
    award = awards.award(branch, member=member, citation=f"Khen {marker}")
    candidate = Candidate.objects.create(year=2022, initiative=initiative, added_by=upper_officer)
    period = initiative.programme.periods.first()
    report = BranchReport.objects.create(branch=branch, period=period, achievements=f"Đã làm {marker}")
    pledge = Pledge.objects.create(branch=branch, programme=initiative.programme)
    officer = factories.officer(branch, f"canbo_{marker.lower()}")
    job = Job(owner=officer, kind="report", title=f"Danh sách {marker}", params={"report": "initiatives"},
              state=Job.State.DONE, done=1, total=1, message=f"Xong {marker}", file_name=f"{marker}.xlsx")
    job.file.save(f"{marker}.xlsx", ContentFile(marker.encode()), save=False)
    job.save()
    return {"marker": marker, "branch": branch, "node": branch.federation, "member": member,
            "initiative": initiative, "attachment": attachment, "nomination": nomination, "award": award,
            "candidate": candidate, "period": period, "report": report, "pledge": pledge, "job": job,
            "officer": officer}


@pytest.fixture(scope="module")
def grid_media(tmp_path_factory):
    return tmp_path_factory.mktemp("grid_media")


@pytest.fixture(autouse=True)
def _media_and_language(settings, grid_media):
    """The module's files live as long as its objects (the project's fixture gives each test an empty folder)."""
    settings.MEDIA_ROOT = grid_media
    settings.LANGUAGE_CODE = "vi"


@pytest.fixture(scope="module")
def grid(django_db_setup, django_db_blocker, grid_media):
    """The tree and both subtrees' rows, made once for the module inside a transaction rolled back at its end;
    each test runs inside it (pytest-django's savepoint), as Django's setUpTestData does."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=grid_media, LANGUAGE_CODE="vi"), \
            transaction.atomic():
        for module in SEED_MIGRATIONS:
            import_module(module).seed(apps, None)
        branch_a = factories.branch("CĐCS Trường THPT Vĩnh Linh", code="thpt-vl")
        province = factories.node(None, "Liên đoàn Lao động tỉnh Quảng Trị", place_name="Quảng Trị")
        commune_x = factories.node(province, "Công đoàn xã Vĩnh Hoàng")
        commune_y = factories.node(province, "Công đoàn xã Vĩnh Thủy")
        users = {
            "member_a": factories.member(branch_a, "Nguyễn Văn An", with_user=True, username="member_a").user,
            "officer_a": factories.officer(branch_a, "officer_a"),
            "district": factories.district_user("district"),  # the Vĩnh Linh root: another root
            "unassigned": factories.unassigned_upper_staff("vp_chua_giao"),
            "tinh": factories.district_user("tinh", of_node=province),
            "xa": factories.district_user("xa", of_node=commune_x),
            "xa_ben": factories.district_user("xa_ben", of_node=commune_y),
        }
        subtrees = {
            X: secret_rows(factories.branch("CĐCS Trung tâm Y tế Vĩnh Hoàng", code="ttyt-vh", kind="health",
                                            federation=commune_x), X, users["xa"]),
            Y: secret_rows(factories.branch("CĐCS Trường Tiểu học Vĩnh Thủy", code="th-vt",
                                            federation=commune_y), Y, users["xa_ben"]),
        }
        users["canbo_b"], users["canbo_c"] = subtrees[X]["officer"], subtrees[Y]["officer"]
        yield {"users": users, "subtrees": subtrees, "province": province, "branch_a": branch_a}
        transaction.set_rollback(True)


@pytest.fixture
def world(db, grid):
    return grid


def login(client, grid, role):
    if role != "anonymous":
        client.force_login(grid["users"][role], backend=BACKEND)
    return client


def fresh(grid, role):
    """The role's account read again (access caches a request's answers on the user object)."""
    return get_user_model().objects.get(pk=grid["users"][role].pk)


# Who walks the grid against which subtree, at which level. A visitor, a member, a branch officer and the other
# root's officer see neither subtree; the siblings each walk the other's; the province officer sees both (below).
WALKS = [
    ("anonymous", X),
    ("member_a", X),
    ("officer_a", X),  # a branch under the other root
    ("canbo_c", X),  # a branch of the sibling subtree
    ("xa_ben", X),  # the sibling commune union
    ("xa", Y),  # and the other way round
    ("district", Y),  # the other root
    ("unassigned", X),  # upper-union staff with no node
]
SEES = {"tinh": (X, Y), "xa": (X,), "xa_ben": (Y,), "canbo_b": (X,), "canbo_c": (Y,)}


# --- reading responses; what must not change ---------------------------------------------------------------------


def body_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return content.decode("utf-8", "replace")


def snapshot(rows):
    initiative = Initiative.objects.get(pk=rows["initiative"].pk)
    nomination = Nomination.objects.get(pk=rows["nomination"].pk)
    return (
        initiative.status, initiative.title, initiative.is_published,
        list(InitiativeAuthor.objects.filter(initiative=initiative).values_list("member_id", "share_percent")),
        nomination.status, nomination.is_published,
        BranchReport.objects.get(pk=rows["report"].pk).state,
        Pledge.objects.get(pk=rows["pledge"].pk).accepted_by_district,
        Member.objects.filter(branch=rows["branch"]).count(),
        Initiative.objects.filter(branch=rows["branch"]).count(),
        Job.objects.filter(pk=rows["job"].pk).values_list("state", "title").get(),
        Branch.objects.values_list("federation_id", "is_active", "merged_into_id").get(pk=rows["branch"].pk),
        reorganisation.history_of(rows["node"]).count(),
        Initiative.history.filter(id=rows["initiative"].pk).count(),
    )


# --- the site's URLs ----------------------------------------------------------------------------------------------

SKIPPED_PATTERNS = {
    "accounts/reset/<uidb64>/<token>/",  # needs a signed token; Django's own view
    # Needs a signed token, and shows only what that token carries (test_accounts.py: forged, used, expired).
    "accounts/register/finish/<str:token>/",
}
SLUG_VALUES = {
    "<slug:kind>": ["initiatives", "summary", "exemplars", "programme", "roster", "backup", "rebuild_tallies"],
    "<slug:role>": ["member", "officer", "district"],
    "<slug:change>": list(reorganisation.CHANGES),
    "<slug:action>": sorted(workflow.MOVES),
}
# Placeholders naming an object of the subtree: such a URL is refused outright to whoever may not see it.
PRIVATE = ("<int:pk>", "<int:branch_id>", "<int:other_pk>", "<int:job_id>", "<int:node_id>")


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue  # the admin is walked through its registry below
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def fill(path, rows):
    """Fill a pattern's parameters with the subtree's objects (every value of a slug)."""
    by_prefix = {
        "initiatives/<int:pk>/": rows["initiative"].pk,
        "attachments/<int:pk>/": rows["attachment"].pk,
        "awards/nominations/<int:pk>/": rows["nomination"].pk,
        "awards/<int:pk>/": rows["award"].pk,
        "awards/scoring/<int:pk>/": rows["candidate"].pk,
        "showcase/initiatives/<int:pk>/": rows["initiative"].pk,
        "showcase/exemplars/<int:pk>/": rows["nomination"].pk,
    }
    for prefix, pk in by_prefix.items():
        if path.startswith(prefix):
            path = path.replace("<int:pk>", str(pk))
    for placeholder, value in {
        "<int:branch_id>": rows["branch"].pk, "<int:period_id>": rows["period"].pk,
        "<int:other_pk>": rows["initiative"].pk, "<int:job_id>": rows["job"].pk, "<int:node_id>": rows["node"].pk,
    }.items():
        path = path.replace(placeholder, str(value))
    paths = [path]
    for placeholder, values in SLUG_VALUES.items():
        paths = [p.replace(placeholder, v) for p in paths for v in (values if placeholder in p else [placeholder])]
    return ["/" + p.replace("\\", "") for p in paths]


def site_urls(rows):
    """[(url, names one of the subtree's objects)] for every pattern, plus the subtree asked for by parameter."""
    urls = []
    for path, _pattern in walk(get_resolver().url_patterns):
        if path in SKIPPED_PATTERNS:
            continue
        private = any(placeholder in path for placeholder in PRIVATE)
        for url in fill(path, rows):
            assert "<" not in url, f"new URL pattern {path!r}: teach the access grid what to put in it"
            urls.append((url, private))
    branch, node = rows["branch"].pk, rows["node"].pk
    urls += [(f"/reports/{kind}.xlsx?branch={branch}", False) for kind in ("initiatives", "summary", "programme")]
    urls += [(url, False) for url in (
        f"/dashboard/?branch={branch}", f"/dashboard/progress.json?branch={branch}", f"/initiatives/?branch={branch}",
        "/initiatives/?q=sang+kien", f"/dashboard/?federation={node}", f"/dashboard/progress.json?federation={node}",
        f"/reports/initiatives.xlsx?federation={node}")]
    return urls


@pytest.mark.parametrize("role, subtree", WALKS)
def test_no_page_of_the_site_shows_or_changes_a_subtree_the_role_may_not_see(client, world, role, subtree):
    rows = world["subtrees"][subtree]
    before = snapshot(rows)
    failures = []
    refused = (302, 403, 404, 405) if role == "anonymous" else (403, 404, 405)
    login(client, world, role)
    for url, private in site_urls(rows):
        for method in ("get", "post"):
            if role != "anonymous" and "_auth_user_id" not in client.session:
                login(client, world, role)  # signed out by the previous URL (the logout page)
            response = getattr(client, method)(url)
            if response.status_code >= 500:
                failures.append(f"{method.upper()} {url}: {response.status_code}")
            elif subtree in body_of(response):
                failures.append(f"{method.upper()} {url}: shows the other subtree's data")
            elif private and response.status_code not in refused:
                failures.append(f"{method.upper()} {url}: {response.status_code}, not refused")
    assert not failures, f"{role}:\n" + "\n".join(failures[:40])
    assert snapshot(rows) == before, f"{role} changed the other subtree's data"


@pytest.mark.parametrize("role", sorted(SEES))
def test_the_officers_above_see_their_subtrees_and_only_them(client, world, role):
    """The grid's own check: each marker shows where a leak would show it, for those who may see it."""
    client = login(client, world, role)
    lists = body_of(client.get("/initiatives/")) + body_of(client.get("/reports/initiatives.xlsx"))
    for marker, rows in world["subtrees"].items():
        assert (marker in lists) == (marker in SEES[role]), (role, marker)
        if marker not in SEES[role]:
            continue
        for url in (f"/initiatives/{rows['initiative'].pk}/", f"/attachments/{rows['attachment'].pk}/",
                    f"/awards/nominations/{rows['nomination'].pk}/",
                    f"/admin/initiatives/initiative/{rows['initiative'].pk}/change/",
                    f"/admin/initiatives/member/{rows['member'].pk}/change/"):
            assert marker in body_of(client.get(url)), (role, url)
        figures = client.get(f"/dashboard/progress.json?branch={rows['branch'].pk}").json()
        assert [row["id"] for row in figures["by_branch"]] == [rows["branch"].pk]


def test_the_province_sees_both_communes_as_rows_and_each_commune_only_itself(client, world):
    province, x, y = world["province"], world["subtrees"][X]["node"], world["subtrees"][Y]["node"]
    figures = login(client, world, "tinh").get(f"/dashboard/progress.json?federation={province.pk}").json()
    assert {x.pk, y.pk} <= {row["id"] for row in figures["children"]}
    client = login(client, world, "xa")
    assert client.get(f"/dashboard/progress.json?federation={x.pk}").status_code == 200
    for url in (f"/dashboard/progress.json?federation={y.pk}", f"/dashboard/?federation={province.pk}",
                f"/dashboard/bodies/{y.pk}/reorganise/create/"):
        assert client.get(url).status_code == 404, url


def test_the_scopes_follow_the_tree(world):
    b, c = world["subtrees"][X]["branch"].pk, world["subtrees"][Y]["branch"].pk
    seen = {role: set(access.branches_for(fresh(world, role)).values_list("pk", flat=True))
            for role in world["users"]}
    assert {b, c} <= seen["tinh"]
    assert seen["xa"] == seen["canbo_b"] == {b}
    assert seen["xa_ben"] == seen["canbo_c"] == {c}
    assert not {b, c} & seen["district"]
    assert seen["unassigned"] == set()


def test_a_node_officer_acts_on_its_subtree_and_not_on_a_sibling(world):
    initiative = world["subtrees"][X]["initiative"]
    Initiative.objects.filter(pk=initiative.pk).update(status=Status.BRANCH_APPROVED)
    initiative = Initiative.objects.get(pk=initiative.pk)
    with pytest.raises(workflow.PermissionDenied):
        workflow.apply(initiative, "verify", fresh(world, "xa_ben"))
    assert workflow.apply(initiative, "verify", fresh(world, "xa")).status == Status.DISTRICT_VERIFIED
    assert workflow.apply(initiative, "send", fresh(world, "tinh")).status == Status.SENT_TO_PROVINCE


def test_upper_staff_who_oversee_no_node_see_nothing_and_are_told_why(client, world):
    user = fresh(world, "unassigned")
    assert not access.initiatives_for(user).exists() and not access.members_for(user).exists()
    client = login(client, world, "unassigned")
    response = client.get("/dashboard/")
    assert response.status_code == 403
    assert "chưa là cán bộ của đơn vị công đoàn nào" in response.content.decode()
    assert client.get("/dashboard/progress.json").status_code == 403


def test_a_province_officer_reads_a_deep_subtree_without_a_query_per_node(world, django_assert_max_num_queries):
    """The subtree is one prefix condition on the path, however deep: the same queries with five more levels."""
    node = world["subtrees"][X]["node"]
    for _level in range(5):
        node = factories.node(node)
        factories.initiative(factories.branch(federation=node))
    user = fresh(world, "tinh")
    # groups, nodes, own branches, roster entry; then one query per list
    with django_assert_max_num_queries(6):
        initiatives = list(access.initiatives_for(user))
        list(access.members_for(user))
    assert len(initiatives) == 7  # one in each subtree and one at each level below X


# --- the admin ----------------------------------------------------------------------------------------------------

BRANCH_LOOKUPS = ("branch", "initiative__branch", "member__branch", "nomination__branch")
USER_LOOKUP = "member__branch"  # an account belongs to a branch through its roster entry
BAD_IDS = ("abc", "%00", "1%00", "9" * 30)


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


def fill_admin(pattern, model, pk):
    """Every URL the admin pattern gives for the object `pk` (several for a pattern with an action)."""
    paths = [pattern]
    if "<slug:action>" in pattern:
        paths = [p.replace("<slug:action>", action) for p in paths for action in sorted(workflow.MOVES)]
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
        urls += [base + path for path in fill_admin(text, model, pk)]
    return urls


def admin_list_urls(model):
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    return [base, f"{base}add/", f"{base}?q=le+van", f"{base}?q=sang+kien"]


def bad_id_urls(model):
    """Letters, a NUL byte, a number too large for a key where an id goes."""
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    urls = []
    for bad in BAD_IDS:
        urls += [f"{base}{bad}/change/", f"{base}{bad}/history/", f"{base}{bad}/delete/"]
        if hasattr(model, "history"):
            urls += [f"{base}{bad}/history/1/", f"{base}1/history/{bad}/"]
    return urls


def autocomplete_urls(terms=("", "le", "%00")):
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
            urls += [f"/admin/autocomplete/?{query}&term={term}" for term in terms]
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


# Rows reached from a branch through a relation but shared by every branch (the award criteria a nomination is
# scored against): readable by every officer, they carry nothing of the branch.
SHARED_MODELS = {"Criterion"}


def admin_requests(rows):
    """(method, url, data, names one of the subtree's rows) for every admin sub-URL of the subtree's real rows and
    their history entries, GET and POST; each model's list, add page and searches; the autocomplete of every
    relation searching for the roster's names. (Malformed ids, empty and NUL autocomplete terms and posts to the
    lists do not depend on the role: `test_the_admin_answers_malformed_requests_without_an_error` sends them.)"""
    covered = set()
    plan = []
    for model, model_admin in admin.site._registry.items():
        plan += [("get", url, None, False) for url in admin_list_urls(model)]
        objects = rows_of_branch(model, rows["branch"])
        if model._meta.label == "initiatives.Federation":
            objects = [rows["node"]]
        for row in objects:
            covered.add(model.__name__)
            for url in admin_object_urls(model, model_admin, row.pk):
                data = post_data(row)
                if "/history/" in url and hasattr(model, "history") and not url.endswith("/history/"):
                    version = int(url.rstrip("/").rsplit("/", 1)[1])
                    data = post_data(model.history.model.objects.get(history_id=version).instance)
                private = model.__name__ not in SHARED_MODELS
                plan += [("get", url, None, private), ("post", url, data, private)]
    plan += [("get", url, None, False) for url in autocomplete_urls(terms=("le",))]
    assert covered >= {"Initiative", "Member", "MembershipRequest", "StatusChange", "Pledge", "Nomination", "Award",
                       "Candidate", "Branch", "Federation"}, covered
    assert any("/history/" in url and url.count("/") == 7 for _m, url, _d, _p in plan), "no history entry was tried"
    return plan


ADMIN_ACTIONS = ((Initiative, "approve_selected"), (Initiative, "reject_selected"), (Initiative, "return_selected"),
                 (Initiative, "verify_selected"), (Nomination, "delete_selected"))


@pytest.mark.parametrize("role, subtree", WALKS)
def test_no_admin_sub_url_shows_or_changes_a_subtree_the_role_may_not_see(client, world, role, subtree):
    rows = world["subtrees"][subtree]
    before = snapshot(rows)
    user = world["users"].get(role)
    client = login(client, world, role)
    failures = []
    for method, url, data, private in admin_requests(rows):
        response = client.get(url) if method == "get" else client.post(url, data)
        if response.status_code >= 500:
            failures.append(f"{method.upper()} {url}: {response.status_code}")
        elif subtree in body_of(response):
            failures.append(f"{method.upper()} {url}: shows the other subtree's data")
        elif private and user is not None and user.is_staff and response.status_code not in (302, 403, 404, 405):
            # Another subtree's row: not found (or sent away), whatever the sub-URL.
            failures.append(f"{method.upper()} {url}: {response.status_code}, not refused")
    for model, action in ADMIN_ACTIONS:
        pk = rows["initiative"].pk if model is Initiative else rows["nomination"].pk
        client.post(f"/admin/{model._meta.app_label}/{model._meta.model_name}/", {
            "action": action, "_selected_action": [pk], "confirm": "1", "post": "yes", "comment": "x",
            "novelty_confirmed": "on", "lawful_confirmed": "on"})
    assert not failures, f"{role}:\n" + "\n".join(failures[:40])
    assert snapshot(rows) == before, f"{role} changed the other subtree's data in the admin"


@pytest.mark.parametrize("role", ["officer_a", "xa"])
def test_the_admin_answers_malformed_requests_without_an_error(client, world, role):
    """Malformed ids on every model's sub-URLs, every autocomplete with an empty and a NUL term, an empty post to
    every list: never a 500, never a change (a branch officer and a node officer)."""
    before = [snapshot(rows) for rows in world["subtrees"].values()]
    client = login(client, world, role)
    failures = []
    for model in admin.site._registry:
        for url in bad_id_urls(model):
            if client.get(url).status_code >= 500:
                failures.append(f"GET {url}")
        for url in admin_list_urls(model):
            if client.post(url, {"post": "yes"}).status_code >= 500:
                failures.append(f"POST {url}")
    for url in autocomplete_urls(terms=("", "%00")):
        if client.get(url).status_code >= 500:
            failures.append(f"GET {url}")
    assert not failures, "\n".join(failures[:40])
    assert [snapshot(rows) for rows in world["subtrees"].values()] == before


def test_malformed_history_ids_are_not_found(client, world):
    """Letters or a NUL byte where an id goes: 404, even for the province that sees everything of its own."""
    client = login(client, world, "tinh")
    pk = world["subtrees"][X]["initiative"].pk
    base = "/admin/initiatives/initiative/"
    for url in (f"{base}abc/history/", f"{base}%00/history/", f"{base}{pk}/history/abc/",
                f"{base}{pk}/history/%00/", f"{base}abc/history/1/", f"{base}{pk}/history/999999/",
                f"{base}{pk}%00/history/1/"):
        assert client.get(url).status_code == 404, url


def test_an_officer_above_reads_history_entries_but_nobody_reverts(client, world):
    """The commune's officer (who may see branch B) reads the entry; revert is off for everyone: a POST of the draft
    version changes nothing, and the page offers no Revert button."""
    initiative = world["subtrees"][X]["initiative"]
    client = login(client, world, "xa")
    draft_version = Initiative.history.filter(id=initiative.pk, status=Status.DRAFT).latest("history_date")
    url = f"/admin/initiatives/initiative/{initiative.pk}/history/{draft_version.history_id}/"
    page = client.get(url)
    assert page.status_code == 200
    assert f"Bản nháp {X}" in body_of(page)
    assert 'name="_save"' not in body_of(page)
    assert client.get(f"/admin/initiatives/initiative/{initiative.pk}/history/").status_code == 200
    assert client.post(url, post_data(draft_version.instance)).status_code == 405
    initiative = Initiative.objects.get(pk=initiative.pk)
    assert initiative.status == Status.SUBMITTED and initiative.title == f"Sáng kiến {X}"


def test_officer_cannot_revert_own_sent_initiative_to_draft_and_delete_it(client, world):
    """The attack of the probe: revert a sent initiative to its draft version, then delete it."""
    branch_a, officer_a = world["branch_a"], world["users"]["officer_a"]
    author = factories.member(branch_a)
    initiative = factories.initiative(branch_a, authors=[(author, 100)], entered_by=officer_a)
    draft_version = Initiative.history.filter(id=initiative.pk).latest("history_date")
    initiative.status, initiative.submitted_at = Status.SENT_TO_PROVINCE, datetime.datetime.now(datetime.UTC)
    initiative.sent_to_province_date = datetime.date(2022, 3, 15)
    initiative.save()
    client = login(client, world, "officer_a")
    url = f"/admin/initiatives/initiative/{initiative.pk}/history/{draft_version.history_id}/"
    assert client.get(url).status_code == 200  # their own branch: readable
    assert client.post(url, post_data(draft_version.instance)).status_code == 405
    initiative.refresh_from_db()
    assert initiative.status == Status.SENT_TO_PROVINCE and initiative.was_submitted
    client.post(f"/admin/initiatives/initiative/{initiative.pk}/delete/", {"post": "yes"})
    client.post("/admin/initiatives/initiative/", {"action": "delete_selected", "_selected_action": [initiative.pk],
                                                    "post": "yes"})
    assert Initiative.objects.filter(pk=initiative.pk).exists()


def test_no_orm_path_deletes_a_submitted_initiative(world):
    """The last guard: a queryset delete (what a bulk action does) refuses a submitted initiative too."""
    initiative = factories.initiative(world["branch_a"], status=Status.SUBMITTED)
    Initiative.objects.filter(pk=initiative.pk).update(submitted_at=datetime.datetime.now(datetime.UTC))
    with pytest.raises(ProtectedError), transaction.atomic():
        Initiative.objects.filter(pk=initiative.pk).delete()
    assert Initiative.objects.filter(pk=initiative.pk).exists()
    draft = factories.initiative(world["branch_a"])
    Initiative.objects.filter(pk=draft.pk).delete()  # a draft never submitted still goes
    assert not Initiative.objects.filter(pk=draft.pk).exists()
