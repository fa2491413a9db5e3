"""The content farm's rewrite of the first release, as the spinner turns it out.

The forum's third thread pastes it without a source, and the farm publishes
it as an article: the same words in both places, computed once here.
"""

from __future__ import annotations

from sample.content.releases import R1
from sample.spinner import SpinStats, spin, spin_title

SPUN_TITLE = spin_title(R1.title)
SPUN_STATS = SpinStats()
SPUN_PARAGRAPHS = tuple(spin(p, SPUN_STATS) for p in R1.paragraphs)
