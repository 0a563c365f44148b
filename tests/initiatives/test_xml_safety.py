"""One character XML forbids never breaks a workbook: every report, the import templates and what an import
saves hold valid XML 1.0, whatever was typed (U+FFFF, control characters, lone surrogates)."""
import io
import zipfile
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from initiatives.models import Initiative, Status
from initiatives.xml_safety import xml_safe
from reporting import cells
from tests.initiatives.reports_support import checked, sent, xlsx_upload

HOSTILE = "Sổ\uffff liên\x0b lạc\ufffe điện\x85 tử\ufdd0\U0001ffff"
SHOWN = "Sổ\ufffd liên lạc\ufffd điện tử\ufffd\ufffd"


@pytest.mark.parametrize("text, safe", [
    ("Nguyễn Văn An", "Nguyễn Văn An"),
    ("tab\tline\nreturn\r", "tab\tline\nreturn\r"),
    ("a\x00b\x01c\x1fd\x7fe", "abcde"),
    ("C1\x80\x9f", "C1"),
    ("half \ud800 pair \udfff", "half \ufffd pair \ufffd"),
    ("\ufffe\uffff", "\ufffd\ufffd"),
    ("emoji 😀 stays", "emoji 😀 stays"),
    (HOSTILE, SHOWN),
    (None, ""),
    (12, "12"),
])
def test_xml_safe_removes_controls_and_replaces_non_characters(text, safe):
    assert xml_safe(text) == safe


def test_every_cell_text_goes_through_it():
    assert cells.clean_text(HOSTILE) == SHOWN


def valid_xml_parts(data):
    """Parse every XML part of an .xlsx with a strict XML 1.0 parser (expat): it refuses U+FFFF and controls."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(archive.read(name))  # raises ParseError on a forbidden character
    return load_workbook(io.BytesIO(data))


def texts(book):
    return [cell.value for ws in book.worksheets for row in ws.iter_rows() for cell in row
            if isinstance(cell.value, str)]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["initiatives", "programme", "summary"])
def test_a_title_with_uffff_saves_and_every_report_stays_valid(login, district, branch_a, kind):
    initiative = sent(branch_a, HOSTILE)
    branch_a.name = "CĐCS\uffff Trường THPT"
    branch_a.save()
    initiative.refresh_from_db()
    assert initiative.title == HOSTILE  # saved as typed: the workbook is what must cope
    response = login(district).get(reverse("report-download", args=[kind]))
    assert response.status_code == 200
    book = valid_xml_parts(b"".join(response.streaming_content))
    if kind != "summary":
        assert SHOWN in texts(book)
    assert not any("\uffff" in text for text in texts(book))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["initiatives", "roster"])
def test_the_import_templates_are_valid_xml(login, officer_a, kind):
    response = login(officer_a).get(reverse("import-template", args=[kind]))
    valid_xml_parts(b"".join(response.streaming_content) if response.streaming else response.content)


@pytest.mark.django_db
def test_an_imported_title_is_saved_without_what_xml_forbids(login, officer_a, branch_a):
    client = login(officer_a)
    headings = ["STT", "Tên sáng kiến", "Tác giả", "Loại sáng kiến", "Cấp công nhận", "Số quyết định",
                "Ngày quyết định", "Ngày áp dụng", "Hiệu quả xã hội"]
    file = xlsx_upload([[1, "Sổ\x85 liên\ufdd0 lạc", "Nguyễn Văn An", "Giải pháp tác nghiệp", "Hội đồng sáng kiến",
                         "1/QĐ", "01/04/2022", "01/03/2022", "Tiết kiệm\x9f thời gian\ufdef"]], headings=headings)
    response = checked(client, client.post(reverse("import", args=["initiatives"]),
                                           {"file": file, "branch": branch_a.pk}))
    assert response.status_code == 200
    plan = response.context["plan"]
    assert plan.problems == [], plan.problems
    client.post(reverse("import-confirm", args=["initiatives"]), {"token": response.context["token"],
                                                                      "confirm_new_members": "1"})
    saved = Initiative.objects.get(branch=branch_a)
    assert saved.title == "Sổ liên\ufffd lạc" and saved.social_benefit == "Tiết kiệm thời gian\ufffd"
    assert saved.status == Status.SUBMITTED

