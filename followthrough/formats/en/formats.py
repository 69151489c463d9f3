"""The one way Followthrough writes a date in English (issue 13): "Sun 6 Dec 2026".

Django picks a format module by the active language (``FORMAT_MODULE_PATH``):
English uses this one; another language would use Django's own formats for it.
Pages show dates through the ``day`` / ``day_time`` filters, Python messages
through ``followthrough.tracker.dates``; machine outputs (JSON, CSV, iCalendar,
``value`` of date inputs, URLs) keep ISO 8601.
"""

DATE_FORMAT = "D j M Y"
DATETIME_FORMAT = "D j M Y, H:i"
