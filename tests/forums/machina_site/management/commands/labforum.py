"""`manage.py labforum seed|add-posts|edit-post`: the test forum's own helpers.

Each prints one JSON line (what it did), for tests/machina_forum.py to read.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from machina_site import seed


class Command(BaseCommand):
    help = "Seed the test forum, append replies to a topic, or edit a post."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("seed", help="write data.py into an empty, migrated database")
        add = sub.add_parser("add-posts", help="append replies to a topic")
        add.add_argument("--topic", type=int, required=True)
        add.add_argument("--count", type=int, required=True)
        add.add_argument("--author", default="dave")
        add.add_argument("--step-minutes", type=int, default=10)
        topics = sub.add_parser("add-topics", help="open topics with posts (a bigger forum)")
        topics.add_argument("--count", type=int, required=True)
        topics.add_argument("--posts-each", type=int, required=True)
        edit = sub.add_parser("edit-post", help="replace a post's content")
        edit.add_argument("--post", type=int, required=True)
        edit.add_argument("--content", required=True)
        edit.add_argument("--editor", default=None)
        edit.add_argument("--reason", default="")
        edit.add_argument("--at", default=None, help="ISO time with offset")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "seed":
            result: Any = seed.seed()
        elif action == "add-topics":
            result = seed.add_topics(options["count"], options["posts_each"])
        elif action == "add-posts":
            if options["count"] < 1:
                raise CommandError(f"--count must be at least 1, got {options['count']}")
            result = seed.add_posts(
                options["topic"], options["count"], options["author"], options["step_minutes"]
            )
        else:
            at = datetime.fromisoformat(options["at"]) if options["at"] else None
            if at is not None and at.tzinfo is None:
                raise CommandError(f"--at needs a UTC offset, got {options['at']!r}")
            result = seed.edit_post(
                options["post"], options["content"], options["editor"], options["reason"], at
            )
        self.stdout.write(json.dumps(result))
