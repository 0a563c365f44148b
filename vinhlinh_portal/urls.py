from django.contrib import admin
from django.urls import include, path

from initiatives.views.assets import favicon

urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("initiatives.urls_accounts")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("initiatives.urls")),
    path("dashboard/", include("initiatives.urls_dashboard")),
    path("reports/", include("reporting.urls")),
    path("jobs/", include("jobs.urls")),
    path("", include("models_awards.urls")),
]

handler403 = "initiatives.views.errors.permission_denied"
handler404 = "initiatives.views.errors.page_not_found"
handler500 = "initiatives.views.errors.server_error"
