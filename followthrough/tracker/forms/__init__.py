"""Forms of the web pages. Each one checks types and hands raw values to a service.

The pipeline's forms live in ``forms/opportunities.py``.
"""

from .log import LogForm, QuickLogForm
from .organizations import OrganizationForm
from .people import PeopleFilterForm, PersonForm
from .tasks import SnoozeForm, TaskForm

__all__ = [
    "LogForm",
    "OrganizationForm",
    "PeopleFilterForm",
    "PersonForm",
    "QuickLogForm",
    "SnoozeForm",
    "TaskForm",
]
