"""The calendar: an owner's dates as an iCalendar feed at a secret, revocable URL.

``services`` builds the feed (due items, decision dates, interviews, birthdays)
with the ``icalendar`` library; ``views`` serves it to calendar programs, which
cannot sign in, so the long random token in the URL is the only key.
"""
