"""The demo's sample sites: their text, their markup and the code that joins them.

``tools/build_sample.py`` is the command; this package is what it runs.

* ``content/``: the text of the sites (press releases, forum members and
  posts, the content farm's articles, the spinner's vocabulary), as plain data.
* ``templates/``: Jinja2 templates, one folder per site, autoescaped.
* ``model.py``: the records the content is written in, and the sites' addresses.
* ``smf.py`` and ``spinner.py``: how SMF stores and renders a message, and how
  a content farm rewrites one word at a time.
* ``forum.py``, ``official.py``, ``farm.py``: each site's pages, rendered from
  the content through the templates (``templating.py`` sets Jinja2 up).
"""
