"""The API's addresses, under /api/: resources, the token exchange, the schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import docs, views, workbench, workbench_drafts

app_name = "api"

router = DefaultRouter()
router.register("debates", views.DebateViewSet)
router.register("participants", views.ParticipantViewSet)
router.register("sources", views.SourceViewSet)
router.register("claims", views.ClaimViewSet)
router.register("relations", views.RelationViewSet)
router.register("undercuts", views.UndercutViewSet)
router.register("annotations", views.AnnotationViewSet)
router.register(
    r"debates/(?P<debate_slug>[-\w]+)/questions", views.QuestionViewSet, basename="question"
)

urlpatterns = [
    path("token/", views.TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.docs, name="docs"),
    *workbench.urlpatterns,  # the editors' (api/workbench.py)
    *workbench_drafts.urlpatterns,  # their sources, texts and drafts
    path("", include(router.urls)),
]
