"""What clerks hit importing real spreadsheets: names matched exactly (a name that differs only by its accents is a
question, never a silent match), new members listed and confirmed, kĩ/kỹ as one word, phone numbers keeping their
zero, formulas refused by row and column, money and dates written the Vietnamese way."""
import datetime

import pytest
from django.urls import reverse

from initiatives.models import Category, Initiative, InitiativeAuthor, Member
from reporting import imports
from tests import factories
from tests.initiatives.reports_support import checked, xlsx_upload

pytestmark = pytest.mark.django_db

HEADINGS = ["STT", "Tên sáng kiến", "Tác giả", "Loại sáng kiến", "Cấp công nhận", "Số quyết định",
            "Ngày quyết định", "Ngày áp dụng", "Hiệu quả kinh tế", "Hiệu quả xã hội"]


def row(title="Sổ liên lạc điện tử", author="Nguyễn Văn Ân", category="Giải pháp tác nghiệp", economic="",
        applied=datetime.date(2022, 3, 1), decided="01/04/2022"):
    return [1, title, author, category, "Hội đồng sáng kiến", "1/QĐ", decided, applied, economic, "Tốt hơn."]


def preview(client, branch, rows, headings=HEADINGS, kind="initiatives"):
    response = checked(client, client.post(reverse("import", args=[kind]),
                                           {"file": xlsx_upload(rows, headings=headings), "branch": branch.pk}))
    assert response.status_code == 200
    return response


def planned(user, branch, rows, headings=HEADINGS, kind="initiatives"):
    """The plan itself (with each row's values), as the background check makes it."""
    return imports.plan_import(kind, xlsx_upload(rows, headings=headings), user=user, default_branch=branch)


def confirm(client, response, data=None):
    return client.post(reverse("import-confirm", args=["initiatives"]),
                       {"token": response.context["token"], **(data or {})}, follow=True)


def messages_of(response):
    return " ".join(str(message) for message in response.context["messages"])


def test_a_name_differing_only_by_accents_is_a_question_never_a_silent_match(login, officer_a, branch_a):
    an = factories.member(branch_a, "Nguyễn Văn An")
    client = login(officer_a)
    response = preview(client, branch_a, [row(author="Nguyễn Văn Ân")])
    plan = response.context["plan"]
    assert plan.problems == [] and response.context["token"]
    [question] = plan.question_list
    assert question.name == "Nguyễn Văn Ân" and question.rows == [2]
    assert [(member.pk, member.full_name) for member in question.candidates] == [(an.pk, "Nguyễn Văn An")]
    page = response.content.decode()
    assert "Nguyễn Văn Ân" in page and "đã có trong danh sách" in page and 'type="radio" required' in page

    refused = confirm(client, response)  # not answered
    assert "nothing" in messages_of(refused) or "chưa nhập" in messages_of(refused)
    assert not Initiative.objects.exists()

    response = preview(client, branch_a, [row(author="Nguyễn Văn Ân")])
    confirm(client, response, {"answer-0-key": question.key, "answer-0": str(an.pk)})
    assert InitiativeAuthor.objects.get().member == an
    assert Member.objects.count() == 1


def test_answering_another_person_adds_them_to_the_roster_once_confirmed(login, officer_a, branch_a):
    factories.member(branch_a, "Nguyễn Văn An")
    client = login(officer_a)
    response = preview(client, branch_a, [row(author="Nguyễn Văn Ân")])
    key = response.context["plan"].question_list[0].key
    answer = {"answer-0-key": key, "answer-0": "new"}
    refused = confirm(client, response, answer)  # the new member is not confirmed
    assert not Initiative.objects.exists() and "xác nhận" in messages_of(refused).lower()
    response = preview(client, branch_a, [row(author="Nguyễn Văn Ân")])
    confirm(client, response, {**answer, "confirm_new_members": "1"})
    assert InitiativeAuthor.objects.get().member.full_name == "Nguyễn Văn Ân"
    assert Member.objects.count() == 2


def test_case_and_spaces_still_match_exactly(login, officer_a, branch_a):
    an = factories.member(branch_a, "Nguyễn Văn An")
    client = login(officer_a)
    response = preview(client, branch_a, [row(author="  nguyễn   văn  AN ")])
    plan = response.context["plan"]
    assert plan.question_list == [] and plan.new_member_list == []
    confirm(client, response)
    assert InitiativeAuthor.objects.get().member == an


def test_new_members_are_listed_in_the_preview_and_confirmed(login, officer_a, branch_a):
    client = login(officer_a)
    response = preview(client, branch_a, [row(author="Hoàng Thị Mới")])
    plan = response.context["plan"]
    assert [(new.name, new.rows) for new in plan.new_member_list] == [("Hoàng Thị Mới", [2])]
    assert 'name="confirm_new_members"' in response.content.decode()
    confirm(client, response)
    assert not Initiative.objects.exists() and not Member.objects.exists()
    response = preview(client, branch_a, [row(author="Hoàng Thị Mới")])
    confirm(client, response, {"confirm_new_members": "1"})
    assert Member.objects.get().full_name == "Hoàng Thị Mới" and Initiative.objects.count() == 1


@pytest.mark.parametrize("typed, category", [
    ("Giải pháp kĩ thuật", Category.TECHNICAL),
    ("Giải pháp kỹ thuật", Category.TECHNICAL),
    ("giai phap ki thuat", Category.TECHNICAL),
    ("Ứng dụng tiến bộ kĩ thuật", Category.TECHNOLOGY_APPLICATION),
    ("Giải pháp quản lí", Category.MANAGEMENT),
])
def test_i_and_y_spellings_are_the_same_word(login, officer_a, branch_a, typed, category):
    factories.member(branch_a, "Nguyễn Văn Ân")
    plan = planned(officer_a, branch_a, [row(category=typed)])
    assert plan.problems == [] and plan.rows[0].values["category"] == category


def test_a_phone_typed_as_a_number_keeps_its_leading_zero(login, officer_a, branch_a):
    plan = planned(officer_a, branch_a, [["Trần Thị Mai", 912345678], ["Lê Văn Hải", 84935123456],
                                         ["Võ Thị Lan", "0233 3823 456"]], headings=["Họ và tên", "Điện thoại"],
                   kind="roster")
    phones = [row.values["phone"] for row in plan.rows]
    assert phones == ["0912345678", "0935123456", "0233 3823 456"]


def test_a_formula_is_refused_with_its_row_and_column(login, officer_a, branch_a):
    factories.member(branch_a, "Nguyễn Văn Ân")
    rows = [row(), row(title="Ngân hàng đề", economic="=2*5000000")]
    plan = preview(login(officer_a), branch_a, rows).context["plan"]
    [problem] = plan.problems
    assert problem.row == 3 and problem.column == "Hiệu quả kinh tế (I)" or problem.column.endswith("(I)")
    assert "công thức" in problem.message and "=2*5000000" in problem.message
    assert not plan.rows or all(planned.row != 3 for planned in plan.rows)


@pytest.mark.parametrize("typed, amount", [("15.000.000", 15_000_000), ("15 000 000 đ", 15_000_000),
                                           ("15000000", 15_000_000), (80_000_000, 80_000_000)])
def test_money_typed_the_vietnamese_way(login, officer_a, branch_a, typed, amount):
    factories.member(branch_a, "Nguyễn Văn Ân")
    plan = planned(officer_a, branch_a, [row(economic=typed)])
    assert plan.problems == [] and plan.rows[0].values["economic_benefit_vnd"] == amount


def test_an_ambiguous_amount_is_refused_beside_its_cell(login, officer_a, branch_a):
    factories.member(branch_a, "Nguyễn Văn Ân")
    plan = preview(login(officer_a), branch_a, [row(economic="15,000")]).context["plan"]
    [problem] = plan.problems
    assert problem.row == 2 and problem.column.endswith("(I)") and "15.000.000" in problem.message


@pytest.mark.parametrize("typed", ["01.03.2022", "1/3/2022", "01-03-2022", "01/03/22"])
def test_dates_written_the_usual_ways(login, officer_a, branch_a, typed):
    factories.member(branch_a, "Nguyễn Văn Ân")
    plan = planned(officer_a, branch_a, [row(applied=typed, decided="15/04/2022")])
    assert plan.problems == [] and plan.rows[0].values["application_date"] == datetime.date(2022, 3, 1)


def test_a_roster_row_differing_only_by_accents_is_added_and_pointed_out(login, officer_a, branch_a):
    factories.member(branch_a, "Nguyễn Văn An")
    client = login(officer_a)
    response = preview(client, branch_a, [["Nguyễn Văn Ân", "Giáo viên"], ["nguyễn văn an", "Giáo viên"]],
                       headings=["Họ và tên", "Chức vụ"], kind="roster")
    plan = response.context["plan"]
    assert [planned.summary for planned in plan.rows] == ["Nguyễn Văn Ân"]  # the other is the same member
    assert [number for number, _name in plan.skipped] == [3]
    assert "chỉ khác về dấu" in plan.rows[0].notes[0] and "Nguyễn Văn An" in plan.rows[0].notes[0]
