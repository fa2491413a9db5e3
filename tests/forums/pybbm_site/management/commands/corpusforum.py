"""`manage.py corpusforum seed`: write corpus_story into an empty, migrated pybbm forum.

Prints one JSON line with the ids the database gave members, forums, topics, posts.
"""

import json

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Seed the pybbm corpus forum with tests/forums/corpus_story.py"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["seed"])

    def handle(self, *args, **options):
        from pybbm_site.seed import seed

        self.stdout.write(json.dumps(seed()))
