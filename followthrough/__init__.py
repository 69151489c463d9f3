"""Followthrough: a job-search relationship manager that knows the etiquette."""

__version__ = "0.1.0"
