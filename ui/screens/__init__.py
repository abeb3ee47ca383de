"""One screen per file; SCREENS maps each screen name to its class."""

from kiosk.view import ScreenName
from ui.screens.applications import ApplicationsScreen
from ui.screens.attract import AttractScreen
from ui.screens.base import Screen
from ui.screens.consent import ConsentScreen
from ui.screens.form import FormScreen
from ui.screens.goodbye import GoodbyeScreen
from ui.screens.help import HelpScreen
from ui.screens.help_article import HelpArticleScreen
from ui.screens.home import HomeScreen
from ui.screens.identify import IdentifyScreen
from ui.screens.notice import NoticeScreen
from ui.screens.out_of_service import OutOfServiceScreen
from ui.screens.printing import PrintingScreen
from ui.screens.progress import ProgressScreen
from ui.screens.rating import RatingScreen
from ui.screens.rating_reasons import RatingReasonsScreen
from ui.screens.receipt import ReceiptScreen
from ui.screens.service_map import ServiceMapScreen
from ui.screens.sign import SignScreen

SCREENS: dict[ScreenName, type[Screen]] = {
    screen.name: screen
    for screen in (
        AttractScreen, HomeScreen, IdentifyScreen, ConsentScreen, FormScreen, SignScreen,
        PrintingScreen, ReceiptScreen, RatingScreen, GoodbyeScreen, NoticeScreen,
        OutOfServiceScreen,
        # progress, help, ratings' reasons, the service map
        ProgressScreen, ApplicationsScreen, HelpScreen, HelpArticleScreen, RatingReasonsScreen,
        ServiceMapScreen,
    )
}
