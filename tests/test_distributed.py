"""Two workers crawl the real SMF 2.0 renders together through a real Redis.

The crawl runs as `python -m crawler.runner forum --redis-url ... --workers 2`
(the coordinator seeds the shared queue, starts the workers, merges their
DuckDB shards); the sample server counts every request it answers, so pages
fetched twice across workers would show.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import redis
from scrapy import Request
from scrapy.utils.request import request_from_dict
from scrapy_redis.dupefilter import RFPDupeFilter
from test_cookies import SECRET, _cookies_file, _MembersOnly
from test_crawl_smf import _before_last_post, _site

from crawler.distributed.coordinator import (
    delete_keys,
    merge_shards,
    relearn_typed_signatures,
    reset,
    seed,
)
from crawler.distributed.redis_keys import CrawlKeys, DistributedError, connect
from crawler.distributed.requests import JsonRequestCodec
from crawler.items import Post
from crawler.spiders.forum import ForumSpider
from provenance.app.commands import run_crawl
from provenance.app.options import CrawlOptions
from provenance.sample.server import SampleSiteHandler, load_sites, serve_sites, split_target
from provenance.store import Store

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "smf20"
FORUM = "http://127.0.0.1:8091/index.php"
REDIS_SERVER = shutil.which("redis-server")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A redis-server of our own on 127.0.0.1, nothing saved to disk."""
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = _free_port()
    proc = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no", "--dir", str(tmp_path_factory.mktemp("redis"))],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(url).ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture
def counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Counter]]:
    """The SMF 2.0 renders served as 127.0.0.1, with a count of requests per route."""
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "127.0.0.1").symlink_to(FIXTURES, target_is_directory=True)
    counts: Counter[str] = Counter()
    answer = SampleSiteHandler._answer

    def counting(self: SampleSiteHandler, *, with_body: bool) -> None:
        counts[split_target(self.path, self.headers.get("Host"))[1]] += 1
        answer(self, with_body=with_body)

    monkeypatch.setattr(SampleSiteHandler, "_answer", counting)
    with serve_sites(sites_dir=sites) as proxy:
        yield proxy, counts


def _crawl_distributed(db: Path, proxy: str, redis_url: str, *extra: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "crawler.runner", "forum", "--url", FORUM, "--forum", "lab"]
        + ["--allow-host", "127.0.0.1", "--proxy", proxy, "--no-throttle", "--db", str(db)]
        + ["--redis-url", redis_url, "--workers", "2"]
        # one request in hand per worker, each a little slow: both get work
        + ["--set", "CONCURRENT_REQUESTS=1", "--set", "DOWNLOAD_DELAY=0.2"]
        + ["--set", "PROVENANCE_REDIS_POLL=0.1", "--set", "PROVENANCE_IDLE_CLOSE=0.5", *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        timeout=180,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    assert proc.returncode == 0 and lines, proc.stdout
    summary: dict = json.loads(lines[-1])
    return summary


def _posts(db: Path) -> list[tuple]:
    with Store.open(db, read_only=True) as store:
        return store.query(
            "SELECT * EXCLUDE (first_seen, last_seen) FROM posts ORDER BY forum, thread_id, post_id"
        )[1]


def test_two_workers_crawl_the_forum_once_and_merge_what_one_crawl_stores(
    tmp_path: Path, counted: tuple[str, Counter], redis_url: str
) -> None:
    proxy, counts = counted
    single, merged = tmp_path / "single.duckdb", tmp_path / "merged.duckdb"
    run_crawl(
        str(single),
        CrawlOptions(
            url=FORUM,
            forum="lab",
            allow_hosts=("127.0.0.1",),
            proxy=proxy,
            fetch_sources=False,
            no_throttle=True,
        ),
        echo=False,
    )
    counts.clear()
    summary = _crawl_distributed(merged, proxy, redis_url)

    assert summary["finish_reason"] == "finished"
    posts = _posts(single)
    assert len(posts) == 58 and _posts(merged) == posts
    # every route once; robots.txt once per worker (each keeps its own parser)
    assert counts.pop("/robots.txt") == 2
    assert set(counts.values()) == {1} and len(counts) == 11, counts
    assert summary["provenance/distributed/duplicate_fetches"] == 0
    # both workers stored pages: 10 pages in all (board 1 is a 404)
    assert [w["finish_reason"] for w in summary["workers"]] == ["finished", "finished"]
    assert all(w["pages"] >= 1 for w in summary["workers"]), summary["workers"]
    assert sum(w["pages"] for w in summary["workers"]) == 10
    assert summary["provenance/stored/posts_new"] == 58
    with Store.open(merged, read_only=True) as store:
        runs = store.query("SELECT kind, status FROM crawl_runs")[1]
        threads = store.query("SELECT thread_id, page_count FROM threads ORDER BY 1")[1]
    assert runs == [("forum", "finished")] * 2
    assert threads == [("2", 1), ("3", 1), ("4", 4), ("5", 1)]
    assert not list(tmp_path.glob("merged.duckdb.worker-*"))  # shards merged and removed
    assert not redis.Redis.from_url(redis_url).keys("provenance:*")


def test_a_distributed_recrawl_uses_the_thread_states_of_the_main_database(
    tmp_path: Path, counted: tuple[str, Counter], redis_url: str
) -> None:
    proxy, counts = counted
    db = tmp_path / "crawl.duckdb"
    _crawl_distributed(db, proxy, redis_url)
    with Store.open(db, read_only=True) as store:
        first = store.counts()
    counts.clear()
    again = _crawl_distributed(db, proxy, redis_url)
    with Store.open(db, read_only=True) as store:
        second = store.counts()
    assert again["provenance/threads_unchanged"] == 4
    assert again.get("provenance/thread_pages", 0) == 0
    assert not any(route.startswith("/index.php?topic=") for route in counts)
    assert {k: v for k, v in second.items() if k != "crawl_runs"} == {
        k: v for k, v in first.items() if k != "crawl_runs"
    }


def test_a_full_distributed_recrawl_marks_posts_vanished_from_a_thread_split_across_workers(
    tmp_path: Path, redis_url: str
) -> None:
    before, after = _site(tmp_path, "before"), _site(tmp_path, "after")
    _before_last_post(after)  # msg57 is deleted on the forum after the first crawl
    db = tmp_path / "crawl.duckdb"
    with serve_sites(sites_dir=before) as proxy:
        _crawl_distributed(db, proxy, redis_url)
    with serve_sites(sites_dir=after) as proxy:
        again = _crawl_distributed(db, proxy, redis_url, "--full")
    # thread 4's pages are spread over the workers: the union of what they
    # published shows it was read whole
    assert again["provenance/stored/posts_vanished"] == 1
    with Store.open(db, read_only=True) as store:
        vanished = store.query("SELECT post_id FROM posts WHERE vanished_at IS NOT NULL")[1]
    assert vanished == [("57",)]


def test_every_worker_sends_the_cookies_and_redis_never_sees_them(
    tmp_path: Path, redis_url: str
) -> None:
    redis_cli = shutil.which("redis-cli")
    if redis_cli is None:
        pytest.skip("redis-cli is not installed (apt-get install redis-server)")
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "127.0.0.1").symlink_to(FIXTURES, target_is_directory=True)
    _MembersOnly.sites = load_sites(sites)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _MembersOnly)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    commands = tmp_path / "monitor.log"
    db = tmp_path / "c.duckdb"
    with commands.open("w") as out:
        monitor = subprocess.Popen([redis_cli, "-u", redis_url, "monitor"], stdout=out)
        try:
            proxy = f"http://127.0.0.1:{server.server_address[1]}"
            cookies = str(_cookies_file(tmp_path))
            summary = _crawl_distributed(db, proxy, redis_url, "--cookies", cookies)
        finally:
            monitor.terminate()
            monitor.wait(10)
            server.shutdown()
            server.server_close()
    # a worker without the cookies would have stored the login wall instead
    assert all(w["pages"] >= 1 for w in summary["workers"]), summary["workers"]
    with Store.open(db, read_only=True) as store:
        assert store.counts()["posts"] == 58
    seen_by_redis = commands.read_text()
    assert '"ZADD"' in seen_by_redis and SECRET not in seen_by_redis


def _post(post_id: str, body: str) -> Post:
    now = datetime.now(UTC)
    return Post(
        forum="lab",
        thread_id=post_id,
        post_id=post_id,
        permalink=f"{FORUM}?msg={post_id}",
        thread_title="t",
        position=0,
        author="jim",
        author_id="7",
        posted_at=now,
        body=body,
        fetched_at=now,
    )


def test_merging_shards_learns_a_typed_signature_no_worker_could_see(tmp_path: Path) -> None:
    # one post of jim per worker: a tail repeated across posts needs both
    tail = "-- Jim, Harbor Watch volunteer"
    shards = [str(tmp_path / f"db.worker-{n}.duckdb") for n in (1, 2)]
    for shard, (post_id, text) in zip(
        shards, [("1", "Storm tonight."), ("2", "Roads shut.")], strict=True
    ):
        with Store.open(shard) as store:
            store.save_posts([_post(post_id, f"{text}\n{tail}")])
    with Store.open(tmp_path / "db.duckdb") as store:
        counts = merge_shards(store, shards, None, CrawlKeys("x"), "lab")
        assert counts == {"posts_new": 2, "posts_changed": 0, "posts_unchanged": 0}
        assert relearn_typed_signatures(store, [("lab", "jim")]) == 1
        rows = store.query("SELECT body, signature FROM posts ORDER BY post_id")[1]
        versions = store.counts()["post_versions"]
    assert rows == [("Storm tonight.", tail), ("Roads shut.", tail)]
    assert versions == 2
    assert not any(Path(s).exists() for s in shards)


def test_merging_a_shard_twice_changes_nothing(tmp_path: Path) -> None:
    shard = tmp_path / "shard.duckdb"
    with Store.open(shard) as store:
        store.save_posts([_post("1", "a"), _post("2", "b")])
    with Store.open(tmp_path / "db.duckdb") as store:
        first = store.merge_from(shard)
        before = store.counts()
        again = store.merge_from(shard)
        assert store.counts() == before
    assert (first["posts_new"], again["posts_unchanged"]) == (2, 2)


def test_the_start_request_is_queued_once_and_marked_seen(redis_url: str) -> None:
    server = connect(redis_url)
    spider = ForumSpider(url=FORUM, forum="seed-test")
    keys = CrawlKeys.for_forum(spider.forum)
    reset(server, keys)
    seed(server, keys, spider)
    # a worker finding a link back to the start URL is filtered like any duplicate
    assert RFPDupeFilter(server, keys.dupefilter).request_seen(Request(FORUM))
    assert server.zcard(keys.requests) == 1
    with pytest.raises(DistributedError, match="already queued"):
        seed(server, keys, spider)
    delete_keys(server, keys)


def test_requests_travel_through_redis_as_json_not_pickle() -> None:
    spider = ForumSpider(url=FORUM)
    request = Request(
        f"{FORUM}?topic=4.15",
        callback=spider.parse,
        errback=spider.failed,
        headers={"Referer": FORUM},
        meta={"incremental": True, "depth": 2},
        priority=-1,
    )
    data = JsonRequestCodec.dumps(request.to_dict(spider=spider))
    back = request_from_dict(JsonRequestCodec.loads(data.encode()), spider=spider)
    assert json.loads(data)  # plain JSON
    assert (back.url, back.meta, back.priority) == (request.url, request.meta, -1)
    assert back.headers.getlist("Referer") == [FORUM.encode()]
    assert back.callback == spider.parse and back.errback == spider.failed
    with pytest.raises(ValueError, match="not a shared plain request"):
        JsonRequestCodec.loads(json.dumps({"$d": [["_class", "os.system"]]}))
