"""Production: secrets have no default; refuse to start without them."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    SECRET_KEY,
    STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET,
    TAX_ENCRYPTION_KEYS,
    env,
)

for _name, _value in {
    "SECRET_KEY": SECRET_KEY,
    "ALLOWED_HOSTS": ALLOWED_HOSTS,
    # Without them every pledge fails, and the webhook cannot tell Stripe from a forger.
    "STRIPE_SECRET_KEY": STRIPE_SECRET_KEY,
    "STRIPE_WEBHOOK_SECRET": STRIPE_WEBHOOK_SECRET,
    # The donors' national numbers are stored encrypted with it (tax.crypto).
    "TAX_ENCRYPTION_KEYS": TAX_ENCRYPTION_KEYS,
}.items():
    if not _value:
        raise ImproperlyConfigured(f"{_name} must be set in production.")
if "DATABASE_URL" not in env.ENVIRON:
    raise ImproperlyConfigured("DATABASE_URL must be set in production.")

DEBUG = False
