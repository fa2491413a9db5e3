"""The Scrapy project: crawling and page extraction, nothing after the fetch.

``spiders`` decide what to follow (forum boards and threads, cited sources,
article feeds), ``engines`` are the pure page objects that turn one thread
page into posts, ``middlewares`` guard addresses and retry, ``pipelines``
hand items to :mod:`provenance.store`, ``distributed`` spreads one crawl over
workers sharing Redis, ``runner`` runs one spider in a subprocess and
``replay`` extracts posts again from stored raw pages.
"""
