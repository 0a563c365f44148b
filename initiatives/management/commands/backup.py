"""manage.py backup [--output FILE] [--no-media]: the database and the uploaded files in one archive."""

from django.core.management.base import BaseCommand, CommandError

from initiatives import backups


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format on PostgreSQL, the SQLite backup API on SQLite) and the "
        "uploaded files into one .tar.gz archive, by default backups/vinhlinh-<UTC time>.tar.gz."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="Archive to write (default: a timestamped file in BACKUP_DIR).")
        parser.add_argument("--no-media", action="store_true", help="Leave the uploaded files out.")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, **options):
        archive = options["output"] or backups.default_archive_path()
        try:
            manifest = backups.backup(archive, using=options["database"], include_media=not options["no_media"])
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {archive}: {manifest['engine']} database, {len(manifest['row_counts'])} tables, "
                f"{rows} rows, {manifest['media_files']} uploaded files ({manifest['media_bytes']} bytes)."
            )
        )
