from importlib import import_module

import pytest
from django.apps import apps

from tests import factories

pytest_plugins = ["tests.browser_support", "tests.redis_support"]

# Every transactional test uses serialized_rollback=True: its closing flush then skips post_migrate, so the
# groups, content types and permissions that signal would make again (with new ids) cannot collide with the
# serialized rows the next such test loads back (UNIQUE constraint failed: auth_group.name).
#
# The data migrations that put the plan's figures into a fresh database. A transactional test (browser,
# concurrency, backup) empties the tables when it ends, so every database test gets them back here.
SEED_MIGRATIONS = (
    "initiatives.migrations.0002_seed_plan",
    "models_awards.migrations.0002_seed_criteria_and_thresholds",
)
DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}


@pytest.fixture(autouse=True)
def _plan_data(request):
    if not (request.node.get_closest_marker("django_db") or DB_FIXTURES & set(request.fixturenames)):
        return
    request.getfixturevalue("django_db_setup")  # the test databases, never the real one
    blocker = request.getfixturevalue("django_db_blocker")
    with blocker.unblock():
        for module in SEED_MIGRATIONS:
            import_module(module).seed(apps, None)


@pytest.fixture(autouse=True)
def _media_and_language(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "vi"


@pytest.fixture
def branch_a(db):
    return factories.branch("CĐCS Trường THPT Vĩnh Linh", code="thpt-vl")


@pytest.fixture
def branch_b(db):
    return factories.branch("CĐCS Trung tâm Y tế huyện", code="ttyt", kind="health")


@pytest.fixture
def officer_a(branch_a):
    return factories.officer(branch_a, "officer_a")


@pytest.fixture
def officer_b(branch_b):
    return factories.officer(branch_b, "officer_b")


@pytest.fixture
def district(db):
    return factories.district_user("district")


@pytest.fixture
def member_a(branch_a):
    return factories.member(branch_a, "Nguyễn Văn An", with_user=True, username="member_a")


@pytest.fixture
def member_b(branch_b):
    return factories.member(branch_b, "Lê Thị Bình", with_user=True, username="member_b")


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login
