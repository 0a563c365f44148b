"""Building form posts for the initiative form, as a browser would send them."""
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def pdf(name="quyet-dinh.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx(name="mo-ta.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def form_data(branch, authors, **overrides):
    """A complete, eligible initiative as posted by the form; `authors` is [(member, share, lead)]."""
    data = {
        "branch": str(branch.pk),
        "title": "Sổ tay điện tử theo dõi sức khỏe học sinh",
        "category": "operational",
        "field_of_work": "Giáo dục",
        "problem": "Sổ giấy dễ thất lạc.",
        "solution": "Dùng bảng tính dùng chung.",
        "application_summary": "Áp dụng cho 12 lớp.",
        "recognition_body": "council",
        "recognition_decision_no": "15/QĐ-THPT",
        "recognition_date": "2022-04-10",
        "application_kind": "applied",
        "application_date": "2022-03-01",
        "application_place": "Trường THPT Vĩnh Linh",
        "economic_benefit_vnd": "12000000",
        "social_benefit": "Phụ huynh theo dõi kịp thời.",
        "upload-kind": "decision",
        "authors-TOTAL_FORMS": str(len(authors)),
        "authors-INITIAL_FORMS": "0",
        "authors-MIN_NUM_FORMS": "0",
        "authors-MAX_NUM_FORMS": "20",
    }
    for index, (member, share, *lead) in enumerate(authors):
        data[f"authors-{index}-member"] = str(member.pk)
        data[f"authors-{index}-share_percent"] = str(share)
        if lead and lead[0]:
            data[f"authors-{index}-is_lead"] = "on"
    data.update(overrides)
    return data
