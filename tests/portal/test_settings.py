"""Production settings pass Django's deployment checklist; every response carries the CSP."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCAL_ONLY_VARIABLES = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
PRODUCTION_SECRETS = {
    "SECRET_KEY": "x7#pQ2!vL9@mZ4$wK8^rT1&yB6*nH3(jF5)gD0_sA-eC+uV=iO~lP",
    "STRIPE_SECRET_KEY": "sk_live_maillon",
    "STRIPE_WEBHOOK_SECRET": "whsec_maillon",
    "TAX_ENCRYPTION_KEYS": "i2QddUE58pKUwo0GuYMlMcU8jHBKTOT5YaIspP2e2FY=",
}


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            **{k: v for k, v in os.environ.items() if k not in LOCAL_ONLY_VARIABLES},
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            **env,
        },
        timeout=120,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION_SECRETS,
        ALLOWED_HOSTS="maillon.be",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_its_secrets(tmp_path):
    result = manage(
        "check", ALLOWED_HOSTS="maillon.be", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}"
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


@pytest.mark.parametrize(
    "missing", ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "TAX_ENCRYPTION_KEYS"]
)
def test_production_refuses_to_start_without_stripe_secrets(tmp_path, missing):
    secrets = {name: value for name, value in PRODUCTION_SECRETS.items() if name != missing}
    result = manage(
        "check",
        **secrets,
        ALLOWED_HOSTS="maillon.be",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **{missing: ""},
    )
    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


@pytest.mark.django_db
def test_content_security_policy_on_public_pages(client, site):
    response = client.get("/fr/")
    policy = response["Content-Security-Policy"]
    for directive in (
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "default-src 'self'",
    ):
        assert directive in policy
    assert "cdn" not in policy


def test_no_cdn_anywhere_in_templates_or_static():
    offenders = []
    for folder in ("templates", "assets"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".html", ".css", ".js"}:
                text = path.read_text(errors="ignore")
                if any(
                    host in text
                    for host in ("cdn.", "cdnjs", "unpkg.com", "jsdelivr", "googleapis.com")
                ):
                    offenders.append(str(path))
    assert offenders == []


@pytest.mark.django_db
def test_only_the_admin_may_run_inline_scripts(client, editor):
    client.force_login(editor)
    assert (
        "'unsafe-inline'"
        in client.get("/admin/")["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    )
    assert (
        "'unsafe-inline'"
        not in client.get("/fr/")["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    )


REDIS_TEST_URL = "redis://127.0.0.1:6379/5"


def redis_is_up():
    import redis

    try:
        return redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        return False


def test_two_app_processes_share_sessions_and_cache_through_redis(tmp_path):
    """Two production processes, each with a database of its own, so that only Redis links
    them: the second reads the session and the cache entry the first wrote."""
    if not redis_is_up():
        if os.environ.get("CI"):
            pytest.fail("CI must start Redis on 127.0.0.1:6379.")
        pytest.skip("needs Redis on 127.0.0.1:6379")

    def process(name, code):
        database = f"sqlite:///{tmp_path / name}.sqlite3"
        env = {
            **PRODUCTION_SECRETS,
            "ALLOWED_HOSTS": "maillon.be",
            "DATABASE_URL": database,
            "REDIS_URL": REDIS_TEST_URL,
        }
        migrated = manage("migrate", "sessions", "--no-input", **env)
        assert migrated.returncode == 0, migrated.stderr
        result = manage("shell", "--no-imports", "-c", code, **env)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    key = process(
        "first",
        "from django.conf import settings\n"
        "from django.core.cache import cache\n"
        "from importlib import import_module\n"
        "s = import_module(settings.SESSION_ENGINE).SessionStore()\n"
        "s['member'] = 'member@maillon.be'\n"
        "s.create()\n"
        "cache.set('shared-' + s.session_key, 'from the first process')\n"
        "print(s.session_key)",
    )
    read = process(
        "second",
        "from importlib import import_module\n"
        "from django.conf import settings\n"
        "from django.core.cache import cache\n"
        f"s = import_module(settings.SESSION_ENGINE).SessionStore('{key}')\n"
        f"print(s.get('member'), cache.get('shared-{key}'))",
    )
    assert read == "member@maillon.be from the first process"
