"""Benchmarks: the dev settings with production's moving parts (tasks queued, no debug)."""

from .dev import *  # noqa: F403

DEBUG = False
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
