"""Django settings, all read from the environment through ``followthrough.config``."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from followthrough import config
from followthrough.security.files import private_file

BASE_DIR = Path(__file__).resolve().parent
HOME = config.home()

SECRET_KEY = config.secret_key()
DEBUG = config.env_bool("FOLLOWTHROUGH_DEBUG")

# Local mode serves loopback only. Naming the hosts (rather than "*") defeats DNS
# rebinding: a hostile page cannot point its own name at 127.0.0.1 and talk to us.
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "followthrough.tracker",
    "followthrough.calendar_feed",
    "followthrough.digest",
    "followthrough.drafts",
    "followthrough.culture",
    "followthrough.backup",
    "followthrough.reports",
    "followthrough.imports",
    "followthrough.security",
    "followthrough.mail",
    "followthrough.club",
]

MIDDLEWARE = [
    # A local workspace has no login: refuse any peer that is not this computer first.
    "followthrough.security.middleware.LoopbackOnlyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CSP and Cache-Control: no-store on every page (static files are served above).
    "followthrough.security.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "followthrough.tracker.middleware.LocalOwnerMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "followthrough.tracker.middleware.TimezoneMiddleware",
]

ROOT_URLCONF = "followthrough.urls"
WSGI_APPLICATION = "followthrough.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "followthrough.tracker.context_processors.quick_log",
            ],
            # {{ value|day }}: the app's one date format, in every template.
            # |nav_section: which main-navigation item a page lights up.
            "builtins": [
                "followthrough.tracker.templatetags.dates",
                "followthrough.tracker.templatetags.navigation",
            ],
        },
    },
]

_sqlite_path = HOME / "followthrough.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        config.env_str("DATABASE_URL") or f"sqlite:///{_sqlite_path}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the CLI writes; the busy timeout makes a
    # writer wait for the lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    if DATABASES["default"]["NAME"] == str(_sqlite_path):
        # Made 0600 before SQLite opens it; SQLite gives its -wal and -shm the same mode.
        private_file(_sqlite_path)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
# Dates read "Sun 6 Dec 2026" (followthrough/formats/en), whatever the English variant.
FORMAT_MODULE_PATH = ["followthrough.formats"]
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True
FOLLOWTHROUGH_TIME_ZONE = config.env_str("FOLLOWTHROUGH_TIME_ZONE", "UTC")

STATIC_URL = "static/"
STATIC_ROOT = HOME / "static"
# WhiteNoise serves from the app folders (below) but warns when this one is missing.
STATIC_ROOT.mkdir(mode=0o700, exist_ok=True)
# Serve straight from the app folders: a local install needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# Uploads (imports): a file above 2.5 MB streams to a temporary file, never into
# memory; the import refuses files above followthrough.imports.files.MAX_BYTES (20 MB)
# by name. Form fields other than files stay under Django's 2.5 MB default.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
SECURE_CONTENT_TYPE_NOSNIFF = True

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Links in mail sent out (the daily digest) point here: a mail has no request to ask.
FOLLOWTHROUGH_BASE_URL = config.env_str("FOLLOWTHROUGH_BASE_URL", "http://127.0.0.1:8000")
if not FOLLOWTHROUGH_BASE_URL.startswith(("http://", "https://")):
    raise config.ConfigError(
        f"FOLLOWTHROUGH_BASE_URL={FOLLOWTHROUGH_BASE_URL!r} is not a web address; "
        "use one like http://127.0.0.1:8000."
    )
FOLLOWTHROUGH_BASE_URL = FOLLOWTHROUGH_BASE_URL.rstrip("/")

# Mail (the daily digest): SMTP when EMAIL_HOST is set, else printed to the console.
EMAIL_HOST = config.env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_USE_TLS = config.env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = config.env_bool("EMAIL_USE_SSL")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise config.ConfigError("EMAIL_USE_TLS and EMAIL_USE_SSL are both set; choose one.")
EMAIL_PORT = config.env_int("EMAIL_PORT", 465 if EMAIL_USE_SSL else 587 if EMAIL_USE_TLS else 25)
EMAIL_HOST_USER = config.env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = config.env_str("EMAIL_HOST_PASSWORD")
DEFAULT_FROM_EMAIL = config.env_str("DEFAULT_FROM_EMAIL", "followthrough@localhost")
# An unreachable server must fail the pass in seconds (and be retried), not hang it.
EMAIL_TIMEOUT = 15

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
