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
    Federation,
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


def root_node():
    """The node the seeded plan puts at the root: the Vĩnh Linh district, owner of the portal."""
    return Federation.objects.order_by("pk").first()


def node(under=None, name=None, *, officers=(), place_name="Vĩnh Linh"):
    """A union body: a child of `under`, or a new root."""
    n = next(_counter)
    fields = {
        "name": name or f"Công đoàn xã {n}", "short_name": f"CĐ {n}", "place_name": place_name,
        "chair_title": "Chủ tịch", "chair_name": f"Trần Văn {n}",
    }
    if under is not None:
        made = Federation.objects.add_child(under, fields)
    else:
        made = Federation.objects.add_root({**fields, "parent_name": ""})
    for account in officers:
        made.officers.add(account)
    return made


def branch(name=None, *, code=None, kind="education", member_count=50, cluster=None, is_active=True, federation=None):
    n = next(_counter)
    return Branch.objects.create(
        name=name or f"CĐCS Đơn vị {n}", code=code or f"branch-{n}", kind=kind, member_count=member_count,
        cluster=cluster, is_active=is_active, federation=federation or root_node(),
    )


def officer(of_branch, username=None):
    account = user(username)
    of_branch.officers.add(account)  # the signal grants the role and admin access
    account.refresh_from_db()
    return account


def district_user(username=None, *, of_node=None):
    """Upper-union staff, officer of `of_node` (by default the root node: the whole Vĩnh Linh district)."""
    account = user(username, group=access.DISTRICT_OFFICE, staff=True)
    (of_node or root_node()).officers.add(account)
    return account


def unassigned_upper_staff(username=None):
    """In the upper-union staff group but officer of no node: sees nothing."""
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
