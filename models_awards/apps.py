from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModelsAwardsConfig(AppConfig):
    name = "models_awards"
    verbose_name = _("Exemplars and awards")

    def ready(self):
        # models_awards plugs into initiatives' extension points; initiatives never imports this app.
        from initiatives import dashboard_panels
        from reporting.registry import ReportKind, register

        from . import permissions  # noqa: F401  (registers the app's rules)
        from .dashboard import exemplar_panel
        from .reports import write_exemplars

        dashboard_panels.register(exemplar_panel)
        register(
            ReportKind(
                key="exemplars",
                label=_("Exemplars and awards"),
                filters=("year", "branch"),
                write=write_exemplars,
                filename="dien-hinh-khen-thuong",
                description=_("The exemplars selected and the awards made in a year."),
                order=40,
            )
        )
