"""Absolute links to pages: on the host the visitor used, or BASE_URL when there is no request.

Wagtail builds them from the Site record, whose hostname and port are whatever they were when
the site was seeded (127.0.0.1:8000 by default): wrong as soon as the portal is served
elsewhere. Web pages and the API follow the request; e-mails and tasks follow BASE_URL.
"""

from django.conf import settings


def absolute_page_url(page, request=None):
    parts = page.get_url_parts(request)
    if parts is None:
        return None
    _site_id, _root_url, path = parts
    base = request.build_absolute_uri("/") if request else settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + path
