"""A small Django project running django-machina for the test suite (see tests/machina_forum.py)."""
