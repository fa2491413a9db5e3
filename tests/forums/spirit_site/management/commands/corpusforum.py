"""`manage.py corpusforum seed`: write corpus_story into an empty, migrated Spirit forum.

Prints one JSON line: the ids the database gave the members, boards, topics and
posts (tests/forums/corpus_expected.py turns them into expected posts).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Seed the Spirit corpus forum with tests/forums/corpus_story.py"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["seed"])

    def handle(self, *args: Any, **options: Any) -> None:
        from spirit_site.seed import seed

        self.stdout.write(json.dumps(seed()))
