"""Mail and calendar: the facts come in by themselves (issue 11).

Messages from mbox and .eml files or an IMAP account, and events from .ics
files, become interactions with the people they name, matched by address.
Small modules, each one job:

* ``addresses``: the seeker's own addresses, the index of known ones;
* ``parsing``: one message's headers (RFC 2047 decoded), its calendar parts, a snippet;
* ``files``: mbox (mboxo and mboxrd) and .eml files, read as raw messages;
* ``ingest``: raw messages in, interactions out (idempotent by Message-ID);
* ``threads``: which outbound messages still await a reply;
* ``ics``: calendar events keyed by UID;
* ``phrases`` and ``suggestions``: rejections and interview invitations on Today;
* ``imap`` and ``secret``: read-only, incremental IMAP sync and its password.
"""
