"""Bringing a seeker's data in: spreadsheets, LinkedIn, Google, Outlook and vCard files.

Each reader (``spreadsheet``, ``linkedin``, ``google``, ``outlook``, ``vcard``)
turns a file into ``records.Record``s, one per row or card, raising an
``InputError`` that names the file, row and field for anything it cannot read.
``apply.import_records`` writes them in one transaction, matching people already
there (``matcher``) so that importing the same file twice creates nothing new.
``duplicates`` finds suspected duplicate people and merges two of them.
"""
