import pytest

from tests import factories


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
