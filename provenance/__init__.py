"""forum-provenance: where reposted texts and quoted statements officially came from.

Everything after the fetch lives here (store, linking, quotes, reports); the
Scrapy project that fetches is the sibling package `crawler`.
"""

__version__ = "0.1.0"
