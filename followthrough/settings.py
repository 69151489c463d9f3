"""Django settings, all read from the environment through ``followthrough.config``."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from followthrough import config

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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True
FOLLOWTHROUGH_TIME_ZONE = config.env_str("FOLLOWTHROUGH_TIME_ZONE", "UTC")

STATIC_URL = "static/"
STATIC_ROOT = HOME / "static"
# Serve straight from the app folders: a local install needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
