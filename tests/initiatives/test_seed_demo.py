import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from initiatives import access
from initiatives.models import Branch, Initiative, Member


def test_seed_demo_is_idempotent_and_creates_the_demo_accounts(settings, db):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Branch.objects.count(), Member.objects.count(), Initiative.objects.count(),
              get_user_model().objects.count())
    call_command("seed_demo")
    assert counts == (Branch.objects.count(), Member.objects.count(), Initiative.objects.count(),
                      get_user_model().objects.count())
    assert Branch.objects.count() >= 12
    assert set(Branch.objects.values_list("kind", flat=True)) >= {
        "administrative", "education", "health", "enterprise", "commune", "other"}
    User = get_user_model()
    assert access.role_of(User.objects.get(username="doanvien")) == access.MEMBER
    assert access.role_of(User.objects.get(username="canbo")) == access.BRANCH_OFFICER
    assert access.role_of(User.objects.get(username="vanphong")) == access.DISTRICT_OFFICE
    assert User.objects.get(username="quantri").is_superuser
    for username in ("doanvien", "canbo", "vanphong", "quantri"):
        assert User.objects.get(username=username).check_password("VinhLinh@2021")


def test_seed_demo_refuses_when_debug_is_off(settings, db):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not get_user_model().objects.filter(username="doanvien").exists()
