"""Django settings, all read from the environment through ``followthrough.config``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dj_database_url

from followthrough import config
from followthrough.accounts import modes
from followthrough.security.files import private_file

BASE_DIR = Path(__file__).resolve().parent
HOME = config.home()

# Hosted mode (issue 14): accounts with login, on PostgreSQL, behind a TLS proxy.
# Local mode (the default) has one owner, no login, and answers this computer only.
FOLLOWTHROUGH_HOSTED = config.env_bool("FOLLOWTHROUGH_HOSTED")
if FOLLOWTHROUGH_HOSTED:
    config.check_hosted()  # one line naming what is missing, before anything else

SECRET_KEY = config.secret_key()
DEBUG = config.env_bool("FOLLOWTHROUGH_DEBUG")

# Local mode serves loopback only. Naming the hosts (rather than "*") defeats DNS
# rebinding: a hostile page cannot point its own name at 127.0.0.1 and talk to us.
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
if FOLLOWTHROUGH_HOSTED:
    ALLOWED_HOSTS = config.env_list("FOLLOWTHROUGH_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # intcomma: "33,184" in the pages' counts
    "django_htmx",
    "template_partials",
    # Accounts (hosted mode): ours first, so its templates dress allauth's pages.
    "followthrough.accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
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

MIDDLEWARE = modes.middleware(hosted=FOLLOWTHROUGH_HOSTED)

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
                "followthrough.accounts.context_processors.mode",
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

# Sessions live in the database (Django's default engine): any app process serving the
# same database knows every signed-in user.
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
FOLLOWTHROUGH_BASE_URL = config.env_str(
    "FOLLOWTHROUGH_BASE_URL",
    f"https://{ALLOWED_HOSTS[0]}" if FOLLOWTHROUGH_HOSTED else "http://127.0.0.1:8000",
)
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

# Accounts -----------------------------------------------------------------------------
# Used in hosted mode only: local mode signs its one owner in (no password) and its
# middleware answers 404 under /accounts/. Hashes are Argon2; older ones still check.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out sign-in before a password is checked.
    "axes.backends.AxesBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    # The local owner's session names this one (tracker.middleware.LocalOwnerMiddleware).
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "followthrough.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "followthrough.accounts.forms.SignInForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Followthrough: "
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if FOLLOWTHROUGH_HOSTED else "http"
# Failed sign-ins are counted once, by axes, in the database (below): allauth's own
# count lives in the cache and would lock out before axes says so.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Followthrough"
# Login throttling (django-axes), in the database so every app process counts the same
# failures: 5 wrong passwords for one address from one client lock that pair 15 minutes.
# Off in local mode, whose one owner never types a password.
AXES_ENABLED = FOLLOWTHROUGH_HOSTED
# Failures only: no record of each successful sign-in (its address and browser).
AXES_DISABLE_ACCESS_LOG = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "followthrough.accounts.throttle.username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Behind the proxy, the client is the address it forwarded for (one proxy in front).
AXES_CLIENT_IP_CALLABLE = "followthrough.accounts.throttle.client_ip"

if FOLLOWTHROUGH_HOSTED:
    # The client's address is the one the proxy in front forwarded for (allauth's rate
    # limits per address; without it the whole club would share the proxy's).
    ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # Caches shared by every app process, in the database: allauth's rate limits and the
    # two-factor codes already used (no replay on another process).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "followthrough_cache",
        }
    }
    # TLS ends at the proxy, which says so in X-Forwarded-Proto (README, Hosting).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
