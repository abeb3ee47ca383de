"""免申即享: benefits received without applying (what, how much a month, when paid, the
next payment); `personal_list.py` draws the rows."""

from __future__ import annotations

from kiosk.view import ScreenName
from ui.screens.personal_list import PersonalListScreen


class MyBenefitsScreen(PersonalListScreen):
    name = ScreenName.MY_BENEFITS
    icon = "mdi6.hand-coin-outline"
