"""The legal request form (Circular 18/2013/TT-BKHCN, Appendix I) as .docx, filled from the data."""

import datetime
import io
import os
from decimal import Decimal

import docx
import pytest

from initiatives import request_form
from initiatives.models import InitiativeAuthor, Member
from tests import factories


@pytest.fixture
def filled(branch_a, officer_a):
    lead = Member.objects.create(
        full_name="Nguyễn Thị Hương", branch=branch_a, position="Tổ trưởng chuyên môn",
        date_of_birth=datetime.date(1985, 3, 12), qualification="Thạc sĩ Toán học",
    )
    second = Member.objects.create(
        full_name="Đặng Văn Đức", branch=branch_a, position="Giáo viên", date_of_birth=datetime.date(1990, 11, 2),
        qualification="Cử nhân Tin học",
    )
    initiative = factories.initiative(
        branch_a, authors=[(lead, 70), (second, 30)], entered_by=officer_a,
        title="Sổ liên lạc điện tử giữa nhà trường và phụ huynh",
        problem="Sổ liên lạc giấy đến tay phụ huynh chậm một tuần.",
        solution="Nhóm Zalo của lớp và bảng tính dùng chung, cập nhật cuối mỗi ngày.",
        application_summary="Áp dụng tại 32 lớp từ tháng 9/2021.",
        investor="", application_place="Trường THPT Vĩnh Linh",
        application_conditions="Giáo viên có điện thoại thông minh; nhà trường có mạng Internet.",
        confidential_info="", trial_participants="Lê Văn Tám; 02/02/1988; Trường THPT Vĩnh Linh; Giáo viên; "
        "Cử nhân; Thử nghiệm tại lớp 10A1",
        economic_benefit_vnd=15_000_000, economic_benefit_description="tiết kiệm giấy in và thời gian.",
        social_benefit="Phụ huynh nắm tình hình học tập kịp thời.",
    )
    return initiative


def read(initiative):
    return docx.Document(io.BytesIO(request_form.build(initiative, today=datetime.date(2022, 5, 4))))


def all_text(document):
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_form_is_laid_out_as_the_official_one(filled):
    document = read(filled)
    heading = [p.text for p in document.paragraphs[:4]]
    assert heading[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert "ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN" in heading
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert 13 <= document.styles["Normal"].font.size.pt <= 14
    text = all_text(document)
    assert "Kính gửi: Hội đồng sáng kiến Trường THPT Vĩnh Linh" in text
    assert "ngày 04 tháng 05 năm 2022" in text
    assert "(Ký và ghi rõ họ tên)" in text


def test_the_authors_table_is_filled_from_the_roster(filled):
    authors = read(filled).tables[0]
    assert [c.text for c in authors.rows[1].cells] == [
        "1", "Nguyễn Thị Hương", "12/03/1985", "CĐCS Trường THPT Vĩnh Linh", "Tổ trưởng chuyên môn",
        "Thạc sĩ Toán học", "70%",
    ]
    assert authors.rows[2].cells[1].text == "Đặng Văn Đức"
    assert authors.rows[2].cells[6].text == "30%"


def test_every_part_of_the_initiative_is_in_the_form(filled):
    text = all_text(read(filled))
    for expected in (
        "Sổ liên lạc điện tử giữa nhà trường và phụ huynh",
        "Chủ đầu tư tạo ra sáng kiến: Tác giả (nhóm tác giả) tự đầu tư",
        "Lĩnh vực áp dụng sáng kiến: Giáo dục",
        "01/03/2022 tại Trường THPT Vĩnh Linh",
        "Sổ liên lạc giấy đến tay phụ huynh chậm một tuần.",
        "Những thông tin cần được bảo mật (nếu có): Không có",
        "Giáo viên có điện thoại thông minh",
        "Lợi ích kinh tế: 15.000.000 đồng tiết kiệm giấy in",
        "Lợi ích xã hội: Phụ huynh nắm tình hình học tập kịp thời.",
        "theo ý kiến của tổ chức, cá nhân đã tham gia áp dụng sáng kiến lần đầu",
    ):
        assert expected in text
    trial = read(filled).tables[1]
    assert [c.text for c in trial.rows[1].cells] == [
        "1", "Lê Văn Tám", "02/02/1988", "Trường THPT Vĩnh Linh", "Giáo viên", "Cử nhân", "Thử nghiệm tại lớp 10A1",
    ]
    if os.environ.get("REQUEST_FORM_OUT"):  # to look at it: REQUEST_FORM_OUT=/tmp/form.docx pytest -k every_part
        with open(os.environ["REQUEST_FORM_OUT"], "wb") as out:
            out.write(request_form.build(filled, today=datetime.date(2022, 5, 4)))


def test_a_head_of_unit_is_addressed_when_the_head_recognises(filled):
    filled.recognition_body = "head"
    assert request_form.addressee(filled) == "Thủ trưởng Trường THPT Vĩnh Linh"


def test_only_those_who_may_see_the_initiative_download_it(filled, login, officer_a, officer_b, member_b, client):
    url = f"/initiatives/{filled.pk}/request-form.docx"
    response = login(officer_a).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "attachment" in response["Content-Disposition"]
    for outsider in (officer_b, member_b):
        client.logout()
        account = getattr(outsider, "user", outsider)
        assert login(account).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_shares_are_written_without_trailing_zeros(filled):
    InitiativeAuthor.objects.filter(initiative=filled, share_percent=70).update(share_percent=Decimal("66.50"))
    assert read(filled).tables[0].rows[1].cells[6].text == "66.5%"
