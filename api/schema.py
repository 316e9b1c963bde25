"""The API's OpenAPI schema: the refusals, and those any operation of a kind may answer."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

REFUSED = {
    400: OpenApiResponse(description="Invalid input: the errors by field."),
    401: OpenApiResponse(description="Not signed in, or with an unknown token."),
    403: OpenApiResponse(description="Not allowed, or no CSRF token with a session."),
    404: OpenApiResponse(description="No such object, or one the reader may not see."),
    409: OpenApiResponse(description="Someone saved another version since."),
    429: OpenApiResponse(description="Too many writes: wait `Retry-After` seconds."),
}
# Refusals that no annotation needs to name, as any operation of their kind may answer them.
ANY_OPERATION = {"401": "An unknown or inactive user's token, sent with any request."}
FILTERS = {"400": "A filter of the wrong type or out of its choices: the errors by name."}
PAGES = {"404": "No such page: beyond the last one, or not a number from 1."}
OBJECTS = {"404": "No such object, or one the reader may not see."}
BODIES = {"415": "A body without a Content-Type, or of a type the operation does not read."}


def answers(ok: dict, *refusals: int) -> dict:
    """An operation's responses: the successful ones, and the refusals named by code."""
    return {**ok, **{code: REFUSED[code] for code in refusals}}


class ApiSchema(AutoSchema):
    """The schema of every view of the API: with the refusals its kind of operation gives."""

    def _get_response_bodies(self, direction="response"):
        # The hook is private, but the public one (get_response_serializers) is replaced
        # by @extend_schema, and the refusals must be added to annotated operations too.
        responses = super()._get_response_bodies(direction)
        for code, description in self.implied_refusals().items():
            responses.setdefault(code, {"description": description})
        return responses

    def implied_refusals(self) -> dict[str, str]:
        action = getattr(self.view, "action", None)
        if action == "list":
            filtered = FILTERS if getattr(self.view, "filterset_class", None) else {}
            return {**ANY_OPERATION, **filtered, **PAGES}
        if action == "retrieve":
            return {**ANY_OPERATION, **OBJECTS}
        if self.method in ("POST", "PATCH") and self.get_request_serializer() is not None:
            return {**ANY_OPERATION, **BODIES}
        return ANY_OPERATION
