"""Culture fit (DOMAIN.md rule 7): the culture a seeker prefers, each organization's
culture as observed, the fit between them, and questions to ask in an interview.

``framework`` holds the Competing Values Framework in our own words, ``scoring`` the
pure arithmetic, ``services`` the owner-scoped reads and writes that the pages
(``views``) and the command line (``followthrough culture``) share.
"""
