"""What every API test starts from: a client that speaks JSON, and the small debate's claims
by slug."""

import pytest

from arguments.record.models import Claim
from tests.conftest import TokenClient
from tests.workbench.conftest import essay, essay_text  # noqa: F401 (the editors' text)


@pytest.fixture
def api():
    return TokenClient()


@pytest.fixture
def claims(small_debate) -> dict[str, Claim]:
    return {claim.slug: claim for claim in small_debate.claims.all()}


@pytest.fixture
def editor_api(api, edith):
    """The API's client, signed in as edith the editor."""
    api.force_authenticate(edith)
    return api
