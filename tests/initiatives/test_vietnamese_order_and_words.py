"""Lists in Vietnamese alphabetical order (on SQLite and on PostgreSQL: CI runs this file on both), and the words
on screen in Vietnamese, admin included."""
import pytest
from django.urls import reverse

from initiatives.collation import by_vietnamese, sort_key
from initiatives.formatting import quarter_label
from initiatives.models import Branch, Member
from tests import factories

pytestmark = pytest.mark.django_db

# ICU's Vietnamese order (PostgreSQL's "vi-x-icu"): letters a ă â … d đ …, then tones, then case.
IN_ORDER = ["An", "Anh", "Ành", "Ảnh", "Ãnh", "Ánh", "Ạnh", "Ăn", "Ân", "Bình", "Do", "Dương", "Đặng", "Đinh",
            "Đỗ", "Hạ", "Hoa", "Hoà", "Hòa", "Hỏa", "Hóa", "Oanh", "Ốc", "Ông", "Ơn", "Uyên", "Ưng"]


def test_sort_key_is_the_vietnamese_order():
    assert sorted(reversed(IN_ORDER), key=sort_key) == IN_ORDER


def test_the_database_orders_names_the_vietnamese_way():
    branch = factories.branch("CĐCS Dệt May", code="det")
    for name in reversed(IN_ORDER):
        Member.objects.create(branch=branch, full_name=f"Nguyễn Văn {name}")
    names = list(Member.objects.order_by(by_vietnamese("full_name")).values_list("full_name", flat=True))
    assert names == [f"Nguyễn Văn {name}" for name in IN_ORDER]


def test_branch_lists_put_dd_after_d(login, district):
    for name, code in [("CĐCS Điện lực", "dl"), ("CĐCS Dệt May", "dm"), ("CĐCS Đông Hà", "dh"),
                       ("CĐCS Bình Minh", "bm"), ("CĐCS Ân Phú", "ap"), ("CĐCS An Phú", "anp")]:
        factories.branch(name, code=code)
    expected = ["CĐCS An Phú", "CĐCS Ân Phú", "CĐCS Bình Minh", "CĐCS Dệt May", "CĐCS Điện lực", "CĐCS Đông Hà"]
    assert list(Branch.objects.order_by(by_vietnamese("name")).values_list("name", flat=True)) == expected
    page = login(district).get(reverse("initiative-list")).content.decode()
    positions = [page.index(f">{name}</option>") for name in expected]
    assert positions == sorted(positions)
    admin = login(district).get("/admin/initiatives/branch/").content.decode()
    positions = [admin.index(f">{name}</a>") for name in expected]
    assert positions == sorted(positions)


def test_quarters_are_written_one_way():
    assert quarter_label("2021-Q3") == "Quý 3/2021"


def test_the_admin_speaks_vietnamese(login, district, officer_a):
    page = login(district).get("/admin/").content.decode()
    for english in ("Skip to main content", "Toggle theme", "Model name", "Add link", ">Axes<", "AXES",
                    "Access attempts", "Access logs"):
        assert english not in page, english
    assert "Chuyển đến nội dung chính" in page and "Khoá đăng nhập" in page
    changelist = login(district).get("/admin/initiatives/member/").content.decode()
    assert "Show counts" not in changelist


def test_forms_have_no_dashes_for_an_empty_choice(login, member_a, officer_a):
    page = login(officer_a).get(reverse("initiative-create")).content.decode()
    assert "---------" not in page and "— Chọn —" in page
    admin = login(officer_a).get("/admin/initiatives/initiative/add/").content.decode()
    assert "---------" not in admin


def test_registration_help_and_email_are_vietnamese(client, django_user_model):
    page = client.get(reverse("register")).content.decode()
    assert "150 characters" not in page and "Yêu cầu. 150" not in page
    # Django's own help text for the user name, in the administrator's form for a new account.
    admin = django_user_model.objects.create_superuser("quantri_t", "q@example.vn", "x")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    add_user = client.get("/admin/auth/user/add/").content.decode()
    assert "Tối đa 150 ký tự" in add_user and "150 characters" not in add_user
    client.logout()
    reset = client.get(reverse("password_reset")).content.decode()
    assert ">Email" not in reset and "Thư điện tử" in reset


def test_the_dashboard_never_shows_a_field_name(login, district, branch_a):
    factories.initiative(branch_a)
    page = login(district).get(reverse("dashboard")).content.decode()
    assert "member_count" not in page
    assert "-Q" not in page.split("<script")[0] or "Quý " in page
