"""One screen per file; SCREENS maps each screen name to its class."""

from kiosk.view import ScreenName
from ui.screens.applications import ApplicationsScreen
from ui.screens.attract import AttractScreen
from ui.screens.base import Screen
from ui.screens.booking_centre import BookingCentreScreen
from ui.screens.booking_confirm import BookingConfirmScreen
from ui.screens.booking_day import BookingDayScreen
from ui.screens.booking_detail import BookingDetailScreen
from ui.screens.booking_done import BookingDoneScreen
from ui.screens.booking_matter import BookingMatterScreen
from ui.screens.booking_time import BookingTimeScreen
from ui.screens.category import CategoryScreen
from ui.screens.check_answers import CheckAnswersScreen
from ui.screens.checked_in import CheckedInScreen
from ui.screens.consent import ConsentScreen
from ui.screens.data_reads import DataReadsScreen
from ui.screens.enterprise import EnterpriseScreen
from ui.screens.goodbye import GoodbyeScreen
from ui.screens.help import HelpScreen
from ui.screens.help_article import HelpArticleScreen
from ui.screens.home import HomeScreen
from ui.screens.home_service import HomeServiceScreen
from ui.screens.home_service_done import HomeServiceDoneScreen
from ui.screens.identify import IdentifyScreen
from ui.screens.licence_preview import LicencePreviewScreen
from ui.screens.maintenance import MaintenanceScreen
from ui.screens.maintenance_cleaning import MaintenanceCleaningScreen
from ui.screens.maintenance_config import MaintenanceConfigScreen
from ui.screens.maintenance_devices import MaintenanceDevicesScreen
from ui.screens.maintenance_entry import MaintenanceEntryScreen
from ui.screens.maintenance_logs import MaintenanceLogsScreen
from ui.screens.maintenance_network import MaintenanceNetworkScreen
from ui.screens.maintenance_outbox import MaintenanceOutboxScreen
from ui.screens.maintenance_usage import MaintenanceUsageScreen
from ui.screens.material_camera import MaterialCameraScreen
from ui.screens.materials import MaterialsScreen
from ui.screens.my_appointments import MyAppointmentsScreen
from ui.screens.my_benefits import MyBenefitsScreen
from ui.screens.my_licences import MyLicencesScreen
from ui.screens.my_reminders import MyRemindersScreen
from ui.screens.notice import NoticeScreen
from ui.screens.out_of_service import OutOfServiceScreen
from ui.screens.personal_page import PersonalPageScreen
from ui.screens.printing import PrintingScreen
from ui.screens.progress import ProgressScreen
from ui.screens.question import QuestionScreen
from ui.screens.rating import RatingScreen
from ui.screens.rating_reasons import RatingReasonsScreen
from ui.screens.receipt import ReceiptScreen
from ui.screens.record_done import RecordDoneScreen
from ui.screens.record_preview import RecordPreviewScreen
from ui.screens.search import SearchScreen
from ui.screens.sentinel import SentinelResultScreen, SentinelScreen
from ui.screens.service_map import ServiceMapScreen
from ui.screens.sign import SignScreen

SCREENS: dict[ScreenName, type[Screen]] = {
    screen.name: screen
    for screen in (
        AttractScreen, HomeScreen, IdentifyScreen, ConsentScreen, QuestionScreen, SignScreen,
        PrintingScreen, ReceiptScreen, RatingScreen, GoodbyeScreen, NoticeScreen,
        OutOfServiceScreen,
        # progress, help, ratings' reasons, the service map
        ProgressScreen, ApplicationsScreen, HelpScreen, HelpArticleScreen, RatingReasonsScreen,
        ServiceMapScreen,
        # appointments
        BookingMatterScreen, BookingCentreScreen, BookingDayScreen, BookingTimeScreen,
        BookingConfirmScreen, BookingDoneScreen, MyAppointmentsScreen, BookingDetailScreen,
        CheckedInScreen, HomeServiceScreen, HomeServiceDoneScreen,
        # finding a service
        CategoryScreen, SearchScreen,
        # the form flow
        MaterialsScreen, LicencePreviewScreen, CheckAnswersScreen,
        # paper materials under the document camera
        MaterialCameraScreen,
        # records
        RecordPreviewScreen, RecordDoneScreen,
        # a company's licence; the personal page and its sections
        EnterpriseScreen, PersonalPageScreen, MyLicencesScreen, MyBenefitsScreen,
        MyRemindersScreen, DataReadsScreen,
        # maintenance mode
        MaintenanceEntryScreen, MaintenanceScreen, MaintenanceCleaningScreen,
        # maintenance: devices, logs, network
        MaintenanceDevicesScreen, MaintenanceLogsScreen, MaintenanceNetworkScreen,
        # maintenance: configuration, outbox, usage
        MaintenanceConfigScreen, MaintenanceOutboxScreen,
        MaintenanceUsageScreen,
        # the sentinel mode
        SentinelScreen, SentinelResultScreen,
    )
}
