"""The one way Followthrough writes a date in English (issue 13): "Sun 6 Dec 2026".

Django picks a format module by the active language (``FORMAT_MODULE_PATH``):
English uses this one; another language would use Django's own formats for it.
Pages show dates through the ``day`` / ``day_time`` filters, Python text (rule
reasons, warnings, messages, command lines) through
``followthrough.tracker.dates.day``; machine outputs (JSON, CSV, iCalendar,
``value`` of date inputs, URLs) keep ISO 8601.
"""

DATE_FORMAT = "D j M Y"
DATETIME_FORMAT = "D j M Y, H:i"

# A day in a message drafted to someone else (``tracker.dates.letter_day``): the
# same, spelled out, the year only when it is not this year's ("Thank you for
# meeting me on Sunday 6 December").
LETTER_DAY_FORMAT = "l j F"
LETTER_DATE_FORMAT = "l j F Y"
