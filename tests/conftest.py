"""Shared fixtures: local sites served on 127.0.0.1 by the test suite itself.

Sites are served by the sample-site server, which also works as an HTTP
proxy, so pages keep the URLs they were rendered with (fixed hosts and
ports) while the server listens on a free port.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_forums import *  # noqa: F403  (real forum software of the corpus)
from machina_forum import *  # noqa: F403  (the django-machina test forum's fixtures)

from provenance.sample.server import serve_sites

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def smf20_proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real SMF 2.0.19 renders of tests/fixtures/smf20 served as host 127.0.0.1."""
    sites = tmp_path_factory.mktemp("smf20_sites")
    (sites / "127.0.0.1").symlink_to(FIXTURES / "smf20", target_is_directory=True)
    with serve_sites(sites_dir=sites) as proxy:
        yield proxy
