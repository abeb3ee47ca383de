"""The developer panel (windowed mode only): place and remove sample ID cards, scan sample
codes, set the paper low or out, lay a sample paper (or an image file) under the document
camera, unplug and replug each device, take the network down."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from drivers.base import DeviceError, PaperState
from drivers.camera.documents import SAMPLES as SAMPLE_PAPERS
from drivers.camera.simulator import SimulatedDocumentCamera
from drivers.idcard.samples import SAMPLE_CARDS
from drivers.idcard.simulator import SimulatedIdCardReader
from drivers.printer.document import QrCode
from drivers.printer.simulator import SimulatedPrinter
from drivers.scanner.simulator import SimulatedScanner
from drivers.simulated import SimulatedDevice
from kiosk.enterprise import LICENCE_URL
from kiosk.receipt import progress_code

if TYPE_CHECKING:
    from ui.app import KioskApp

DEMO_COMPANIES = {"91310113MA1GK7Q2X8": "上海宝友科技 (the 35-year-old represents it)",
                  "91310113MA1H3LB46X": "上海淞滨餐饮 (the HMT resident is its agent)"}
SAMPLE_LABELS = {"elderly": "82-year-old resident", "adult": "35-year-old resident",
                 "hmt": "Hong Kong/Macau/Taiwan permit"}
PAPER_LABELS = {"marriage": "结婚证 (35-year-old)", "bank_card": "bank slip (35-year-old)",
                "bank_card_other": "bank slip (someone else)"}


class DevPanel(QWidget):
    def __init__(self, app: KioskApp) -> None:
        super().__init__()
        self.app = app
        self._last_code = ""
        self.setWindowTitle("Developer panel (simulated devices)")
        self.setStyleSheet("font-size: 14px;")
        layout = QVBoxLayout(self)
        devices = app.devices

        if isinstance(devices.idcard, SimulatedIdCardReader):
            cards = self._group(layout, "ID card reader")
            for key, card in SAMPLE_CARDS.items():
                cards.addWidget(self._button(f"Place: {card.name} ({SAMPLE_LABELS[key]})",
                                             lambda c=card: devices.idcard.place(c)))
            cards.addWidget(self._button("Place an unreadable card",
                                         devices.idcard.place_unreadable))
            cards.addWidget(self._button("Remove card", devices.idcard.remove))

        if isinstance(devices.scanner, SimulatedScanner):
            scanner = self._group(layout, "QR scanner")
            scanner.addWidget(self._button("Scan the last receipt's code",
                                           self._scan_last_receipt))
            scanner.addWidget(self._button(
                "Scan an unknown code", lambda: devices.scanner.scan("https://example.invalid/x")))
            self._identity_codes(scanner)
            scanner.addWidget(self._button("Scan a fresh technician's code (maintenance)",
                                           self._scan_technician_code))

        if isinstance(devices.printer, SimulatedPrinter):
            printer = self._group(layout, "Printer paper")
            row = QHBoxLayout()
            for paper in (PaperState.FULL, PaperState.LOW, PaperState.OUT):
                row.addWidget(self._button(paper.value,
                                           lambda p=paper: devices.printer.set_paper(p)))
            printer.addLayout(row)

        if isinstance(devices.document_camera, SimulatedDocumentCamera):
            camera = self._group(layout, "Document camera (what it sees)")
            row = QHBoxLayout()
            for key, make in SAMPLE_PAPERS.items():
                row.addWidget(self._button(PAPER_LABELS[key],
                                           lambda m=make, k=key: self._lay(m, k)))
            camera.addLayout(row)
            row = QHBoxLayout()
            row.addWidget(self._button("An image file…", self._lay_file))
            row.addWidget(self._button("Take it away", lambda: devices.document_camera.show(None)))
            camera.addLayout(row)

        simulated = [d for d in devices.all() if isinstance(d, SimulatedDevice)]
        if simulated:
            plugs = self._group(layout, "Unplug / replug")
            for device in simulated:
                row = QHBoxLayout()
                row.addWidget(QLabel(device.name))
                row.addWidget(self._button("unplug", device.unplug))
                row.addWidget(self._button("replug", device.replug))
                plugs.addLayout(row)

        network = self._group(layout, "Network")
        row = QHBoxLayout()
        row.addWidget(self._button("down", lambda: self._network(False)))
        row.addWidget(self._button("up", lambda: self._network(True)))
        network.addLayout(row)
        self.status = QLabel("")
        layout.addWidget(self.status)

    def _identity_codes(self, scanner: QVBoxLayout) -> None:
        """随申码 issued by the embedded platform for each sample card (each works once), the
        last one again (used), and the demo companies' e-business licences."""
        store = getattr(self.app.network.platform, "store", None)
        if store is not None and hasattr(store, "issue_code"):
            for key, card in SAMPLE_CARDS.items():
                scanner.addWidget(self._button(
                    f"Show 随申码: {card.name} ({SAMPLE_LABELS[key]})",
                    lambda n=card.id_number: self._scan_code(store.issue_code(n))))
            scanner.addWidget(self._button("Show the last 随申码 again (used)",
                                           lambda: self._scan_code(self._last_code)))
        if store is not None and hasattr(store, "phone_code"):
            for key, card in SAMPLE_CARDS.items():  # signed offline codes, 5 minutes each
                scanner.addWidget(self._button(
                    f"Show a phone's offline code: {card.name} ({SAMPLE_LABELS[key]})",
                    lambda n=card.id_number: self._scan_phone_code(store, n)))
        for code, what in DEMO_COMPANIES.items():
            scanner.addWidget(self._button(f"Scan the e-business licence of {what}",
                                           lambda c=code: self._scan_code(
                                               LICENCE_URL.format(code=c))))
        scanner.addWidget(self._button("Scan a licence whose check character is wrong",
                                       lambda: self._scan_code("91310113MA1GK7Q2X9")))

    def _scan_phone_code(self, store, id_number: str) -> None:
        from district.contract import PlatformError

        try:
            self._scan_code(store.phone_code(id_number).text)
        except PlatformError as error:
            self.status.setText(str(error))

    def _scan_code(self, code: str) -> None:
        if code.startswith("SSM:"):
            self._last_code = code
        self.app.devices.scanner.scan(code or "SSM:")

    def _group(self, layout: QVBoxLayout, title: str) -> QVBoxLayout:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        layout.addWidget(box)
        return inner

    def _button(self, text: str, action) -> QPushButton:
        widget = QPushButton(text)
        widget.clicked.connect(lambda _checked=False: action())
        return widget

    def _scan_technician_code(self) -> None:
        """A code the embedded platform signs now, for this kiosk, valid 10 minutes: hold it
        up while the PIN pad is open (five taps in the top-left corner, or Ctrl+Alt+M)."""
        from district.signing import KEY_FILE, SigningKeyError, signing_key
        from kiosk.maintenance.technician_code import make_code

        settings = self.app.settings
        if settings.platform.kind != "embedded":
            self.status.setText("technician codes come from the district's platform")
            return
        try:
            key = signing_key(settings.data_dir / KEY_FILE)
        except SigningKeyError as error:
            self.status.setText(str(error))
            return
        self.app.devices.scanner.scan(make_code(key, "Developer", kiosk=settings.site.kiosk_id))

    def _scan_last_receipt(self) -> None:
        """The QR code of the last receipt the simulated printer printed, as a resident
        would hold it up to the scanner the next day."""
        printed = getattr(self.app.devices.printer, "printed", [])
        codes = [b.data for doc in printed for b in doc.blocks if isinstance(b, QrCode)]
        self.app.devices.scanner.scan(codes[-1] if codes else progress_code("BS000000000000"))

    def _lay(self, make, key: str) -> None:
        import cv2
        import numpy as np

        page = cv2.cvtColor(np.array(make()), cv2.COLOR_RGB2BGR)
        self.app.devices.document_camera.show(page, key)
        self.status.setText(f"camera sees: {PAPER_LABELS[key]}")

    def _lay_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(self, "A page for the document camera", "",
                                                    "Images (*.png *.jpg *.jpeg)")
        if not path:
            return
        try:
            self.app.devices.document_camera.show_file(path)
        except DeviceError as error:
            self.status.setText(str(error))
            return
        self.status.setText(f"camera sees: {path}")

    def _network(self, up: bool) -> None:
        self.app.network.up = up
        if up:
            self.app.delivery.urge()  # what waited in the outbox goes now
        self.status.setText(f"network {'up' if up else 'down'}")
