from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives programme")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import background, indexing, permissions, signals, tallies  # noqa: F401
        from .collation import register_sqlite_collation

        connection_created.connect(register_sqlite_collation, dispatch_uid="vietnamese-collation")
        post_migrate.connect(tallies.clear_after_flush, dispatch_uid="initiatives_tally_clear_after_flush")
