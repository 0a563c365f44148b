"""Settings shared by every environment, read from the environment (12-factor).

DATABASE_URL (SQLite in the project folder when unset), SECRET_KEY, DEBUG, ALLOWED_HOSTS.
"""

import base64
import hashlib
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_HASHES
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

DJANGO_APPS = [
    "vinhlinh_portal.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "portal_security.apps.AxesConfig",  # django-axes, named in Vietnamese
    "csp",
    "treebeard",
    # The tallies' triggers on PostgreSQL, declared with their models (initiatives/models/triggers.py).
    "pgtrigger",
]
LOCAL_APPS = [
    "initiatives",
    "reporting",
    "models_awards",
    "portal_security",
    "jobs",
]
# History entries are read-only pages: no "Revert" (initiatives/admin/history.py refuses the POST too).
SIMPLE_HISTORY_REVERT_DISABLED = True

INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything reads the body: a body larger than MAX_REQUEST_BYTES is refused with 413.
    "portal_security.request_size.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vinhlinh_portal.middleware.VietnameseFirstLocaleMiddleware",
    "portal_security.query_strings.DropNulFromQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "portal_security.middleware.RefusedAccessAuditMiddleware",
    "portal_security.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "vinhlinh_portal.urls"
WSGI_APPLICATION = "vinhlinh_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "initiatives.context_processors.portal",
            ],
        },
    },
    {
        # E-mails are plain text: the same templates, rendered without HTML escaping (initiatives/notifications.py).
        "NAME": "mail",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several people act at once on the embedded database: wait for a lock rather than fail,
    # and take the write lock at the start of a transaction so concurrent moves serialise.
    # Write-ahead log: a long read (an export's cursor, held for its whole run) no longer holds every writer
    # back, and writers no longer hold readers back; there is still one writer at a time.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL"})
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# The cache: Redis when REDIS_URL is set, shared by every worker and host (the dashboard's figures, and the
# sessions, kept in the database and read through the cache); otherwise each process's memory, as on one machine.
# The lock-out counters of django-axes live in the database (its database handler), so every worker already
# shares them, and the failures stay on record for the district office.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "vinhlinh"),
            "TIMEOUT": 600,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "vinhlinh"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Background jobs (exports, the tally rebuild, the backup): Celery when a broker is configured (CELERY_BROKER_URL,
# else REDIS_URL), each job in a worker process of its own; otherwise a thread of the web process. See jobs/.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "").strip() or REDIS_URL
CELERY_TASK_ACKS_LATE = True  # a job's message is acknowledged when it ends: a killed worker's job comes back
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # long jobs: a worker takes one at a time
CELERY_TASK_IGNORE_RESULT = True  # the Job row is the result
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "vinhlinh")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
JOBS_RUNNER = "celery" if CELERY_BROKER_URL else "thread"
JOBS_QUEUE = CELERY_TASK_DEFAULT_QUEUE
JOBS_STALE_SECONDS = int(os.environ.get("JOBS_STALE_SECONDS", "120"))  # no heartbeat that long: the worker died
JOBS_MAX_ATTEMPTS = 3
JOBS_KEEP_DAYS = int(os.environ.get("JOBS_KEEP_DAYS", "7"))  # a job's file is deleted that many days after
EXPORT_JOB_ROWS = int(os.environ.get("EXPORT_JOB_ROWS", "3000"))  # a report past this many rows runs as a job

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Object permissions: the rules of initiatives/permissions.py and models_awards/permissions.py (django-rules).
    "rules.permissions.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django 5.2 renamed this validator's message and its Vietnamese catalogue lags: ours keeps the translated one.
    {"NAME": "portal_security.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home-for-user"
LOGOUT_REDIRECT_URL = "home"

SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# django-axes: lock out after repeated failures, per user name and address together.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # a lasting record of failures, readable by the district office
# The address counted for lock-out and written in the audit log: X-Forwarded-For is believed only from a peer
# listed in TRUSTED_PROXIES (addresses or networks, e.g. "127.0.0.1,10.0.0.0/8"); none by default.
AXES_CLIENT_IP_CALLABLE = "portal_security.client_ip.client_ip"
AXES_USERNAME_CALLABLE = "portal_security.login_name.username_for_axes"
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Security headers, the same in every environment so that development meets them first.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"


def csp_hash(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# Content Security Policy (django-csp 4): only the portal's own files may run or style a page. No 'unsafe-inline'
# for scripts nor styles: JavaScript lives in static/js/, styling in static/css/ and classes; code that must size
# something at run time sets element.style from a script file (CSSOM is not governed by CSP). Bootstrap's CSS
# draws its icons with data: SVG images, hence data: in img-src. See docs/SECURITY.md.
# Style attributes are allowed only by exact content ('unsafe-hashes' + their hash), for third-party templates:
ALLOWED_STYLE_ATTRIBUTES = [
    "border-top: 0",  # django-simple-history's history page (simple_history/object_history_list.html)
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_HASHES, *map(csp_hash, ALLOWED_STYLE_ATTRIBUTES)],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["vinhlinh_portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded files live outside the static files and are served only through views that check access.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# The largest legitimate request: a form with up to five attachments of MAX_ATTACHMENT_BYTES and its fields.
# A larger body is refused with 413 by Content-Length and while it is read (portal_security/request_size.py);
# the proxy in front must refuse it too (nginx client_max_body_size, README).
MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_BYTES", 5 * MAX_ATTACHMENT_BYTES + 2 * 1024 * 1024))
FILE_UPLOAD_HANDLERS = [
    "portal_security.request_size.RequestSizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Where `manage.py backup` writes its archives by default (and `restore` moves replaced uploads).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
if os.environ.get("EMAIL_HOST") and "EMAIL_BACKEND" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sangkien@ldld-vinhlinh.vn")
# The portal's address as people reach it, for the links in e-mails (no trailing slash).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "portal.audit": {"handlers": ["console"], "level": "INFO"},
        "axes": {"handlers": ["console"], "level": "WARNING"},
    },
}
