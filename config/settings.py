"""Pantau settings: one module, every difference between machines comes from the environment.

See `.env.example` for each variable. The embedded default (no variables set) is a SQLite file
and Celery in eager mode, so a first run needs no server.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
# Keys that are known to everyone: .env.example's placeholder, Django's development keys.
_PUBLIC_KEY_MARKS = ("change-me", "django-insecure")
if not DEBUG and any(mark in SECRET_KEY for mark in _PUBLIC_KEY_MARKS):
    raise ImproperlyConfigured(
        "SECRET_KEY is a placeholder (from .env.example or a development default). With DEBUG "
        "off, set it to a long random string, e.g. the output of "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off Pantau needs SECRET_KEY in the environment "
            "(or in .env); see .env.example. For local development set DEBUG=true instead."
        )
    # Development only: a fixed key is harmless when DEBUG is on and nothing is public.
    SECRET_KEY = "django-insecure-pantau-development-key"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django's admin, on a site that asks staff for their second factor (apps/accounts/apps.py).
    "apps.accounts.apps.PantauAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "apps.core",
    "apps.accounts",
    "apps.programmes",
    "apps.stakeholders",
    "apps.obstacles",
    "apps.evidence",
    "apps.assessments",
    "apps.workspace",
    "apps.dashboards",
    "apps.jobs",
]

MIDDLEWARE = [
    "apps.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before any middleware that may answer by itself, so that every page carries the policy.
    "apps.core.middleware.ContentSecurityPolicyMiddleware",
    "apps.core.middleware.ControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "apps.workspace.api.throttling.RateLimitHeadersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks the user verified when this session confirmed a TOTP code (user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "apps.accounts.middleware.SessionTimeoutMiddleware",
    # After the timeouts: a session they end needs no second factor.
    "apps.accounts.middleware.TwoFactorRequiredMiddleware",
    "apps.accounts.middleware.UserLanguageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "apps.core.middleware.PrivacyHeadersMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "apps.workspace.context_processors.navigation",
            ],
        },
    },
]

# Database: a SQLite file unless DATABASE_URL points elsewhere (PostgreSQL via psycopg 3).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db' / 'pantau.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
else:
    # Persistent connections (re-checked before reuse) instead of one connection per request.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the API's rate-limit counts and the sign-in slowdowns, so it must be one store
# for every process that serves the site: Redis when CACHE_URL names it (compose does), else a
# table of the site's own database (made by the core migrations). Never a per-process memory.
CACHE_TABLE = "pantau_cache"
CACHES = {"default": env.cache_url("CACHE_URL", default=f"dbcache://{CACHE_TABLE}")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
    # The same table, with increments that count every call under concurrency; expired rows
    # are purged every 5 minutes (beat), never live ones by Django's cull.
    CACHES["default"]["BACKEND"] = "apps.core.cache.DatabaseCache"
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 1_000_000)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses logins of a locked-out username + address.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# A lock-out by username + client address only: a stranger's failures never lock the real user
# out. Slowdowns per username and per address come on top (apps.accounts.login_guard).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "apps.core.clients.client_address"
LOGIN_USERNAME_FREE_FAILURES = env.int("LOGIN_USERNAME_FREE_FAILURES", default=10)
LOGIN_USERNAME_MAX_DELAY = env.int("LOGIN_USERNAME_MAX_DELAY", default=60)
LOGIN_ADDRESS_FREE_FAILURES = env.int("LOGIN_ADDRESS_FREE_FAILURES", default=10)
LOGIN_ADDRESS_MAX_DELAY = env.int("LOGIN_ADDRESS_MAX_DELAY", default=15 * 60)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
LOGIN_URL = "login"
# Two-factor sign-in (django-otp, TOTP): whether staff must use it is a database flag set by
# `manage.py require_totp --staff on|off`, so it needs no restart. The issuer names Pantau in the
# authenticator app; the admin never shows a device's secret key.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Pantau")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# A wrong code makes the device wait 2**(n-1) seconds before it checks the next one.
OTP_TOTP_THROTTLE_FACTOR = 1
# The code step of a sign-in must follow the password step within this many seconds.
SIGN_IN_CODE_TIMEOUT = 5 * 60
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# A form sent without a valid CSRF token gets Pantau's page (reload, sign in again), not Django's.
CSRF_FAILURE_VIEW = "apps.core.errors.csrf_failure"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("id", _("Indonesian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True

# Static files: our own under static/, and build/static/, which `npm run build` (make setup, the
# image) makes from the npm packages: the Bootstrap subset compiled from its Sass sources
# (frontend/bootstrap.scss) and the vendor scripts the pages load (frontend/build.mjs). Under
# the development server WhiteNoise serves them from there, with the gzip and Brotli copies
# `make setup` writes beside them; collectstatic compresses every file for production.
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Before `make setup` has built it, Django's check staticfiles.W004 says the folder is missing.
FRONTEND_BUILD = BASE_DIR / "build" / "static"
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [BASE_DIR / "static", FRONTEND_BUILD]
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "apps.core.storage.StaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Stored (uploaded) files; `manage.py backup` archives them with the database.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "media/"

# Celery: no broker configured means tasks run eagerly in-process (embedded default).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# At-least-once delivery (docs/reliability.md): a task is acknowledged only once it has run, a
# task whose worker process died goes back to the queue, and a task whose whole worker was killed
# (SIGKILL, a lost container) is handed out again by Redis once the visibility timeout has passed.
# The timeout must outlast the longest task, or a task still running would be run twice at once:
# the hard time limit keeps every task shorter (a system check compares the two). Every task is
# idempotent, so running one again is safe.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=10 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT * 9 // 10
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=15 * 60),
    # Look for such tasks every 10 s (kombu's default scans only every 10th sweep).
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# Outbox events whose after-commit dispatch did not reach the broker are swept up every minute.
CELERY_BEAT_SCHEDULE = {
    "dispatch-pending-outbox-events": {
        "task": "apps.core.tasks.dispatch_pending_outbox_events",
        "schedule": 60.0,
    },
    "purge-expired-cache-entries": {
        "task": "apps.core.tasks.purge_expired_cache_entries",
        "schedule": 300.0,
    },
}

# Browser features no Pantau page uses, switched off for every page.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Where the API lives (its errors are JSON), and the largest request body it reads.
API_PATH_PREFIX = "/api/"
API_MAX_BODY_BYTES = 1024 * 1024
# Deeper JSON than this is refused: no Pantau record nests beyond a few levels.
API_MAX_JSON_DEPTH = 32

# Password-reset mail: printed on the console unless a mail server is configured.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="pantau@localhost")

# Browser sessions end after 30 minutes without a request, and after 12 hours in all.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_COOKIE_AGE = env.int("SESSION_MAX_AGE", default=12 * 60 * 60)

REST_FRAMEWORK = {
    "DEFAULT_PARSER_CLASSES": [
        "apps.workspace.api.parsers.JSONParser",
        "apps.workspace.api.parsers.FormParser",
        "apps.workspace.api.parsers.MultiPartParser",
    ],
    # Token first: its WWW-Authenticate header makes an unauthenticated API call a 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "apps.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "apps.accounts.permissions.TokenScopePermission",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "apps.workspace.api.pagination.StandardPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "apps.workspace.api.throttling.AnonymousRateThrottle",
        "apps.workspace.api.throttling.TokenRateThrottle",
        "apps.workspace.api.throttling.SessionUserRateThrottle",
    ],
    "EXCEPTION_HANDLER": "apps.workspace.api.exceptions.api_exception_handler",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "COERCE_DECIMAL_TO_STRING": True,
}
# Requests per client address (anonymous), per API token, and per signed-in browser user.
PANTAU_THROTTLE_RATES = {
    "anon": env.str("THROTTLE_ANON", default="60/minute"),
    "token": env.str("THROTTLE_TOKEN", default="1200/minute"),
    "user": env.str("THROTTLE_USER", default="1200/minute"),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Pantau API",
    "DESCRIPTION": (
        "Programme results frameworks, obstacles, stakeholders, evidence and Matland "
        "ambiguity–conflict assessments. Authenticate with `Authorization: Bearer <token>` "
        "(create tokens at /account/tokens/ or POST /api/v1/tokens/). Detail responses carry an "
        "ETag with the record's version; send it back as If-Match on PUT, PATCH and DELETE to "
        "have a stale write refused with 412. Writes without If-Match are accepted. Answers a "
        "rate applied to carry RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset and "
        "RateLimit-Policy; every answer carries X-Request-ID, and every error body its request_id."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No call to the online validator at swagger.io: the docs work without leaving the site.
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.workspace.api.schema.document_common_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ProgrammeStatusEnum": "apps.programmes.choices.ProgrammeStatus",
        "TitleLanguageEnum": "apps.core.models.TitleLanguage",
        "OutputStatusEnum": "apps.programmes.choices.OutputStatus",
        "ObstacleStatusEnum": "apps.obstacles.choices.ObstacleStatus",
        "StakeholderStanceEnum": "apps.stakeholders.choices.Stance",
        "EvidenceStanceEnum": "apps.evidence.choices.Stance",
        "InvolvementRoleEnum": "apps.stakeholders.choices.InvolvementRole",
        "MembershipRoleEnum": "apps.accounts.choices.Role",
        "QuadrantEnum": "apps.assessments.choices.QuadrantChoice",
        "ItemScoreEnum": "apps.assessments.choices.ItemScore",
        "DimensionEnum": "apps.obstacles.choices.Dimension",
        "SourceKindEnum": "apps.evidence.choices.SourceKind",
        "StakeholderKindEnum": "apps.stakeholders.choices.StakeholderKind",
    },
}

# Content Security Policy (django-csp): no inline scripts or styles anywhere in Pantau's own
# pages, nothing from another origin, no framing. The admin and the third-party API documentation
# pages need inline styles (and blob: images), and only they get that addition.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
    },
}
CONTENT_SECURITY_POLICY_RELAXED_PATHS = ("/admin/", "/api/v1/docs/", "/api/v1/redoc/")
CONTENT_SECURITY_POLICY_RELAXED_ADDITIONS = {"style-src": [UNSAFE_INLINE], "img-src": ["blob:"]}

# Security: production runs with DEBUG off behind TLS; these follow the environment.
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
# Container and load-balancer health checks call /healthz over plain HTTP inside the network: a
# redirect to https would make them fail.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Asking browsers to preload HSTS commits the whole registered domain to HTTPS for a long time
# and is the domain owner's decision, not Pantau's; off is a choice, so `check --deploy` is not
# to warn about it (security.W021) while the rest of its deployment checks stay on.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
# How many proxies of our own stand in front of the site, each appending to X-Forwarded-For; the
# client's address is read that many entries from the right (apps.core.clients).
TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=1 if BEHIND_TLS_PROXY else 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "apps.core.middleware.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # django-axes logs every login at INFO; failures and lockouts are warnings.
    "loggers": {"axes": {"level": "WARNING"}},
}
