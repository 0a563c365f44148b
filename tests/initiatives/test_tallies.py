"""The tallies that the dashboard reads equal a full recount after every kind of write: each workflow move,
creation from the form's service and the admin's path, imports, edits of the authors (the credited author
changing), a branch or category changed, a period's dates changed, queryset updates and deletes."""

import datetime
import io
import random
from decimal import Decimal

import pytest
from django.core.management import call_command

from initiatives import progress_counts, services, tallies, workflow
from initiatives.models import (
    Category,
    Initiative,
    InitiativeAuthor,
    Programme,
    Status,
    TallyBranch,
    TallyBranchSent,
    TallyCell,
)
from reporting import imports
from tests import factories
from tests.initiatives.reports_support import xlsx_upload

pytestmark = pytest.mark.django_db
APPROVE = {"novelty_confirmed": True, "lawful_confirmed": True}


def assert_exact():
    assert tallies.differences() == {}


def branch_row(branch):
    return TallyBranch.objects.get(branch=branch)


def test_a_new_initiative_is_counted_as_a_draft(branch_a):
    factories.initiative(branch_a)
    assert_exact()
    row = branch_row(branch_a)
    assert (row.draft, row.participants, row.authors) == (1, 0, 0)
    assert TallyCell.objects.get(status=Status.DRAFT, category=Category.OPERATIONAL).n == 1


def test_every_move_keeps_the_tallies_exact(branch_a, member_a, officer_a, district):
    initiative = factories.initiative(branch_a, authors=[(member_a, 100)], entered_by=member_a.user)
    steps = [
        ("submit", member_a.user, {}), ("return", officer_a, {"comment": "Bổ sung"}),
        ("submit", member_a.user, {}), ("approve", officer_a, APPROVE), ("return", district, {"comment": "Sửa"}),
        ("submit", member_a.user, {}), ("approve", officer_a, APPROVE), ("verify", district, {}),
        ("reject", district, {"comment": "Trùng"}), ("reopen", district, {}), ("submit", member_a.user, {}),
        ("approve", officer_a, APPROVE), ("verify", district, {}),
        ("send", district, {"sent_date": datetime.date(2022, 6, 15)}),
    ]
    for action, user, details in steps:
        workflow.apply(initiative, action, user, **details)
        assert_exact()
    row = branch_row(branch_a)
    assert (row.sent_to_province, row.participants, row.authors) == (1, 1, 1)
    sent = TallyBranchSent.objects.get(branch=branch_a)
    assert (sent.sent_quarter, sent.period, sent.sent, sent.benefit) == (20222, 2, 1, 5_000_000)
    assert TallyCell.objects.get(branch=branch_a, status=Status.SENT_TO_PROVINCE).sent_month == 202206


def test_approval_counts_participants_once_per_branch_and_once_in_the_programme(branch_a, branch_b, officer_a):
    an = factories.member(branch_a, "Nguyễn Văn An")
    binh = factories.member(branch_a, "Lê Thị Bình")
    first = factories.initiative(branch_a, authors=[(an, 60), (binh, 40)], status=Status.BRANCH_APPROVED)
    factories.initiative(branch_a, authors=[(an, 100)], status=Status.DISTRICT_VERIFIED)
    # An moved to branch B and has an initiative there too: one person for the district.
    factories.initiative(branch_b, authors=[(an, 100)], status=Status.SENT_TO_PROVINCE,
                         sent_to_province_date=datetime.date(2022, 1, 10))
    assert_exact()
    assert (branch_row(branch_a).participants, branch_row(branch_a).authors) == (1, 2)
    assert branch_row(branch_b).participants == 1
    assert progress_counts.programme_participation(Programme.objects.get()) == (1, 2)
    Initiative.objects.filter(pk=first.pk).update(status=Status.RETURNED)  # any path, even a queryset update
    assert_exact()
    assert (branch_row(branch_a).participants, branch_row(branch_a).authors) == (1, 1)


def test_editing_authors_moves_the_credited_author(branch_a):
    an = factories.member(branch_a, "Nguyễn Văn An")
    binh = factories.member(branch_a, "Lê Thị Bình")
    cuong = factories.member(branch_a, "Trần Văn Cường")
    initiative = factories.initiative(branch_a, authors=[(an, 60), (binh, 40)], status=Status.BRANCH_APPROVED)
    assert_exact()
    # Shares change: Bình becomes the credited author.
    InitiativeAuthor.objects.filter(initiative=initiative, member=an).update(share_percent=Decimal(30))
    InitiativeAuthor.objects.filter(initiative=initiative, member=binh).update(share_percent=Decimal(70))
    initiative.refresh_credit_and_search()
    assert_exact()
    # A co-author added, one removed, one author row pointed at another member.
    InitiativeAuthor.objects.create(initiative=initiative, member=cuong, share_percent=Decimal(10), order=2)
    assert_exact()
    InitiativeAuthor.objects.get(initiative=initiative, member=an).delete()
    initiative.refresh_credit_and_search()
    assert_exact()
    author = InitiativeAuthor.objects.get(initiative=initiative, member=cuong)
    author.member = an
    author.save()
    assert_exact()
    assert branch_row(branch_a).authors == 2


def test_saving_through_the_form_service_and_changing_branch_and_category(branch_a, branch_b, officer_a):
    initiative = factories.initiative(branch_a)
    initiative.category = Category.TECHNICAL
    initiative.branch = branch_b
    initiative.save()
    assert_exact()
    assert branch_row(branch_b).draft == 1 and branch_row(branch_a).draft == 0

    values = {"programme": Programme.current(), "branch": branch_a, "title": "Mới",
              **{k: v for k, v in factories.eligible_fields().items() if k != "title"}}
    authors = [services.AuthorLine(member=factories.member(branch_a, "Phạm Thị Dung"), share_percent=Decimal(100))]
    services.save_initiative(user=officer_a, values=values, authors=authors)
    assert_exact()
    assert branch_row(branch_a).draft == 1


def test_deleting_a_draft_and_the_imported_rows(branch_a, officer_a):
    draft = factories.initiative(branch_a)
    services.delete_draft(initiative=draft, user=officer_a)
    assert_exact()
    assert branch_row(branch_a).draft == 0
    rows = [[1, "Sổ liên lạc điện tử", "Nguyễn Văn An (60%)", "Lê Thị Bình (40%)", "Giải pháp tác nghiệp", "Giáo dục",
             "Hội đồng sáng kiến", "1/QĐ", "01/04/2022", datetime.date(2022, 3, 1), "5.000.000 đ", "Tốt hơn."]]
    headings = ["STT", "Tên sáng kiến", "Tác giả", "Đồng tác giả", "Loại sáng kiến", "Lĩnh vực", "Cấp công nhận",
                "Số quyết định", "Ngày quyết định", "Ngày áp dụng", "Hiệu quả kinh tế", "Hiệu quả xã hội"]
    imports.apply_import("initiatives", xlsx_upload(rows, headings=headings), user=officer_a,
                         default_branch=branch_a, new_members_confirmed=True)
    assert_exact()
    assert branch_row(branch_a).submitted == 1


def test_changing_a_periods_dates_recounts_what_was_sent_in_it(branch_a):
    factories.initiative(branch_a, status=Status.SENT_TO_PROVINCE, sent_to_province_date=datetime.date(2022, 5, 20))
    assert TallyBranchSent.objects.get().period == 1
    period = Programme.current().periods.get(number=1)
    period.end = datetime.date(2022, 5, 15)
    period.save()
    assert_exact()
    assert TallyBranchSent.objects.get().period == 0  # now between the periods


def test_random_writes_never_drift(branch_a, branch_b):
    rng = random.Random(7)
    members = [factories.member(branch, f"Thành viên {n}") for n in range(4) for branch in (branch_a, branch_b)]
    initiatives = [factories.initiative(rng.choice((branch_a, branch_b)), authors=[(members[n], 100)])
                   for n in range(6)]
    for _ in range(60):
        initiative = rng.choice(initiatives)
        choice = rng.random()
        if choice < 0.4:
            status = rng.choice(Status.values)
            sent = datetime.date(2022, rng.randint(1, 12), 1) if status == Status.SENT_TO_PROVINCE else None
            Initiative.objects.filter(pk=initiative.pk).update(status=status, sent_to_province_date=sent)
        elif choice < 0.6:
            member = rng.choice(members)
            if not initiative.authors.filter(member=member).exists():
                InitiativeAuthor.objects.create(initiative=initiative, member=member, share_percent=Decimal(10))
                initiative.refresh_credit_and_search()
        elif choice < 0.75 and initiative.authors.count() > 1:
            initiative.authors.order_by("?").first().delete()
            initiative.refresh_credit_and_search()
        elif choice < 0.9:
            Initiative.objects.filter(pk=initiative.pk).update(category=rng.choice(Category.values),
                                                               branch=rng.choice((branch_a, branch_b)))
        else:
            Initiative.objects.filter(pk=initiative.pk).update(economic_benefit_vnd=rng.randint(0, 9) * 1_000_000)
    assert_exact()


def test_bulk_seeding_leaves_exact_tallies():
    call_command("seed_bulk", initiatives=300, branches=8, members=200, stdout=io.StringIO())
    assert_exact()
    assert progress_counts.programme_participation(Programme.objects.get())[1] > 0


def test_rebuild_command_repairs_and_check_reports(branch_a):
    factories.initiative(branch_a, status=Status.SUBMITTED)
    TallyBranch.objects.update(submitted=99)
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("rebuild_tallies", "--check", stdout=out)
    assert "TallyBranch" in out.getvalue()
    call_command("rebuild_tallies", stdout=io.StringIO())
    assert_exact()
    assert branch_row(branch_a).submitted == 1
