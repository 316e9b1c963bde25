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
    path("annotations/<int:pk>/reply/", views.reply, name="reply"),
    path("annotations/<int:pk>/edit/", views.edit, name="edit"),
    path("annotations/<int:pk>/delete/", views.delete, name="delete"),
]
