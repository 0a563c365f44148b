from django.urls import path

from . import views

urlpatterns = [
    path("", views.my_jobs, name="my-jobs"),
    path("<int:job_id>/", views.job_page, name="job"),
    path("<int:job_id>/status.json", views.job_status, name="job-status"),
    path("<int:job_id>/download/", views.job_download, name="job-download"),
    path("start/<slug:kind>/", views.start_admin_job, name="job-start"),
]
