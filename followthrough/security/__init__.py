"""What keeps a workspace private and its pages inert (issue 10).

- ``links``: only http(s) addresses become links on a page;
- ``middleware``: the Content-Security-Policy, ``Cache-Control: no-store``, and the
  loopback-only guard of a local (no-login) workspace;
- ``files``: the data folder 0700 and its files 0600;
- ``render``: message templates rendered within bounds (output, loops, time).
"""
