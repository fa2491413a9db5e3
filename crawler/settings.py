"""Scrapy settings of the project: polite by default, safe with untrusted URLs.

Project-specific settings are prefixed `PROVENANCE_`; the CLI overrides them
per run (database path, allowed hosts, proxy).
"""

BOT_NAME = "forum_provenance"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Who we are: users set a contact so that forum admins can reach them
# (`provenance crawl --user-agent`, or `scrapy crawl -s USER_AGENT=...`).
USER_AGENT = (
    "forum-provenance/0.1 (no contact given: set one with provenance --user-agent "
    "or the USER_AGENT setting)"
)

ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
# Items of one response handled at once: Scrapy starts that many tasks per
# response (100 by default), and a thread page yields a few dozen posts to
# pipelines that do not wait.
CONCURRENT_ITEMS = 16
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Scrapy retries at once; BackoffRetryMiddleware waits first: 1 s, 2 s, 4 s ...
# or what a Retry-After header asks, at most PROVENANCE_RETRY_BACKOFF_MAX seconds.
PROVENANCE_RETRY_BACKOFF = 1.0
PROVENANCE_RETRY_BACKOFF_MAX = 60.0
COOKIES_ENABLED = False

# Forum pages rarely pass a few MB; a larger response is dropped and counted.
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.ProxyMiddleware": 100,
    "crawler.middlewares.AddressGuardMiddleware": 150,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
}
# The guard again at connect time, on the address really connected to.
TWISTED_DNS_RESOLVER = "crawler.middlewares.GuardedResolver"
# Live progress on standard error (crawler/progress.py): "auto" (rich on a terminal,
# plain lines otherwise), "lines" or "off"; a line every N seconds and every N pages.
# Feeds (-O posts.jsonl, FEEDS) through crawler/feeds.py: every item but the raw pages.
EXTENSIONS = {
    "crawler.progress.CrawlProgress": 500,
    "scrapy.extensions.feedexport.FeedExporter": None,
    "crawler.feeds.ItemFeedExporter": 0,
}
PROVENANCE_PROGRESS = "auto"
PROVENANCE_PROGRESS_INTERVAL = 2.0
PROVENANCE_PROGRESS_PAGES = 100
ITEM_PIPELINES = {
    "crawler.pipelines.ValidationPipeline": 100,
    "crawler.pipelines.StorePipeline": 800,
}

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False

# --- project settings
PROVENANCE_DB = "provenance.duckdb"
# Hosts that may be fetched even though they resolve to loopback/private
# addresses (the tests and the demo allow 127.0.0.1 and their sample hosts).
PROVENANCE_ALLOWED_HOSTS: list[str] = []
# An HTTP proxy for every request ("http://127.0.0.1:8080"), empty for none.
PROVENANCE_PROXY = ""
# Items buffered before one batch write to DuckDB, and the longest wait
# between writes (what a killed crawl can lose, and fetch again next run).
PROVENANCE_BATCH_SIZE = 500
PROVENANCE_FLUSH_SECONDS = 10.0

# Re-crawls read again, on a rotation, this share of the stored thread pages
# (at least PROVENANCE_REVISIT_LEAST of them) that no board list says changed:
# an edit on an early page of a thread changes no count a board list shows.
PROVENANCE_REVISIT_SHARE = 0.03
PROVENANCE_REVISIT_LEAST = 3

# Bounds of a forum crawl, so that a thread whose every page links a next one
# (or a forum of generated pages) cannot keep a run going for ever: requests
# per run, and pages per thread (stored pages count, so a rerun does not go
# past the cap either). The CLI's --max-pages / --max-thread-pages and
# forums.toml's max_pages / max_thread_pages change them.
PROVENANCE_MAX_PAGES = 100_000
PROVENANCE_MAX_THREAD_PAGES = 1_000
