"""`<id:pk>` in URLs: a database id, at most 18 digits, so it always fits a 64-bit column.

Django's `<int:…>` takes any number of digits; SQLite then refuses the query with an
OverflowError (a 500) instead of finding nothing. A longer number simply matches no URL (404).
"""

from django.urls.converters import IntConverter


class IdConverter(IntConverter):
    regex = "[0-9]{1,18}"
