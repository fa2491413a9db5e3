"""The sample sites' text, kept apart from their markup.

* ``releases.py``: the official site's press releases (the originals).
* ``forum.py``: the forum's members, boards and threads (BBC post bodies).
* ``farm.py``: the content farm's name, its articles and their dates.
* ``synonyms.py``: the spinner's vocabulary; ``spun.py``: its rewrite of the
  first release, shared by the forum and the farm.

All of it is original, made-up prose about a fictional state.
"""
