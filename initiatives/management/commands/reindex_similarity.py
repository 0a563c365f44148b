"""Build the novelty index of every initiative (after an upgrade, a restore or a bulk load that bypassed saves).

    manage.py reindex_similarity              # every initiative
    manage.py reindex_similarity --missing    # only those not yet indexed
"""

from django.core.management.base import BaseCommand

from initiatives import similarity


class Command(BaseCommand):
    help = "Build the novelty (similarity) index of the initiatives."

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="only initiatives not yet indexed")

    def handle(self, *args, missing, **options):
        done = similarity.reindex_all(
            only_missing=missing, progress=lambda n: self.stdout.write(f"{n} indexed", ending="\r")
        )
        self.stdout.write(self.style.SUCCESS(f"{done} initiatives indexed."))
