"""Readers' proposals get addresses of their own: their statement's first words under a
prefix no claim of the record may take, so that an address alone says whether it names a
reader's contribution or the historical record (/…/claims/contribution-les-rentes-…/)."""

from __future__ import annotations

import hashlib
from collections.abc import Container

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

PROPOSAL_PREFIX = "contribution-"
# Proposals made before readable addresses were "proposal-<10 hex digits>": they keep them,
# so that prefix stays the proposals' too.
PROPOSAL_PREFIXES = (PROPOSAL_PREFIX, "proposal-")
# At most this many words of the statement, and characters after the prefix.
SLUG_WORDS = 8
SLUG_LENGTH = 60


def is_proposal_slug(slug: str) -> bool:
    return slug.lower().startswith(PROPOSAL_PREFIXES)


def validate_record_claim_slug(slug: str) -> None:
    """A claim of the record (or of an imported debate) never takes a proposal's prefix."""
    if is_proposal_slug(slug):
        raise ValidationError(
            _("Addresses starting with “%(prefix)s” are kept for readers' proposals."),
            code="proposal_prefix",
            params={"prefix": next(p for p in PROPOSAL_PREFIXES if slug.lower().startswith(p))},
        )


def proposal_slug_base(statement: str) -> str:
    """The statement's first words, ASCII, under the prefix: "contribution-les-rentes-…".
    A statement with no Latin letter or digit (all in another script, or signs) gets a
    digest of itself instead, so it still has a stable, short address."""
    kept: list[str] = []
    for word in slugify(statement).split("-"):
        if not word:
            continue
        if len(kept) == SLUG_WORDS or len("-".join([*kept, word])) > SLUG_LENGTH:
            break
        kept.append(word)
    if not kept:
        word = slugify(statement).strip("-")[:SLUG_LENGTH].strip("-")
        kept = [word] if word else [hashlib.sha256(statement.encode()).hexdigest()[:10]]
    return PROPOSAL_PREFIX + "-".join(kept)


def first_free(base: str, taken: Container[str]) -> str:
    """`base`, or `base-2`, `base-3`… : the first not `taken`."""
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
