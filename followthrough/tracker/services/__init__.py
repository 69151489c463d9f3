"""The service layer: every change and every list goes through here.

Views, the CLI and scheduled jobs call these functions; they validate, write in
one transaction, and raise ``InputError`` with one sentence a user can act on.
"""
