"""Awards pages under /awards/ (officers and the district); the public showcase, guide and help."""

from django.urls import include, path

from .views import awards, nominations, public, selection

app_name = "awards"

private = [
    path("", nominations.awards_home, name="home"),
    path("nominations/", nominations.nomination_list, name="nomination-list"),
    path("nominations/new/", nominations.nomination_create, name="nomination-create"),
    path("nominations/<int:pk>/", nominations.nomination_detail, name="nomination-detail"),
    path("nominations/<int:pk>/edit/", nominations.nomination_edit, name="nomination-edit"),
    path("nominations/<int:pk>/delete/", nominations.nomination_delete, name="nomination-delete"),
    path("nominations/<int:pk>/publish/", nominations.nomination_publish, name="nomination-publish"),
    path("nominations/<int:pk>/<slug:action>/", nominations.nomination_move, name="nomination-move"),
    path("list/", awards.award_list, name="award-list"),
    path("new/", awards.award_create, name="award-create"),
    path("<int:pk>/edit/", awards.award_edit, name="award-edit"),
    path("ranking/", selection.ranking_page, name="ranking"),
    path("scoring/", selection.scoring_list, name="scoring"),
    path("scoring/add/", selection.candidate_add, name="candidate-add"),
    path("scoring/<int:pk>/", selection.score_candidate, name="score"),
    path("creative-labour/", selection.creative_labour_page, name="creative-labour"),
    path("criteria/", selection.criteria_page, name="criteria"),
]

urlpatterns = [
    path("awards/", include(private)),
    path("showcase/", public.showcase, name="showcase"),
    path("showcase/initiatives/<int:pk>/", public.showcase_initiative, name="showcase-initiative"),
    path("showcase/exemplars/<int:pk>/", public.showcase_exemplar, name="showcase-exemplar"),
    path("guide/", public.registration_guide, name="registration-guide"),
    path("help/", public.help_index, name="help"),
    path("help/<slug:role>/", public.help_role, name="help-role"),
]
