"""Pantau settings: one module, every difference between machines comes from the environment.

See `.env.example` for each variable. The embedded default (no variables set) is a SQLite file
and Celery in eager mode, so a first run needs no server.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import environ
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
    "django.contrib.admin",
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
    "apps.core.middleware.ControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "apps.accounts.middleware.SessionTimeoutMiddleware",
    "apps.accounts.middleware.UserLanguageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "apps.core.middleware.ContentSecurityPolicyMiddleware",
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

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://pantau")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses logins of a locked-out username + address.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
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

# Static files: our own under static/, front-end packages straight from node_modules (npm ci).
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [BASE_DIR / "static"]
_NPM_PACKAGES = {
    "vendor/chartjs": BASE_DIR / "node_modules" / "chart.js" / "dist",
    "vendor/bootstrap": BASE_DIR / "node_modules" / "bootstrap" / "dist",
    "vendor/htmx": BASE_DIR / "node_modules" / "htmx.org" / "dist",
}
STATICFILES_DIRS += [(prefix, path) for prefix, path in _NPM_PACKAGES.items() if path.is_dir()]
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
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
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
        "have a stale write refused with 412. Writes without If-Match are accepted."
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

# Content Security Policy: no inline scripts or styles anywhere in Pantau's own pages. The admin
# and the third-party API documentation pages need inline styles, and get only that.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'; object-src 'none'"
)
CONTENT_SECURITY_POLICY_RELAXED = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
).replace("img-src 'self' data:", "img-src 'self' data: blob:")
CONTENT_SECURITY_POLICY_RELAXED_PATHS = ("/admin/", "/api/v1/docs/", "/api/v1/redoc/")

# Security: production runs with DEBUG off behind TLS; these follow the environment.
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
# Container and load-balancer health checks call /healthz over plain HTTP inside the network: a
# redirect to https would make them fail.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
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
