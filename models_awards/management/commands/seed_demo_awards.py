"""Demo nominations, scores and awards on top of `seed_demo`'s federation. Running it again adds nothing twice.

The nominations walk their path through `nomination_workflow`, so each has its history: 2021–2022 meet the
yearly exemplar targets, 2023 falls one individual short, 2024 is being reviewed, the demo branch has a draft.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from initiatives import access
from initiatives.models import APPROVED_STATUSES, Branch, Initiative, Member, Programme

from ... import nomination_workflow, services
from ...models import (
    Award,
    AwardForm,
    AwardLevel,
    Candidate,
    Criterion,
    Nomination,
    NominationCriterion,
    NominationStatus,
    Occasion,
    Subject,
    UpwardLevel,
)

DEMO_BRANCH = "thpt-vinh-linh"
# year, subject, how far it goes, upward level; the seed picks branches and members in turn.
PLAN = [
    (2021, Subject.COLLECTIVE, NominationStatus.RECOGNISED, UpwardLevel.PROVINCIAL_FEDERATION),
    (2021, Subject.INDIVIDUAL, NominationStatus.RECOGNISED, UpwardLevel.NATIONAL_FEDERATION),
    (2021, Subject.INDIVIDUAL, NominationStatus.SELECTED, ""),
    (2022, Subject.COLLECTIVE, NominationStatus.PROPOSED_UPWARD, UpwardLevel.PROVINCIAL_COMMITTEE),
    (2022, Subject.INDIVIDUAL, NominationStatus.SELECTED, ""),
    (2022, Subject.INDIVIDUAL, NominationStatus.SELECTED, ""),
    (2022, Subject.INDIVIDUAL, NominationStatus.DECLINED, ""),
    (2023, Subject.COLLECTIVE, NominationStatus.SELECTED, ""),
    (2023, Subject.INDIVIDUAL, NominationStatus.SELECTED, ""),
    (2024, Subject.INDIVIDUAL, NominationStatus.SHORTLISTED, ""),
    (2024, Subject.COLLECTIVE, NominationStatus.PROPOSED, ""),
]
PATH = {
    NominationStatus.PROPOSED: ["propose"],
    NominationStatus.SHORTLISTED: ["propose", "shortlist"],
    NominationStatus.SELECTED: ["propose", "shortlist", "select"],
    NominationStatus.PROPOSED_UPWARD: ["propose", "shortlist", "select", "propose_upward"],
    NominationStatus.RECOGNISED: ["propose", "shortlist", "select", "propose_upward", "recognise"],
    NominationStatus.DECLINED: ["propose", "shortlist", "decline"],
}
TEAMS = ["Tổ Khoa học tự nhiên", "Khoa Hồi sức cấp cứu", "Tổ Kỹ thuật", "Bộ phận Một cửa"]


class Command(BaseCommand):
    help = "Create demo exemplar nominations, panel scores and awards (after seed_demo)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: this adds made-up nominations and awards. Use --force to add them.")
        district = get_user_model().objects.filter(groups__name=access.DISTRICT_OFFICE).order_by("pk").first()
        programme = Programme.current()
        if district is None or programme is None or not Branch.objects.exists():
            raise CommandError("Run seed_demo first: it creates the federation, branches and the district account.")
        logging.getLogger("portal.audit").setLevel(logging.WARNING)
        created = 0
        # The demo's nominations, scores and awards go into a database that has none, all at once. Once people
        # have used the portal (approved initiatives, proposed the draft, selected someone), what the seed would
        # pick has changed: looking its rows up again would add new ones, so a second run adds nothing.
        if Nomination.objects.exists() or Award.objects.exists():
            self.stdout.write("Demo awards already there: nothing added.")
        else:
            with transaction.atomic():
                self.district = district
                created = self.seed_nominations(district)
                self.seed_scores(district)
                self.seed_awards(district)
                self.seed_draft()
        self.stdout.write(self.style.SUCCESS(
            f"Demo awards ready: {Nomination.objects.count()} nominations ({created} new), "
            f"{Award.objects.count()} awards, {Candidate.objects.count()} candidate initiatives."
        ))

    # --- nominations ------------------------------------------------------------------------------------------

    def branches_with_initiatives(self):
        """The district office's branches (those that moved to another union since are no longer its own)."""
        ids = Initiative.objects.filter(status__in=APPROVED_STATUSES).values("branch_id")
        return list(access.branches_for(self.district).filter(pk__in=ids, is_active=True).order_by("code"))

    def seed_nominations(self, district):
        branches = self.branches_with_initiatives()
        if not branches:
            raise CommandError("No approved initiative yet: run seed_demo first.")
        created = 0
        for index, (year, subject, status, level) in enumerate(PLAN):
            branch = branches[index % len(branches)]
            member = None
            if subject == Subject.INDIVIDUAL:
                member = self.author_in(branch, skip=index)
                if member is None:
                    continue
            team = TEAMS[index % len(TEAMS)] if subject == Subject.COLLECTIVE and index % 2 else ""
            lookup = {"year": year, "subject": subject, "branch": branch, "member": member, "team_name": team}
            if Nomination.objects.filter(**lookup).exists():
                continue
            officer = branch.officers.order_by("pk").first() or district
            nomination = Nomination.objects.create(
                **lookup,
                achievements=self.achievements(subject, branch, member, year),
                created_by=officer,
            )
            initiatives = Initiative.objects.filter(status__in=APPROVED_STATUSES)
            initiatives = initiatives.filter(authors__member=member) if member else initiatives.filter(branch=branch)
            nomination.initiatives.set(initiatives.distinct()[:3])
            for criterion in Criterion.objects.applying_to(branch_kind=branch.kind, subject=subject)[:2]:
                NominationCriterion.objects.create(
                    nomination=nomination, criterion=criterion,
                    evidence=f"Quyết định khen thưởng năm {year}; báo cáo tổng kết phong trào của đơn vị.",
                )
            for action in PATH[status]:
                actor = officer if action == "propose" else district
                details = {}
                if action == "propose_upward":
                    details["level"] = level
                if action == "decline":
                    details["comment"] = "Thành tích chưa nổi bật so với các đề nghị khác trong năm."
                nomination = nomination_workflow.apply(nomination, action, actor, **details)
            if nomination.is_exemplar and year <= 2022:
                Nomination.objects.filter(pk=nomination.pk).update(is_published=True)
            created += 1
        return created

    def author_in(self, branch, *, skip):
        authors = list(
            Member.objects.filter(
                branch=branch, authorships__initiative__status__in=APPROVED_STATUSES
            ).distinct().order_by("pk")
        )
        return authors[skip % len(authors)] if authors else None

    def achievements(self, subject, branch, member, year):
        if subject == Subject.INDIVIDUAL:
            return (
                f"Năm {year}, đồng chí {member.full_name} hoàn thành xuất sắc "
                "nhiệm vụ; là tác giả sáng kiến được công nhận và áp dụng hiệu quả tại đơn vị, tích cực hướng dẫn "
                "đồng nghiệp nhân rộng cách làm."
            )
        return (
            f"Năm {year}, {branch.name} phối hợp với chuyên môn phát động sâu rộng phong trào “Lao động giỏi, lao "
            "động sáng tạo”; nhiều đoàn viên có sáng kiến được công nhận, áp dụng; CĐCS hoàn thành xuất sắc "
            "nhiệm vụ."
        )

    def seed_draft(self):
        branch = Branch.objects.filter(code=DEMO_BRANCH).first()
        if branch is None or Nomination.objects.filter(branch=branch, status=NominationStatus.DRAFT).exists():
            return
        officer = branch.officers.order_by("pk").first()
        member = self.author_in(branch, skip=1)
        if member is None:
            return
        Nomination.objects.create(
            year=2025, subject=Subject.INDIVIDUAL, branch=branch, member=member, created_by=officer,
            achievements=self.achievements(Subject.INDIVIDUAL, branch, member, 2025),
        )

    # --- the panel's scores -----------------------------------------------------------------------------------

    def seed_scores(self, district):
        for index, candidate in enumerate(Candidate.objects.order_by("pk")):
            if candidate.scores.exists():
                continue
            services.save_score(
                candidate=candidate, scorer=district, novelty=6 + index % 4, applicability=7 + index % 3,
                benefit=5 + index % 5, comment="Giải pháp thiết thực, dễ nhân rộng.",
            )

    # --- awards -----------------------------------------------------------------------------------------------

    def seed_awards(self, district):
        for index, nomination in enumerate(
            Nomination.objects.filter(status__in=[NominationStatus.SELECTED, NominationStatus.PROPOSED_UPWARD,
                                                  NominationStatus.RECOGNISED], year__lte=2022)
            .select_related("branch", "member").order_by("year", "pk")
        ):
            if Award.objects.filter(nomination=nomination).exists():
                continue
            award = Award.objects.create(
                year=nomination.year, subject=nomination.subject, branch=nomination.branch,
                team_name=nomination.team_name, member=nomination.member,
                level=AwardLevel.DISTRICT_FEDERATION,
                form=AwardForm.CERTIFICATE,
                decision_no=f"{40 + index}/QĐ-LĐLĐ",
                decision_date=datetime.date(nomination.year, 5, 28) if nomination.year == 2022
                else datetime.date(nomination.year, 12, 20),
                amount_vnd=1_000_000 if nomination.is_individual else 2_000_000,
                occasion=Occasion.WORKERS_MONTH if nomination.year == 2022 else Occasion.YEAR_REVIEW,
                occasion_note="Tháng Công nhân 2022" if nomination.year == 2022 else f"Tổng kết năm {nomination.year}",
                citation="Có thành tích xuất sắc trong phong trào thi đua “Lao động giỏi, lao động sáng tạo” và "
                         "Chương trình “01 triệu sáng kiến”.",
                nomination=nomination,
                is_published=True,
                recorded_by=district,
            )
            award.initiatives.set(nomination.initiatives.all())
        branch = Branch.objects.filter(code=DEMO_BRANCH).first()
        member = self.author_in(branch, skip=0) if branch else None
        if member and not Award.objects.filter(funded_by_branch=True, branch=branch).exists():
            Award.objects.create(
                year=2022, subject=Subject.INDIVIDUAL, branch=branch, member=member, level=AwardLevel.BRANCH,
                form=AwardForm.PRIZE, decision_no="15/QĐ-THPT", decision_date=datetime.date(2022, 6, 10),
                amount_vnd=500_000, occasion=Occasion.PERIOD_REVIEW, occasion_note="Sơ kết đợt 1",
                citation="Có sáng kiến được công nhận và áp dụng trong năm học 2021–2022.",
                funded_by_branch=True, recorded_by=branch.officers.order_by("pk").first(),
            )
