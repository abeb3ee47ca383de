"""Demo data for the embedded platform, kept with the district's demo data (district/seed.py):
profiles of the sample residents and usage counts that put the most used services first."""

from __future__ import annotations

from district.seed import PROFILES as DEMO_PROFILES
from district.seed import USAGE as DEMO_USAGE

__all__ = ["DEMO_PROFILES", "DEMO_USAGE"]
