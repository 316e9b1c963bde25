"""The W3C export's selectors for quotations located in their source's full text: a
TextQuoteSelector with prefix and suffix, and a TextPositionSelector. Pure: no database."""

from __future__ import annotations

from arguments.interchange.document import Claim, Document, Participant, Source
from arguments.interchange.web_annotation import TextPosition, to_web_annotation
from arguments.workbench.quotations import find_quotation

SITE = "https://controverse.example/d/travail"
TEXT = "Avant tout.\n\nIl écrit qu\u2019« une société de travailleurs sans travail » vient."


def export(document: Document, positions: dict) -> dict:
    return to_web_annotation(
        document,
        claim_url=lambda key: f"{SITE}/claims/{key}/",
        relation_url=lambda key: f"{SITE}/relations/{key}/",
        source_url=lambda key: f"{SITE}/sources/{key}/",
        collection_url=f"{SITE}/annotations.jsonld",
        text_positions=positions,
    )


def document() -> Document:
    return Document(
        slug="travail",
        title="La fin du travail",
        participants=[Participant("arendt", "Hannah Arendt")],
        sources=[Source("condition", "Condition", url="https://example.org/c"), Source("r", "R")],
        claims=[
            Claim(
                "travail",
                "Le travail disparaît.",
                holder="arendt",
                source="condition",
                quotation='"une societe" sans travail',  # not the text's: no position given
            ),
            Claim(
                "located",
                "Une société sans travail.",
                holder="arendt",
                source="condition",
                quotation="« une société de travailleurs sans travail »",
            ),
            Claim(
                "reported",
                "Rapporté.",
                holder="arendt",
                source="r",
                via="condition",
                quotation="Avant tout.",
            ),
        ],
    )


def position(source: str, quotation: str) -> TextPosition:
    match = find_quotation(quotation, TEXT)
    return TextPosition(source, match.start, match.end, match.exact, match.prefix, match.suffix)


def selectors(collection: dict) -> dict:
    return {
        item["id"].split("/claims/")[1].split("/")[0]: item["target"]["selector"]
        for item in collection["first"]["items"]
    }


def test_a_located_quotation_gets_quote_with_context_and_position_selectors():
    located = position("condition", "« une société de travailleurs sans travail »")
    found = selectors(export(document(), {"located": located}))["located"]
    quote, where = found
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": "« une société de travailleurs sans travail »",
        "prefix": "Avant tout.\n\nIl écrit qu\u2019",
        "suffix": " vient.",
    }
    assert where == {"type": "TextPositionSelector", "start": 25, "end": 69}
    assert TEXT[where["start"] : where["end"]] == quote["exact"]
    assert TEXT[: where["start"]].endswith(quote["prefix"])


def test_a_quotation_not_located_keeps_the_plain_selector():
    found = selectors(export(document(), {}))
    assert found["travail"] == {"type": "TextQuoteSelector", "exact": '"une societe" sans travail'}


def test_a_position_in_another_text_than_the_target_is_not_given():
    """A reported claim's target is the holder's source; the position is in the reporter's."""
    located = position("condition", "Avant tout.")
    found = selectors(export(document(), {"reported": located}))["reported"]
    assert found == {"type": "TextQuoteSelector", "exact": "Avant tout."}
