"""What graph formats in JSON (AIF, SADFace) share: naming a value's JSON type in a
problem, checking that their sections are lists, and reading an id that some tools write as
a string and others as a number."""

from __future__ import annotations


def json_type(value) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def node_id(value) -> str | None:
    """A node, edge, person or resource id as a string (AIFdb and SADFace write strings,
    OVA often integers), or None when it is no id at all."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def list_field_problems(data: dict, names: tuple[str, ...]) -> list[str]:
    """A problem for each of `names` present in `data` but not a list."""
    return [
        f"field {name}: expected a list, found a {json_type(data[name])}"
        for name in names
        if data.get(name) is not None and not isinstance(data[name], list)
    ]
