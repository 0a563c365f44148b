from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives programme")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import background, indexing, permissions, signals  # noqa: F401
        from .collation import register_sqlite_collation

        connection_created.connect(register_sqlite_collation, dispatch_uid="vietnamese-collation")
