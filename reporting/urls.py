from django.urls import path

from .views import imports, reports

urlpatterns = [
    path("", reports.index, name="reports"),
    path("branch/", reports.branch_reports, name="branch-reports"),
    path("branch/<int:branch_id>/<int:period_id>/", reports.branch_report, name="branch-report"),
    path("branch/<int:branch_id>/<int:period_id>/reopen/", reports.branch_report_reopen, name="branch-report-reopen"),
    path("branch/<int:branch_id>/<int:period_id>.xlsx", reports.branch_report_download,
         name="branch-report-download"),
    path("branch/period/<int:period_id>.xlsx", reports.period_download, name="branch-reports-download"),
    path("import/<slug:kind>/", imports.import_page, name="import"),
    path("import/<slug:kind>/confirm/", imports.import_confirm, name="import-confirm"),
    path("import/<slug:kind>/template.xlsx", imports.import_template, name="import-template"),
    path("<slug:kind>.xlsx", reports.download, name="report-download"),
    path("<slug:kind>/background/", reports.start_export, name="report-job"),
]
