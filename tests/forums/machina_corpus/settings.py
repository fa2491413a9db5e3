"""Django settings of the machina corpus forum: the test forum's settings
(machina_site.settings) with the corpus's page size, name and timezone.

CORPUS_SITE_DATA names the folder holding the SQLite file (required).
"""

from __future__ import annotations

import os

os.environ.setdefault("MACHINA_SITE_DATA", os.environ["CORPUS_SITE_DATA"])

from machina_site.settings import *  # noqa: E402,F403
from machina_site.settings import INSTALLED_APPS  # noqa: E402

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "machina_site"] + ["machina_corpus"]
TIME_ZONE = "Europe/Paris"
MACHINA_FORUM_NAME = "Harbourside Forum (machina)"
MACHINA_TOPIC_POSTS_NUMBER_PER_PAGE = 12
