"""Settings for the command line: the web app's, without the apps only pages use.

``followthrough today`` and the other commands read and write the same database
through the same models; sessions, messages, static files, htmx and template
partials matter only to the web server (``followthrough serve`` and ``demo``
use ``followthrough.settings``). Leaving them out keeps ``django.setup()`` from
importing Django's admin, template and static-file machinery for a command.
"""

from .settings import *  # noqa: F403
from .settings import INSTALLED_APPS as _ALL_APPS

WEB_ONLY_APPS = (
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
)
INSTALLED_APPS = [app for app in _ALL_APPS if app not in WEB_ONLY_APPS]
