"""`/health/` for the load balancer: can this app process reach its database and its cache?

A middleware at the top of the stack answers it, before anything a probe must not trigger or
depend on: no HTTPS redirect (the balancer probes over plain HTTP), no host check (it probes
by IP address), no session, no language, no page cache. 200 when both answer, 503 otherwise,
so the balancer takes the process out of rotation.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

PATH = "/health/"


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    """A round trip through the shared cache (Redis in production), with a key of its own."""
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    read = cache.get(key)
    cache.delete(key)
    if read != value:
        raise RuntimeError("the cache did not return what was written")


CHECKS = {"database": check_database, "cache": check_cache}


def health():
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Health check failed: %s", name)
            results[name] = "unavailable"
        else:
            results[name] = "ok"
    healthy = all(result == "ok" for result in results.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "unavailable", **results}, status=200 if healthy else 503
    )
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    """First in MIDDLEWARE: answers /health/ and passes every other request on untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH:
            return health()
        return self.get_response(request)
