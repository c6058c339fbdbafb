"""The OpenAPI schema of /api/v1/ (drf-spectacular): every operation lists its error answers.

They all share one shape, `{"errors": {field: [messages]}}`, so that a client generated from
the schema knows what a refusal looks like, and a schema-driven fuzz can check every answer.
"""

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import inline_serializer
from rest_framework import permissions, serializers

ERRORS = inline_serializer(
    "Errors",
    {
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            help_text="Messages by field (`non_field_errors` for the request as a whole), "
            "in the request's Accept-Language.",
        )
    },
)
ANSWERS = {
    "400": "Malformed request: invalid JSON, parameter or field.",
    "401": "Not logged in: log in through the portal (session cookie) and retry.",
    "403": "Logged in but not allowed: e-mail not confirmed, not yours, or CSRF token missing.",
    "404": "No such object or page of results, or not visible to you.",
    "409": "Conflicts with the current state (already signed up, full, already flagged…).",
    "429": "Too many requests: wait and retry.",
}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class MemberSessionScheme(SessionScheme):
    """The member's session cookie, as drf-spectacular documents Django's session log-in."""

    target_class = "portal.authentication.MemberSessionAuthentication"


class PortalAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code not in responses:
                responses[code] = self._get_response_for_code(ERRORS, code, direction=direction)
                responses[code]["description"] = ANSWERS[code]
        return responses

    def _error_codes(self):
        codes = ["400", "403", "404", "429"]
        if self._needs_login():
            codes.append("401")
        if self.method in UNSAFE:
            codes.append("409")
        return sorted(codes)

    def _needs_login(self):
        return any(
            not isinstance(permission, permissions.AllowAny)
            for permission in self.view.get_permissions()
        )
