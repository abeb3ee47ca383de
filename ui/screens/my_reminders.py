"""提醒: a residence permit about to expire, a card ready for pickup (computed on the
kiosk); `personal_list.py` draws the rows."""

from __future__ import annotations

from kiosk.view import ScreenName
from ui.screens.personal_list import PersonalListScreen


class MyRemindersScreen(PersonalListScreen):
    name = ScreenName.MY_REMINDERS
    icon = "mdi6.bell-ring-outline"
