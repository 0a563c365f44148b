"""The admin, titled for the owning federation and in the user's language."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    site_title = _("Initiatives portal administration")
    index_title = _("Administration")

    def each_context(self, request):
        from initiatives.models import Federation

        context = super().each_context(request)
        federation = Federation.current()
        context["site_header"] = _("%(name)s — initiatives") % {"name": federation.short_name}
        return context


class PortalAdminConfig(AdminConfig):
    default_site = "vinhlinh_portal.admin_site.PortalAdminSite"
