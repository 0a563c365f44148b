"""manage.py restore ARCHIVE [--yes]: put back the database and the uploaded files of a backup."""

from django.core.management.base import BaseCommand, CommandError

from initiatives import backups


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup`: replaces the whole database and the uploaded files "
        "(the files replaced are moved into BACKUP_DIR). Refuses a database that is not empty unless --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz archive written by `manage.py backup`.")
        parser.add_argument("--yes", action="store_true", help="Replace a database that already holds tables.")
        parser.add_argument("--no-media", action="store_true", help="Restore the database only.")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, **options):
        using = options["database"]
        try:
            manifest = backups.read_manifest(options["archive"])
            present = backups.table_names(using)
            if present and not options["yes"]:
                raise CommandError(
                    f"The database is not empty ({len(present)} tables): restoring replaces all of it. "
                    "Run again with --yes to do so."
                )
            manifest, moved = backups.restore(options["archive"], using=using, include_media=not options["no_media"])
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        restored = backups.row_counts(using)
        wrong = {
            table: (expected, restored.get(table))
            for table, expected in manifest["row_counts"].items()
            if restored.get(table) != expected
        }
        if wrong:
            raise CommandError(f"Restored, but these tables' row counts differ from the backup's: {wrong}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created_at']}: {len(restored)} tables, "
                f"{sum(restored.values())} rows, the same counts as at backup time, "
                f"{'no' if options['no_media'] else manifest['media_files']} uploaded files."
            )
        )
        if moved:
            self.stdout.write(f"The uploaded files that were in place are kept in {moved}.")
