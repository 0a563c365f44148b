"""The initiatives app's background jobs: the tally rebuild and the backup (the reports' own are reporting/jobs.py).

Each is registered with `jobs.registry` and runs as its owner (`jobs.runner` runs it in a Celery worker or a
thread). The work itself is the same public function the command calls: `tallies.rebuild`, `backups.backup`.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs import registry as job_registry

from . import backups, permissions, tallies

REBUILD_TALLIES = "rebuild_tallies"
BACKUP = "backup"


def _authorize_administration(user, params):
    permissions.require(user, "initiatives.run_maintenance")


def _run_rebuild(job, progress):
    progress.set_total(1)
    tallies.rebuild()
    progress.advance(1)
    return _("The dashboard's tallies are recounted from the initiatives.")


def _run_backup(job, progress):
    progress.set_total(1)
    manifest = backups.backup()
    progress.advance(1)
    rows = sum(manifest["row_counts"].values())
    return _("Backup written on the server (%(rows)s rows, %(files)s uploaded files), created %(created)s.") % {
        "rows": rows, "files": manifest["media_files"], "created": manifest["created_at"]}


job_registry.register(job_registry.JobKind(REBUILD_TALLIES, gettext_lazy("Recount the tallies"), _run_rebuild,
                                           _authorize_administration))
job_registry.register(job_registry.JobKind(BACKUP, gettext_lazy("Backup"), _run_backup, _authorize_administration))
