"""Small builders for the awards tests: real rows, made the way the portal makes them."""

import datetime

from initiatives.models import APPROVED_STATUSES, Initiative, Status
from models_awards.models import (
    Award,
    AwardForm,
    AwardLevel,
    Criterion,
    Nomination,
    NominationCriterion,
    NominationStatus,
    Occasion,
    Subject,
)
from tests import factories


def criterion(subject=Subject.INDIVIDUAL, branch_kind=""):
    return Criterion.objects.create(subject=subject, branch_kind=branch_kind, text=f"Tiêu chí {subject} {branch_kind}")


def nomination(branch, *, member=None, status=NominationStatus.DRAFT, year=2022, team_name="", created_by=None,
               is_published=False, with_criterion=True, achievements="Hoàn thành xuất sắc nhiệm vụ."):
    subject = Subject.INDIVIDUAL if member is not None else Subject.COLLECTIVE
    record = Nomination.objects.create(
        year=year, subject=subject, branch=member.branch if member else branch, member=member, team_name=team_name,
        achievements=achievements, status=status, created_by=created_by, is_published=is_published,
    )
    if with_criterion:
        NominationCriterion.objects.create(
            nomination=record, criterion=criterion(subject), evidence="Quyết định khen thưởng số 12/QĐ."
        )
    return record


def award(branch, *, member=None, year=2022, is_published=False, funded_by_branch=False, citation="Thành tích tốt.",
          amount_vnd=1_000_000, **extra):
    return Award.objects.create(
        year=year, subject=Subject.INDIVIDUAL if member else Subject.COLLECTIVE, branch=branch, member=member,
        level=AwardLevel.BRANCH if funded_by_branch else AwardLevel.DISTRICT_FEDERATION,
        form=AwardForm.CERTIFICATE, decision_no="45/QĐ-LĐLĐ", decision_date=datetime.date(year, 5, 28),
        amount_vnd=amount_vnd, occasion=Occasion.WORKERS_MONTH, citation=citation,
        funded_by_branch=funded_by_branch, is_published=is_published, **extra,
    )


def sent(branch, *, author=None, sent_on=datetime.date(2022, 3, 15), benefit=None, **overrides):
    """An initiative of `branch` sent to the province on `sent_on`."""
    authors = [(author, 100)] if author is not None else None
    record = factories.initiative(branch, authors=authors, economic_benefit_vnd=benefit, **overrides)
    Initiative.objects.filter(pk=record.pk).update(status=Status.SENT_TO_PROVINCE, sent_to_province_date=sent_on)
    record.refresh_from_db()
    return record


def approved(branch, *, authors, benefit, recognised_on, status=Status.BRANCH_APPROVED, **overrides):
    assert status in APPROVED_STATUSES or status in Status.values
    record = factories.initiative(
        branch, authors=authors, economic_benefit_vnd=benefit, recognition_date=recognised_on,
        application_date=recognised_on - datetime.timedelta(days=30), **overrides,
    )
    Initiative.objects.filter(pk=record.pk).update(status=status)
    record.refresh_from_db()
    return record
