"""The one way Followthrough writes a date in English (issue 13): "Sun 6 Dec 2026".

Django picks a format module by the active language (``FORMAT_MODULE_PATH``):
English uses this one; another language would use Django's own formats for it.
Pages show dates through the ``day`` / ``day_time`` filters, Python text
through ``followthrough.tracker.dates`` (``day``, and ``in_prose`` for a day
named in a sentence); machine outputs (JSON, CSV, iCalendar, ``value`` of date
inputs, URLs) keep ISO 8601.
"""

DATE_FORMAT = "D j M Y"
DATETIME_FORMAT = "D j M Y, H:i"

# A day named in a sentence: the same format, without the year when it is this
# year's ("You wrote to Lena on Sun 6 Dec and ...").
PROSE_DAY_FORMAT = "D j M"

# The same, spelled out, in the messages drafted to other people ("Thank you for
# meeting me on Sunday 6 December"); the year only when it is not this year's.
LETTER_DATE_FORMAT = "l j F Y"
LETTER_DAY_FORMAT = "l j F"
