"""The daily digest: the day's agenda by email, at the seeker's chosen local hour.

``services.send_due(now)`` is one pass (the ``followthrough digest`` command runs
it once, or in a loop): each owner whose digest is due is claimed with a lease
in one conditional UPDATE, so two passes or two workers never send the same day
twice; the day is marked sent only once the mail server accepted the message;
a send that fails gives the claim back, and a pass killed mid-send leaves a
lease that runs out (``services.LEASE``), so the next pass retries it.
"""
