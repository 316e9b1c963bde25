"""The API's docs at /api/docs/: the OpenAPI schema's operations, listed on a page of the site.

A server-rendered page rather than Swagger UI: Swagger UI nests links inside its buttons, has
no landmarks nor page language, and its colours fail the contrast WCAG asks for; none of it
can be fixed from outside. This page is built from the same schema as /api/schema/, so it
cannot drift from it. The schema is written in English: it is generated, and shown, in English
whatever the site's language (the page says so with lang="en").
"""

from django.shortcuts import render
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


def component(schema: dict | None) -> str:
    """The name of the component a request or response body refers to, or its type."""
    if not schema:
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"array of {component(schema.get('items'))}"
    return schema.get("type", "")


def bodies(content: dict) -> list[dict]:
    return [
        {"media_type": media_type, "schema": component(body.get("schema"))}
        for media_type, body in content.items()
    ]


def operations_by_tag(schema: dict) -> list[dict]:
    tags: dict[str, list[dict]] = {}
    for path, methods in schema["paths"].items():
        for method in METHODS:
            operation = methods.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["api"])[0]
            tags.setdefault(tag, []).append(
                {
                    "id": operation["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "in": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": component(parameter.get("schema")),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "request": bodies(operation.get("requestBody", {}).get("content", {})),
                    "responses": [
                        {
                            "status": status,
                            "description": response.get("description", ""),
                            "bodies": bodies(response.get("content", {})),
                        }
                        for status, response in operation.get("responses", {}).items()
                    ],
                }
            )
    return [{"name": name, "operations": tags[name]} for name in sorted(tags)]


def docs(request):
    with translation.override("en"):
        schema = SchemaGenerator().get_schema(request=None, public=True)
    return render(
        request,
        "api/docs.html",
        {"info": schema["info"], "tags": operations_by_tag(schema)},
    )
