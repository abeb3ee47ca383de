"""The materials desk through the real kiosk: a paper laid under the simulated document
camera, photographed and read by the real OCR as a job of the visit, the result kept in the
visit for the form's materials step, and taken by the wipe."""

from __future__ import annotations

import base64

import cv2
import numpy as np
import pytest
from PIL import Image

from district.models import Attachment
from drivers.base import CardRead
from drivers.camera.documents import STRANGER, bank_card_slip
from drivers.camera.simulator import SimulatedDocumentCamera
from drivers.idcard.samples import ADULT
from kiosk.material_check import NAME_DIFFERS, NUMBER_DIFFERS
from kiosk.materials import MAX_PNG, MAX_SIDE, MaterialVisit, archived
from kiosk.services.catalogue import Catalogue, load_catalogue
from kiosk.services.model import Bilingual, Material
from kiosk.view import ScreenName as S

BANK_CARD = Material(key="bank_card", name=Bilingual(zh="银行卡", en="bank card"), camera=True)
SERVICE = "elderly_allowance"


def catalogue_with_a_camera_material() -> Catalogue:
    services = list(load_catalogue())
    return Catalogue([s.model_copy(update={"materials": (BANK_CARD,)}) if s.id == SERVICE
                      else s for s in services])


def bgr(image: Image.Image) -> np.ndarray:
    return cv2.cvtColor(np.array(image.convert("RGB")), cv2.COLOR_RGB2BGR)


@pytest.fixture
def camera():
    camera = SimulatedDocumentCamera()
    camera.start()
    yield camera
    camera.stop()


@pytest.fixture
def rig(make_rig, camera):
    rig = make_rig(catalogue=catalogue_with_a_camera_material())
    rig.kiosk.camera = camera
    kiosk = rig.kiosk
    kiosk.start()
    kiosk.handle_device_event(CardRead("idcard", ADULT))
    kiosk.consent(True)
    rig.jobs.finish_all()  # the profile
    kiosk.session.enter_service(SERVICE, {})  # the form's materials step would call start()
    kiosk.mode.show(S.FORM)
    kiosk.mode.materials.start("bank_card")
    kiosk.publish()
    return rig


def shoot(rig) -> None:
    rig.kiosk.shoot_material()
    assert rig.state.material.busy and len(rig.jobs.waiting) == 1
    rig.jobs.finish_all()  # the photo and the OCR, here on the test's thread
    rig.kiosk.publish()


def test_a_matching_paper_is_kept_for_the_form(rig, camera):
    assert rig.state.screen == S.MATERIAL_CAMERA
    assert "银行卡" in rig.state.material.status
    camera.show(bgr(bank_card_slip()))
    shoot(rig)
    view = rig.state.material
    assert view.taken and view.ok and view.findings == ()
    kept = rig.visit.materials["bank_card"]
    assert kept.ok and kept.findings == ()
    photo = cv2.imdecode(np.frombuffer(kept.png, np.uint8), cv2.IMREAD_UNCHANGED)
    assert photo.ndim == 2 and max(photo.shape) <= MAX_SIDE  # greyscale, made small
    attachment = kept.attachment()
    assert isinstance(attachment, Attachment) and attachment.checked
    rig.kiosk.use_material()
    assert rig.state.screen == S.FORM  # back to where the camera was opened from


def test_another_persons_paper_says_what_differs_and_can_be_used_for_staff(rig, camera):
    camera.show(bgr(bank_card_slip(STRANGER)))
    shoot(rig)
    view = rig.state.material
    assert view.taken and not view.ok
    assert view.findings == ("材料上的姓名不是您的。", "材料上的身份证号码和您的不一样。")
    assert "bank_card" not in rig.visit.materials  # not kept until the resident chooses
    rig.kiosk.retake_material()
    assert not rig.state.material.taken
    shoot(rig)
    rig.kiosk.use_material()  # 仍然使用: staff review it
    kept = rig.visit.materials["bank_card"]
    assert not kept.ok and kept.findings == (NAME_DIFFERS, NUMBER_DIFFERS)
    assert kept.attachment().findings == (NAME_DIFFERS, NUMBER_DIFFERS)


def test_what_the_paper_said_is_never_logged(rig, camera, caplog):
    caplog.set_level("DEBUG")
    camera.show(bgr(bank_card_slip(STRANGER)))
    shoot(rig)
    assert STRANGER.name not in caplog.text and STRANGER.id_number not in caplog.text


def test_an_empty_desk_is_said_calmly(rig):
    shoot(rig)
    assert rig.state.material.findings == ("照片上没有认出文字。请把材料放平，有字的一面朝上。",)


def test_an_unplugged_camera_is_a_calm_problem(rig, camera):
    camera.unplug()
    shoot(rig)
    assert rig.state.material.problem.startswith("高拍仪现在不能用")
    assert not rig.state.material.taken
    rig.kiosk.camera = None
    rig.kiosk.shoot_material()
    assert rig.state.material.problem.startswith("高拍仪现在不能用") and not rig.jobs.waiting


def test_a_double_touch_takes_one_photo(rig, camera):
    camera.show(bgr(bank_card_slip()))
    rig.kiosk.shoot_material()
    rig.kiosk.shoot_material()
    assert len(rig.jobs.waiting) == 1
    rig.jobs.finish_all()


def test_the_wipe_takes_the_photos_and_a_late_result_is_dropped(rig, camera, make_rig):
    camera.show(bgr(bank_card_slip()))
    shoot(rig)
    assert rig.visit.materials
    rig.kiosk.shoot_material()  # nothing: the result is on screen; retake first
    rig.kiosk.retake_material()
    assert "bank_card" not in rig.visit.materials  # a retake takes the matched one back
    rig.kiosk.shoot_material()
    rig.kiosk.end_visit("finished")
    rig.jobs.finish_all()  # the photo of a visit that has ended
    assert rig.visit.materials == {} and rig.visit.material == MaterialVisit()


def test_only_a_material_the_camera_may_take_opens_it(rig):
    rig.kiosk.use_material()  # nothing taken: stays
    assert rig.visit.screen == S.MATERIAL_CAMERA
    rig.kiosk.go_back()
    assert rig.visit.screen == S.FORM
    rig.kiosk.mode.materials.start("household_register")  # not one of this service's
    assert rig.visit.screen == S.FORM


def test_the_voice_says_what_did_not_match_and_never_what_was_read(rig, camera):
    rig.kiosk.toggle_display_mode("care")  # the voice is on in care mode
    camera.show(bgr(bank_card_slip(STRANGER)))
    shoot(rig)
    assert rig.said("材料上的姓名不是您的。")
    assert rig.said("材料上的身份证号码和您的不一样。")
    assert not any(STRANGER.name in text or STRANGER.id_number in text for text in rig.spoken())


def test_a_noisy_photo_is_made_small_enough_to_travel():
    noise = np.random.default_rng(8).integers(0, 256, (2448, 3264, 3), dtype=np.uint8)
    png, grey = archived(noise)
    assert max(grey.shape) == MAX_SIDE  # the OCR reads it at 1600 px
    assert len(png) <= MAX_PNG
    Attachment(material="bank_card", png=base64.b64encode(png))  # within the contract's cap


def test_a_photo_of_a_paper_left_behind_does_not_land_on_the_next(rig, camera):
    camera.show(bgr(bank_card_slip()))
    rig.kiosk.shoot_material()
    rig.kiosk.go_back()
    rig.kiosk.mode.materials.start("bank_card")  # opened again before the first was read
    rig.jobs.finish_all()
    rig.kiosk.publish()
    assert not rig.state.material.taken and rig.visit.materials == {}
