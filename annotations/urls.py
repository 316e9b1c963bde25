"""URLs for writing annotations."""

from django.urls import path

from . import views

app_name = "annotations"

urlpatterns = [
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/annotations/",
        views.claim_annotations,
        name="claim",
    ),
    path(
        "<slug:debate_slug>/relations/<int:pk>/annotations/",
        views.relation_annotations,
        name="relation",
    ),
    path("annotations/<int:pk>/reply/", views.reply, name="reply"),
    path("annotations/<int:pk>/edit/", views.edit, name="edit"),
    path("annotations/<int:pk>/delete/", views.delete, name="delete"),
    path("annotations/<int:pk>/flag/", views.flag, name="flag"),
    path("annotations/<int:pk>/history/", views.history, name="history"),
    path(
        "annotations/<int:pk>/history/<int:history_id>/restore/",
        views.restore_version,
        name="restore_version",
    ),
    path("annotations/<int:pk>/hide/", views.hide, name="hide"),
    path("annotations/<int:pk>/restore/", views.restore, name="restore"),
    path("moderation/", views.moderation_queue, name="moderation"),
]
