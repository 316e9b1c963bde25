"""Settings for controverse, read from the environment.

Without any variable set, the app runs in development mode on an embedded SQLite file, so
a fresh checkout just runs. Production sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from error


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return float(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}") from error


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "csp",
    "template_partials",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "arguments",
    "accounts",
    "annotations",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Text answers over 1 KB leave gzipped (static files are precompressed by WhiteNoise).
    "debate.compression.TextCompressionMiddleware",
    "csp.middleware.CSPMiddleware",
    "debate.middleware.DatabaseOutageMiddleware",
    # Serves anonymous readers' pages from the shared cache, before sessions and users.
    "arguments.record.reader_cache.ReaderCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A claim's page asked at an address the claim left: a 301 to where it is now.
    "arguments.record.former_addresses.FormerAddressMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it answers a locked-out login after the view has run.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "debate.urls"
WSGI_APPLICATION = "debate.wsgi.application"
ASGI_APPLICATION = "debate.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # `{% personal %}`: the parts of a page stitched in for a signed-in reader.
            # `{{ quotation|emphasis }}`: a quotation's emphasis as the text has it;
            # `{% citing %}`: the "Cite this" box and the head's cards and feed links.
            "libraries": {
                "personal": "arguments.record.personal",
                "quotations": "arguments.record.quotation_tags",
                "citing": "arguments.citing.tags",
            },
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A PostgreSQL read replica, if any: read-only requests read from it (debate/routers.py);
# a reader's requests stay on the primary this long after they write (the replica's lag).
DATABASE_REPLICA_LAG_SECONDS = env_int("DATABASE_REPLICA_LAG_SECONDS", 10)
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["debate.routers.PrimaryReplicaRouter"]
    sessions = MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware")
    MIDDLEWARE.insert(sessions, "debate.routers.ReplicaReadsMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French is the language of the controversy and the default; English is shipped too.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# django-axes first: a locked-out address or account is refused before passwords are checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Reverse proxies in front of the app that append to X-Forwarded-For (0: none, the client's
# address is REMOTE_ADDR). Every per-address limit (logins, sign-ups, the API's token
# throttle, map renders) reads the address this many hops from the right, so a client
# cannot choose its address by sending the header itself.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Email (password reset): printed to the console unless an SMTP host is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "controverse <noreply@localhost>")

# Writes (annotations, replies, edits) per user: at most this many in this many seconds.
WRITE_RATE_LIMIT = (
    int(os.environ.get("WRITE_RATE_LIMIT", "30")),
    int(os.environ.get("WRITE_RATE_WINDOW_SECONDS", "60")),
)

# The REST API (api/): token or session sign-in (session writes need the CSRF token),
# JSON only, pages of 20 by default and at most 100 (?page_size=).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous write is answered 401 with a WWW-Authenticate header.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Refuses what cannot be text or a number (NUL, lone surrogates, 1e400, deep nesting).
    "DEFAULT_PARSER_CLASSES": ["api.parsers.StrictJSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    # drf-spectacular's, documenting the refusals every view may answer (api/schema.py).
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiSchema",
    # POST /api/token/: guesses at passwords are slowed down (per address).
    "DEFAULT_THROTTLE_RATES": {"token": "10/minute"},
    # Throttles read the client's address behind this many proxies, never a header it sent.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "controverse API",
    "DESCRIPTION": "Read a debate's argument graph; annotate, propose and moderate as on the site.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ParticipantKindEnum": "arguments.record.models.Participant.Kind",
        "RelationKindEnum": "arguments.record.models.Relation.Kind",
        "ArgumentKindEnum": "arguments.proposals.forms.ARGUMENT_KINDS",
        # Named as before the workbench enums came, which share their fields' names.
        "FormatEnum": ["json", "aif", "argdown", "kialo", "sadface"],
        "StatusEnum": ["shown", "hidden", "deleted"],
        "DraftRelationKindEnum": "arguments.workbench.models.DraftRelation.Kind",
        "DraftRelationLayerEnum": "arguments.workbench.models.DraftRelation.Layer",
        "LayerEnum": "arguments.record.models.Layer",
        "SourceTextFormatEnum": "arguments.workbench.models.SourceText.Format",
        "TextExtractionStatusEnum": "arguments.workbench.models.TextExtraction.Status",
    },
}

# Cache: local memory by default; Redis (shared by every app process) when REDIS_URL is set.
# A Redis that is down or frozen costs a request at most these many seconds, not a worker.
REDIS_TIMEOUT_SECONDS = env_float("REDIS_TIMEOUT_SECONDS", 0.5)
CACHES = {
    "default": (
        {
            # Redis, but a Redis that is down or frozen is a cache miss, not an error page.
            "BACKEND": "debate.cache_outage.OutageTolerantRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
            },
        }
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Background tasks (imports): django-tasks with its jobs in our own database, so the one
# database we already run is the queue; `manage.py db_worker` runs them (bin/run starts it).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Largest file accepted by the import page (bytes).
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 20 * 1024 * 1024)

# Longest the task worker reads one uploaded HTML or PDF text (seconds): past it the
# reading is stopped and the editor asked to paste the text (arguments/workbench/tasks.py).
WORKBENCH_EXTRACTION_SECONDS = env_float("WORKBENCH_EXTRACTION_SECONDS", 60.0)
# And the most memory it may take beyond the worker's own (MB), for a stream that inflates
# without end.
WORKBENCH_EXTRACTION_MEGABYTES = env_int("WORKBENCH_EXTRACTION_MEGABYTES", 1024)

# Graphviz: the `dot` program and the longest a layout may take before we give up on it.
GRAPHVIZ_DOT = os.environ.get("GRAPHVIZ_DOT", "dot")
# A layout over this budget is stopped and the map's text outline shown instead.
GRAPHVIZ_TIMEOUT_SECONDS = env_float("GRAPHVIZ_TIMEOUT_SECONDS", 10.0)
# Rendered maps are cached by their DOT text, so an entry never goes stale; this only frees space.
MAP_CACHE_SECONDS = env_int("MAP_CACHE_SECONDS", 7 * 24 * 3600)
# Runs of `dot` a client may start per window (maps already drawn are always served):
# anonymous clients are counted by address, signed-in readers by account.
MAP_RENDERS_PER_MINUTE = env_int("MAP_RENDERS_PER_MINUTE", 20)
MAP_RENDERS_PER_MINUTE_SIGNED_IN = env_int("MAP_RENDERS_PER_MINUTE_SIGNED_IN", 60)
MAP_RENDERS_WINDOW_SECONDS = env_int("MAP_RENDERS_WINDOW_SECONDS", 60)
# Debate files (exports) a client may have made per window, counted like map renders: an
# export kept in the readers' cache costs nothing and is never refused.
EXPORTS_PER_MINUTE = env_int("EXPORTS_PER_MINUTE", 10)
EXPORTS_PER_MINUTE_SIGNED_IN = env_int("EXPORTS_PER_MINUTE_SIGNED_IN", 30)
# Past this many claims a map folds its smaller branches into "+N more" nodes.
MAP_NODE_BUDGET = env_int("MAP_NODE_BUDGET", 400)

# Security headers, the same in development and production (so the tests see them).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie: pages send the token from the template (hx-headers).
CSRF_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp): nothing inline, nothing from another origin. htmx's
# indicator <style> is turned off in base.html, and no template or map SVG has a style="".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # Load balancers probe /health/ over plain HTTP, inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    # A year, what the browsers' preload lists ask for; set it lower while first trying HTTPS.
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 3600)
    # Subdomains and the preload list bind hosts beyond this app, so both are opt-in, and
    # their deploy-check warnings are silenced while the operator leaves them off.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
    SILENCED_SYSTEM_CHECKS = [
        check
        for check, enabled in [
            ("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS),
            ("security.W021", SECURE_HSTS_PRELOAD),
        ]
        if not enabled
    ]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# Account protections (login throttling, sign-up and reset-mail limits): kept in their own file.
from debate.settings_accounts import *  # noqa: E402, F403
