"""URLs of the reading pages; every page but home carries the debate slug."""

from django.urls import path

from . import exchange_views, standing_views, views

app_name = "arguments"

urlpatterns = [
    path("", views.home, name="home"),
    path("import/", exchange_views.import_debate, name="import"),
    path("<slug:debate_slug>/", views.debate_detail, name="debate"),
    path("<slug:debate_slug>/about/", views.about, name="about"),
    path(
        "<slug:debate_slug>/export/<str:format_name>/",
        exchange_views.export_debate,
        name="export",
    ),
    path("<slug:debate_slug>/search/", views.search, name="search"),
    path("<slug:debate_slug>/standing/", standing_views.standing, name="standing"),
    path(
        "<slug:debate_slug>/standing/explained/",
        standing_views.standing_explained,
        name="standing_explained",
    ),
    path("<slug:debate_slug>/map/", views.debate_map, name="map"),
    path("<slug:debate_slug>/map.<str:extension>", views.map_download, name="map_download"),
    path("<slug:debate_slug>/claims/<slug:claim_slug>/", views.claim_detail, name="claim"),
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/history/",
        views.claim_history,
        name="claim_history",
    ),
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/history/<int:history_id>/restore/",
        views.restore_claim_version,
        name="restore_claim_version",
    ),
    path("<slug:debate_slug>/relations/<int:pk>/", views.relation_detail, name="relation"),
    path(
        "<slug:debate_slug>/relations/<int:pk>/history/",
        views.relation_history,
        name="relation_history",
    ),
    path(
        "<slug:debate_slug>/relations/<int:pk>/history/<int:history_id>/restore/",
        views.restore_relation_version,
        name="restore_relation_version",
    ),
    # Moderators hide or restore readers' proposals.
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/hide/",
        views.moderate_proposal,
        {"action": "hide"},
        name="hide_claim",
    ),
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/restore/",
        views.moderate_proposal,
        {"action": "restore"},
        name="restore_claim",
    ),
    path(
        "<slug:debate_slug>/relations/<int:pk>/hide/",
        views.moderate_proposal,
        {"action": "hide"},
        name="hide_relation",
    ),
    path(
        "<slug:debate_slug>/relations/<int:pk>/restore/",
        views.moderate_proposal,
        {"action": "restore"},
        name="restore_relation",
    ),
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/propose/argument/",
        views.propose_argument,
        name="propose_argument",
    ),
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/propose/relation/",
        views.propose_relation,
        name="propose_relation",
    ),
    path("<slug:debate_slug>/sources/<slug:source_slug>/", views.source_detail, name="source"),
    path(
        "<slug:debate_slug>/participants/<slug:participant_slug>/",
        views.participant_detail,
        name="participant",
    ),
]
