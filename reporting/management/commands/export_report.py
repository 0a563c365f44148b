"""Write a report to an .xlsx file, with the same filters as the /reports/ page.

    manage.py export_report initiatives --out danh-sach.xlsx --period 1 --status sent_to_province
    manage.py export_report summary --out tong-hop.xlsx --branch thpt-vinh-linh
    manage.py export_report programme --out so-ket-giai-doan-1.xlsx --period 1
    manage.py export_report exemplars --out dien-hinh-2022.xlsx --year 2022

Without --user the report covers the whole district, as the district office sees it; with --user it covers
what that account may see.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from initiatives import programmes
from initiatives.models import Branch, Status
from reporting import registry
from reporting.exports import ReportFilterError


class Command(BaseCommand):
    help = "Write a report (initiatives, summary, programme, exemplars…) to an Excel file."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="initiatives, summary, programme, or a kind another app registers "
                                         "(exemplars)")
        parser.add_argument("--out", required=True, help="the .xlsx file to write")
        parser.add_argument("--programme", type=int, help="the programme's id, among those covering the account's "
                                                            "union body (default: its latest open programme)")
        parser.add_argument("--period", type=int, help="the period's number (1, 2…) of the report's programme")
        parser.add_argument("--branch", help="a branch's short code (or id)")
        parser.add_argument("--status", choices=Status.values, help="one status; default every status but draft")
        parser.add_argument("--year", type=int, help="a year, for the exemplar and award lists")
        parser.add_argument("--user", help="write what this account may see (default: the whole district)")

    def handle(self, *args, kind, out, period, branch, status, year, user, programme=None, **options):
        try:
            report = registry.get(kind)
        except registry.UnknownReport as error:
            raise CommandError(str(error)) from error
        asked = {"programme": programme, "period": period, "branch": branch, "status": status, "year": year}
        ignored = [f"--{name}" for name, value in asked.items() if value is not None and name not in report.filters]
        if ignored:
            self.stderr.write(f"Note: the {kind} report does not take {', '.join(ignored)}; ignored.")
        account = self._user(user)
        chosen = self._programme(programme, account) if "programme" in report.filters else None
        filters = registry.ReportFilters(
            programme=chosen,
            period=self._period(period, account, chosen) if "period" in report.filters else None,
            branch=self._branch(branch) if "branch" in report.filters else None,
            status=(status or "") if "status" in report.filters else "",
            year=year if "year" in report.filters else None,
        )
        try:
            rows = report.write(out, user=account, filters=filters)
        except PermissionDenied as error:
            raise CommandError(
                f"The account {account.get_username()!r} may not download reports ({error or 'not allowed'}). "
                "Reports are for branch officers and the district office: give --user one of theirs, or leave "
                "--user out for the whole district."
            ) from error
        except ReportFilterError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Wrote {out} ({rows} rows)." if rows is not None else f"Wrote {out}."))

    def _programme(self, wanted, account):
        if wanted is None:
            return None
        programme, choices = programmes.viewer_choice(account, wanted)
        if programme is None:
            names = "; ".join(f"{p.pk}: {p.name}" for p in choices) or "none"
            raise CommandError(f"No programme {wanted} covers the account's union body. Programmes: {names}.")
        return programme

    def _period(self, number, account, programme=None):
        if number is None:
            return None
        programme = programme or programmes.for_viewer(account)  # the programme the report is about
        period = programme.periods.filter(number=number).first() if programme else None
        if period is None:
            raise CommandError(f"The current programme has no period {number}.")
        return period

    def _branch(self, value):
        if not value:
            return None
        branch = Branch.objects.filter(code=value).first()
        if branch is None and value.isdigit():
            branch = Branch.objects.filter(pk=int(value)).first()
        if branch is None:
            raise CommandError(f"No branch with the code or id {value!r}.")
        return branch

    def _user(self, username):
        User = get_user_model()
        if username:
            account = User.objects.filter(username=username).first()
            if account is None:
                raise CommandError(f"No account {username!r}.")
            return account
        # The whole district: an unsaved superuser stands for the district office (access.is_district).
        return User(username="export_report", is_superuser=True, is_staff=True)
