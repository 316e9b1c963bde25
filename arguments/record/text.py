"""Text hygiene: what any user text becomes before it is stored. Pure.

NFC; no control characters (a single-line text turns newlines and tabs into spaces; a long
text keeps newlines and tabs); no lone surrogates (they cannot be encoded; each becomes
U+FFFD) and no noncharacters (XML and Graphviz refuse them). What goes to a parser, a map or
an export is then plain text.
"""

from __future__ import annotations

import re
import unicodedata

SURROGATES = re.compile("[\ud800-\udfff]")
NONCHARACTERS = re.compile(
    "[\ufdd0-\ufdef\ufffe\uffff"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
    )
    + "]"
)
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # all but \t \n \r
LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")


def clean_text(value: str, multiline: bool = False) -> str:
    value = SURROGATES.sub("\ufffd", value)
    value = unicodedata.normalize("NFC", value)
    value = NONCHARACTERS.sub("", value)
    value = LINE_BREAKS.sub("\n", value)
    value = CONTROLS.sub("", value)
    if not multiline:
        value = value.replace("\n", " ").replace("\t", " ")
    return value
