"""The programme's eligibility rules (plan 1.3 and 1.4) as pure functions.

`check(initiative)` returns the list of problems; an empty list means eligible. The form, the
admin, the workflow and the imports all call it, so no path can skip a rule. Every figure (the
window, the research cut-off date) comes from the initiative's Programme, never from a literal.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from .formatting import format_date
from .models import Category, Programme

APPLICATION_OUTSIDE_WINDOW = "application_outside_window"
NOT_RECOGNISED = "not_recognised"
IP_PROTECTED = "ip_protected"
NO_BENEFIT = "no_benefit"
RESEARCH_NOT_ACCEPTED = "research_not_accepted"
RESEARCH_EFFECT_UNCONFIRMED = "research_effect_unconfirmed"
AUTHORS_INVALID = "authors_invalid"
RECOGNISED_BEFORE_APPLIED = "recognised_before_applied"
DATE_IN_FUTURE = "date_in_future"


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    field: str = ""  # the form field the problem belongs beside, when there is one

    def __str__(self):
        return self.message


_d = format_date


def check(initiative, *, authors=None, programme=None, today=None):
    """All problems of `initiative`. `authors` defaults to its saved authors (InitiativeAuthor-like
    objects with `member`, `share_percent`, `is_lead`); the form passes the rows being typed."""
    programme = programme or getattr(initiative, "programme", None) or Programme.current()
    today = today or timezone.localdate()
    if authors is None:
        authors = list(initiative.authors.all()) if initiative.pk else []
    problems = []
    problems += check_window(initiative, programme)
    problems += check_recognition(initiative)
    problems += check_ip(initiative)
    problems += check_benefit(initiative)
    problems += check_research(initiative, programme)
    problems += check_authors(initiative, authors)
    problems += check_dates_order(initiative)
    problems += check_future_dates(initiative, today)
    return problems


def is_eligible(initiative, **kwargs):
    return not check(initiative, **kwargs)


def check_window(initiative, programme):
    start, end = programme.window_start, programme.window_end
    date = initiative.application_date
    if date is None:
        return [
            Problem(
                APPLICATION_OUTSIDE_WINDOW,
                _("Enter the first (or trial) application date: it must lie between %(start)s and %(end)s.")
                % {"start": _d(start), "end": _d(end)},
                "application_date",
            )
        ]
    if date < start or date > end:
        return [
            Problem(
                APPLICATION_OUTSIDE_WINDOW,
                _(
                    "The application date %(date)s lies outside the programme's window %(start)s–%(end)s: "
                    "only initiatives first applied in that window can take part."
                )
                % {"date": _d(date), "start": _d(start), "end": _d(end)},
                "application_date",
            )
        ]
    return []


def check_recognition(initiative):
    if initiative.category == Category.RESEARCH:
        return []  # a research topic rests on its acceptance and the head's confirmation
    missing = []
    if not initiative.recognition_body:
        missing.append(_("the recognising body"))
    if not (initiative.recognition_decision_no or "").strip():
        missing.append(_("the decision number"))
    if initiative.recognition_date is None:
        missing.append(_("the decision date"))
    if not missing:
        return []
    field = (
        "recognition_body"
        if not initiative.recognition_body
        else (
            "recognition_decision_no" if not (initiative.recognition_decision_no or "").strip() else "recognition_date"
        )
    )
    return [
        Problem(
            NOT_RECOGNISED,
            _("The initiative must be recognised by the initiative council or the head of the unit: enter %(missing)s.")
            % {"missing": ", ".join(missing)},
            field,
        )
    ]


def check_ip(initiative):
    if initiative.ip_protected:
        return [
            Problem(
                IP_PROTECTED,
                _("An initiative under intellectual-property protection cannot take part in the programme."),
                "ip_protected",
            )
        ]
    return []


def check_benefit(initiative):
    economic = (initiative.economic_benefit_vnd or 0) > 0 or bool(
        (initiative.economic_benefit_description or "").strip()
    )
    social = bool((initiative.social_benefit or "").strip())
    if economic or social:
        return []
    return [
        Problem(
            NO_BENEFIT,
            _(
                "State the benefit: an economic benefit (an amount in VND or a description) or a social benefit "
                "(safety, living and working conditions, environment, health, epidemic prevention, awareness)."
            ),
            "social_benefit",
        )
    ]


def check_research(initiative, programme):
    if initiative.category != Category.RESEARCH:
        return []
    problems = []
    if initiative.research_accepted_date is None:
        problems.append(
            Problem(
                RESEARCH_NOT_ACCEPTED,
                _("A research topic must have been accepted (nghiệm thu): enter its acceptance date."),
                "research_accepted_date",
            )
        )
    elif initiative.application_date and initiative.application_date < programme.research_applied_from:
        problems.append(
            Problem(
                RESEARCH_NOT_ACCEPTED,
                _("A research topic counts only when applied from %(date)s; this one was applied on %(applied)s.")
                % {"date": _d(programme.research_applied_from), "applied": _d(initiative.application_date)},
                "application_date",
            )
        )
    if not initiative.research_effect_confirmed:
        problems.append(
            Problem(
                RESEARCH_EFFECT_UNCONFIRMED,
                _(
                    "The head of the applying unit must confirm the topic's practical effect: tick the confirmation "
                    "once you hold it."
                ),
                "research_effect_confirmed",
            )
        )
    return problems


def check_authors(initiative, authors):
    authors = list(authors)
    if not authors:
        return [Problem(AUTHORS_INVALID, _("Add at least one author."), "authors")]
    problems = []
    shares = [Decimal(a.share_percent) if a.share_percent is not None else None for a in authors]
    if any(share is None or share <= 0 for share in shares):
        problems.append(Problem(AUTHORS_INVALID, _("Each author's contribution must be more than 0%."), "authors"))
    else:
        total = sum(shares)
        if total != Decimal(100):
            problems.append(
                Problem(
                    AUTHORS_INVALID,
                    _("The authors' contributions add up to %(total)s%%; they must add up to 100%%.")
                    % {"total": f"{total.normalize():f}".replace(".", ",")},
                    "authors",
                )
            )
    member_ids = [a.member_id for a in authors if getattr(a, "member_id", None)]
    if len(member_ids) != len(set(member_ids)):
        problems.append(Problem(AUTHORS_INVALID, _("The same member is listed twice as an author."), "authors"))
    if initiative.category == Category.RESEARCH:
        leads = sum(1 for a in authors if a.is_lead)
        if leads != 1:
            problems.append(
                Problem(
                    AUTHORS_INVALID,
                    _("A research topic has exactly one lead (chủ nhiệm đề tài); %(count)s are marked.")
                    % {"count": leads},
                    "authors",
                )
            )
    return problems


def check_dates_order(initiative):
    if initiative.category == Category.RESEARCH:
        return []
    recognised, applied = initiative.recognition_date, initiative.application_date
    if recognised and applied and recognised < applied:
        return [
            Problem(
                RECOGNISED_BEFORE_APPLIED,
                _(
                    "The recognition date %(recognised)s is before the first application date %(applied)s: a unit "
                    "recognises an initiative it has already applied. Check both dates."
                )
                % {"recognised": _d(recognised), "applied": _d(applied)},
                "recognition_date",
            )
        ]
    return []


def check_future_dates(initiative, today: datetime.date):
    problems = []
    labels = {
        "application_date": _("first application date"),
        "recognition_date": _("recognition date"),
        "research_accepted_date": _("acceptance date"),
        "sent_to_province_date": _("date sent to the province"),
    }
    for field, label in labels.items():
        value = getattr(initiative, field, None)
        if value and value > today:
            problems.append(
                Problem(
                    DATE_IN_FUTURE,
                    _("The %(label)s %(date)s is after today: enter a date that has passed.")
                    % {"label": label, "date": _d(value)},
                    field,
                )
            )
    return problems
