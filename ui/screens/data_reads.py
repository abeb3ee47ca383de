"""谁查看了我的数据: each read of the resident's data, newest first (what, by which kiosk
or service, why, when); `personal_list.py` draws the rows."""

from __future__ import annotations

from kiosk.view import ScreenName
from ui.screens.personal_list import PersonalListScreen


class DataReadsScreen(PersonalListScreen):
    name = ScreenName.DATA_READS
    icon = "mdi6.eye-check-outline"
