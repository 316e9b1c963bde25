"""On every save the quotation must be in the stored text: the Django admin and the staff's
API corrections check a claim's quotation against the text it comes from (the reporter's
for reported speech), when that text is stored; found, the claim gets the checked mark.
Claims whose text is not stored save as before."""

from __future__ import annotations

import pytest
from django.forms.models import model_to_dict

from arguments.record.models import Claim
from arguments.workbench.models import SourceText
from tests.conftest import TokenClient
from tests.workbench.conftest import ESSAY_TEXT

pytestmark = pytest.mark.usefixtures("english")

CLOSEST = "The quotation is not in the text. The closest passage, paragraph 2:"


@pytest.fixture
def api():
    return TokenClient()


@pytest.fixture
def thesis(small_debate) -> Claim:
    return small_debate.claims.get(slug="thesis")


def admin_data(client, claim: Claim, **changes) -> dict:
    """The admin's change form as the browser would send it back, with `changes`."""
    page = client.get(f"/admin/arguments/claim/{claim.pk}/change/")
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            value = ""
        elif isinstance(value, list):
            value = [getattr(item, "pk", item) for item in value]
        data[name] = value
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        prefix = formset.formset.prefix
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        assert management.prefix == prefix
    data.update(changes)
    return data


def test_the_admin_refuses_a_quotation_not_in_the_stored_text(client, charlie, thesis, essay_text):
    client.force_login(charlie)
    data = admin_data(client, thesis, quotation="les plateformes prélèvent un impôt")
    response = client.post(f"/admin/arguments/claim/{thesis.pk}/change/", data)
    assert response.status_code == 200  # the form again, with its error
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["quotation"]
    assert errors["quotation"][0].startswith(CLOSEST)
    assert errors["quotation"][0].endswith("“les plateformes prélèvent”")
    thesis.refresh_from_db()
    assert thesis.quotation == "le numérique est un féodalisme"


def test_the_admin_marks_a_quotation_found_in_the_stored_text(client, charlie, thesis, essay_text):
    client.force_login(charlie)
    data = admin_data(client, thesis, quotation="le  numérique est un féodalisme, et cela")
    response = client.post(f"/admin/arguments/claim/{thesis.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    thesis.refresh_from_db()
    assert thesis.quotation == "le  numérique est un féodalisme, et cela"
    assert thesis.checked_against == essay_text.checked_against
    assert thesis.checked_at is not None


def test_the_admin_saves_as_before_without_a_stored_text(client, charlie, thesis):
    client.force_login(charlie)
    data = admin_data(client, thesis, quotation="des mots qui ne sont nulle part")
    response = client.post(f"/admin/arguments/claim/{thesis.pk}/change/", data)
    assert response.status_code == 302
    thesis.refresh_from_db()
    assert (thesis.quotation, thesis.checked_against) == ("des mots qui ne sont nulle part", "")


def test_the_admin_checks_reported_speech_against_the_reporting_text(
    client, charlie, small_debate, essay_text
):
    """A claim of `reponse` reported by the essay: its words are the essay's."""
    claim = small_debate.claims.get(slug="objection-capitalism")
    client.force_login(charlie)
    essay = essay_text.source
    refused = admin_data(client, claim, via=essay.pk)  # "ce n'est que du capitalisme"
    response = client.post(f"/admin/arguments/claim/{claim.pk}/change/", refused)
    assert response.status_code == 200
    assert "quotation" in response.context["adminform"].form.errors
    found = admin_data(client, claim, via=essay.pk, quotation="cela se voit")
    assert client.post(f"/admin/arguments/claim/{claim.pk}/change/", found).status_code == 302
    claim.refresh_from_db()
    assert (claim.via, claim.checked_against) == (essay, essay_text.checked_against)


# The staff's corrections through the API.


def test_a_staff_correction_not_in_the_stored_text_is_400(api, charlie, thesis, essay_text):
    api.force_authenticate(charlie)
    response = api.patch(
        f"/api/claims/{thesis.pk}/",
        {"quotation": "les plateformes prélèvent un impôt"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["quotation"]
    assert response.json()["quotation"][0].startswith(CLOSEST)
    assert Claim.objects.get(pk=thesis.pk).quotation == thesis.quotation


def test_moving_a_claim_to_a_source_whose_text_lacks_it_is_400(
    api, charlie, small_debate, essay_text
):
    claim = small_debate.claims.get(slug="objection-capitalism")
    api.force_authenticate(charlie)
    response = api.patch(f"/api/claims/{claim.pk}/", {"source": "essai-2025"})
    assert response.status_code == 400 and list(response.json()) == ["quotation"]
    assert Claim.objects.get(pk=claim.pk).source.slug == "reponse"


def test_a_staff_correction_found_in_the_stored_text_gets_the_mark(
    api, charlie, thesis, essay_text
):
    api.force_authenticate(charlie)
    response = api.patch(
        f"/api/claims/{thesis.pk}/", {"quotation": "Nous le disons : le numérique"}
    )
    assert response.status_code == 200, response.content
    thesis.refresh_from_db()
    assert thesis.quotation == "Nous le disons : le numérique"
    assert thesis.checked_against == essay_text.checked_against
    assert thesis.checked_at is not None
    assert thesis.paragraph == 1  # kept


def test_a_staff_correction_without_a_stored_text_saves_as_before(api, charlie, thesis):
    api.force_authenticate(charlie)
    response = api.patch(f"/api/claims/{thesis.pk}/", {"quotation": "ailleurs"})
    assert response.status_code == 200
    thesis.refresh_from_db()
    assert (thesis.quotation, thesis.checked_against) == ("ailleurs", "")


def test_the_check_reads_the_text_as_stored_now(api, charlie, thesis, essay_text):
    essay_text.set_text(ESSAY_TEXT.replace("féodalisme", "capitalisme"), SourceText.Format.TEXT)
    essay_text.save()
    api.force_authenticate(charlie)
    response = api.patch(f"/api/claims/{thesis.pk}/", {"statement": "Autre chose."})
    assert response.status_code == 400 and list(response.json()) == ["quotation"]
    assert model_to_dict(Claim.objects.get(pk=thesis.pk))["statement"] == thesis.statement
