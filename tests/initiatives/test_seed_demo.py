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


def test_seed_demo_province_adds_the_2026_union_beside_vinh_linh(settings, db, client, monkeypatch):
    settings.DEBUG = True
    call_command("seed_demo")
    vinh_linh_sent = _district_sent(client, "vanphong")
    call_command("seed_demo", province=True)
    call_command("seed_demo", province=True)  # again: nothing twice
    from initiatives.models import Federation, Programme, Reorganisation

    province = Federation.objects.get(name="Liên đoàn Lao động tỉnh Quảng Trị")
    User = get_user_model()
    assert province.officers.filter(username="tinh").exists()
    commune = Federation.objects.get(name="Công đoàn xã Cửa Tùng")
    assert Federation.objects.get_parent(commune) == province and commune.officers.filter(username="xa").exists()
    under_province = Branch.objects.filter(federation__path__startswith=province.path)
    assert under_province.count() == 12
    moves = Reorganisation.objects.filter(kind=Reorganisation.Kind.MOVE_BRANCH)
    assert moves.count() == 3 and {m.effective_on.isoformat() for m in moves} == {"2025-07-01"}
    programme = Programme.objects.get(federation=province)
    assert [(p.start.isoformat(), p.end.isoformat()) for p in programme.periods.all()] == [
        ("2026-01-01", "2026-06-30"), ("2026-07-01", "2026-12-31")]
    for username in ("tinh", "xa", "canbo.cuatung"):
        assert User.objects.get(username=username).check_password("VinhLinh@2021")
    # Vĩnh Linh keeps its programme (the three moved branches' initiatives go with them).
    assert Programme.current().federation_id is None
    client.force_login(User.objects.get(username="tinh"), backend="django.contrib.auth.backends.ModelBackend")
    data = client.get("/dashboard/progress.json").json()
    assert data["federation"]["id"] == province.pk and data["federation"]["programme"]["id"] == programme.pk
    assert len(data["children"]) == 4 and data["programme"]["sent"] == 9
    assert vinh_linh_sent >= _district_sent(client, "vanphong")
    # Công đoàn xã Cửa Tùng runs a programme beside the province's: its branch's member chooses where it counts.
    import datetime

    from initiatives import programmes

    monkeypatch.setattr(programmes, "today", lambda: datetime.date(2026, 3, 1))
    trang = User.objects.get(username="doanvien.cuatung")
    assert trang.check_password("VinhLinh@2021") and trang.member.branch.federation == commune
    client.force_login(trang, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get("/initiatives/new/").content.decode()
    choice = page[page.index('<select name="programme"'):]
    choice = choice[:choice.index("</select>")]
    assert programme.name in choice and "Công đoàn xã Cửa Tùng" in choice


def _district_sent(client, username):
    client.force_login(get_user_model().objects.get(username=username),
                       backend="django.contrib.auth.backends.ModelBackend")
    return client.get("/dashboard/progress.json").json()["programme"]["sent"]
