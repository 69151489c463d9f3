"""The job club (issue 14): groups, search buddies and a leader, sharing by consent.

Hosted mode only (``settings.FOLLOWTHROUGH_HOSTED``): on a local install every
page of the app is a 404 and the navigation does not show it. Nothing a member
records is visible to anyone by default; a member chooses, per group, what their
buddy and the leader see (``services.sharing``).
"""
