"""The engine toolkit: what every page object does the same way, written once.

An engine module holds only what is specific to its engine (selectors, URL
shapes, date formats, the few readings no other engine needs); everything it
shares with the others lives here, one concept a module: `text` (an element's
visible text, squashed strings, counts), `tree` (copying, cutting and
cleaning body elements), `urls` (the URLs a post cites, links of a listing),
`dates` (forum dates as aware datetimes), `pages` (the pages of a paginated
thread), `quotes` (quoted replies taken out of a body), `posts` (a post and a
thread page assembled from what an engine read) and `listing` (board lists
and their hints for incremental re-crawls). Nothing here performs I/O.
"""
