"""vBulletin 4 and vBulletin 5 (vBulletin Connect): thread pages and board listings.

The two share a name and the BB code renderer (quoted replies are
`div.bbcode_container` with an "Originally Posted by" header and a
`div.message`), the edit note and the text date formats (`common`), and
nothing else: vBulletin 4 (`vb4`) is PHP scripts with query strings
(`showthread.php?t=412345&page=2`, `s=` session hashes, friendly forms
`showthread.php?412345-title/page2`) and `li.postcontainer` posts with text
dates; vBulletin 5 (`vb5`) is a route-based site
(`/forum/channel/412345-title/page2`) with `li.b-post[data-node-id]` posts
carrying Unix timestamps.
"""

from crawler.engines.vbulletin.vb4 import VBulletin4
from crawler.engines.vbulletin.vb5 import VBulletin5

__all__ = ["VBulletin4", "VBulletin5"]
