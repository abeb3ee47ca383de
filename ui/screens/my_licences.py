"""我的电子证照: the resident's electronic licences (type, issuer, number masked, valid
until); `personal_list.py` draws the rows."""

from __future__ import annotations

from kiosk.view import ScreenName
from ui.screens.personal_list import PersonalListScreen


class MyLicencesScreen(PersonalListScreen):
    name = ScreenName.MY_LICENCES
    icon = "mdi6.card-account-details-star-outline"
