"""Local development: `make run`, on the embedded defaults (SQLite, console e-mail, localstripe)."""

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, MEDIA_STORAGE, env

DEBUG = True
SECRET_KEY = env("SECRET_KEY") or "dev-only-not-secret-maillon"  # noqa: S105
ALLOWED_HOSTS = env("ALLOWED_HOSTS") or ["127.0.0.1", "localhost", "[::1]"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STRIPE_API_BASE = env("STRIPE_API_BASE") or "http://127.0.0.1:8420"
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY") or "sk_test_maillon_localstripe"  # noqa: S105
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY") or "pk_test_maillon_localstripe"
STRIPE_JS_URL = (
    STRIPE_API_BASE + "/js.stripe.com/v3/"
    if env("STRIPE_JS_URL") == "https://js.stripe.com/v3/"
    else env("STRIPE_JS_URL")
)
_stripe_origin = "/".join(STRIPE_JS_URL.split("/")[:3])
for _directive in ("script-src", "connect-src", "frame-src"):
    CONTENT_SECURITY_POLICY["DIRECTIVES"][_directive] = ["'self'", _stripe_origin]
# runserver serves static files itself; WhiteNoise is for collected files in production.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405

# `make run` has no worker: run tasks (e-mails, search indexing) as they are enqueued.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A fixed key for the demo and the tests only: production refuses to start without its own.
TAX_ENCRYPTION_KEYS = env("TAX_ENCRYPTION_KEYS") or ["ZGV2LW9ubHktbm90LXNlY3JldC1tYWlsbG9uLXRheC0="]
