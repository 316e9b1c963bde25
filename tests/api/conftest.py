"""What every API test starts from: a client that speaks JSON, and the small debate's claims
by slug."""

import pytest
from rest_framework.test import APIClient

from arguments.record.models import Claim


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def claims(small_debate) -> dict[str, Claim]:
    return {claim.slug: claim for claim in small_debate.claims.all()}
