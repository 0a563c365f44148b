"""The reports for the provincial federation (DESIGN section 7): the list of initiatives, the summary by
branch and the programme workbook. Each starts from `initiatives.access`, so an officer's report holds only
their branches, and streams its rows from the database in chunks.

Counting follows `initiatives.progress` (the dashboard): the same figures, under the same one-line
definitions, printed as notes under each table.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives import access, permissions, programmes, progress, sent
from initiatives.collation import by_vietnamese
from initiatives.formatting import format_date, quarter_label
from initiatives.models import Category, InitiativeAuthor, Programme, Status

from . import columns, registry
from . import workbook as wb
from .letterhead import letterhead_for

CHUNK_SIZE = 2000



def current_programme(user=None, filters=None):
    """The programme a report is about: the one chosen (`filters.programme`, among those covering the viewer's body:
    ReportFilterForm checks it), else the viewer's (programmes.for_viewer), the portal owner's without one."""
    chosen = getattr(filters, "programme", None)
    programme = chosen or (programmes.for_viewer(user) if user is not None else Programme.current())
    if programme is None:
        raise PermissionDenied(_("No programme is set up yet."))
    return programme


# -- the list of initiatives -----------------------------------------------------------------------------


# Without a chosen status the list holds the initiatives on their way to recognition: not drafts (the author's
# working copy), nor those returned for completion or not recognised, whose benefit must not swell the total.
DEFAULT_EXCLUDED = (Status.DRAFT, Status.RETURNED, Status.REJECTED)


class ReportFilterError(ValueError):
    """Filters that cannot give a meaningful report; the message says why and what to choose."""


def check_filters(filters):
    """Raise ReportFilterError for filters that contradict each other."""
    if filters.period is not None and filters.status and filters.status != Status.SENT_TO_PROVINCE:
        raise ReportFilterError(_(
            "A period counts the initiatives sent to the province within it (by the date sent), so a period's "
            "list holds only initiatives sent to the province. Leave the status empty, or leave the period "
            "empty to list the initiatives with the status “%(status)s”."
        ) % {"status": Status(filters.status).label})


def initiatives_for_report(user, filters, programme):
    """The initiatives of `programme` that `user` oversees (their branches, or all for the district), narrowed
    by the filters. Without a status, every status but draft, returned and not recognised (DEFAULT_EXCLUDED)."""
    check_filters(filters)
    queryset = access.reviewable_initiatives_for(user).filter(programme=programme)
    if filters.branch is not None:
        queryset = queryset.filter(branch=filters.branch)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    else:
        queryset = queryset.exclude(status__in=DEFAULT_EXCLUDED)
    if filters.period is not None:
        # An initiative counts for a period by its date sent to the province (DESIGN 5).
        queryset = queryset.filter(sent.initiatives_in(filters.period))
    return queryset


# What a row of the list reads from the initiative (plain values: no model instances to build).
LIST_FIELDS = (
    "pk", "title", "credited_author_id", "branch__name", "category", "field_of_work", "recognition_decision_no",
    "recognition_date", "application_date", "economic_benefit_vnd", "social_benefit", "status",
    "sent_to_province_date", "recognition_body", "application_kind", "application_place",
    "economic_benefit_description", "research_level", "research_accepted_date", "research_effect_confirmed",
)
LIST_ORDER = (by_vietnamese("branch__name"), "sent_to_province_date", "pk")


def authors_of(initiatives):
    """{initiative id: [(member id, full name, share)]} in listed order, in one query; `initiatives` is a list of
    ids or a queryset."""
    authors = {}
    rows = (
        InitiativeAuthor.objects.filter(initiative_id__in=initiatives)
        .order_by("initiative_id", "order", "pk")
        .values_list("initiative_id", "member_id", "member__full_name", "share_percent")
    )
    for initiative_id, member_id, name, share in rows.iterator(chunk_size=CHUNK_SIZE):
        authors.setdefault(initiative_id, []).append((member_id, name, share))
    return authors


def initiative_rows(queryset, *, chunk_size=CHUNK_SIZE):
    """One list of values per initiative, in the order of `columns.INITIATIVE_FIELDS`.

    The initiatives come from the database `chunk_size` at a time (a server-side cursor), with their branch
    joined in, and each chunk's authors in one more query: memory does not grow with the number of rows, and
    the number of queries grows only with the number of chunks."""
    labels = choice_labels()
    order = columns.list_order()
    records = queryset.order_by(*LIST_ORDER).values(*LIST_FIELDS).iterator(chunk_size=chunk_size)
    number = 0
    for chunk in _chunks(records, chunk_size):
        authors = authors_of([record["pk"] for record in chunk])
        for record in chunk:
            number += 1
            values = initiative_row(number, record, authors.get(record["pk"], ()), labels)
            yield [values[index] for index in order]
        registry.rows_written(len(chunk))  # a background export's progress bar


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def choice_labels():
    labels = {key: {code: str(label) for code, label in choices} for key, choices in columns.CHOICES.items()}
    labels["yes_no"] = {True: columns.yes_no(True), False: columns.yes_no(False)}
    return labels


def initiative_row(number, record, authors, labels):
    """The list's values for one initiative: `record` holds LIST_FIELDS, `authors` its (id, name, share)."""
    credited, others = columns.authors_cells(authors, record["credited_author_id"])
    is_research = record["category"] == Category.RESEARCH
    return [
        number,
        record["title"],
        credited,
        others,
        record["branch__name"],
        labels["category"].get(record["category"], record["category"]),
        record["field_of_work"],
        record["recognition_decision_no"],
        record["recognition_date"],
        record["application_date"],
        record["economic_benefit_vnd"],
        record["social_benefit"],
        labels["status"].get(record["status"], record["status"]),
        record["sent_to_province_date"],
        labels["recognition_body"].get(record["recognition_body"], ""),
        labels["application_kind"].get(record["application_kind"], ""),
        record["application_place"],
        record["economic_benefit_description"],
        labels["research_level"].get(record["research_level"], ""),
        record["research_accepted_date"],
        labels["yes_no"][record["research_effect_confirmed"]] if is_research else "",
    ]


def filter_lines(programme, filters, *, include_status=True):
    """The lines under a title saying what the report covers."""
    lines = [programme.name]
    parts = []
    if filters.period is not None:
        parts.append(str(filters.period))
    else:
        parts.append(_("Whole programme"))
    if filters.branch is not None:
        parts.append(filters.branch.name)
    if include_status:
        if filters.period is not None:
            parts.append(_("Initiatives sent to the province in the period (by the date sent)"))
        elif filters.status:
            parts.append(_("Status: %(status)s") % {"status": Status(filters.status).label})
        else:
            parts.append(_("Every status except draft, returned for completion and not recognised"))
    if filters.year:
        parts.append(_("Year %(year)s") % {"year": filters.year})
    lines.append(" · ".join(str(part) for part in parts))
    return lines


def add_initiative_list(book, user, filters, programme, *, sheet_name=None):
    queryset = initiatives_for_report(user, filters, programme)
    notes = [_("Credited author: %(definition)s") % {
        "definition": _("the lead of a research topic, otherwise the author with the largest share.")}]
    if filters.period is not None:
        notes.append(str(progress.DEFINITIONS["period_sent"]))
    return book.add_table(
        sheet_name or _("List"),
        title=_("List of initiatives taking part in the programme"),
        lines=filter_lines(programme, filters),
        columns=columns.list_columns(),
        rows=initiative_rows(queryset),
        total_label=lambda result: _("Total: %(count)s initiatives") % {"count": f"{result.rows:,}".replace(",", ".")},
        notes=notes,
    )


def write_initiative_list(target, *, user, filters):
    permissions.require(user, "initiatives.export_report")
    programme = current_programme(user, filters)
    book = wb.OfficialWorkbook(letterhead_for(user, branch=filters.branch))
    result = add_initiative_list(book, user, filters, programme)
    book.save(target)
    return result.rows


# -- the summary by branch -------------------------------------------------------------------------------


def _figures(user, filters, programme):
    scope = progress.scope_for_user(user, programme, period=filters.period, branch=filters.branch)
    return progress.compute(scope)


def summary_columns(filters):
    sent_header = _("Sent to the province in the period") if filters.period else _("Sent to the province")
    status_columns = [
        wb.Column(label, 8.5, wb.INTEGER, total=True, key=f"status_{code}")
        for code, label in Status.choices if code != Status.DRAFT
    ]
    return [
        wb.Column(_("No."), 4.5, wb.INDEX),
        wb.Column(_("Branch"), 20),
        wb.Column(_("Members"), 8, wb.INTEGER, total=True, key="members"),
        wb.Column(_("Initiatives submitted (all but drafts)"), 9, wb.INTEGER, total=True),
        *status_columns,
        wb.Column(_("Participants (credited authors)"), 9.5, wb.INTEGER, total=True, key="participants"),
        wb.Column(_("Participation rate"), 8.5, wb.PERCENT, key="rate"),
        wb.Column(sent_header, 9, wb.INTEGER, total=True),
        wb.Column(_("Pledged"), 8, wb.INTEGER, total=True),
        wb.Column(_("Pledge reached"), 8, wb.CENTER),
    ]


def _pledged(row, filters):
    pledges = [p["pledged"] for p in row["periods"]
               if filters.period is None or p["number"] == filters.period.number]
    pledges = [p for p in pledges if p is not None]
    return sum(pledges) if pledges else None


def summary_rows(figures, filters):
    rows = [row for row in figures["by_branch"] if row["is_active"] or row["submitted"]]
    for number, row in enumerate(rows, 1):
        pledged = _pledged(row, filters)
        reached = "" if pledged is None else columns.yes_no(row["sent"] >= pledged)
        name = row["name"] if row["is_active"] else _("%(name)s (inactive)") % {"name": row["name"]}
        yield [
            number,
            name,
            row["members"],
            row["submitted"],
            *[row["by_status"][code] for code in Status.values if code != Status.DRAFT],
            row["participants"],
            row["rate"],
            row["sent"],
            pledged,
            reached,
        ]


def summary_notes():
    keys = ("by_branch", "participation", "pledge", "period_sent")
    return [str(progress.DEFINITIONS[key]) for key in keys]


def add_summary(book, user, filters, programme, figures=None, *, sheet_name=None):
    figures = figures or _figures(user, filters, programme)
    table_columns = summary_columns(filters)
    index = {column.key: i for i, column in enumerate(table_columns) if column.key}
    # The totals of participation are the dashboard's: members of the active branches, each participant counted
    # once (a member credited in two branches is one participant), not the sums of the rows.
    participation = figures["participation"]
    return book.add_table(
        sheet_name or _("By branch"),
        title=_("Summary by branch"),
        lines=filter_lines(programme, filters, include_status=False),
        columns=table_columns,
        rows=summary_rows(figures, filters),
        total_label=_("Total"),
        total_values={index["members"]: participation["members"], index["participants"]: participation["participants"],
                      index["rate"]: participation["rate"]},
        notes=summary_notes(),
    )


def write_summary(target, *, user, filters):
    permissions.require(user, "initiatives.export_report")
    programme = current_programme(user, filters)
    book = wb.OfficialWorkbook(letterhead_for(user, branch=filters.branch))
    result = add_summary(book, user, filters, programme)
    book.save(target)
    return result.rows


# -- the programme workbook ------------------------------------------------------------------------------


def programme_summary_rows(figures):
    """The key figures: targets, participation, mobilisation, then counts by status, category and quarter;
    numbered within each section, as in a review report."""
    definitions = figures["definitions"]
    labels = figures["labels"]
    participation = figures["participation"]
    branches = figures["branches"]
    programme = figures["programme"]

    def heading(number, text, definition=""):
        return wb.BoldRow([number, text, None, None, None, wb.Value(definition, wb.TEXT)])

    def numbered(rows):
        return [[number, *row] for number, row in enumerate(rows, 1)]

    rows = [heading("I", _("Initiatives sent to the province against the targets"))]
    rows += numbered([
        *[[period["label"], period["target"], period["sent"], period["share"], definitions["period_sent"]]
          for period in figures["periods"]],
        [_("Whole programme"), programme["target"], programme["sent"], programme["share"],
         definitions["programme_sent"]],
    ])
    rows.append(heading("II", _("Participation and mobilisation")))
    rows += numbered([
        [_("Members with an initiative (target %(rate)s of %(members)s members)") % {
            "rate": f"{participation['target_rate'] * 100:.0f}%", "members": participation["members"]},
         participation["target_participants"], participation["participants"], participation["rate"],
         definitions["participation"]],
        [_("Authors, co-authors included"), None, participation["authors"], participation["authors_rate"],
         definitions["participation_with_coauthors"]],
        [_("Branches mobilised (of the active branches)"), branches["active"], branches["mobilised"],
         branches["rate"], definitions["mobilised"]],
    ])
    rows.append(heading("III", _("Initiatives by status"), definitions["by_status"]))
    rows += numbered([[labels["status"][code], None, count, None, ""] for code, count in figures["by_status"].items()])
    rows.append(heading("IV", _("Initiatives sent to the province by category"), definitions["by_category"]))
    rows += numbered([[labels["category"][code], None, count, None, ""]
                      for code, count in figures["by_category"].items()])
    rows.append(heading("V", _("Initiatives sent to the province by quarter"), definitions["by_quarter"]))
    quarters = []
    for key, count in figures["by_quarter"].items():
        quarters.append([quarter_label(key), None, count, None, ""])
    rows += numbered(quarters)
    return rows


def programme_summary_columns():
    return [
        wb.Column(_("No."), 5, wb.CENTER),
        wb.Column(_("Figure"), 42),
        wb.Column(_("Target"), 11, wb.INTEGER),
        wb.Column(_("Achieved"), 11, wb.INTEGER),
        wb.Column(_("Rate"), 10, wb.PERCENT),
        wb.Column(_("How it is counted"), 60),
    ]


def write_programme(target, *, user, filters):
    """The district's review report for a period or the whole programme (sơ kết, tổng kết): the key figures,
    the table by branch and the list of initiatives, as three sheets of one workbook."""
    permissions.require(user, "initiatives.export_report")
    programme = current_programme(user, filters)
    figures = _figures(user, filters, programme)
    book = wb.OfficialWorkbook(letterhead_for(user, branch=filters.branch))
    today = format_date(figures["scope"]["today"])
    book.add_table(
        _("Summary"),
        title=_("Results of the programme"),
        lines=[*filter_lines(programme, filters, include_status=False), _("Figures as of %(date)s") % {
            "date": today}],
        columns=programme_summary_columns(),
        rows=programme_summary_rows(figures),
    )
    add_summary(book, user, filters, programme, figures)
    result = add_initiative_list(book, user, filters, programme)
    book.save(target)
    return result.rows


registry.register(registry.ReportKind(
    key="initiatives", label=gettext_lazy("List of initiatives"), write=write_initiative_list,
    filters=("programme", "period", "branch", "status"), filename="danh-sach-sang-kien", order=10,
    description=gettext_lazy("Every initiative with its authors, branch, category, recognition, application, "
                             "benefits, status and date sent. A period lists those sent to the province in it."),
))
registry.register(registry.ReportKind(
    key="summary", label=gettext_lazy("Summary by branch"), write=write_summary,
    filters=("programme", "period", "branch"), filename="tong-hop-theo-cdcs", order=20,
    description=gettext_lazy("Per branch: members, initiatives at each status, participants and rate, "
                             "initiatives sent against the pledge."),
))
registry.register(registry.ReportKind(
    key="programme", label=gettext_lazy("Programme report"), write=write_programme,
    filters=("programme", "period", "branch"), filename="bao-cao-chuong-trinh", order=30,
    description=gettext_lazy("One workbook for a period's review or the programme's final review: the key "
                             "figures, the table by branch and the list of initiatives."),
))
