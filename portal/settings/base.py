"""Settings safe for production. Every environment variable is read here, once.

dev.py, test.py and production.py adjust these; none of them reads the environment again.
"""

import datetime
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    SECRET_KEY=(str, ""),
    ALLOWED_HOSTS=(list, []),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    REDIS_URL=(str, ""),
    BASE_URL=(str, "http://127.0.0.1:8000"),
    DEFAULT_FROM_EMAIL=(str, "Maillon <noreply@maillon.be>"),
    EMAIL_URL=(str, "consolemail://"),
    MEDIA_ROOT=(str, str(BASE_DIR / "media")),
    STATIC_ROOT=(str, str(BASE_DIR / "static")),
    STRIPE_SECRET_KEY=(str, ""),
    STRIPE_PUBLISHABLE_KEY=(str, ""),
    STRIPE_WEBHOOK_SECRET=(str, ""),
    STRIPE_API_BASE=(str, ""),
    STRIPE_JS_URL=(str, "https://js.stripe.com/v3/"),
    SEARCH_BACKEND=(str, "database"),
    ELASTICSEARCH_URL=(str, ""),
    ELASTICSEARCH_INDEX_PREFIX=(str, "maillon"),
    SECURE_SSL_REDIRECT=(bool, True),
    SECURE_HSTS_SECONDS=(int, 31536000),
    AWS_STORAGE_BUCKET_NAME=(str, ""),
    AWS_S3_ENDPOINT_URL=(str, ""),
    AWS_S3_REGION_NAME=(str, ""),
    AWS_ACCESS_KEY_ID=(str, ""),
    AWS_SECRET_ACCESS_KEY=(str, ""),
    AWS_S3_CUSTOM_DOMAIN=(str, ""),
    AWS_QUERYSTRING_AUTH=(bool, True),
    NUM_PROXIES=(int, 1),
    PAGE_CACHE_TIMEOUT=(int, 600),
    PAGE_CACHE_MAX_AGE=(int, 30),
    PAGE_CACHE_S_MAXAGE=(int, 60),
    FRONTEND_CACHE_PURGE_URL=(str, ""),
    TAX_ENCRYPTION_KEYS=(list, []),
)
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(env_file)

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = env("BASE_URL")

INSTALLED_APPS = [
    "portal",
    "campaigns",
    "lab",
    "search",
    "tax",
    "projects",
    "members",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "django_comments_xtd",
    "django_comments",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
]

MIDDLEWARE = [
    "portal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.AdminScriptPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Site forms render through templates/forms/ (error summary, errors tied to their fields).
FORM_RENDERER = "portal.forms.FormRenderer"

DATABASES = {"default": env.db_url_config(env("DATABASE_URL"))}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = (
    60 if DATABASES["default"]["ENGINE"].endswith("postgresql") else 0
)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite has no row locks (select_for_update is a no-op there): every transaction takes the
    # write lock when it begins (IMMEDIATE), so pledges and sign-ups queue one behind the other
    # instead of failing with "database is locked" when a reader tries to become a writer. A
    # waiting writer gives up after `timeout` seconds; WAL lets readers go on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
        }
    }

# Whole pages for anonymous visitors (portal.pagecache): seconds in the cache above (0 turns it
# off; entries are dropped as soon as anything they show changes), then what browsers
# (max-age) and shared caches (s-maxage) may keep. A reverse proxy that accepts HTTP PURGE
# requests (Varnish, nginx) is purged on publish and when money moves via FRONTEND_CACHE_PURGE_URL.
PAGE_CACHE_TIMEOUT = env("PAGE_CACHE_TIMEOUT")
PAGE_CACHE_MAX_AGE = env("PAGE_CACHE_MAX_AGE")
PAGE_CACHE_S_MAXAGE = env("PAGE_CACHE_S_MAXAGE")
WAGTAILFRONTENDCACHE = (
    {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
        }
    }
    if env("FRONTEND_CACHE_PURGE_URL")
    else {}
)

# Members' sessions are read from the cache (written through to the database): one query less
# on every page a member sees.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# Members: django-allauth, e-mail as the identity, confirmed before first log-in.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.SignupForm"
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "5/h/ip,3/h/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Maillon] "

# Staff log in where members do, so the admin gets the same rate limiting and the same
# e-mail confirmation; /admin/login/ and /admin/password_reset/ redirect there (portal.urls).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False

LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", "Français"),
    ("nl", "Nederlands"),
    ("de", "Deutsch"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT")
STATICFILES_DIRS = [BASE_DIR / "assets"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT")
# Uploaded media: local disk by default; an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is
# set, so that every app process behind the load balancer sees the same files.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME") or None,
            "access_key": env("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env("AWS_SECRET_ACCESS_KEY") or None,
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": env("AWS_QUERYSTRING_AUTH"),
            "file_overwrite": False,
            "default_acl": None,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_CONFIG = env.email_url_config(env("EMAIL_URL"))
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

WAGTAIL_SITE_NAME = "Maillon"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILAPI_BASE_URL = env("BASE_URL")
WAGTAILAPI_LIMIT_MAX = 100

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "portal.schema.PortalAutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["portal.authentication.MemberSessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "portal.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "portal.api.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    # Per member, or per client address for guests, in the shared cache (Redis in production).
    "DEFAULT_THROTTLE_RATES": {"pledges": "10/hour"},
    # Proxies in front of the WSGI server: the client's address is the one they saw, not
    # whatever an X-Forwarded-For header claims.
    "NUM_PROXIES": env("NUM_PROXIES"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Maillon API",
    "DESCRIPTION": "The portal's own API: pledges, volunteer sign-ups, team applications, "
    "advice and search. Pages are served by the Wagtail API at /api/v2/.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["portal.api.only_portal_api"],
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2
COMMENTS_XTD_CONFIRM_EMAIL = False

# How long a pledge still waiting for its card holds a place in a limited reward tier.
PLEDGE_CHECKOUT_WINDOW = datetime.timedelta(minutes=15)

# Tax attestations for gifts (the tax app, docs/tax-attestations.md). Fernet keys, newest first:
# the first encrypts the donors' national numbers, all of them decrypt.
TAX_ENCRYPTION_KEYS = env("TAX_ENCRYPTION_KEYS")
# The tax reduction for gifts, in percent, per calendar year of the gift (set by law per income
# year); a year missing here shows no "costs you after tax" figure.
TAX_REDUCTION_RATES = {2023: 45, 2024: 45, 2025: 45, 2026: 45}
# A year's gifts give an attestation from this total per beneficiary and donor (euro cents).
TAX_ATTESTATION_MINIMUM = 4_000
# National numbers and donor addresses are erased this many full years after the gift's year
# (the tax administration may check a return for up to 7 years: art. 354 CIR 92).
TAX_RETENTION_YEARS = 7

# Outside services, read here for the apps that use them.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET")
STRIPE_API_BASE = env("STRIPE_API_BASE")
STRIPE_JS_URL = env("STRIPE_JS_URL")
# Search: "database" (Wagtail's database backend, the default) or "elasticsearch" (at scale).
SEARCH_BACKEND = env("SEARCH_BACKEND")
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX")
if SEARCH_BACKEND not in ("database", "elasticsearch"):
    raise ImproperlyConfigured("SEARCH_BACKEND must be 'database' or 'elasticsearch'.")
if SEARCH_BACKEND == "elasticsearch" and not ELASTICSEARCH_URL:
    raise ImproperlyConfigured("SEARCH_BACKEND=elasticsearch needs ELASTICSEARCH_URL.")

# One database search backend alias per content language, each with its PostgreSQL text-search
# configuration: the language's stemmer after unaccent (created by search's migrations; SQLite
# ignores it and uses FTS5). "default" serves the admin's search over pages and snippets.
SEARCH_TEXT_CONFIGS = {
    "fr": "maillon_french",
    "nl": "maillon_dutch",
    "de": "maillon_german",
    "en": "maillon_english",
}
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends.database", "SEARCH_CONFIG": "french"},
    **{
        language: {
            "BACKEND": "search.backends.database",
            "SEARCH_CONFIG": config,
            "AUTOCOMPLETE_CONFIG": "maillon_simple",
            "LANGUAGE": language,
            "AUTO_UPDATE": False,
        }
        for language, config in SEARCH_TEXT_CONFIGS.items()
    },
}

# Security: production-safe by default; dev.py relaxes what local HTTP needs.
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS")
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Images served from the bucket (its custom domain, its endpoint, or AWS's own host names).
if not AWS_STORAGE_BUCKET_NAME:
    _media_origins = []
elif env("AWS_S3_CUSTOM_DOMAIN"):
    _media_origins = [f"https://{env('AWS_S3_CUSTOM_DOMAIN')}"]
elif env("AWS_S3_ENDPOINT_URL"):
    _media_origins = ["/".join(env("AWS_S3_ENDPOINT_URL").split("/")[:3])]
else:
    _media_origins = ["https://*.amazonaws.com"]
_stripe_js_origin = "/".join(STRIPE_JS_URL.split("/")[:3]) if "://" in STRIPE_JS_URL else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", _stripe_js_origin] if _stripe_js_origin else ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *_media_origins],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'", _stripe_js_origin] if _stripe_js_origin else ["'self'"],
        "frame-src": ["'self'", _stripe_js_origin] if _stripe_js_origin else ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
