"""/health/ tells a load balancer whether this app process reaches its database and cache."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_healthy_process_answers_200_uncached_unlocalised_without_a_session(client):
    response = client.get(
        "/health/",
        headers={"host": "10.0.0.7", "accept-language": "de", "x-forwarded-proto": "http"},
    )
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert "Content-Language" not in response
    assert "Vary" not in response
    assert not response.cookies


@pytest.mark.django_db
def test_unreachable_cache_answers_503(client, settings):
    """A Redis that is down (nothing listens on the port): the process leaves the rotation."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/5",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}
    assert "no-store" in response["Cache-Control"]


def serve(tmp_path, database_url):
    """A production app process (gunicorn, production settings) on a free port."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "health-test-secret-key-health-test-secret-key-0123",
        "STRIPE_SECRET_KEY": "sk_live_maillon",
        "STRIPE_WEBHOOK_SECRET": "whsec_maillon",
        "TAX_ENCRYPTION_KEYS": "i2QddUE58pKUwo0GuYMlMcU8jHBKTOT5YaIspP2e2FY=",
        "ALLOWED_HOSTS": "maillon.be",
        "DATABASE_URL": database_url,
        "REDIS_URL": "",
    }
    if database_url.startswith("sqlite") and "missing" not in database_url:
        subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, "manage.py", "createcachetable"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, f"http://127.0.0.1:{port}/health/"


def probe(url):
    for _attempt in range(300):
        try:
            return requests.get(url, timeout=60)
        except requests.ConnectionError:
            time.sleep(0.1)
    pytest.fail("gunicorn did not start")


def test_gunicorn_process_reports_its_database_over_plain_http(tmp_path):
    """As the balancer sees it: plain HTTP, by IP, production settings (HTTPS redirect on)."""
    up, up_url = serve(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    down, down_url = serve(tmp_path, f"sqlite:///{tmp_path / 'missing' / 'db.sqlite3'}")
    try:
        healthy = probe(up_url)
        assert healthy.status_code == 200, healthy.text
        assert healthy.json()["database"] == "ok"
        unhealthy = probe(down_url)
        assert unhealthy.status_code == 503
        assert unhealthy.json() == {
            "status": "unavailable",
            "database": "unavailable",
            "cache": "unavailable",
        }
    finally:
        for process in (up, down):
            process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        for process in (up, down):
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
