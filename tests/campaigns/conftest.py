"""Campaign fixtures: a live campaign in Nest'up's section, its tiers, and a local Stripe.

Each test session starts its own localstripe on a free port, so parallel runs never share one.
"""

import hashlib
import hmac
import json
import socket
import subprocess
import sys
import time
import uuid

from wagtail.models import Locale

import pytest
import requests

from tests.factories.campaigns import CampaignPageFactory, RewardTierFactory

WEBHOOK_SECRET = "whsec_maillon_tests"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe():
    """The base URL of a localstripe of this session's own."""
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "campaigns.localstripe_server", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _attempt in range(100):
        try:
            requests.get(f"{base}/v1/customers", auth=("sk_test", ""), timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("localstripe did not start")
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(autouse=True)
def stripe_settings(settings, localstripe):
    settings.STRIPE_API_BASE = localstripe
    settings.STRIPE_SECRET_KEY = "sk_test_maillon"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_maillon"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_JS_URL = f"{localstripe}/js.stripe.com/v3/"
    return settings


def signed_event(event_type, obj, event_id=None):
    """An event as Stripe would post it, signed with Stripe's scheme (for events localstripe
    does not emit): returns (payload, headers) for the test client."""
    payload = json.dumps(
        {
            "id": event_id or f"evt_{uuid.uuid4().hex[:24]}",
            "object": "event",
            "type": event_type,
            "created": int(time.time()),
            "data": {"object": obj},
        }
    )
    timestamp = int(time.time())
    signature = hmac.new(
        WEBHOOK_SECRET.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256
    ).hexdigest()
    return payload, {"Stripe-Signature": f"t={timestamp},v1={signature}"}


def post_event(client, event_type, obj, event_id=None):
    payload, headers = signed_event(event_type, obj, event_id)
    return client.post(
        "/stripe/webhook/", payload, content_type="application/json", headers=headers
    )


def stripe_get(localstripe, path):
    return requests.get(f"{localstripe}{path}", auth=("sk_test_maillon", ""), timeout=5).json()


def translate_snippet(snippet, language_code, **fields):
    """A translated copy of a category or territory (wagtail-localize links it by its key)."""
    copy = snippet.copy_for_translation(Locale.objects.get(language_code=language_code))
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy


@pytest.fixture
def campaign(operator):
    return CampaignPageFactory(parent=operator, title="Vélo-atelier de Namur", slug="velo-atelier")


@pytest.fixture
def flexible_campaign(operator):
    return CampaignPageFactory(
        parent=operator, title="Potager partagé", slug="potager", funding_model="flexible"
    )


@pytest.fixture
def limited_tier(campaign):
    return RewardTierFactory(
        campaign=campaign, title="Atelier privé", minimum_amount=5_000, limit=10
    )


def restore_migrations_data():
    """Transactional tests empty every table afterwards: put back what migrations created."""
    from wagtail.models import Collection, Page
    from wagtail_localize.models import LocaleSynchronization

    french, _created = Locale.objects.get_or_create(language_code="fr")
    for code in ("nl", "de", "en"):
        locale, _created = Locale.objects.get_or_create(language_code=code)
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": french})
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=french))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")


@pytest.fixture
def threads_db(transactional_db):
    """For tests that pledge from several threads: real transactions, each thread its own
    connection (PostgreSQL, or SQLite in a file: see portal/settings/test.py)."""
    restore_migrations_data()
