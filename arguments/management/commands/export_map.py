"""Draw a view of a debate's map as a file (SVG, PNG, PDF, DOT or a Markdown outline)
without a browser: the same views, options, renderer and cache as the site's map downloads.

    manage.py export_map technofeodalisme --participant morozov --format pdf -o morozov.pdf
    manage.py export_map technofeodalisme --each participant -o maps/
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from arguments.maps.batch import EACH, each_query, safe_file_name, view_query
from arguments.maps.options import PARAMETERS, MapOptions
from arguments.maps.render import MapBusy, MapUnavailable
from arguments.maps.views import EXPORTS, map_file, map_view
from arguments.record.models import Claim, Debate
from arguments.record.params import ParameterError

LISTED = 20  # known slugs listed in an error naming an unknown one


class Command(BaseCommand):
    # A map is drawn as a reader's request draws it, which runs no system checks: they
    # import every URL module, about 0.4 s of CPU here, a third of a small map's time.
    requires_system_checks = []
    help = (
        "Export a view of a debate's argument map, as readers see it, to SVG, PNG, PDF, DOT "
        "or Markdown. The view's options are the map URL's parameters, with the same names "
        "and values (--participant morozov is ?participant=morozov)."
    )

    def add_arguments(self, parser):
        parser.add_argument("debate", help="the debate's slug")
        view = parser.add_argument_group(
            "the view", "the map URL's parameters; a parameter the URL repeats may be repeated"
        )
        for name in sorted(PARAMETERS):
            view.add_argument(
                f"--{name}", action="append", metavar="VALUE", help=f"as ?{name}= in the URL"
            )
        view.add_argument(
            "--url",
            default="",
            help="a map address copied from the site (or its query alone): its view, the "
            "options above added to it",
        )
        parser.add_argument(
            "--format",
            choices=sorted(EXPORTS),
            help="svg, png, pdf, dot or md (the Markdown outline); default: from the "
            "extension of -o, else svg",
        )
        parser.add_argument(
            "-o",
            "--output",
            default="-",
            help="a file, a folder (the file named after the view), or - for standard "
            "output (the default); with --each, the folder the files go into",
        )
        parser.add_argument(
            "--each",
            choices=sorted(EACH),
            help="one file per participant, per source or per thesis, into the folder -o",
        )
        parser.add_argument(
            "--site",
            default="http://127.0.0.1:8000",
            help="the site's address, which leads the links in the files",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="the language of the map's words (and of the statements, where translated)",
        )

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            self._handle(options)

    def _handle(self, options):
        output = options["output"]
        extension = options["format"] or _extension_of(output) or "svg"
        site = options["site"].rstrip("/")
        given = {name: options[name] for name in PARAMETERS}
        query = view_query(options["url"], given)
        # The options are checked before the database is read: a typo costs nothing.
        try:
            MapOptions.from_query(query)
        except ParameterError as error:
            raise CommandError(str(error)) from error
        debate = _debate(options["debate"])
        if options["each"]:
            if output == "-":
                raise CommandError(_("--each writes one file per view: give a folder with -o."))
            self._export_each(debate, query, options["each"], extension, site, output, options)
            return
        content, stem = _drawn(debate, query, extension, site)
        if output == "-":
            _to_stdout(self.stdout, content)
            return
        path = Path(output)
        if path.is_dir() or output.endswith(os.sep):
            path.mkdir(parents=True, exist_ok=True)
            path = path / safe_file_name(stem, extension, set())
        size = _write(path, content)
        if options["verbosity"] > 0:
            self.stderr.write(_("Wrote %(path)s (%(size)s bytes)") % {"path": path, "size": size})

    def _export_each(self, debate, query, each, extension, site, output, options):
        parameter = EACH[each]
        if query.getlist(parameter):
            raise CommandError(
                _("--each %(each)s draws one map per %(each)s: leave out --%(parameter)s.")
                % {"each": each, "parameter": parameter}
            )
        folder = Path(output)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(
                _("Cannot make the folder %(path)s: %(error)s") % {"path": output, "error": error}
            ) from error
        slugs = _each_slugs(debate, each)
        # Imported here: tqdm is only needed when a folder is filled.
        from tqdm import tqdm

        taken: set[str] = set()
        failed: list[str] = []
        bar = tqdm(
            slugs,
            desc=debate.slug,
            unit=" maps",
            file=self.stderr._out,
            disable=options["verbosity"] == 0,
        )
        for slug in bar:
            try:
                content, stem = _drawn(debate, each_query(query, each, slug), extension, site)
            except CommandError as error:
                failed.append(f"{each} {slug[:200]!r}: {error}")
                continue
            _write(folder / safe_file_name(stem, extension, taken), content)
        bar.close()
        if failed:
            raise CommandError(
                _("%(failed)s of %(count)s maps not written:")
                % {"failed": len(failed), "count": len(slugs)}
                + "\n  "
                + "\n  ".join(failed)
            )
        if options["verbosity"] > 0:
            self.stderr.write(
                _("Wrote %(count)s files into %(path)s") % {"count": len(slugs), "path": folder}
            )


def _debate(slug: str) -> Debate:
    """The debate as a reader finds it: a hidden one is as missing."""
    debates = Debate.objects.visible_to(AnonymousUser())
    debate = debates.filter(slug=slug).first()
    if debate is None:
        raise CommandError(
            _("No debate “%(slug)s”. The debates: %(slugs)s.")
            % {"slug": slug[:200], "slugs": _listed(debates.values_list("slug", flat=True))}
        )
    return debate


def _drawn(debate: Debate, query, extension: str, site: str) -> tuple[bytes | str, str]:
    """The file of one view and the stem of its name; CommandError naming what is wrong."""
    try:
        options, focus = map_view(debate, query)
    except Claim.DoesNotExist as error:
        raise _unknown("claim", [query.get("claim", "")], debate.claims.shown()) from error
    except ParameterError as error:
        raise CommandError(str(error)) from error
    _check_named(debate, options)
    try:
        content = map_file(debate, options, focus, extension, site)
    except (ParameterError, MapUnavailable, MapBusy) as error:
        raise CommandError(str(error)) from error
    return content, options.file_stem(debate.slug)


def _check_named(debate: Debate, options: MapOptions) -> None:
    """The participants, source and branches the view names are the debate's (`build_map`
    refuses them too, but does not list the right ones: a command line is typed again)."""
    named = [
        ("participant", options.participants, debate.participants.all()),
        ("source", (options.source,) if options.source else (), debate.sources.all()),
        ("expand", options.expand, debate.claims.shown()),
    ]
    for name, slugs, rows in named:
        if slugs:
            known = set(rows.filter(slug__in=slugs).values_list("slug", flat=True))
            if unknown := [slug for slug in slugs if slug not in known]:
                raise _unknown(name, unknown, rows)


def _unknown(name: str, slugs: list[str], rows) -> CommandError:
    return CommandError(
        _("--%(name)s: nothing in this debate is called %(unknown)s. It has: %(slugs)s.")
        % {
            "name": name,
            "unknown": ", ".join(f"“{slug[:200]}”" for slug in slugs),
            "slugs": _listed(rows.order_by("slug").values_list("slug", flat=True)),
        }
    )


def _each_slugs(debate: Debate, each: str) -> list[str]:
    """The participants, sources or theses whose maps `--each` draws: those the debate's
    page lists (its theses: the shown claims that support or object to nothing)."""
    if each == "participant":
        rows = debate.participants.annotate_claim_counts()
    elif each == "source":
        rows = debate.sources.in_date_order()
    else:
        rows = debate.claims.shown().theses().with_argument_counts().most_argued_first()
    return list(rows.values_list("slug", flat=True))


def _listed(slugs) -> str:
    slugs = list(slugs[: LISTED + 1])
    text = ", ".join(slugs[:LISTED]) or _("none")
    return text + (", …" if len(slugs) > LISTED else "")


def _extension_of(output: str) -> str:
    suffix = Path(output).suffix.lstrip(".").lower()
    return suffix if suffix in EXPORTS else ""


def _write(path: Path, content: bytes | str) -> int:
    """Written whole or not at all: a file cut short by an error would pass for a map."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise CommandError(
            _("Cannot write %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error
    return len(data)


def _to_stdout(stdout, content: bytes | str) -> None:
    """Bytes as they are (a PNG piped into another program), text in UTF-8."""
    stream = getattr(stdout, "_out", sys.stdout)
    if not hasattr(stream, "buffer") and isinstance(content, str):
        stream.write(content)  # a text stream alone (a StringIO)
        return
    data = content.encode("utf-8") if isinstance(content, str) else content
    stream.flush()
    stream.buffer.write(data)
    stream.buffer.flush()
