"""The spiders: what to fetch and follow. ``forum`` walks board index, boards and
every page of every thread (incrementally); ``sources`` fetches cited and
official pages; ``articles`` reads a site's feeds and sitemaps."""
