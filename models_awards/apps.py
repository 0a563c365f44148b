from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModelsAwardsConfig(AppConfig):
    name = "models_awards"
    verbose_name = _("Exemplars and awards")
