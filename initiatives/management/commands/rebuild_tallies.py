"""Recount the tallies (the dashboard's running counts) from the initiatives and their authors.

    manage.py rebuild_tallies            # recount every programme, in one transaction
    manage.py rebuild_tallies --check    # only compare; exits with status 1 and lists the rows that differ

The triggers keep the tallies exact on every write; this is for after a restore from an old dump, a bulk load
with the triggers off, or to prove that nothing drifted.
"""

import sys
import time

from django.core.management.base import BaseCommand

from initiatives import tallies


class Command(BaseCommand):
    help = "Recount the dashboard's tallies from the initiatives (or, with --check, compare them with a recount)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="compare only; exit 1 when a row differs")

    def handle(self, *args, check, **options):
        started = time.monotonic()
        if check:
            differences = tallies.differences()
            for (table, key), (running, recounted) in differences.items():
                self.stdout.write(f"{table} {key}: running {running}, recounted {recounted}")
            if differences:
                self.stdout.write(self.style.ERROR(f"{len(differences)} tally rows differ from a recount."))
                sys.exit(1)
            self.stdout.write(self.style.SUCCESS(f"The tallies equal a recount ({time.monotonic() - started:.1f} s)."))
            return
        tallies.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Tallies recounted in {time.monotonic() - started:.1f} s."))
