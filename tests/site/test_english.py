"""English all the way: on English pages, no French outside quotations and original titles.

The interface's msgids are written in English, so the English catalogue is empty by design
(an empty msgstr shows the msgid): "untranslated" means a French msgid an English reader
would see, a French catalogue entry left empty or fuzzy (a French reader would get English),
or a catalogue that misses a message of the code. The content's English is checked in the
shipped debate's files: every English field filled where its French one is. And a crawl of
the English pages reads every text outside the elements marked `lang="fr"` (quotations,
original titles) and finds no French words or French spacing there.
"""

from __future__ import annotations

import ast
import gettext
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from arguments.record.fixture_format import is_bracketed, read_debate_folder
from arguments.record.models import (
    Answer,
    Claim,
    Correction,
    CorrectionItem,
    Debate,
    Participant,
    Question,
    Relation,
    Source,
    Undercut,
)
from arguments.workbench.models import DraftClaim
from tests.conftest import CONTROVERSY

ROOT = Path(settings.BASE_DIR)
LOCALE = Path(settings.LOCALE_PATHS[0])

# --- the detector: pure ---------------------------------------------------------------------

# Words that are French and not English (nor names' particles kept in English text), and
# the commonest English ones: a block with more of the first is French.
# fmt: off
FRENCH_WORDS = frozenset({
    "le", "la", "les", "des", "du", "de", "et", "est", "une", "pour", "dans", "qui", "que",
    "sur", "au", "aux", "avec", "pas", "ne", "par", "cette", "ces", "sont", "été", "être",
    "mais", "où", "très", "sans", "selon", "leur", "leurs", "nous", "vous", "ils", "elles",
    "aussi", "comme", "non", "texte",
})
ENGLISH_WORDS = frozenset({
    "the", "of", "and", "a", "an", "to", "in", "is", "are", "for", "on", "with", "by", "from",
    "that", "this", "as", "at", "or", "not", "its", "it", "be", "was", "who", "what", "which",
    "than", "their", "there", "these", "those", "has", "have",
})
# fmt: on
FRENCH_LETTERS = re.compile(r"[àâçéèêëîïôùûüÿœæ]", re.IGNORECASE)
ELISION = re.compile(r"\b(?:qu|[cdjlmnst])['’](?=\w)", re.IGNORECASE)
# A space before a colon, a semicolon, a question or exclamation mark: French spacing.
FRENCH_SPACING = re.compile(r"\w\s+[:;!?](?=\s|$)")
QUOTED = re.compile(r"“[^”]*(?:”|…|$)|\"[^\"]*\"")
WORD = re.compile(r"[\w’'-]+")


def french_in(text: str, names: tuple[str, ...] = ()) -> list[str]:
    """What marks `text` (one block of an English page, outside lang="fr") as French:
    guillemets, French spacing, or more French words than English ones. Proper `names`
    (people, parties, venues: the same in both languages) and what stands in English
    quotation marks (a title, a quoted phrase) are set aside first."""
    text = " ".join(text.split())
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "Name")
    text = QUOTED.sub("Quoted", text)
    found = []
    if "«" in text or "»" in text:
        found.append("guillemets")
    found += [f"French spacing {match.group(0)!r}" for match in FRENCH_SPACING.finditer(text)]
    words = WORD.findall(text)
    french = [
        word
        for word in words
        if word.lower() in FRENCH_WORDS or FRENCH_LETTERS.search(word) or ELISION.match(word)
    ]
    english = [word for word in words if word.lower() in ENGLISH_WORDS]
    if french and len(french) > len(english):
        found.append(f"French words {french}")
    return found


def test_the_detector_finds_french_names_titles_and_spacing():
    for text in [
        "Divergences (texte non signé)",
        "Auteur de l'article sur le décomputing (non signé)",
        "[Article de controverse sur la notion de « technoféodalisme »]",
        "[Billet prolongeant les arguments d'Evgeny Morozov]",
        "comment : 0",
        "Who answers whom ?",
        "the objection from « Lining up resemblances » is no longer in force",
        "Mouvements pour le handicap",
    ]:
        assert french_in(text), text


def test_the_detector_lets_english_with_names_and_quoted_titles_through():
    names = ("Cédric Durand", "Le Monde diplomatique", "Frédéric Lordon")
    for text in [
        "Divergences (unsigned text)",
        "comment: 0",
        "[Review of Cédric Durand’s “Faut-il se passer du numérique pour sauver la planète ?”]",
        "Denounces the notion in a polemical article in Le Monde diplomatique (August 2025).",
        "Held by Frédéric Lordon",
        "Affiliated with LIASD and Centre GÉODE (Université Paris 8); answers Morozov.",
        "Author of “Moins !” (2024); claims allegiance to the degrowth Marxists.",
    ]:
        assert french_in(text, names) == [], text


# --- reading a page: the blocks of text outside lang="fr" ----------------------------------

# fmt: off
INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "label",
    "text", "tspan", "textpath",
})
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
})
# fmt: on
SKIPPED = frozenset(("script", "style", "template"))
READ_ATTRIBUTES = ("title", "xlink:title", "aria-label", "aria-description", "alt", "placeholder")


class EnglishBlocks(HTMLParser):
    """Each block's text (an inline element's text goes to its block), and the attributes
    a reader hears, outside the elements whose language is French and outside scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, int]] = []  # tag, left out, its block
        self.blocks: list[list[str]] = [[]]
        self.where: list[str] = ["page"]

    def _left_out(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _block(self) -> int:
        return self.stack[-1][2] if self.stack else 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        language = attributes.get("lang")
        left_out = (
            self._left_out()
            or tag in SKIPPED
            or (language is not None and not language.startswith("en"))
        )
        if not left_out:
            for name in READ_ATTRIBUTES:
                if attributes.get(name):
                    self.blocks.append([attributes[name]])
                    self.where.append(f"<{tag} {name}>")
        block = self._block()
        # Words on either side of an element (a French title, an SVG line) stay apart.
        self.blocks[block].append(" ")
        if not left_out and tag not in INLINE:
            self.blocks.append([])
            self.where.append(f"<{tag}>")
            block = len(self.blocks) - 1
        if tag not in VOID:
            self.stack.append((tag, left_out, block))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self._left_out():
            self.blocks[self._block()].append(data)

    def texts(self) -> list[tuple[str, str]]:
        joined = (
            (where, " ".join("".join(parts).split()))
            for where, parts in zip(self.where, self.blocks, strict=True)
        )
        return [(where, text) for where, text in joined if text]


def english_blocks(html: str) -> list[tuple[str, str]]:
    parser = EnglishBlocks()
    parser.feed(html)
    parser.close()
    return parser.texts()


def test_the_reader_leaves_out_what_says_it_is_french_and_keeps_attributes():
    html = (
        '<p>Held by <a href="/x">Rauzy</a> in <a lang="fr">Consommer et produire</a>.</p>'
        '<blockquote lang="fr">« le numérique »</blockquote><script>var le = 1;</script>'
        "<svg><g><title>A tooltip</title><text>line one</text><text>line two</text></g></svg>"
        '<button aria-label="Fermer la carte">x</button><br><img alt="map">'
    )
    assert english_blocks(html) == [
        ("<p>", "Held by Rauzy in ."),
        ("<g>", "line one line two"),
        ("<title>", "A tooltip"),
        ("<button aria-label>", "Fermer la carte"),
        ("<button>", "x"),
        ("<img alt>", "map"),
    ]


# --- the catalogues -------------------------------------------------------------------------


def read_po(path: Path) -> list[dict]:
    """The live entries of a .po file (obsolete ones left out), each with its msgctxt,
    msgid, msgid_plural, msgstr forms and flags; the header too (msgid ""). Entries are
    separated by a blank line, as gettext writes them."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line.strip()]
        if any(line.startswith("#~") for line in lines):
            continue
        entry: dict = {"flags": set()}
        key = ""
        for line in lines:
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith('"'):
                entry[key] += ast.literal_eval(line)
            elif not line.startswith("#"):
                key, _space, value = line.partition(" ")
                entry[key] = ast.literal_eval(value)
        if "msgid" in entry:
            entry["msgstrs"] = [value for name, value in entry.items() if name.startswith("msgstr")]
            entry["key"] = (entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural"))
            entries.append(entry)
    return entries


def catalogue(language: str) -> list[dict]:
    return read_po(LOCALE / language / "LC_MESSAGES" / "django.po")


def messages(language: str) -> list[dict]:
    """The catalogue's messages, its header aside."""
    return [entry for entry in catalogue(language) if entry["msgid"]]


PLACEHOLDERS = re.compile(r"%\(\w+\)[sd]|\{\w+\}|<[^>]*>|%%")


def test_the_po_reader_reads_flags_plurals_and_continued_lines(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n#: a.py:1\n#, fuzzy, python-format\n'
        'msgid "one %(n)s"\nmsgid_plural "many"\nmsgstr[0] "un"\nmsgstr[1] ""\n\n'
        'msgctxt "verb"\nmsgid "Map"\nmsgstr ""\n"Carto"\n"graphier"\n\n'
        '#~ msgid "old"\n#~ msgstr "vieux"\n',
        encoding="utf-8",
    )
    header, plural, context = read_po(po)
    assert header["msgstrs"] == ["Language: fr\n"]
    assert plural["flags"] == {"fuzzy", "python-format"}
    assert plural["msgstrs"] == ["un", ""]
    assert context["key"] == ("verb", "Map", None) and context["msgstrs"] == ["Cartographier"]


def test_every_message_has_its_french_and_none_is_fuzzy():
    """A message left empty or fuzzy in the French catalogue shows its English msgid on a
    French page."""
    french = messages("fr")
    assert len(french) > 500
    untranslated = [entry["msgid"] for entry in french if not all(entry["msgstrs"])]
    fuzzy = [entry["msgid"] for entry in french if "fuzzy" in entry["flags"]]
    assert untranslated == [] and fuzzy == []


def test_the_english_catalogue_holds_the_same_messages_and_no_french():
    """The msgids are the English: the English catalogue is empty by design. It holds the
    same messages as the French one (both refreshed together), none fuzzy, and neither a
    msgid nor an English msgstr that is French."""
    english, french = messages("en"), messages("fr")
    assert {entry["key"] for entry in english} == {entry["key"] for entry in french}
    assert [entry["msgid"] for entry in english if "fuzzy" in entry["flags"]] == []
    french_msgids = {
        entry["msgid"]: found
        for entry in english
        for text in [entry["msgid"], entry.get("msgid_plural") or "", *entry["msgstrs"]]
        if (found := french_in(PLACEHOLDERS.sub("x", text)))
    }
    assert french_msgids == {}


def test_the_catalogues_are_compiled_from_their_po_files():
    for language in ("fr", "en"):
        with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as mo:
            compiled = gettext.GNUTranslations(mo)._catalog
        written = {}
        for entry in messages(language):
            if not all(entry["msgstrs"]) or "fuzzy" in entry["flags"]:
                continue
            msgid = (
                entry["msgid"]
                if entry.get("msgctxt") is None
                else (f"{entry['msgctxt']}\x04{entry['msgid']}")
            )
            if entry.get("msgid_plural"):
                written.update({(msgid, n): text for n, text in enumerate(entry["msgstrs"])})
            else:
                written[msgid] = entry["msgstrs"][0]
        compiled.pop("", None)
        assert compiled == written, language


def source_files(source: Path, destination: Path) -> None:
    """The files makemessages reads (Python, templates, text), without the virtual
    environment, the npm packages or the catalogues."""
    for path in source.rglob("*"):
        parts = path.relative_to(source).parts
        if any(part.startswith(".") or part in ("node_modules", "locale") for part in parts):
            continue
        if path.is_file() and path.suffix in (".py", ".html", ".txt"):
            target = destination / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def test_the_catalogues_hold_every_message_of_the_code(tmp_path, settings, monkeypatch):
    """makemessages over a copy of the code finds no message the shipped catalogues miss,
    and none they hold that the code no longer says."""
    source = tmp_path / "code"
    source_files(ROOT, source)
    settings.LOCALE_PATHS = [str(tmp_path / "locale")]
    monkeypatch.chdir(source)
    call_command("makemessages", locale=["fr"], verbosity=0)
    extracted = read_po(tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    made = {entry["key"] for entry in extracted if entry["msgid"]}
    shipped = {entry["key"] for entry in messages("fr")}
    assert sorted(made - shipped, key=str) == []
    assert sorted(shipped - made, key=str) == []


# --- the shipped debate's English -----------------------------------------------------------

# Names with French words that are real names, the same in English: nothing of ours to
# translate.
REAL_NAMES = {"la-france-insoumise": "a party's own name"}
# Every English field of the record, and where this file checks it: a new one fails here
# until it is checked too.
ENGLISH_FIELDS = {
    Debate: {"title_en", "description_en"},
    Participant: {"name_en", "description_en"},
    Source: {"title_en"},
    Claim: {"statement_en"},
    Relation: {"justification_en"},
    Undercut: {"justification_en"},
    Correction: {"title_en", "summary_en"},
    CorrectionItem: {"reason_en"},
    Question: {"text_en", "explanation_en"},
    Answer: {"gist_en"},
    # An editor's draft claim: its English statement is required by the workbench's form.
    DraftClaim: {"statement_en"},
}


def is_descriptive(name: str) -> bool:
    """A name with French words or a parenthesis is our description of someone the texts
    do not name ("Divergences (texte non signé)"), not a name."""
    words = [word.lower() for word in WORD.findall(name)]
    french = any(word in FRENCH_WORDS or ELISION.match(word) for word in words)
    return french or "(" in name


def test_every_english_field_of_the_record_is_checked():
    models = {
        model: {field.name for field in model._meta.fields if field.name.endswith("_en")}
        for model in apps.get_app_config("arguments").get_models()
        if not model.__name__.startswith("Historical")
    }
    assert {model: fields for model, fields in models.items() if fields} == ENGLISH_FIELDS


def test_the_shipped_debate_has_every_english_field_its_french_calls_for():
    document = read_debate_folder(CONTROVERSY)
    missing = [
        f"debate: {name}" for name in ("title_en", "description_en") if not getattr(document, name)
    ]
    for participant in document.participants:
        if participant.description and not participant.description_en:
            missing.append(f"participant {participant.slug}: description_en")
        translated = participant.name_en and participant.name_en != participant.name
        if (
            is_descriptive(participant.name)
            and participant.slug not in REAL_NAMES
            and not translated
        ):
            missing.append(f"participant {participant.slug}: name_en")
    for source in document.sources:
        if is_bracketed(source.title) and not source.title_en:
            missing.append(f"source {source.slug}: title_en")
    missing += [
        f"claim {claim.slug}: statement_en" for claim in document.claims if not claim.statement_en
    ]
    missing += [
        f"relation {relation.from_claim} -> {relation.to_claim}: justification_en"
        for relation in document.relations
        if relation.justification and not relation.justification_en
    ]
    for correction in document.corrections:
        for name in ("title", "summary"):
            if getattr(correction, name) and not getattr(correction, f"{name}_en"):
                missing.append(f"correction {correction.slug}: {name}_en")
        missing += [
            f"correction {correction.slug}, item {index}: reason_en"
            for index, item in enumerate(correction.items, start=1)
            if item.reason and not item.reason_en
        ]
    for question in document.questions:
        for name in ("text", "explanation"):
            if getattr(question, name) and not getattr(question, f"{name}_en"):
                missing.append(f"question {question.slug}: {name}_en")
        missing += [
            f"question {question.slug}, answer {answer.claim}: gist_en"
            for answer in question.answers
            if answer.gist and not answer.gist_en
        ]
    assert missing == []


def test_the_descriptive_names_are_told_from_real_ones():
    assert is_descriptive("Divergences (texte non signé)")
    assert is_descriptive("Collectif de l'usine GKN")
    assert is_descriptive("Les éco-modernistes")
    assert not is_descriptive("Frédéric Lordon")
    assert not is_descriptive("Crip technoscience")
    assert is_descriptive("La France insoumise")  # hence REAL_NAMES


# --- the crawl ------------------------------------------------------------------------------


def english_pages(debate: Debate) -> list[str]:
    """Every kind of reading page, on the claims, relations, participants and sources that
    show the most names and titles: every participant and every source."""
    slug = debate.slug
    reported = debate.claims.filter(via__isnull=False).order_by("position").first()
    relations = [
        debate.relations.filter(layer=layer).order_by("pk").first() for layer in ("text", "editors")
    ]
    pages = [
        "/",
        f"/{slug}/",
        reported.get_absolute_url(),
        debate.claims.order_by("position").first().get_absolute_url(),
        *(relation.get_absolute_url() for relation in relations),
        *(participant.get_absolute_url() for participant in debate.participants.all()),
        *(source.get_absolute_url() for source in debate.sources.all()),
        f"/{slug}/map/",
        f"/{slug}/map/?claim={reported.slug}&depth=2",
        f"/{slug}/map/?cluster=source",
        f"/{slug}/standing/",
        f"/{slug}/standing/explained/",
        f"/{slug}/questions/",
        f"/{slug}/answers/",
        f"/{slug}/search/?q=rente",
        f"/{slug}/search/?q=Durand",
        f"/{slug}/about/",
    ]
    return pages


# Where a title cannot be marked as French: the page's <title>, and the map's SVG as
# Graphviz writes it (a cluster's label, a box's tooltip).
UNMARKED = ("<title>", "<g>", "<a xlink:title>")


def test_english_pages_show_no_french_outside_quotations_and_original_titles(
    client, controversy, english
):
    """Names of people, parties and venues are the same in both languages; a French
    quotation or an original title says its language (lang="fr") and is left out; where a
    part cannot be marked (`UNMARKED`), an original title may stand."""
    participants = list(controversy.participants.all())
    sources = list(controversy.sources.all())
    names = tuple({p.display_name for p in participants} | {s.venue for s in sources if s.venue})
    titles = tuple(source.title for source in sources if not source.title_en)
    found, pages = {}, {}
    for url in english_pages(controversy):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, url
        pages[url] = html = response.content.decode()
        assert '<html lang="en">' in html, url
        for where, text in english_blocks(html):
            kept = names + titles if where in UNMARKED else names
            if french := french_in(text, kept):
                found.setdefault(url, []).append((where, text[:160], french))
    assert found == {}
    # The check can fail: the French of a descriptive name, left on the page, is seen.
    divergences = controversy.participants.get(slug="divergences")
    html = pages[divergences.get_absolute_url()]
    assert "<h1>Divergences (unsigned text)</h1>" in html and "texte non signé" not in html
    french = html.replace("Divergences (unsigned text)", divergences.name)
    assert any(french_in(text, names) for _where, text in english_blocks(french))
