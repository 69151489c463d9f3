"""Export and backup: the lossless JSON backup and its restore, CSV per entity, vCard.

``registry`` lists every table that belongs to an owner; ``export_json`` writes
them, ``restore`` reads them back; ``csv_export`` and ``vcard_export`` are for
spreadsheets and address books. The "Your data" page (``views``) and the
``followthrough export`` and ``restore`` commands call the same functions.
"""
