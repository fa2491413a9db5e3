"""`manage.py corpusforum seed`: write corpus_story into an empty, migrated machina forum.

Prints one JSON line with the ids the database gave members, forums, topics, posts.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Seed the machina corpus forum with tests/forums/corpus_story.py"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["seed"])

    def handle(self, *args: Any, **options: Any) -> None:
        from machina_corpus.seed import seed

        self.stdout.write(json.dumps(seed()))
