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


@pytest.mark.parametrize("missing", ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"])
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
