from django.urls import path

from .views import dashboard, pledges, reorganisation

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("progress.json", dashboard.progress_json, name="dashboard-progress-json"),
    path("bodies/<int:node_id>/reorganise/<slug:change>/", reorganisation.reorganise, name="reorganise"),
    path("pledges/", pledges.pledge_list, name="pledge-list"),
    path("pledges/<int:branch_id>/", pledges.pledge_edit, name="pledge-edit"),
    path("pledges/<int:branch_id>/accept/", pledges.pledge_accept, name="pledge-accept"),
    path("pledges/<int:branch_id>/document/", pledges.pledge_document, name="pledge-document"),
]
