"""Simple Machines Forum: SMF 2.0 (`smf20`) and SMF 2.1 (`smf21`) page objects.

The two versions share their URLs (`index.php?topic=2.15`, the
`index.php/topic,2.15.html` form, `PHPSESSID`), offset pagination and board
lists (`common`), and nothing of their post markup: each version's module
holds its own selectors, date formats and quote headers.
"""

from crawler.engines.smf.smf20 import DATE_FORMATS, Smf20
from crawler.engines.smf.smf21 import Smf21

__all__ = ["DATE_FORMATS", "Smf20", "Smf21"]
