"""The app's addresses, from each feature's views; every page but home carries the debate slug."""

from django.urls import path

from .answers import views as answers
from .citing import feeds
from .citing import views as citing
from .interchange import views as interchange
from .maps import views as maps
from .pages import views as pages
from .proposals import views as proposals
from .questions import views as questions
from .record import debate_moderation
from .record import views as record
from .standing import views as standing
from .workbench import views as workbench
from .workbench.proposals import urls as workbench_proposals

app_name = "arguments"

urlpatterns = [
    path("", pages.home, name="home"),
    path("import/", interchange.import_debate, name="import"),
    path("import/<int:job_id>/", interchange.import_job, name="import_job"),
    path("<slug:debate_slug>/", pages.debate_detail, name="debate"),
    path("<slug:debate_slug>/about/", pages.about, name="about"),
    path("<slug:debate_slug>/export/", interchange.exports, name="exports"),
    path(
        "<slug:debate_slug>/export/<str:format_name>/",
        interchange.export_debate,
        name="export",
    ),
    path("<slug:debate_slug>/search/", pages.search, name="search"),
    path("<slug:debate_slug>/corrections/", pages.corrections, name="corrections"),
    path("<slug:debate_slug>/standing/", standing.standing, name="standing"),
    path("<slug:debate_slug>/questions/", questions.questions, name="questions"),
    path("<slug:debate_slug>/answers/", answers.who_answers_whom, name="answers"),
    path(
        "<slug:debate_slug>/answers/relations/",
        answers.answers_relations,
        name="answers_relations",
    ),
    path(
        "<slug:debate_slug>/answers.<str:extension>",
        answers.answers_download,
        name="answers_download",
    ),
    path(
        "<slug:debate_slug>/standing/explained/",
        standing.standing_explained,
        name="standing_explained",
    ),
    path("<slug:debate_slug>/map/", maps.debate_map, name="map"),
    path("<slug:debate_slug>/map/notes.json", maps.map_notes, name="map_notes"),
    path("<slug:debate_slug>/map.<str:extension>", maps.map_download, name="map_download"),
    path("<slug:debate_slug>/claims/<slug:claim_slug>/", pages.claim_detail, name="claim"),
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/history/",
        record.claim_history,
        name="claim_history",
    ),
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/history/<int:history_id>/restore/",
        record.restore_claim_version,
        name="restore_claim_version",
    ),
    path("<slug:debate_slug>/relations/<int:pk>/", pages.relation_detail, name="relation"),
    path(
        "<slug:debate_slug>/relations/<int:pk>/history/",
        record.relation_history,
        name="relation_history",
    ),
    path(
        "<slug:debate_slug>/relations/<int:pk>/history/<int:history_id>/restore/",
        record.restore_relation_version,
        name="restore_relation_version",
    ),
    # Moderators publish or hide a debate, and hide the claims of an imported one.
    path(
        "<slug:debate_slug>/moderation/",
        debate_moderation.debate_moderation,
        name="debate_moderation",
    ),
    path(
        "<slug:debate_slug>/moderation/<str:action>/",
        debate_moderation.moderate_debate,
        name="moderate_debate",
    ),
    path(
        "<slug:debate_slug>/moderation/claims/<slug:claim_slug>/<str:action>/",
        debate_moderation.moderate_imported_claim,
        name="moderate_imported_claim",
    ),
    # Moderators hide or restore readers' proposals.
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/hide/",
        proposals.moderate_proposal,
        {"action": "hide"},
        name="hide_claim",
    ),
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/restore/",
        proposals.moderate_proposal,
        {"action": "restore"},
        name="restore_claim",
    ),
    path(
        "<slug:debate_slug>/relations/<int:pk>/hide/",
        proposals.moderate_proposal,
        {"action": "hide"},
        name="hide_relation",
    ),
    path(
        "<slug:debate_slug>/relations/<int:pk>/restore/",
        proposals.moderate_proposal,
        {"action": "restore"},
        name="restore_relation",
    ),
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/propose/argument/",
        proposals.propose_argument,
        name="propose_argument",
    ),
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/propose/relation/",
        proposals.propose_relation,
        name="propose_relation",
    ),
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/propose/targets/",
        proposals.propose_targets,
        name="propose_targets",
    ),
    path("<slug:debate_slug>/sources/<slug:source_slug>/", pages.source_detail, name="source"),
    path(
        "<slug:debate_slug>/participants/<slug:participant_slug>/",
        pages.participant_detail,
        name="participant",
    ),
    # Citing and following: an item as it was at a revision, its citation as a file, the
    # cards' map image, the Atom feeds.
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/versions/<int:history_id>/",
        citing.claim_version,
        name="claim_version",
    ),
    path(
        "<slug:debate_slug>/relations/<int:pk>/versions/<int:history_id>/",
        citing.relation_version,
        name="relation_version",
    ),
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/cite.<str:extension>",
        citing.claim_cited,
        name="claim_cited",
    ),
    path(
        "<slug:debate_slug>/relations/<int:pk>/cite.<str:extension>",
        citing.relation_cited,
        name="relation_cited",
    ),
    path("<slug:debate_slug>/map/cite.<str:extension>", citing.map_cited, name="map_cited"),
    path(
        "<slug:debate_slug>/record/<str:revision>/",
        citing.record_at_revision,
        name="record_at",
    ),
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/card.png",
        citing.claim_card,
        name="claim_card",
    ),
    # The editors' workbench: sources' full texts and claims made from them (editors only).
    path("<slug:debate_slug>/workbench/", workbench.sources, name="workbench"),
    path(
        "<slug:debate_slug>/workbench/sources/new/",
        workbench.new_source,
        name="workbench_new_source",
    ),
    path(
        "<slug:debate_slug>/workbench/sources/<slug:source_slug>/",
        workbench.source,
        name="workbench_source",
    ),
    path(
        "<slug:debate_slug>/workbench/sources/<slug:source_slug>/text/",
        workbench.source_text,
        name="workbench_text",
    ),
    path(
        "<slug:debate_slug>/workbench/sources/<slug:source_slug>/claims/",
        workbench.new_claim,
        name="workbench_new_claim",
    ),
    path(
        "<slug:debate_slug>/workbench/drafts/publish/",
        workbench.publish,
        name="workbench_publish",
    ),
    path(
        "<slug:debate_slug>/workbench/drafts/<int:draft_id>/discard/",
        workbench.discard_draft,
        name="workbench_discard_draft",
    ),
    path(
        "<slug:debate_slug>/workbench/extractions/<int:job_id>/",
        workbench.extraction,
        name="workbench_extraction",
    ),
    path(
        "<slug:debate_slug>/workbench/sources/<slug:source_slug>/check/",
        workbench.check_source_quotations,
        name="workbench_check",
    ),
    path(
        "<slug:debate_slug>/workbench/drafts/<int:draft_id>/relations/",
        workbench.draft_relation,
        name="workbench_draft_relation",
    ),
    path(
        "<slug:debate_slug>/workbench/claims/<slug:claim_slug>/relations/",
        workbench.claim_relation,
        name="workbench_claim_relation",
    ),
    path(
        "<slug:debate_slug>/workbench/relations/<int:relation_id>/discard/",
        workbench.discard_relation,
        name="workbench_discard_relation",
    ),
    *workbench_proposals.urlpatterns,
    path("<slug:debate_slug>/feed.atom", feeds.debate_feed, name="debate_feed"),
    path(
        "<slug:debate_slug>/claims/<slug:claim_slug>/feed.atom",
        feeds.claim_feed,
        name="claim_feed",
    ),
]
