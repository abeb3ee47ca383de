"""Drives the kiosk to the screens of progress, help, ratings' reasons, the service map and
records for screenshots and the audit, through the calls a resident's touches make: the sample
resident identified at home, or with the receipt of the sample service in hand."""

from __future__ import annotations

from kiosk.controller import Kiosk
from kiosk.receipt import progress_code
from kiosk.view import ScreenName

S = ScreenName
FROM_HOME = frozenset({S.APPLICATIONS, S.HELP, S.HELP_ARTICLE, S.SERVICE_MAP, S.CATEGORY,
                       S.SEARCH, S.RECORD_PREVIEW, S.RECORD_DONE})
SEARCH_KEYS = ("s", "h", "e", "b")  # 社保…: results found, and candidates for the pinyin
RECORD_SERVICE = "social_security_record"
FROM_RECEIPT = frozenset({S.PROGRESS})
FROM_RATING = frozenset({S.RATING_REASONS})
WITH_CAMERA = frozenset({S.MATERIAL_CAMERA})


def from_home(kiosk: Kiosk, screen: ScreenName) -> None:
    if screen == S.APPLICATIONS:
        kiosk.open_applications()
    elif screen == S.CATEGORY:  # the category of the most services
        categories = [service.category for service in kiosk.catalogue]
        kiosk.open_category(max(categories, key=categories.count))
    elif screen == S.SEARCH:
        kiosk.open_search()
        for key in SEARCH_KEYS:
            kiosk.press_key(key)
    elif screen == S.SERVICE_MAP:
        kiosk.open_map()
    elif screen == S.HELP:  # the topics and words, with a helper on the way
        kiosk.open_help()
        kiosk.call_helper()
    elif screen in (S.RECORD_PREVIEW, S.RECORD_DONE):  # the record fetched; then printed
        kiosk.choose_service(RECORD_SERVICE)
        if screen == S.RECORD_DONE:
            kiosk.print_record()
    elif screen == S.HELP_ARTICLE:
        kiosk.open_help()
        kiosk.search_help(kiosk.state.help.topics[1].value)  # the ID card
        results = kiosk.state.help.results
        if results:
            kiosk.read_help(results[0].value)


def from_receipt(kiosk: Kiosk, screen: ScreenName) -> None:
    """The resident scans the receipt just printed."""
    from drivers.base import CodeScanned

    code = progress_code(kiosk.session.visit.outcome.reference)
    kiosk.handle_device_event(CodeScanned("scanner", code, code.encode()))


def from_rating(kiosk: Kiosk, screen: ScreenName) -> None:
    kiosk.rate(2)
    kiosk.toggle_reason("slow")  # one ticked, as the resident leaves it


def with_camera(kiosk: Kiosk, camera, screen: ScreenName) -> None:
    """A service with a paper for the document camera, entered; the sample bank slip under
    the (simulated) camera. With no such material in the catalogue, the sample service is
    given one for the picture."""
    import cv2
    import numpy as np

    from drivers.camera.documents import bank_card_slip
    from kiosk.services.catalogue import Catalogue
    from kiosk.services.model import Bilingual, Material

    found = next(((s, m) for s in kiosk.catalogue for m in s.materials if m.camera), None)
    if found is None:
        material = Material(key="bank_card", name=Bilingual(zh="银行卡", en="bank card"),
                            camera=True)
        services = list(kiosk.catalogue)
        service = services[0].model_copy(update={"materials": (material,)})
        kiosk.catalogue = kiosk.presenter.catalogue = Catalogue([service, *services[1:]])
        found = service, material
    service, material = found
    if camera is not None and hasattr(camera, "show"):
        camera.show(cv2.cvtColor(np.array(bank_card_slip()), cv2.COLOR_RGB2BGR), "bank card")
    kiosk.session.enter_service(service.id, {})
    kiosk.mode.show(S.FORM)
    kiosk.mode.materials.start(material.key)
    kiosk.publish()
