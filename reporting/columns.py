"""The columns of the initiative list and of the branch roster, shared by the exports and the imports.

The list a clerk downloads is also a file the portal can read back: the same headings, the same
way of writing authors ("Nguyễn Văn An (60%)"), the same labels for categories and statuses.
A few columns that the province does not need on paper but that a re-import does (the
recognising body, the research topic's acceptance) are kept in the file as hidden columns.

Headings are matched when reading in any of the portal's languages, by their English text or by
the usual Vietnamese names, ignoring case and diacritics.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from initiatives.models import ApplicationKind, Category, RecognitionBody, ResearchLevel, Status
from initiatives.text import fold

from . import workbook as wb


@dataclass(frozen=True)
class Field:
    key: str
    header: object
    width: float
    kind: str = wb.TEXT
    total: bool = False
    in_list: bool = True  # shown in the list; otherwise a hidden column kept for re-import
    printed: bool = True  # printed; otherwise shown on screen only, right of the print area
    required: bool = False  # an import cannot go without this column
    aliases: tuple = ()  # other headings people use for it, as data (matched without diacritics)
    help: object = ""

    def column(self, *, hidden=False):
        return wb.Column(self.header, self.width, self.kind, total=self.total, hidden=hidden, key=self.key,
                         printed=self.printed and not hidden)

    def names(self):
        """Every folded heading this field answers to."""
        names = {fold(self.key), fold(self.key.replace("_", " ")), *(fold(alias) for alias in self.aliases)}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                names.add(fold(str(self.header)))
        return {name for name in names if name}


INDEX = Field("index", _("No."), 5, wb.INDEX, aliases=("STT", "TT", "Số TT", "Số thứ tự"))

INITIATIVE_FIELDS = (
    INDEX,
    Field("title", _("Title of the initiative"), 20, required=True,
          aliases=("Tên sáng kiến", "Tên giải pháp", "Tên sáng kiến, giải pháp", "Title")),
    Field("credited_author", _("Credited author"), 13, required=True,
          aliases=("Tác giả", "Tác giả chính", "Chủ nhiệm đề tài", "Author"),
          help=_("The lead of a research topic, otherwise the author with the largest share. Write the share in "
                 "brackets when there are co-authors: Nguyễn Văn An (60%).")),
    Field("coauthors", _("Co-authors"), 17, printed=False, aliases=("Đồng tác giả",),
          help=_("Separated by semicolons, each with its share: Lê Thị Bình (40%); Trần Văn Cường (20%).")),
    Field("branch", _("Branch"), 13, aliases=("CĐCS", "Công đoàn cơ sở", "Đơn vị"),
          help=_("The branch's name or short code; may be left empty to use the branch chosen on the page.")),
    Field("category", _("Category"), 11, required=True, aliases=("Loại", "Loại sáng kiến", "Nhóm"),
          help=_("One of the programme's seven kinds (see the list below).")),
    Field("field_of_work", _("Field of work"), 12, printed=False, aliases=("Lĩnh vực",)),
    Field("recognition_decision_no", _("Recognition decision No."), 10, wb.CENTER,
          aliases=("Số quyết định", "Số QĐ", "Số quyết định công nhận", "Số QĐ công nhận")),
    Field("recognition_date", _("Decision date"), 10, wb.DATE,
          aliases=("Ngày quyết định", "Ngày QĐ", "Ngày công nhận"), help=_("dd/mm/yyyy")),
    Field("application_date", _("First applied on"), 10, wb.DATE,
          aliases=("Ngày áp dụng", "Ngày áp dụng lần đầu", "Ngày áp dụng thử"), help=_("dd/mm/yyyy")),
    Field("economic_benefit_vnd", _("Economic benefit (VND)"), 15, wb.MONEY, total=True,
          aliases=("Hiệu quả kinh tế", "Lợi ích kinh tế", "Hiệu quả kinh tế (đồng)", "Giá trị làm lợi")),
    Field("social_benefit", _("Social benefit"), 13, aliases=("Hiệu quả xã hội", "Lợi ích xã hội")),
    Field("status", _("Status"), 10.5, wb.CENTER, aliases=("Trạng thái", "Tình trạng"),
          help=_("Shown for information; imported initiatives are submitted to their branch for review.")),
    Field("sent_to_province_date", _("Date sent to the province"), 10, wb.DATE,
          aliases=("Ngày gửi LĐLĐ tỉnh", "Ngày gửi tỉnh"), help=_("Shown for information; not imported.")),
    # Kept for re-import, hidden in the printed list.
    Field("recognition_body", _("Recognising body"), 14, in_list=False,
          aliases=("Cấp công nhận", "Cơ quan công nhận", "Hội đồng công nhận"),
          help=_("Initiative council, or head of the unit.")),
    Field("application_kind", _("Application"), 12, in_list=False, aliases=("Hình thức áp dụng",),
          help=_("Applied, or trial application; empty means applied.")),
    Field("application_place", _("Where applied"), 16, in_list=False, aliases=("Nơi áp dụng",)),
    Field("economic_benefit_description", _("Economic benefit (description)"), 22, in_list=False,
          aliases=("Mô tả hiệu quả kinh tế",)),
    Field("research_level", _("Research level"), 12, in_list=False, aliases=("Cấp đề tài",),
          help=_("For a research topic: provincial, or ministerial or sector.")),
    Field("research_accepted_date", _("Acceptance date (research topic)"), 10.5, wb.DATE, in_list=False,
          aliases=("Ngày nghiệm thu",), help=_("dd/mm/yyyy")),
    Field("research_effect_confirmed", _("Effect confirmed by the head of the applying unit (research topic)"), 12,
          wb.CENTER, in_list=False, aliases=("Xác nhận hiệu quả",), help=_("Yes or No.")),
)

ROSTER_FIELDS = (
    INDEX,
    Field("full_name", _("Full name"), 26, required=True, aliases=("Họ và tên", "Họ tên", "Name")),
    Field("date_of_birth", _("Date of birth"), 12, wb.DATE, aliases=("Ngày sinh", "Ngày, tháng, năm sinh"),
          help=_("dd/mm/yyyy; tells apart two members with the same name.")),
    Field("position", _("Job or position"), 24, aliases=("Chức vụ", "Chức danh", "Vị trí việc làm", "Nghề nghiệp")),
    Field("qualification", _("Qualification"), 18, aliases=("Trình độ", "Trình độ chuyên môn")),
    Field("phone", _("Phone"), 14, wb.CENTER, aliases=("Điện thoại", "Số điện thoại", "SĐT")),
    Field("email", _("E-mail"), 24, aliases=("Email", "Thư điện tử")),
    Field("branch", _("Branch"), 26, aliases=("CĐCS", "Công đoàn cơ sở", "Đơn vị"),
          help=_("The branch's name or short code; may be left empty to use the branch chosen on the page.")),
)


def list_order(fields=INITIATIVE_FIELDS):
    """The fields' positions in the downloaded list: the printed ones first (the print area is contiguous),
    then those shown on screen only, then the hidden re-import ones."""
    def rank(field):
        return 0 if field.in_list and field.printed else (1 if field.in_list else 2)
    return sorted(range(len(fields)), key=lambda index: rank(fields[index]))


def list_columns(fields=INITIATIVE_FIELDS):
    """The list's columns in `list_order`: the re-import ones hidden, the screen-only ones out of the print area."""
    return [fields[index].column(hidden=not fields[index].in_list) for index in list_order(fields)]


# -- writing and reading values --------------------------------------------------------------------------


def yes_no(value):
    return str(_("Yes")) if value else str(_("No"))


def format_share(share):
    text = f"{Decimal(share).normalize():f}"
    return text.replace(".", ",")


def format_author(name, share, *, with_share):
    return f"{name} ({format_share(share)}%)" if with_share else name


def authors_cells(authors, credited_member_id):
    """The credited author's cell and the co-authors' cell from (member id, full name, share) tuples in
    listed order."""
    authors = list(authors)
    with_share = len(authors) > 1
    credited = next((a for a in authors if a[0] == credited_member_id), authors[0] if authors else None)
    if credited is None:
        return "", ""
    credited_text = format_author(credited[1], credited[2], with_share=with_share)
    others_text = "; ".join(format_author(name, share, with_share=True)
                            for member_id, name, share in authors if (member_id, name, share) != credited)
    return credited_text, others_text


AUTHOR_PATTERN = re.compile(r"^(?P<name>.*?)\s*(?:\(\s*(?P<share>[0-9]+(?:[.,][0-9]+)?)\s*%?\s*\))?\s*$")


@dataclass
class ParsedAuthor:
    name: str
    share: Decimal | None


def parse_authors(text):
    """"Lê Thị Bình (40%); Trần Văn Cường (20%)" → [ParsedAuthor]; raises ValueError on a share it cannot read."""
    authors = []
    for part in re.split(r"[;\n]+", str(text or "")):
        part = " ".join(part.split())
        if not part:
            continue
        match = AUTHOR_PATTERN.match(part)
        name, share = match.group("name").strip(" ,-"), match.group("share")
        if "(" in name or ")" in name:
            raise ValueError(part)
        try:
            authors.append(ParsedAuthor(name, Decimal(share.replace(",", ".")) if share else None))
        except InvalidOperation as error:
            raise ValueError(part) from error
    return authors


_Y_AFTER_CONSONANT = re.compile(r"\b([bcdghklmnpqrstvx])y\b")


def choice_key(text):
    """How a choice is matched: diacritics and case ignored, and a syllable's final y after a consonant read as i,
    since Vietnamese writes kĩ/kỹ, lí/lý, mĩ/mỹ either way ("Giải pháp kĩ thuật" is "Giải pháp kỹ thuật")."""
    return _Y_AFTER_CONSONANT.sub(r"\1i", fold(text))


def choice_lookup(choices):
    """Matched label (in every language) or code → code, for reading a label back (see `choice_key`)."""
    lookup = {}
    for code, label in choices:
        lookup[choice_key(code)] = code
        lookup[choice_key(code.replace("_", " "))] = code
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                lookup[choice_key(str(label))] = code
    return lookup


# The Vietnamese names of the choices as they appear on paper forms, as data for reading files.
EXTRA_CHOICE_NAMES = {
    "category": {
        "giai phap ky thuat": Category.TECHNICAL,
        "giai phap quan ly": Category.MANAGEMENT,
        "giai phap tac nghiep": Category.OPERATIONAL,
        "ung dung tien bo ky thuat": Category.TECHNOLOGY_APPLICATION,
        "giai phap ung dung tien bo ky thuat": Category.TECHNOLOGY_APPLICATION,
        "giai phap cong tac cong doan": Category.UNION_WORK,
        "cong tac cong doan": Category.UNION_WORK,
        "phong chong covid-19": Category.COVID19,
        "giai phap phong chong covid-19": Category.COVID19,
        "de tai nghien cuu khoa hoc": Category.RESEARCH,
        "de tai khoa hoc": Category.RESEARCH,
    },
    "recognition_body": {
        "hoi dong sang kien": RecognitionBody.COUNCIL,
        "hoi dong": RecognitionBody.COUNCIL,
        "thu truong co quan": RecognitionBody.HEAD,
        "thu truong don vi": RecognitionBody.HEAD,
        "thu truong": RecognitionBody.HEAD,
    },
    "application_kind": {"ap dung": ApplicationKind.APPLIED, "ap dung thu": ApplicationKind.TRIAL},
    "research_level": {"cap tinh": ResearchLevel.PROVINCIAL, "cap bo": ResearchLevel.MINISTERIAL,
                       "cap bo, nganh": ResearchLevel.MINISTERIAL, "cap nganh": ResearchLevel.MINISTERIAL},
}

CHOICES = {
    "category": Category.choices,
    "recognition_body": RecognitionBody.choices,
    "application_kind": ApplicationKind.choices,
    "research_level": ResearchLevel.choices,
    "status": Status.choices,
}


def choice_lookups():
    lookups = {}
    for key, choices in CHOICES.items():
        lookup = choice_lookup(choices)
        lookup.update({choice_key(name): code for name, code in EXTRA_CHOICE_NAMES.get(key, {}).items()})
        lookups[key] = lookup
    return lookups


YES_WORDS = {"yes", "y", "co", "x", "1", "true", "da xac nhan", "xac nhan"}
NO_WORDS = {"no", "n", "khong", "0", "false", "chua", "chua xac nhan"}


def parse_yes_no(value):
    """True, False, or None when it cannot tell."""
    if isinstance(value, bool):
        return value
    folded = fold(value)
    if not folded:
        return False
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            if folded == fold(str(_("Yes"))):
                return True
            if folded == fold(str(_("No"))):
                return False
    if folded in YES_WORDS:
        return True
    if folded in NO_WORDS:
        return False
    return None
