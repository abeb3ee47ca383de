"""What a resident does on the appointment screens, as the visit mode takes it: each action
handed to the desk that does it (kiosk/booking.py, kiosk/home_service.py, kiosk/check_in.py).
Kept out of kiosk/modes/visit.py so that the mode stays about the visit itself."""

from __future__ import annotations

from kiosk.booking import BookingDesk
from kiosk.check_in import CheckInDesk
from kiosk.home_service import HomeServiceDesk
from kiosk.view import ScreenName


class AppointmentActions:
    """Mixed into the visit mode, which gives it `screen`."""

    screen: ScreenName

    def open_desks(self) -> None:
        self.booking = BookingDesk(self)
        self.check_in = CheckInDesk(self)
        self.home_service = HomeServiceDesk(self)

    def choose_matter(self, matter: str) -> None:
        if self.screen == ScreenName.HOME_SERVICE:
            self.home_service.choose_matter(matter)
        else:
            self.booking.choose_matter(matter)

    def choose_centre(self, centre_id: str) -> None:
        self.booking.choose_centre(centre_id)

    def choose_day(self, day: str) -> None:
        self.booking.choose_day(day)

    def choose_slot(self, slot_id: str) -> None:
        self.booking.choose_slot(slot_id)

    def confirm_booking(self) -> None:
        self.booking.confirm()

    def open_appointments(self) -> None:
        self.booking.open_list()

    def open_booking(self, booking_id: str) -> None:
        self.booking.open(booking_id)

    def cancel_booking(self) -> None:
        self.booking.ask_cancel()

    def confirm_cancel(self) -> None:
        self.booking.confirm_cancel()

    def move_booking(self) -> None:
        self.booking.move()

    def choose_home_kind(self, kind: str) -> None:
        self.home_service.choose_kind(kind)

    def request_home_service(self) -> None:
        self.home_service.send()
