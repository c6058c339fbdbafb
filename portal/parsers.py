"""Parsers for /api/v1/ (a module of its own: DRF imports it while loading its settings)."""

from django.utils.translation import gettext as _

from rest_framework import exceptions, parsers


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing documents nested too deeply for Python's decoder.

    `json.loads` raises RecursionError, not ValueError, on `[[[[…]]]]` a few thousand levels
    deep: DRF's parser would let it through as a 500.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise exceptions.ParseError(_("The JSON document is nested too deeply.")) from error
