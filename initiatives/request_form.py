"""The legal request form "Đơn yêu cầu công nhận sáng kiến" (Circular 18/2013/TT-BKHCN, Appendix I), as a Word
document filled from an initiative's data, for the authors to print and sign before the initiative council.

The wording and order follow the appendix; what the portal does not hold (the applying unit's own view of the
benefits, the signatures) is left as dotted lines to fill in by hand.
"""

import io

from django.utils import timezone

from .models import Federation, RecognitionBody

FONT = "Times New Roman"
SIZE = 13
DOTS = "." * 60


def _place_name(initiative):
    federation = getattr(initiative.branch, "federation", None) or Federation.objects.order_by("pk").first()
    return getattr(federation, "place_name", "") or ""


def addressee(initiative):
    unit = initiative.application_place or initiative.branch.name
    if initiative.recognition_body == RecognitionBody.HEAD:
        return f"Thủ trưởng {unit}"
    return f"Hội đồng sáng kiến {unit}"


def _date(value):
    return value.strftime("%d/%m/%Y") if value else ""


def _money(amount):
    return f"{amount:,}".replace(",", ".") + " đồng" if amount else ""


def benefits_in_authors_view(initiative):
    parts = []
    if initiative.economic_benefit_vnd or initiative.economic_benefit_description:
        economic = " ".join(
            p for p in (_money(initiative.economic_benefit_vnd), initiative.economic_benefit_description) if p
        )
        parts.append(f"Lợi ích kinh tế: {economic}")
    if initiative.social_benefit:
        parts.append(f"Lợi ích xã hội: {initiative.social_benefit}")
    return parts


def description(initiative):
    parts = []
    for label, value in (
        ("Thực trạng, vấn đề cần giải quyết", initiative.problem),
        ("Nội dung giải pháp", initiative.solution),
        ("Cách thức áp dụng", initiative.application_summary),
    ):
        if value:
            parts.append(f"{label}: {value}")
    return parts


def trial_rows(initiative):
    """The people of the first or trial application, one per line as typed; "; " separates the columns when
    the line gives them (name; date of birth; workplace; title; qualification; what they did)."""
    rows = []
    for line in (initiative.trial_participants or "").splitlines():
        if line.strip():
            cells = [c.strip() for c in line.split(";")][:6]
            rows.append(cells + [""] * (6 - len(cells)))
    return rows


def build(initiative, *, today=None):
    """The filled form as .docx bytes."""
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    today = today or timezone.localdate()
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(SIZE)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)  # the same face for every script
    normal.paragraph_format.space_after = Pt(3)

    def paragraph(text="", *, bold=False, italic=False, align=None, size=None, indent=False):
        para = document.add_paragraph()
        if align is not None:
            para.alignment = align
        if indent:
            para.paragraph_format.first_line_indent = Cm(1)
        if text:
            run = para.add_run(text)
            run.bold, run.italic = bold, italic
            if size:
                run.font.size = Pt(size)
        return para

    def labelled(label, value):
        para = paragraph(indent=True)
        para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        para.add_run(f"- {label}: ")
        para.add_run(value or DOTS)
        return para

    def table(headers, rows, widths):
        grid = document.add_table(rows=1, cols=len(headers))
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, header in zip(grid.rows[0].cells, headers, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(header)
            run.bold, run.font.size = True, Pt(11)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for row in rows or [[""] * (len(headers) - 1)]:  # an empty row to fill by hand when there is none
            cells = grid.add_row().cells
            for index, value in enumerate([str(len(grid.rows) - 1) if rows else "", *row]):
                cells[index].text = ""
                run = cells[index].paragraphs[0].add_run(value)
                run.font.size = Pt(11)
        grid.autofit = False
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = Cm(width)  # the table's grid: what LibreOffice and Word lay the columns out by
        for row in grid.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
        return grid

    paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    motto = paragraph("Độc lập - Tự do - Hạnh phúc", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    motto.runs[0].underline = True
    paragraph()
    paragraph("ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    paragraph()
    to = paragraph(align=WD_ALIGN_PARAGRAPH.CENTER)
    to.add_run("Kính gửi: ")
    to.add_run(addressee(initiative)).bold = True
    paragraph()
    paragraph("Tôi (chúng tôi):", indent=True)

    authors = list(initiative.authors.select_related("member__branch"))
    table(
        [
            "Số TT", "Họ và tên", "Ngày tháng năm sinh", "Nơi công tác (hoặc nơi thường trú)", "Chức danh",
            "Trình độ chuyên môn", "Tỷ lệ (%) đóng góp vào việc tạo ra sáng kiến",
        ],
        [
            [
                a.member.full_name, _date(a.member.date_of_birth), a.member.branch.name, a.member.position,
                a.member.qualification, f"{a.share_percent.normalize():f}%",
            ]
            for a in authors
        ],
        [1.1, 3.6, 2.2, 3.1, 2.0, 2.0, 2.0],
    )
    paragraph()
    intro = paragraph(indent=True)
    intro.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    intro.add_run("Là tác giả (nhóm tác giả) đề nghị xét công nhận sáng kiến: ")
    intro.add_run(initiative.title).bold = True
    labelled("Chủ đầu tư tạo ra sáng kiến", initiative.investor or "Tác giả (nhóm tác giả) tự đầu tư")
    labelled("Lĩnh vực áp dụng sáng kiến", initiative.field_of_work)
    labelled(
        "Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử",
        " ".join(p for p in (_date(initiative.application_date), f"tại {initiative.application_place}"
                             if initiative.application_place else "") if p),
    )
    labelled("Mô tả bản chất của sáng kiến", " ")
    for part in description(initiative) or [DOTS]:
        paragraph(part, indent=True).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    labelled("Những thông tin cần được bảo mật (nếu có)", initiative.confidential_info or "Không có")
    labelled("Những điều kiện cần thiết để áp dụng sáng kiến", initiative.application_conditions)
    labelled("Đánh giá lợi ích thu được hoặc dự kiến có thể thu được do áp dụng sáng kiến theo ý kiến của tác giả", " ")
    for part in benefits_in_authors_view(initiative) or [DOTS]:
        paragraph(part, indent=True).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    labelled(
        "Đánh giá lợi ích thu được hoặc dự kiến có thể thu được do áp dụng sáng kiến theo ý kiến của tổ chức, "
        "cá nhân đã tham gia áp dụng sáng kiến lần đầu, kể cả áp dụng thử (nếu có)",
        " ",
    )
    paragraph(DOTS * 2, indent=True)
    paragraph(DOTS * 2, indent=True)
    labelled("Danh sách những người đã tham gia áp dụng thử hoặc áp dụng sáng kiến lần đầu (nếu có)", " ")
    table(
        ["Số TT", "Họ và tên", "Ngày tháng năm sinh", "Nơi công tác", "Chức danh", "Trình độ chuyên môn",
         "Nội dung công việc hỗ trợ"],
        trial_rows(initiative),
        [1.1, 3.6, 2.2, 3.1, 2.0, 2.0, 2.0],
    )
    paragraph()
    pledge = paragraph(
        "Tôi (chúng tôi) xin cam đoan mọi thông tin nêu trong đơn là trung thực, đúng sự thật và hoàn toàn chịu "
        "trách nhiệm trước pháp luật.",
        indent=True,
    )
    pledge.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    place = _place_name(initiative) or "......"
    signature = document.add_table(rows=1, cols=2)
    right = signature.rows[0].cells[1]
    right.text = ""
    lines = [
        (f"{place}, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}", False, True),
        ("Người nộp đơn", True, False),
        ("(Ký và ghi rõ họ tên)", False, True),
        ("", False, False),
        ("", False, False),
        ("", False, False),
    ]
    lines += [(a.member.full_name, True, False) for a in authors]
    for index, (text, bold, italic) in enumerate(lines):
        para = right.paragraphs[0] if index == 0 else right.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(text)
        run.bold, run.italic = bold, italic
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
