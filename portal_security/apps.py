from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalSecurityConfig(AppConfig):
    """Cross-cutting protection that belongs to no business app: audit log, lock-out roles, outage page."""

    default = True  # the app's config (apps.py also holds AxesConfig, which INSTALLED_APPS names for axes)
    name = "portal_security"
    verbose_name = _("Security")

    def ready(self):
        from . import audit, checks  # noqa: F401  (connects the audit receivers, registers the checks)


class AxesConfig(AxesAppConfig):
    """django-axes (login lock-outs) under a Vietnamese name in the admin; INSTALLED_APPS names this class."""

    verbose_name = _("Login lock-outs")
