from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Excel: the reports sent upward, the branches' periodic reports, and the imports of rosters and initiatives.
    It reads the initiatives app (models, access, permissions, progress); the initiatives app never imports it."""

    name = "reporting"
    verbose_name = _("Reports")

    def ready(self):
        from . import background, exports  # noqa: F401  (register the report kinds and the jobs)
