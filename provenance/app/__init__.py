"""The command: the ``provenance`` CLI, its options, forums.toml and the scheduler.

Thin by design: ``cli`` parses arguments and checks them at the boundary,
``commands`` runs each stage (the crawl as a Scrapy subprocess, then link,
quotes, reports), ``config`` reads forums.toml and ``schedule`` repeats runs.
Everything here calls down into the stages; no stage imports from here.
"""
