"""The schema: every table, view and index, as numbered migrations.

A database records the version it is at; opening it applies the migrations
above that version in order, each in one transaction. A released migration
is never edited: a change to the schema is a new migration appended here.
``KEYS`` names each table's natural key, which every upsert relies on.
"""

from __future__ import annotations

# Kept as a constant: migration 16 creates it again, bound to sources.published as a
# TIMESTAMPTZ (migration 9); DuckDB before 1.2 refuses a view whose stored column types
# differ from its tables' (the DATE of migration 6).
V_REPOSTS_PER_SOURCE = """CREATE OR REPLACE VIEW v_reposts_per_source AS
            SELECT s.url AS source_url, s.title, s.published, s.official,
                   count(l.post_id) AS reposts,
                   count(DISTINCT l.forum) AS forums,
                   count(*) FILTER (WHERE l.verdict = 'verbatim') AS verbatim,
                   count(*) FILTER (WHERE l.verdict = 'excerpt') AS excerpt,
                   count(*) FILTER (WHERE l.verdict = 'rewrite') AS rewrite,
                   count(*) FILTER (WHERE l.verdict = 'spun') AS spun,
                   count(*) FILTER (WHERE l.verdict = 'cites-only') AS cites_only
            FROM sources s LEFT JOIN links l ON l.source_url = s.url
            GROUP BY ALL"""

# Each migration takes the schema from version N-1 to N. Never edit a released
# one: append a new migration instead.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        1,
        (
            """CREATE TABLE crawl_runs (
                run_id VARCHAR PRIMARY KEY,
                kind VARCHAR NOT NULL,
                started_at TIMESTAMPTZ NOT NULL,
                finished_at TIMESTAMPTZ,
                status VARCHAR NOT NULL,
                settings VARCHAR,
                counts VARCHAR
            )""",
            """CREATE TABLE pages (
                url VARCHAR PRIMARY KEY,
                kind VARCHAR NOT NULL,
                status INTEGER,
                content_type VARCHAR,
                fetched_at TIMESTAMPTZ,
                sha256 VARCHAR,
                body BLOB
            )""",
            """CREATE TABLE threads (
                forum VARCHAR NOT NULL,
                thread_id VARCHAR NOT NULL,
                url VARCHAR,
                title VARCHAR,
                board VARCHAR,
                page_count INTEGER,
                views INTEGER,
                first_seen TIMESTAMPTZ,
                last_seen TIMESTAMPTZ,
                PRIMARY KEY (forum, thread_id)
            )""",
            """CREATE TABLE posts (
                forum VARCHAR NOT NULL,
                thread_id VARCHAR NOT NULL,
                post_id VARCHAR NOT NULL,
                permalink VARCHAR,
                thread_title VARCHAR,
                position INTEGER,
                author VARCHAR,
                author_id VARCHAR,
                posted_at TIMESTAMPTZ,
                edited_at TIMESTAMPTZ,
                editor VARCHAR,
                body VARCHAR,
                signature VARCHAR,
                quotes STRUCT(text VARCHAR, author VARCHAR, quoted_post_id VARCHAR)[],
                quoted_post_ids VARCHAR[],
                cited_urls VARCHAR[],
                content_hash VARCHAR,
                page_url VARCHAR,
                first_seen TIMESTAMPTZ,
                last_seen TIMESTAMPTZ,
                PRIMARY KEY (forum, thread_id, post_id)
            )""",
            """CREATE TABLE post_versions (
                forum VARCHAR NOT NULL,
                thread_id VARCHAR NOT NULL,
                post_id VARCHAR NOT NULL,
                content_hash VARCHAR NOT NULL,
                body VARCHAR,
                signature VARCHAR,
                edited_at TIMESTAMPTZ,
                first_seen TIMESTAMPTZ,
                PRIMARY KEY (forum, thread_id, post_id, content_hash)
            )""",
            """CREATE TABLE sources (
                url VARCHAR PRIMARY KEY,
                final_url VARCHAR,
                domain VARCHAR,
                official BOOLEAN,
                title VARCHAR,
                published DATE,
                body VARCHAR,
                status INTEGER,
                error VARCHAR,
                fetched_at TIMESTAMPTZ,
                attempts INTEGER
            )""",
            """CREATE TABLE statements (
                statement_id VARCHAR PRIMARY KEY,
                source_url VARCHAR NOT NULL,
                position INTEGER,
                speaker VARCHAR,
                speaker_key VARCHAR,
                speaker_title VARCHAR,
                text VARCHAR NOT NULL
            )""",
            """CREATE TABLE signatures (
                doc_key VARCHAR NOT NULL,
                passage_no INTEGER NOT NULL,
                kind VARCHAR NOT NULL,
                num_perm INTEGER NOT NULL,
                seed INTEGER NOT NULL,
                hashvalues UBIGINT[],
                PRIMARY KEY (doc_key, passage_no, kind, num_perm, seed)
            )""",
            """CREATE TABLE links (
                forum VARCHAR NOT NULL,
                thread_id VARCHAR NOT NULL,
                post_id VARCHAR NOT NULL,
                source_url VARCHAR NOT NULL,
                method VARCHAR,
                score DOUBLE,
                containment DOUBLE,
                coverage DOUBLE,
                verdict VARCHAR,
                linked_at TIMESTAMPTZ,
                PRIMARY KEY (forum, thread_id, post_id, source_url)
            )""",
            """CREATE TABLE quote_occurrences (
                occurrence_id VARCHAR PRIMARY KEY,
                doc_kind VARCHAR NOT NULL,
                forum VARCHAR,
                thread_id VARCHAR,
                post_id VARCHAR,
                source_url VARCHAR,
                position INTEGER,
                text VARCHAR,
                speaker VARCHAR,
                speaker_title VARCHAR,
                statement_id VARCHAR,
                label VARCHAR,
                score DOUBLE,
                diff VARCHAR,
                seen_at TIMESTAMPTZ
            )""",
        ),
    ),
    (
        2,
        (
            # signatures typed into post bodies, learned per author (provenance.text.tails)
            """CREATE TABLE typed_signatures (
                forum VARCHAR NOT NULL,
                author VARCHAR NOT NULL,
                tail VARCHAR NOT NULL,
                learned_at TIMESTAMPTZ,
                PRIMARY KEY (forum, author, tail)
            )""",
        ),
    ),
    (
        3,
        (
            # a post gone from a fully re-crawled thread is marked, never deleted
            "ALTER TABLE posts ADD COLUMN vanished_at TIMESTAMPTZ",
        ),
    ),
    (
        4,
        (
            # articles from sites' feeds and sitemaps live next to forum posts
            "ALTER TABLE posts ADD COLUMN kind VARCHAR DEFAULT 'post'",
            "UPDATE posts SET kind = 'post' WHERE kind IS NULL",
        ),
    ),
    (
        5,
        (
            # what the linker has seen: a post or source is linked again only
            # when it is new or its text changed (provenance link; --rebuild)
            """CREATE TABLE link_state (
                doc_key VARCHAR PRIMARY KEY,
                kind VARCHAR NOT NULL,
                content_hash VARCHAR,
                linked_at TIMESTAMPTZ
            )""",
        ),
    ),
    (
        6,
        (
            # Views for the common questions (documented in docs/sql.md).
            V_REPOSTS_PER_SOURCE,
            """CREATE OR REPLACE VIEW v_quote_spread AS
            SELECT o.statement_id, s.speaker, CAST(o.seen_at AS DATE) AS day,
                   count(*) AS occurrences,
                   count(DISTINCT coalesce(o.forum, o.source_url)) AS places
            FROM quote_occurrences o JOIN statements s USING (statement_id)
            GROUP BY ALL""",
            """CREATE OR REPLACE VIEW v_first_seen_lag AS
            SELECT s.statement_id, s.speaker, s.source_url, src.published,
                   min(o.seen_at) AS first_seen,
                   date_diff('hour', CAST(src.published AS TIMESTAMPTZ), min(o.seen_at))
                       AS lag_hours
            FROM statements s JOIN sources src ON src.url = s.source_url
            JOIN quote_occurrences o ON o.statement_id = s.statement_id
                AND o.doc_kind = 'post'
            GROUP BY s.statement_id, s.speaker, s.source_url, src.published""",
            """CREATE OR REPLACE VIEW v_occurrence_context AS
            SELECT o.*, p.author, p.kind AS post_kind, s.speaker AS official_speaker
            FROM quote_occurrences o
            LEFT JOIN posts p USING (forum, thread_id, post_id)
            LEFT JOIN statements s USING (statement_id)""",
            """CREATE OR REPLACE VIEW v_alteration_by_forum AS
            SELECT forum, count(*) AS occurrences,
                   count(*) FILTER (WHERE label <> 'verbatim') AS changed,
                   round(count(*) FILTER (WHERE label <> 'verbatim') / count(*), 3)
                       AS changed_rate,
                   count(*) FILTER (WHERE label = 'altered') AS altered,
                   count(*) FILTER (WHERE label = 'truncated') AS truncated,
                   count(*) FILTER (WHERE label = 'misattributed') AS misattributed
            FROM v_occurrence_context WHERE statement_id IS NOT NULL AND forum IS NOT NULL
            GROUP BY forum""",
            """CREATE OR REPLACE VIEW v_alteration_by_author AS
            SELECT forum, author, count(*) AS occurrences,
                   count(*) FILTER (WHERE label <> 'verbatim') AS changed,
                   round(count(*) FILTER (WHERE label <> 'verbatim') / count(*), 3)
                       AS changed_rate
            FROM v_occurrence_context WHERE statement_id IS NOT NULL AND forum IS NOT NULL
            GROUP BY forum, author""",
            """CREATE OR REPLACE VIEW v_alteration_by_speaker AS
            SELECT official_speaker AS speaker, count(*) AS occurrences,
                   count(*) FILTER (WHERE label <> 'verbatim') AS changed,
                   round(count(*) FILTER (WHERE label <> 'verbatim') / count(*), 3)
                       AS changed_rate,
                   count(*) FILTER (WHERE label = 'misattributed') AS misattributed
            FROM v_occurrence_context WHERE statement_id IS NOT NULL
            GROUP BY official_speaker""",
            """CREATE OR REPLACE VIEW v_top_reposters AS
            SELECT p.forum, p.author, count(*) AS reposts,
                   count(DISTINCT l.source_url) AS sources,
                   min(p.posted_at) AS first_repost, max(p.posted_at) AS last_repost
            FROM links l JOIN posts p USING (forum, thread_id, post_id)
            WHERE l.verdict IN ('verbatim', 'excerpt', 'rewrite', 'spun')
            GROUP BY ALL""",
            """CREATE OR REPLACE VIEW v_spun_sites AS
            SELECT p.forum AS site, p.kind, count(*) AS spun_copies,
                   count(DISTINCT l.source_url) AS sources,
                   list(DISTINCT p.permalink) AS urls
            FROM links l JOIN posts p USING (forum, thread_id, post_id)
            WHERE l.verdict = 'spun'
            GROUP BY ALL""",
            """CREATE OR REPLACE VIEW v_reposts_over_time AS
            SELECT CAST(p.posted_at AS DATE) AS day, l.verdict, count(*) AS reposts
            FROM links l JOIN posts p USING (forum, thread_id, post_id)
            WHERE l.verdict <> 'cites-only'
            GROUP BY ALL""",
        ),
    ),
    (
        7,
        (
            # unmatched quotes grouped into variant clusters (variants.cluster_variants),
            # so a quote with no official statement still shows where it travelled
            """CREATE TABLE quote_clusters (
                cluster_id VARCHAR NOT NULL,
                occurrence_id VARCHAR PRIMARY KEY,
                canonical_text VARCHAR
            )""",
        ),
    ),
    (
        9,
        (
            # a release's time of day where its page gives one: `published` becomes a
            # timestamp (a bare date is that day's midnight UTC) and the flag says which
            # rows know their time; a date-only row never yields an hour-precise lag
            "ALTER TABLE sources ALTER published SET DATA TYPE TIMESTAMPTZ",
            "ALTER TABLE sources ADD COLUMN published_has_time BOOLEAN DEFAULT false",
            "UPDATE sources SET published_has_time = false WHERE published_has_time IS NULL",
            """CREATE OR REPLACE VIEW v_first_seen_lag AS
            SELECT s.statement_id, s.speaker, s.source_url, src.published,
                   src.published_has_time, min(o.seen_at) AS first_seen,
                   CASE WHEN src.published_has_time THEN CAST(floor(
                       epoch(min(o.seen_at) - src.published) / 3600) AS INTEGER) END
                       AS lag_hours,
                   CASE WHEN src.published_has_time THEN CAST(floor(
                       epoch(min(o.seen_at) - src.published) / 60) AS INTEGER) END
                       AS lag_minutes,
                   date_diff('day', CAST(src.published AS DATE), CAST(min(o.seen_at) AS DATE))
                       AS lag_days
            FROM statements s JOIN sources src ON src.url = s.source_url
            JOIN quote_occurrences o ON o.statement_id = s.statement_id
                AND o.doc_kind = 'post'
            GROUP BY s.statement_id, s.speaker, s.source_url, src.published,
                src.published_has_time""",
        ),
    ),
    (
        10,
        (
            # watch lists and alerts (provenance.alerts): what is watched, which
            # occurrences were already looked at, one alert per occurrence and
            # its delivery state per channel (a failed delivery is tried again)
            """CREATE TABLE watches (
                watch_id VARCHAR PRIMARY KEY,
                kind VARCHAR NOT NULL,
                value VARCHAR NOT NULL,
                watch_key VARCHAR NOT NULL,
                origin VARCHAR,
                added_at TIMESTAMPTZ
            )""",
            """CREATE TABLE watch_seen (
                occurrence_id VARCHAR PRIMARY KEY,
                statement_id VARCHAR,
                place VARCHAR,
                seen_at TIMESTAMPTZ
            )""",
            """CREATE TABLE alerts (
                alert_id VARCHAR PRIMARY KEY,
                occurrence_id VARCHAR NOT NULL,
                reason VARCHAR NOT NULL,
                label VARCHAR,
                watch_ids VARCHAR[],
                statement_id VARCHAR,
                statement_text VARCHAR,
                speaker VARCHAR,
                official_url VARCHAR,
                published TIMESTAMPTZ,
                text VARCHAR,
                quoted_speaker VARCHAR,
                diff VARCHAR,
                place VARCHAR,
                post_url VARCHAR,
                first_seen TIMESTAMPTZ,
                seen_at TIMESTAMPTZ,
                created_at TIMESTAMPTZ
            )""",
            """CREATE TABLE alert_deliveries (
                alert_id VARCHAR NOT NULL,
                channel VARCHAR NOT NULL,
                status VARCHAR NOT NULL,
                attempts INTEGER,
                error VARCHAR,
                updated_at TIMESTAMPTZ,
                PRIMARY KEY (alert_id, channel)
            )""",
        ),
    ),
    (
        13,
        (
            # the official statements a linked post quotes word for word, as evidence
            # of the link (filled by the link stage from the statements table)
            "ALTER TABLE links ADD COLUMN statements VARCHAR[]",
        ),
    ),
    (
        14,
        # the post's language, detected when linking (a translated link is
        # across languages); NULL for links written before or too short a post
        ("ALTER TABLE links ADD COLUMN language VARCHAR",),
    ),
    (
        15,
        (
            # a run tells the truth: the process that ran it (a later run marks a
            # 'running' row whose process is gone as 'interrupted') and why it failed
            "ALTER TABLE crawl_runs ADD COLUMN pid INTEGER",
            "ALTER TABLE crawl_runs ADD COLUMN host VARCHAR",
            "ALTER TABLE crawl_runs ADD COLUMN error VARCHAR",
        ),
    ),
    (
        16,
        (
            # the view again over the columns of today, for older DuckDB readers
            V_REPOSTS_PER_SOURCE,
        ),
    ),
)

# Columns that keep the value first written when a row is upserted again.
KEEP_ON_UPDATE = {"first_seen"}
# Columns that a later write may not blank out: some pages know less of a
# thread than others (a Discourse posts.json chunk has no title or views).
MERGE_ON_UPDATE = {
    "threads": {
        "title": "coalesce(nullif(excluded.title, ''), threads.title)",
        "board": "coalesce(nullif(excluded.board, ''), threads.board)",
        "views": "coalesce(excluded.views, threads.views)",
        "page_count": "greatest(excluded.page_count, threads.page_count)",
    }
}

TABLES = (
    "crawl_runs",
    "pages",
    "threads",
    "posts",
    "post_versions",
    "sources",
    "statements",
    "signatures",
    "links",
    "quote_occurrences",
    "typed_signatures",
    "link_state",
    "quote_clusters",
    "watches",
    "watch_seen",
    "alerts",
    "alert_deliveries",
)

KEYS = {
    "crawl_runs": ("run_id",),
    "pages": ("url",),
    "threads": ("forum", "thread_id"),
    "posts": ("forum", "thread_id", "post_id"),
    "post_versions": ("forum", "thread_id", "post_id", "content_hash"),
    "sources": ("url",),
    "statements": ("statement_id",),
    "signatures": ("doc_key", "passage_no", "kind", "num_perm", "seed"),
    "links": ("forum", "thread_id", "post_id", "source_url"),
    "quote_occurrences": ("occurrence_id",),
    "typed_signatures": ("forum", "author", "tail"),
    "link_state": ("doc_key",),
    "quote_clusters": ("occurrence_id",),
    "watches": ("watch_id",),
    "watch_seen": ("occurrence_id",),
    "alerts": ("alert_id",),
    "alert_deliveries": ("alert_id", "channel"),
}

SCHEMA_VERSION = max(version for version, _ in MIGRATIONS)
