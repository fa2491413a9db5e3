"""The content farm: its name, and the two articles it publishes.

The first article is the spun copy of the first release (``spun.py``); the
second is filler, so that the feed and the sitemap list more than the copy.
"""

from __future__ import annotations

from datetime import datetime

from sample.content.spun import SPUN_PARAGRAPHS, SPUN_TITLE
from sample.model import EASTERN
from sample.smf import forum_copy

FARM_NAME = "Daily Wire Now"
FARM_TAGLINE = "News as it breaks"

FARM_SPUN_PATH = "/2026/01/09/attorney-general-whitcomb-introduces-effects-of-operation-lantern"
FARM_PUBLISHED = datetime(2026, 1, 9, 6, 30, tzinfo=EASTERN)
FARM_SPUN_TITLE = SPUN_TITLE
# the farm publishes the spun text with straight quotes, as pasted on the forum
FARM_SPUN = tuple(forum_copy(p) for p in SPUN_PARAGRAPHS)

FARM_OTHER_PATH = "/2026/01/10/ten-winter-driving-tips-for-calloway-roads"
FARM_OTHER_PUBLISHED = datetime(2026, 1, 10, 8, 0, tzinfo=EASTERN)
FARM_OTHER_TITLE = "Ten Winter Driving Tips for Calloway Roads"
FARM_OTHER = (
    "Black ice forms first on bridges and overpasses, so ease off the accelerator before you "
    "reach them and keep your following distance at six seconds or more.",
    "Keep a blanket, a flashlight, a phone charger and a bag of sand or cat litter in the "
    "trunk from December to March; the sand gives your tires grip if you get stuck.",
    "Clear the whole car of snow before you drive, roof included: a sheet of snow sliding "
    "onto your windshield at the first stop is how many winter fender-benders begin.",
)
