"""Benchmarks: the dev settings with production's moving parts (tasks queued, no debug)."""

from .dev import *  # noqa: F403

DEBUG = False
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# bench/pledges.py posts hundreds of pledges from one address: it measures pledging, not the
# per-client throttle.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"pledges": "1000000/hour"}}  # noqa: F405
