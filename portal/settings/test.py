"""The test suite: fast hashing, local-memory cache, e-mail kept in memory, tasks run at once."""

import os
import tempfile

from .dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Every test client pledges from 127.0.0.1: the tests of the throttle lower the rate themselves.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"pledges": "100000/hour"},
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not Django's shared in-memory database: the concurrency tests' threads each open
    # their own connection, and shared-cache memory databases fail them with table locks
    # instead of waiting. One file per process, so parallel runs never share one.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"maillon-test-{os.getpid()}.sqlite3")
    }
    # The live server answers a browser's requests in parallel threads, each its own
    # connection: a write waits for a concurrent read rather than failing on a loaded machine.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 30  # noqa: F405
# Pages are rendered afresh for every request, as most tests expect; the page cache's own tests
# (tests/*/test_page_cache.py) turn it on.
PAGE_CACHE_TIMEOUT = 0
