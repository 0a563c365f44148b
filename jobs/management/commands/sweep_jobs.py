"""Give stopped jobs another attempt (or mark them failed), and delete finished jobs past JOBS_KEEP_DAYS.

    manage.py sweep_jobs      # from cron or a systemd timer, every few minutes
"""

from django.core.management.base import BaseCommand

from jobs import runner


class Command(BaseCommand):
    help = "Send stopped jobs again or mark them failed; delete expired jobs and their files."

    def handle(self, *args, **options):
        again = runner.sweep()
        purged = runner.purge_expired()
        self.stdout.write(f"{len(again)} job(s) sent again, {purged} expired job(s) deleted.")
