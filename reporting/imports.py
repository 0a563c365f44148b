"""Importing a branch roster and initiatives collected on paper, from the templates the page offers.

Two steps. `plan_*` reads the file and returns a Plan: every row to add, every row already in the portal
(skipped, so that importing the same file twice adds nothing twice), and every problem by row, column and
message. Initiatives go through `eligibility.check`, so an ineligible row is named, never silently taken.
`apply_plan` imports all the rows or none: it reads the file again inside one transaction and refuses if
anything has changed into a problem meanwhile.

Scoping: the branches a row may name are `access.branches_for(user)`; a row naming any other branch is a
problem, so an officer can never add members or initiatives to another branch.
"""

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives import access, eligibility, permissions, programmes, workflow
from initiatives.models import ApplicationKind, Category, Initiative, InitiativeAuthor, Member
from initiatives.text import fold, fold_for_index

from . import columns, reading

ROSTER = "roster"
INITIATIVES = "initiatives"
MAX_ROWS = {ROSTER: 5000, INITIATIVES: 1000}
FIELDS = {ROSTER: columns.ROSTER_FIELDS, INITIATIVES: columns.INITIATIVE_FIELDS}


class ImportRefused(Exception):
    """The import cannot go ahead; `message` is for people."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Problem:
    row: int | None
    column: str  # the column's heading (and letter), or "" for the file as a whole
    message: str


@dataclass
class PlannedRow:
    row: int
    summary: str  # what a person recognises the row by: a name or a title
    branch: object
    values: dict
    notes: list = field(default_factory=list)


@dataclass
class NameQuestion:
    """An author whose name matches roster members only when diacritics are ignored ("Nguyễn Văn Ân" and the
    roster's "Nguyễn Văn An"): the person importing says who it is; the import never guesses."""
    key: str  # "<branch id>:<name as matched>", what the answer is posted under
    name: str
    branch: object
    candidates: list  # Members
    rows: list = field(default_factory=list)
    answer: object = None  # a Member, NEW_MEMBER, or None while unanswered


NEW_MEMBER = "new"


@dataclass
class NewMember:
    name: str
    branch: object
    rows: list = field(default_factory=list)


@dataclass
class Plan:
    kind: str
    sheet: str = ""
    header_row: int = 0
    rows: list = field(default_factory=list)  # to add
    skipped: list = field(default_factory=list)  # (row, summary): already in the portal
    problems: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    read: int = 0  # data rows read
    questions: dict = field(default_factory=dict)  # key → NameQuestion, for the rows to import
    pending_questions: dict = field(default_factory=dict)  # every question met while reading
    new_members: dict = field(default_factory=dict)  # (branch id, name key) → NewMember, created on import

    @property
    def can_import(self):
        return not self.problems and bool(self.rows)

    @property
    def unanswered(self):
        return [question for question in self.questions.values() if question.answer is None]

    @property
    def question_list(self):
        return list(self.questions.values())

    @property
    def new_member_list(self):
        return list(self.new_members.values())


def name_key(name):
    """How names are matched on the roster: exactly, except for case and spaces (never diacritics)."""
    return " ".join(unicodedata.normalize("NFC", str(name or "")).casefold().split())



# -- shared steps ----------------------------------------------------------------------------------------


class _Rows:
    """Reading one row: each problem is recorded with its row and column; values that cannot be read are None."""

    def __init__(self, plan, table, fields):
        self.plan = plan
        self.table = table
        self.fields = {spec.key: spec for spec in fields}
        self.row = None
        self.failed = False

    def start(self, row, record):
        """Begin row `row`; False (with a problem for each) when a cell to import holds a formula."""
        self.row, self.failed = row, False
        for key, value in record.items():
            if isinstance(value, reading.Formula):
                self.problem(key, _("This cell holds a formula (%(formula)s): the import takes only values. Type "
                                    "the value itself, or copy the cells and paste them as values only.") % {
                    "formula": value.text[:60]})
        return not self.failed

    def column_name(self, key):
        spec = self.fields.get(key)
        if spec is None:
            return ""
        letter = self.table.letter(key)
        return f"{spec.header} ({letter})" if letter else str(spec.header)

    def problem(self, key, message):
        self.failed = True
        self.plan.problems.append(Problem(self.row, self.column_name(key), str(message)))

    def text(self, record, key, *, required=False, max_length=None):
        value = reading.as_text(record.get(key))
        if required and not value:
            self.problem(key, _("This column must be filled in."))
        elif max_length and len(value) > max_length:
            self.problem(key, _("At most %(limit)s characters; this has %(count)s.") % {
                "limit": max_length, "count": len(value)})
        return value

    def date(self, record, key, *, today):
        try:
            value = reading.as_date(record.get(key))
        except reading.ValueProblem as error:
            self.problem(key, str(error))
            return None
        if value is not None and value > today:
            self.problem(key, _("The date %(date)s is after today.") % {"date": value.strftime("%d/%m/%Y")})
        return value

    def amount(self, record, key):
        try:
            return reading.as_amount(record.get(key))
        except reading.ValueProblem as error:
            self.problem(key, str(error))
            return None

    def choice(self, record, key, lookup, *, default=""):
        text = reading.as_text(record.get(key))
        if not text:
            return default
        code = lookup.get(columns.choice_key(text))
        if code is None:
            labels = "; ".join(str(label) for _code, label in columns.CHOICES[key])
            self.problem(key, _("“%(value)s” is not one of: %(choices)s.") % {"value": text, "choices": labels})
            return default
        return code

    def phone(self, record, key):
        """A phone number as written; a number cell lost its leading zero (0912 345 678 became 912345678), so
        it is given back, and 84… (the country code) is written the Vietnamese way, 0…."""
        value = record.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
            digits = str(int(value))
            if digits.startswith("84") and len(digits) >= 11:
                digits = digits[2:]
            value = digits if digits.startswith("0") else "0" + digits
        return self.text({key: value}, key, max_length=20)

    def yes_no(self, record, key):
        value = columns.parse_yes_no(record.get(key))
        if value is None:
            self.problem(key, _("Write Yes or No; “%(value)s” cannot be read.") % {
                "value": reading.as_text(record.get(key))})
            return False
        return value


class _Branches:
    """The branches a row may name: the user's, found by name or short code (diacritics ignored)."""

    def __init__(self, user, default):
        self.allowed = list(access.branches_for(user).select_related("federation"))
        self.by_name = {}
        for branch in self.allowed:
            self.by_name[fold(branch.name)] = branch
            self.by_name[fold(branch.code)] = branch
        self.default = default

    def resolve(self, rows, record):
        text = reading.as_text(record.get("branch"))
        if not text:
            if self.default is None:
                rows.problem("branch", _("Name the branch here, or choose one on the page for rows without it."))
            return self.default
        branch = self.by_name.get(fold(text))
        if branch is None:
            rows.problem("branch", _("“%(name)s” is not one of the branches you may import into.") % {"name": text})
        return branch


def _read(uploaded, kind, plan):
    clock = reading.Clock(reading.LIMITS.seconds)
    workbook = reading.open_workbook(uploaded, clock=clock)
    try:
        table = reading.read_table(workbook, FIELDS[kind], max_rows=MAX_ROWS[kind], clock=clock)
    finally:
        workbook.close()
    plan.sheet, plan.header_row, plan.read = table.sheet, table.header_row, len(table.rows)
    plan.notices.extend(table.notices)
    return table


def plan_import(kind, uploaded, *, user, default_branch=None, answers=None, progress=None):
    """Read `uploaded` and say what importing it would do. Problems with the file as a whole are a Problem
    without a row; the Plan is never raised. `answers` ({NameQuestion key: member id or NEW_MEMBER}) are the
    person's answers to the name questions of an earlier preview. `progress` (a background job's, with
    `set_total(n)` and `advance(k)`) is told the number of rows read, then each row checked."""
    permissions.require(user, "initiatives.import_data")
    if default_branch is not None and not access.branches_for(user).filter(pk=default_branch.pk).exists():
        raise PermissionDenied
    plan = Plan(kind=kind)
    try:
        table = _read(uploaded, kind, plan)
    except reading.FileProblem as problem:
        plan.problems.append(Problem(None, "", problem.message))
        return plan
    if progress is not None:
        progress.set_total(len(table.rows))
        table.rows = _counted(table.rows, progress.advance)
    if kind == ROSTER:
        _plan_roster(plan, table, user, default_branch)
    else:
        _plan_initiatives(plan, table, user, default_branch, answers)
    return plan


def _counted(rows, advance):
    for row in rows:
        yield row
        advance(1)


def preview(plan, *, limit):
    """What the preview page shows of `plan`, as plain data (JSON) that a background job keeps until the page
    asks for it: every problem, question and new member, the first `limit` rows to import."""
    def branch(value):
        return {"name": value.name if value is not None else ""}

    return {
        "kind": plan.kind,
        "sheet": plan.sheet,
        "header_row": plan.header_row,
        "read": plan.read,
        "can_import": plan.can_import,
        "row_count": len(plan.rows),
        "notices": [str(notice) for notice in plan.notices],
        "problems": [{"row": p.row, "column": str(p.column), "message": str(p.message)} for p in plan.problems],
        "skipped": [[number, str(summary)] for number, summary in plan.skipped],
        "rows": [{"row": row.row, "summary": str(row.summary), "branch": branch(row.branch),
                  "notes": [str(note) for note in row.notes]} for row in plan.rows[:limit]],
        "question_list": [{
            "key": question.key, "name": question.name, "branch": branch(question.branch), "rows": question.rows,
            "answer": None,
            "candidates": [{"pk": member.pk, "full_name": member.full_name, "position": member.position,
                            "born": member.date_of_birth.strftime("%d/%m/%Y") if member.date_of_birth else ""}
                           for member in question.candidates],
        } for question in plan.question_list],
        "new_member_list": [{"name": new.name, "branch": branch(new.branch), "rows": new.rows}
                            for new in plan.new_member_list],
    }


# -- the roster ------------------------------------------------------------------------------------------


def _roster_key(branch_id, full_name, date_of_birth):
    return (branch_id, name_key(full_name), date_of_birth)


def _plan_roster(plan, table, user, default_branch):
    rows = _Rows(plan, table, columns.ROSTER_FIELDS)
    branches = _Branches(user, default_branch)
    today = timezone.localdate()
    existing, by_folded_name = set(), {}
    for branch_id, name, birth in access.members_for(user).values_list("branch_id", "full_name", "date_of_birth"):
        existing.add(_roster_key(branch_id, name, birth))
        by_folded_name[(branch_id, fold(name), birth)] = name
    seen = {}
    for number, record in table.rows:
        if not rows.start(number, record):
            continue
        name = rows.text(record, "full_name", required=True, max_length=150)
        birth = rows.date(record, "date_of_birth", today=today)
        values = {
            "full_name": name,
            "date_of_birth": birth,
            "position": rows.text(record, "position", max_length=150),
            "qualification": rows.text(record, "qualification", max_length=150),
            "phone": rows.phone(record, "phone"),
            "email": rows.text(record, "email", max_length=254),
        }
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                rows.problem("email", _("“%(value)s” is not an e-mail address.") % {"value": values["email"]})
        branch = branches.resolve(rows, record)
        if rows.failed or branch is None:
            continue
        key = _roster_key(branch.pk, name, birth)
        if key in seen:
            rows.problem("full_name", _("The same member (name and date of birth) as row %(row)s.") % {
                "row": seen[key]})
            continue
        seen[key] = number
        if key in existing:
            plan.skipped.append((number, name))
            continue
        notes = []
        close = by_folded_name.get((branch.pk, fold(name), birth))
        if close is not None:  # the same but for accents: never taken as the same person, but pointed out
            notes.append(_("The roster already has “%(name)s”%(birth)s, whose name differs only by its accents: "
                           "check that this is another person.") % {
                "name": close, "birth": f" ({birth.strftime('%d/%m/%Y')})" if birth else ""})
        plan.rows.append(PlannedRow(number, name, branch, values, notes))
    if plan.rows or plan.skipped:
        plan.notices.append(_("The branch's number of members (kept by its officer) is not changed by an import."))


def _apply_roster(plan, user):
    members = [
        Member(branch=row.branch, search_name=fold_for_index(row.values["full_name"]), **row.values)
        for row in plan.rows
    ]
    Member.objects.bulk_create(members, batch_size=500)
    return len(members)


# -- initiatives -----------------------------------------------------------------------------------------


ELIGIBILITY_COLUMNS = {
    "application_date": "application_date",
    "recognition_body": "recognition_body",
    "recognition_decision_no": "recognition_decision_no",
    "recognition_date": "recognition_date",
    "ip_protected": "title",
    "social_benefit": "social_benefit",
    "research_accepted_date": "research_accepted_date",
    "research_effect_confirmed": "research_effect_confirmed",
    "authors": "credited_author",
    "sent_to_province_date": "sent_to_province_date",
}


def _initiative_key(branch_id, title, credited_name):
    return (branch_id, fold(title), name_key(credited_name))


class _Roster:
    """Members of the user's branches by branch and name: matched exactly (case and spaces aside), and by the name
    without diacritics only to ask the person (NameQuestion)."""

    def __init__(self, user):
        self.exact, self.loose = {}, {}
        members = access.members_for(user).only("pk", "full_name", "branch_id", "date_of_birth", "position")
        for member in members.order_by("pk"):
            self.exact.setdefault((member.branch_id, name_key(member.full_name)), []).append(member)
            self.loose.setdefault((member.branch_id, fold(member.full_name)), []).append(member)

    def find(self, branch, name):
        """(members with exactly this name, members whose name differs only by diacritics)."""
        exact = self.exact.get((branch.pk, name_key(name)), [])
        loose = [m for m in self.loose.get((branch.pk, fold(name)), []) if m not in exact]
        return exact, loose


def _max_length(name):
    return Initiative._meta.get_field(name).max_length


def _plan_initiatives(plan, table, user, default_branch, answers):
    rows = _Rows(plan, table, columns.INITIATIVE_FIELDS)
    branches = _Branches(user, default_branch)
    # Each row counts for its branch's default programme (initiatives.programmes), read for every branch at once.
    offer = programmes.offer_for_branches([*branches.allowed, *([default_branch] if default_branch else [])])
    if not offer.programmes:
        plan.problems.append(Problem(None, "", _("No programme is set up yet: nothing can be imported.")))
        return
    roster = _Roster(user)
    lookups = columns.choice_lookups()
    today = timezone.localdate()
    existing = {
        _initiative_key(branch_id, title, credited or "")
        for branch_id, title, credited in access.reviewable_initiatives_for(user).filter(
            branch__in=[b.pk for b in branches.allowed]).values_list("branch_id", "title", "credited_author__full_name")
    }
    seen = {}
    for number, record in table.rows:
        if not rows.start(number, record):
            continue
        title = rows.text(record, "title", required=True, max_length=_max_length("title"))
        category = rows.choice(record, "category", lookups["category"])
        if not reading.as_text(record.get("category")):
            rows.problem("category", _("This column must be filled in."))
        values = {
            "title": title,
            "category": category,
            "field_of_work": rows.text(record, "field_of_work", max_length=_max_length("field_of_work")),
            "recognition_body": rows.choice(record, "recognition_body", lookups["recognition_body"]),
            "recognition_decision_no": rows.text(record, "recognition_decision_no",
                                                 max_length=_max_length("recognition_decision_no")),
            "recognition_date": rows.date(record, "recognition_date", today=today),
            "application_kind": rows.choice(record, "application_kind", lookups["application_kind"],
                                            default=ApplicationKind.APPLIED),
            "application_date": rows.date(record, "application_date", today=today),
            "application_place": rows.text(record, "application_place", max_length=_max_length("application_place")),
            "economic_benefit_vnd": rows.amount(record, "economic_benefit_vnd"),
            "economic_benefit_description": rows.text(record, "economic_benefit_description"),
            "social_benefit": rows.text(record, "social_benefit"),
            "research_level": rows.choice(record, "research_level", lookups["research_level"]),
            "research_accepted_date": rows.date(record, "research_accepted_date", today=today),
            "research_effect_confirmed": rows.yes_no(record, "research_effect_confirmed"),
        }
        branch = branches.resolve(rows, record)
        authors = _authors(rows, record, branch, roster, is_research=category == Category.RESEARCH,
                           plan=plan, answers=answers)
        if rows.failed or branch is None:
            continue

        programme = offer.default_for(branch)
        if programme is None:
            rows.problem("branch", _("No programme is open for this branch at the moment."))
            continue
        values["programme"] = programme
        initiative = Initiative(branch=branch, **values)
        for problem in eligibility.check(initiative, authors=authors, programme=programme, today=today):
            rows.problem(ELIGIBILITY_COLUMNS.get(problem.field, "title"), problem.message)
        if rows.failed:
            continue
        key = _initiative_key(branch.pk, title, authors[0].name)
        if key in seen:
            rows.problem("title", _("The same initiative (branch, title and credited author) as row %(row)s.") % {
                "row": seen[key]})
            continue
        seen[key] = number
        if key in existing:
            plan.skipped.append((number, title))
            continue
        notes = _register_authors(plan, number, branch, authors)
        plan.rows.append(PlannedRow(number, title, branch, {**values, "authors": authors}, notes))
    if plan.rows:
        plan.notices.append(_("Imported initiatives are submitted to their branch for review, whatever status the "
                              "file shows; the branch then approves each one."))


def _authors(rows, record, branch, roster, *, is_research, plan, answers):
    """The credited author then the co-authors, as eligibility's author rows (member may be None: new)."""
    try:
        credited = columns.parse_authors(record.get("credited_author"))
    except ValueError as error:
        rows.problem("credited_author", _("“%(value)s” cannot be read: write a name, then the share in brackets, "
                                          "e.g. Nguyễn Văn An (60%%).") % {"value": error})
        return []
    try:
        others = columns.parse_authors(record.get("coauthors"))
    except ValueError as error:
        rows.problem("coauthors", _("“%(value)s” cannot be read: separate co-authors with semicolons, each with "
                                    "its share, e.g. Lê Thị Bình (40%%); Trần Văn Cường (20%%).") % {"value": error})
        return []
    if not credited:
        return []  # the required-column problem is already recorded
    if len(credited) > 1:
        rows.problem("credited_author", _("Write one credited author here and the others under “%(column)s”.") % {
            "column": rows.fields["coauthors"].header})
        return []
    parsed = credited + others
    if len(parsed) == 1 and parsed[0].share is None:
        parsed[0].share = Decimal(100)
    missing = [a.name for a in parsed if a.share is None]
    if missing:
        rows.problem("coauthors" if others else "credited_author",
                     _("Give each author's share in per cent, in brackets after the name: %(names)s.") % {
                         "names": ", ".join(missing)})
        return []
    names = [fold(a.name) for a in parsed]
    if len(names) != len(set(names)):
        rows.problem("coauthors", _("The same person is listed twice as an author."))
        return []
    authors = []
    question = None
    for order, author in enumerate(parsed):
        if len(author.name) > Member._meta.get_field("full_name").max_length:
            rows.problem("credited_author" if order == 0 else "coauthors", _("The name “%(name)s” is too long.") % {
                "name": author.name[:40]})
            return []
        member = None
        if branch is not None:
            exact, loose = roster.find(branch, author.name)
            if len(exact) > 1:
                rows.problem("credited_author" if order == 0 else "coauthors", _(
                    "The roster of %(branch)s has %(count)s members named %(name)s: tell them apart on the roster "
                    "first (e.g. by date of birth), then enter this initiative on the site.") % {
                    "branch": branch.name, "count": len(exact), "name": author.name})
                return []
            if exact:
                member = exact[0]
            elif loose:
                question = _question(plan, branch, author.name, loose, answers)
                member = question.answer if question.answer not in (None, NEW_MEMBER) else None
        authors.append(SimpleNamespace(
            name=author.name, member=member, member_id=member.pk if member else None,
            share_percent=author.share, is_lead=is_research and order == 0, order=order, question=question,
        ))
        question = None
    return authors


def _question(plan, branch, name, candidates, answers):
    """The NameQuestion for `name` in `branch`, with the person's answer if they gave one."""
    key = f"{branch.pk}:{name_key(name)}"
    question = plan.questions.get(key) or plan.pending_questions.get(key)
    if question is None:
        question = plan.pending_questions[key] = NameQuestion(key, name, branch, candidates)
        answer = (answers or {}).get(key)
        if answer == NEW_MEMBER:
            question.answer = NEW_MEMBER
        else:
            question.answer = next((m for m in candidates if str(m.pk) == str(answer)), None)
    return question


def _register_authors(plan, number, branch, authors):
    """For a row that will be imported: its name questions, and the members it adds to the roster."""
    notes = []
    for author in authors:
        if author.member is not None:
            continue
        question = author.question
        if question is not None:
            plan.questions.setdefault(question.key, question).rows.append(number)
            if question.answer is None:
                notes.append(_("Who is “%(name)s”? Answer the question above.") % {"name": author.name})
                continue
        new = plan.new_members.setdefault((branch.pk, name_key(author.name)), NewMember(author.name, branch))
        new.rows.append(number)
        notes.append(_("%(name)s will be added to the roster of %(branch)s.") % {
            "name": author.name, "branch": branch.name})
    return notes


def _apply_initiatives(plan, user):
    created_members = {}
    count = 0
    for row in plan.rows:
        values = dict(row.values)  # with the programme the plan chose for the row's branch
        authors = values.pop("authors")
        initiative = Initiative(branch=row.branch, entered_by=user, **values)
        initiative._history_user = user
        initiative.save()
        for author in authors:
            member = author.member
            if member is None:
                key = (row.branch.pk, name_key(author.name))
                member = created_members.get(key)
                if member is None:
                    member = Member.objects.create(branch=row.branch, full_name=author.name,
                                                   search_name=fold_for_index(author.name))
                    created_members[key] = member
            InitiativeAuthor.objects.create(initiative=initiative, member=member, share_percent=author.share_percent,
                                            is_lead=author.is_lead, order=author.order)
        initiative.refresh_credit_and_search()
        try:
            workflow.apply(initiative, "submit", user)
        except workflow.TransitionError as error:
            raise ImportRefused(_("Row %(row)s could not be submitted: %(reason)s") % {
                "row": row.row, "reason": error.message}) from error
        count += 1
    return count


# -- applying --------------------------------------------------------------------------------------------


def apply_import(kind, uploaded, *, user, default_branch=None, answers=None, new_members_confirmed=False):
    """Import every row of `uploaded`, or none: the file is read again inside the transaction, and any problem
    (including one that appeared since the preview) refuses the whole import, as do a name question left
    unanswered and new members not confirmed. Returns the Plan applied."""
    with transaction.atomic():
        plan = plan_import(kind, uploaded, user=user, default_branch=default_branch, answers=answers)
        if plan.problems:
            raise ImportRefused(_("The file has problems; nothing was imported. Fix them and upload the file again."))
        if plan.unanswered:
            raise ImportRefused(_("Say for each name that is close to a roster member's whether it is that member "
                                  "or a new one; nothing was imported."))
        if plan.new_members and not new_members_confirmed:
            raise ImportRefused(_("Confirm the members the import adds to the roster; nothing was imported."))
        if not plan.rows:
            return plan
        if kind == ROSTER:
            _apply_roster(plan, user)
        else:
            _apply_initiatives(plan, user)
    return plan
