"""Reports: the pictures of a search (issue 6).

``figures`` computes each report's numbers from an owner's data over a period
(``data.load`` reads it in a constant number of queries); ``charts`` draws them
as server-side SVG; ``views`` is the Reports page; ``followthrough report``
(``followthrough.cli.report``) prints the same figures in the terminal.
"""
