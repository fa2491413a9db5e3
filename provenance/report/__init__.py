"""Reports on statements and reposts: the data they show and how it is rendered.

``data`` turns stored rows into report records (occurrences per statement,
unmatched clusters), ``markdown`` and ``html`` render them (Markdown and JSON;
self-contained HTML pages with a timeline), ``summary`` gives the headline
counts and reposts over time. Nothing here queries the database itself: the
rows come from :mod:`provenance.store`.
"""
