"""Every release family by name: what evalsets/eval_releases.py draws from."""

from __future__ import annotations

from eval_families_crime import FRAUD, NARCOTICS
from eval_families_emergency import EMERGENCY
from eval_families_public import OUTBREAK, POLLUTION, ROADWORKS
from eval_templates import Family

FAMILIES: dict[str, Family] = {
    f.name: f for f in (NARCOTICS, FRAUD, POLLUTION, OUTBREAK, ROADWORKS, EMERGENCY)
}
