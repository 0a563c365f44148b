"""Small factories for the tests: real rows, built the way the portal builds them."""
import datetime
import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from initiatives import access
from initiatives.models import (
    Branch,
    Category,
    Initiative,
    InitiativeAuthor,
    Member,
    Programme,
    RecognitionBody,
)

_counter = itertools.count(1)
PASSWORD = "Str0ng-pass-2021"


def user(username=None, *, group=None, staff=False, superuser=False, email=None):
    n = next(_counter)
    username = username or f"user{n}"
    account = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=email or f"{username}@example.vn",
        is_staff=staff or superuser, is_superuser=superuser,
    )
    if group:
        account.groups.add(Group.objects.get_or_create(name=group)[0])
    return account


def branch(name=None, *, code=None, kind="education", member_count=50, cluster=None, is_active=True):
    n = next(_counter)
    return Branch.objects.create(
        name=name or f"CĐCS Đơn vị {n}", code=code or f"branch-{n}", kind=kind, member_count=member_count,
        cluster=cluster, is_active=is_active,
    )


def officer(of_branch, username=None):
    account = user(username)
    of_branch.officers.add(account)  # the signal grants the role and admin access
    account.refresh_from_db()
    return account


def district_user(username=None):
    return user(username, group=access.DISTRICT_OFFICE, staff=True)


def member(of_branch, full_name=None, *, with_user=False, username=None):
    n = next(_counter)
    account = user(username, group=access.MEMBER) if with_user else None
    return Member.objects.create(
        full_name=full_name or f"Nguyễn Văn Thành {n}", branch=of_branch, position="Giáo viên",
        user=account, email=account.email if account else "",
    )


def eligible_fields(**overrides):
    fields = {
        "title": "Sổ liên lạc điện tử cho phụ huynh",
        "category": Category.OPERATIONAL,
        "field_of_work": "Giáo dục",
        "application_date": datetime.date(2022, 3, 1),
        "recognition_body": RecognitionBody.COUNCIL,
        "recognition_decision_no": "12/QĐ-THPT",
        "recognition_date": datetime.date(2022, 4, 1),
        "social_benefit": "Phụ huynh nắm tình hình học tập kịp thời.",
        "economic_benefit_vnd": 5_000_000,
    }
    fields.update(overrides)
    return fields


def initiative(of_branch, *, authors=None, entered_by=None, status=None, **overrides):
    """An eligible initiative in `of_branch`, by default with one author at 100%."""
    record = Initiative.objects.create(
        programme=Programme.current(), branch=of_branch, entered_by=entered_by, **eligible_fields(**overrides)
    )
    if authors is None:
        authors = [(member(of_branch), 100)]
    for order, (author, share, *lead) in enumerate(authors):
        InitiativeAuthor.objects.create(
            initiative=record, member=author, share_percent=Decimal(share), is_lead=bool(lead and lead[0]),
            order=order,
        )
    record.refresh_credit_and_search()
    if status:
        Initiative.objects.filter(pk=record.pk).update(status=status)
        record.refresh_from_db()
    return record
