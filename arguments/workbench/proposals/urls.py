"""The addresses of the proposals queue, the questions and the corrections entries, spread
into the app's `urlpatterns` (names in the "arguments" namespace)."""

from django.urls import path

from arguments.workbench.proposals import views

BASE = "<slug:debate_slug>/workbench/"

urlpatterns = [
    path(f"{BASE}proposals/", views.queue, name="workbench_proposals"),
    path(
        f"{BASE}proposals/claims/<slug:claim_slug>/accept/",
        views.accept_claim,
        name="workbench_accept_claim",
    ),
    path(
        f"{BASE}proposals/claims/<slug:claim_slug>/decline/",
        views.decline,
        name="workbench_decline_claim",
    ),
    path(
        f"{BASE}proposals/relations/<int:pk>/accept/",
        views.accept_relation,
        name="workbench_accept_relation",
    ),
    path(
        f"{BASE}proposals/relations/<int:pk>/decline/",
        views.decline,
        name="workbench_decline_relation",
    ),
    path(f"{BASE}questions/", views.questions, name="workbench_questions"),
    path(
        f"{BASE}questions/answers/<int:answer_id>/detach/",
        views.detach,
        name="workbench_detach_thesis",
    ),
    path(f"{BASE}corrections/new/", views.correction, name="workbench_correction"),
]
