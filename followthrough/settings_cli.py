"""Settings for the command line: the web app's, without the apps only pages use.

``followthrough today`` and the other commands read and write the same database
through the same models; sessions, messages, static files, htmx and template
partials matter only to the web server (``followthrough serve`` and ``demo``
use ``followthrough.settings``). Leaving them out keeps ``django.setup()`` from
importing Django's admin, template and static-file machinery for a command.

The accounts apps (allauth, axes) are left out too in local mode, which has no
accounts; in hosted mode ``--user`` and ``followthrough user`` need them.
"""

from .settings import *  # noqa: F403
from .settings import FOLLOWTHROUGH_HOSTED
from .settings import INSTALLED_APPS as _ALL_APPS

WEB_ONLY_APPS = (
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
)
ACCOUNT_APPS = ("followthrough.accounts", "allauth", "allauth.account", "allauth.mfa", "axes")
_LEFT_OUT = WEB_ONLY_APPS if FOLLOWTHROUGH_HOSTED else WEB_ONLY_APPS + ACCOUNT_APPS
INSTALLED_APPS = [app for app in _ALL_APPS if app not in _LEFT_OUT]
