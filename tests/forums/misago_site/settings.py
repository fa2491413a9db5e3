"""Settings of the Misago corpus forum: the development project's settings that
the misago wheel ships (devproject.settings) on a local PostgreSQL, without the
debug toolbar, with Celery tasks run in the request.

Environment: POSTGRES_HOST, POSTGRES_PORT, POSTGRES_DB, POSTGRES_USER,
POSTGRES_PASSWORD; CORPUS_SITE_DATA (media folder).
"""

import os

from devproject.settings import *  # noqa: F403
from devproject.settings import DATABASES, INSTALLED_APPS, MIDDLEWARE

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES["default"]["PORT"] = int(os.environ.get("POSTGRES_PORT", "5432"))
INSTALLED_APPS = [app for app in INSTALLED_APPS if "debug_toolbar" not in app]
MIDDLEWARE = [m for m in MIDDLEWARE if "debug_toolbar" not in m]
TIME_ZONE = "Europe/Berlin"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
MEDIA_ROOT = os.path.join(os.environ["CORPUS_SITE_DATA"], "media")
SECRET_KEY = "forum-provenance-corpus-misago-only"  # a throwaway local site
