"""The API's JSON parser: DRF's, refusing with a clear 400 what no text or number can be.

DRF's JSONParser reads `1e400` as infinity, a string holding NUL or a lone surrogate
(`"\\ud800"`, which no database can store) as it is, and lets a body nested 100,000 deep
raise RecursionError (a 500). This one reads the body as the importers read a JSON file
(`arguments.record.files.load_json`): nesting deeper than 100 levels, NaN,
Infinity, numbers beyond a float or a database column, NUL and lone surrogates are each
refused with a ParseError saying what is wrong."""

from __future__ import annotations

import codecs

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from arguments.record.files import load_json


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.getreader(encoding)(stream).read()
            return load_json(text)
        except ValueError as error:  # json.JSONDecodeError and UnicodeDecodeError too
            raise ParseError(_("JSON parse error: %(problem)s") % {"problem": error}) from None
