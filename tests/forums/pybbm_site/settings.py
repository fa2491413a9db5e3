"""Django settings of the pybbm corpus forum (pybbm 0.19 on Django 2.0, SQLite).

CORPUS_SITE_DATA names the folder holding the SQLite file (required). pybbm
needs a site `base.html`; templates/base.html here is a bare frame around it.
"""

import os
from pathlib import Path

DATA_DIR = Path(os.environ["CORPUS_SITE_DATA"])
HERE = Path(__file__).resolve().parent

SECRET_KEY = "forum-provenance-corpus-pybbm-only"  # a throwaway local site
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "pybbm_site.urls"
SITE_ID = 1

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "pybb",
    "pybbm_site",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "pybb.middleware.PybbMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [str(HERE / "templates")],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "pybb.context_processors.processor",
            ]
        },
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "forum.sqlite3"),
    }
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
MEDIA_ROOT = str(DATA_DIR / "media")
MEDIA_URL = "/media/"

PYBB_TOPIC_PAGE_SIZE = 12
PYBB_MARKUP = "bbcode"
PYBB_DEFAULT_TITLE = "Harbourside Forum (pybbm)"
PYBB_ENABLE_ANONYMOUS_POST = False
PYBB_PREMODERATION = False
