from django.urls import path

from .views import initiatives, novelty, public, todo

urlpatterns = [
    path("", public.home, name="home"),
    path("todo/", todo.todo_page, name="todo"),
    path("initiatives/", initiatives.initiative_list, name="initiative-list"),
    path("initiatives/new/", initiatives.initiative_create, name="initiative-create"),
    path("initiatives/check/", initiatives.initiative_check, name="initiative-check"),
    path("initiatives/novelty/", novelty.initiative_novelty, name="initiative-novelty"),
    path("initiatives/<int:pk>/", initiatives.initiative_detail, name="initiative-detail"),
    path("initiatives/<int:pk>/request-form.docx", novelty.request_form_docx, name="initiative-request-form"),
    path(
        "initiatives/<int:pk>/similar/<int:other_pk>/dismiss/", novelty.dismiss_match, name="initiative-dismiss-match"
    ),
    path("initiatives/<int:pk>/edit/", initiatives.initiative_edit, name="initiative-edit"),
    path("initiatives/<int:pk>/delete/", initiatives.initiative_delete, name="initiative-delete"),
    path("initiatives/<int:pk>/<slug:action>/", initiatives.initiative_move, name="initiative-move"),
    path("attachments/<int:pk>/", initiatives.attachment_download, name="attachment-download"),
]
