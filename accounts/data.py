"""What a reader wrote, gathered for their account page and for the copy they download."""

from __future__ import annotations

from annotations.models import Annotation
from arguments.interchange.models import ImportJob
from arguments.record.models import Claim, Relation

# The account page shows the latest of each; the download holds everything.
SHOWN_ON_THE_PAGE = 50


def annotations_by(user):
    return Annotation.objects.filter(author=user).select_related(
        "claim__debate", "relation__debate", "relation__from_claim", "relation__to_claim"
    )


def claims_by(user):
    return Claim.objects.filter(proposed_by=user).select_related("debate")


def relations_by(user):
    return Relation.objects.filter(proposed_by=user).select_related(
        "debate", "from_claim", "to_claim"
    )


def _decision(item) -> dict:
    """What the editors decided on a proposal (accepted items' proposal time kept apart)."""
    return {
        "proposal_made_at": _when(item.proposal_made_at),
        "accepted_at": _when(item.accepted_at),
        "declined_at": _when(item.declined_at),
        "declined_reason": item.declined_reason,
    }


def imports_by(user):
    return ImportJob.objects.filter(user=user).select_related("debate").defer("text")


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def _claim(claim: Claim) -> dict:
    return {"debate": claim.debate.slug, "claim": claim.slug, "url": claim.get_absolute_url()}


def _relation(relation: Relation) -> dict:
    return {
        "debate": relation.debate.slug,
        "relation": relation.pk,
        "kind": relation.kind,
        "from_claim": relation.from_claim.slug,
        "to_claim": relation.to_claim.slug,
        "url": relation.get_absolute_url(),
    }


def account_data(user) -> dict:
    """Everything the site holds that this reader wrote, as JSON-ready values."""
    return {
        "username": user.get_username(),
        "email": user.email,
        "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
        "annotations": [
            {
                "id": annotation.pk,
                "target": _claim(annotation.claim)
                if annotation.claim_id
                else _relation(annotation.relation),
                "reply_to": annotation.parent_id,
                "stance": annotation.stance,
                "tags": annotation.tag_list,
                "body": annotation.body,
                "created_at": _when(annotation.created_at),
                "edited_at": _when(annotation.edited_at),
                "deleted_at": _when(annotation.deleted_at),
                "hidden_at": _when(annotation.hidden_at),
                "hidden_reason": annotation.hidden_reason,
            }
            for annotation in annotations_by(user)
        ],
        "proposed_claims": [
            {
                **_claim(claim),
                "statement": claim.statement,
                "statement_en": claim.statement_en,
                "quotation": claim.quotation,
                "proposed_at": _when(claim.proposed_at),
                "hidden_at": _when(claim.hidden_at),
                "hidden_reason": claim.hidden_reason,
                **_decision(claim),
            }
            for claim in claims_by(user)
        ],
        "proposed_relations": [
            {
                **_relation(relation),
                "proposed_at": _when(relation.proposed_at),
                "hidden_at": _when(relation.hidden_at),
                "hidden_reason": relation.hidden_reason,
                **_decision(relation),
            }
            for relation in relations_by(user)
        ],
        "imports": [
            {
                "id": job.pk,
                "filename": job.filename,
                "format": job.format,
                "status": job.status,
                "debate": job.debate.slug if job.debate else None,
                "problems": job.problems,
                "created_at": _when(job.created_at),
                "finished_at": _when(job.finished_at),
            }
            for job in imports_by(user)
        ],
    }
