"""Give stopped jobs another attempt (or mark them failed), delete finished jobs past JOBS_KEEP_DAYS, and hand
out again the e-mails of the outbox whose next attempt is due.

    manage.py sweep_jobs      # from cron or a systemd timer, every few minutes
"""

from django.core.management.base import BaseCommand

from jobs import outbox, runner


class Command(BaseCommand):
    help = "Send stopped jobs again or mark them failed; delete expired jobs and their files."

    def handle(self, *args, **options):
        again = runner.sweep()
        purged = runner.purge_expired()
        mails = outbox.retry_due()
        self.stdout.write(f"{len(again)} job(s) sent again, {purged} expired job(s) deleted, "
                          f"{len(mails)} e-mail(s) handed out again.")
