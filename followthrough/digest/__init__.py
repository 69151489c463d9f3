"""The daily digest: the day's agenda by email, at the seeker's chosen local hour.

``services.send_due(now)`` is one pass (the ``followthrough digest`` command runs
it once, or in a loop): each owner whose digest is due is claimed with a
conditional UPDATE, so two passes or two workers never send the same day twice;
a send that fails gives the claim back, so the next pass retries it.
"""
