"""Accounts for the hosted mode (issue 14): sign-up by invitation, login, two-factor.

Built on django-allauth (account, mfa), django-axes (login throttling) and Argon2.
Local mode does not use any of it: its one owner is signed in without a password.
"""
