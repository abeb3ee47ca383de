"""Paper materials under the document camera (高拍仪): the desk the visit mode holds as
`mode.materials`. `start(key)` shows the camera screen; a shot is photographed, made small
(greyscale, at most 1600 px) and read by the offline OCR as a job of the visit, then checked
against the application; the result stays in `visit.materials[key]` once matched or once the
resident chooses to use it anyway (staff review it). Nothing read is ever logged."""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import cv2
import numpy as np

from district.models import Attachment
from drivers.base import DeviceError
from drivers.camera.ocr import OcrError, shared_ocr
from kiosk.material_check import MaterialCheck, check_material, max_age_for
from kiosk.services.model import Material, Service
from kiosk.view import ScreenName

if TYPE_CHECKING:
    from kiosk.controller import Kiosk
    from kiosk.modes.visit import VisitMode

log = logging.getLogger(__name__)
S = ScreenName
MAX_SIDE = 1600  # the archived photo's longest side, in pixels
MAX_PNG = 1_100_000  # Attachment.png holds 1,500,000 characters of base64


class DocumentCamera(Protocol):
    def latest_frame(self) -> np.ndarray | None: ...
    def still(self) -> np.ndarray: ...


@dataclass(frozen=True)
class MaterialResult:
    """One photographed paper: whether it matched, what did not (material_check's codes),
    and the archived PNG."""

    material: str
    ok: bool
    findings: tuple[str, ...]
    png: bytes
    max_age_days: int | None = None

    def attachment(self) -> Attachment:
        return Attachment(material=self.material, png=base64.b64encode(self.png),
                          checked=self.ok, findings=self.findings)


@dataclass
class MaterialVisit:
    """The camera screen's part of the visit."""

    key: str = ""  # the material being photographed
    busy: bool = False  # photographing and reading
    shot: MaterialResult | None = None  # the last photo, shown with what it matched
    problem: str = ""  # a message key: the camera is out, the photo could not be read


@dataclass(frozen=True)
class MaterialView:
    material: str = ""  # its name, in the visit's language
    busy: bool = False
    taken: bool = False
    ok: bool = False
    findings: tuple[str, ...] = ()  # what did not match, in plain words
    problem: str = ""  # a sentence
    status: str = ""  # what to do now, one sentence


class MaterialDesk:
    def __init__(self, kiosk: Kiosk, mode: VisitMode) -> None:
        self.kiosk, self.mode = kiosk, mode

    @property
    def state(self) -> MaterialVisit:
        return self.kiosk.session.visit.material

    def _material(self, key: str) -> Material | None:
        service: Service | None = self.mode.service
        if service is None:
            return None
        return next((m for m in service.materials if m.key == key and m.camera), None)

    def start(self, material_key: str) -> None:
        """Photograph this material of the current service (one the camera may take)."""
        if self._material(material_key) is None or self.kiosk.session.visit.resident is None:
            return
        self.kiosk.session.visit.material = MaterialVisit(key=material_key)
        self.mode.show(S.MATERIAL_CAMERA)

    def shoot(self) -> None:
        """拍照: the still is photographed, made small and read off the screen's thread."""
        state, visit = self.state, self.kiosk.session.visit
        if self.mode.screen != S.MATERIAL_CAMERA or state.busy or state.shot is not None:
            return
        camera = self.kiosk.camera
        if camera is None or visit.resident is None:
            state.problem = "material.no_camera"
            return
        key, service = state.key, self.mode.service
        name, number = visit.resident.name, visit.resident.id_number
        answers, today = dict(visit.answers), self.kiosk.today()
        max_age = max_age_for(service.checks if service else (), key)

        def work() -> MaterialResult:
            png, grey = archived(camera.still())
            texts = [line.text for line in shared_ocr().read(grey)]
            found: MaterialCheck = check_material(texts, name=name, id_number=number,
                                                  today=today, answers=answers,
                                                  max_age_days=max_age)
            return MaterialResult(key, found.ok, found.findings, png, max_age)

        state.busy, state.problem = True, ""
        self.kiosk.run_job("material", work, lambda result: self._read(key, result))

    def _read(self, key: str, result: Any) -> None:
        state = self.state
        if not state.busy or state.key != key:
            return  # the camera was opened again since, for this or another paper
        state.busy = False
        if isinstance(result, DeviceError):
            log.warning("document camera: %s", result)
            state.problem = "material.no_camera"
        elif isinstance(result, OcrError):
            log.warning("material photo not read: %s", result)  # the error, never the text
            state.problem = "material.unreadable"
        elif isinstance(result, Exception):
            log.error("material photo failed: %s", type(result).__name__)
            state.problem = "material.unreadable"
        else:
            state.shot = result
            if result.ok:
                self.kiosk.session.visit.materials[result.material] = result

    def retake(self) -> None:
        """重拍: back to the preview; a matched photo is taken back too."""
        state = self.state
        if self.mode.screen != S.MATERIAL_CAMERA or state.busy:
            return
        if state.shot is not None:
            self.kiosk.session.visit.materials.pop(state.shot.material, None)
        state.shot, state.problem = None, ""

    def use(self) -> None:
        """继续 / 仍然使用: keep this photo (one that did not match goes to staff review),
        and return to where the camera was opened from."""
        state, visit = self.state, self.kiosk.session.visit
        if self.mode.screen != S.MATERIAL_CAMERA or state.shot is None:
            return
        visit.materials[state.shot.material] = state.shot
        visit.material = MaterialVisit()
        visit.screen = visit.came_from.pop(S.MATERIAL_CAMERA, S.HOME)

    def preview(self) -> np.ndarray | None:
        """The camera's newest frame for the screen's preview (BGR, read-only)."""
        camera = self.kiosk.camera
        return camera.latest_frame() if camera is not None else None


def archived(image: np.ndarray) -> tuple[bytes, np.ndarray]:
    """The photo as kept: greyscale, at most MAX_SIDE px, a PNG under the attachment's cap
    (a noisy photo is made smaller until it fits); and the grey image the OCR reads."""
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    side = max(grey.shape[:2])
    if side > MAX_SIDE:
        scale = MAX_SIDE / side
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    png, kept = _png(grey), grey
    while len(png) > MAX_PNG:
        kept = cv2.resize(kept, None, fx=0.8, fy=0.8, interpolation=cv2.INTER_AREA)
        png = _png(kept)
    return png, grey


def _png(grey: np.ndarray) -> bytes:
    ok, encoded = cv2.imencode(".png", grey, [cv2.IMWRITE_PNG_COMPRESSION, 6])
    if not ok:
        raise OcrError("the photo could not be encoded")
    return encoded.tobytes()


def present(state: MaterialVisit, service: Service | None, language: str, t) -> MaterialView:
    material = next((m for m in (service.materials if service else ()) if m.key == state.key),
                    None)
    name = material.name.get(language) if material else ""
    shot = state.shot
    findings = tuple(t(f"material.finding.{code}", days=shot.max_age_days or 0)
                     for code in shot.findings) if shot else ()
    if state.busy:
        status = t("material.reading")
    elif shot is None:
        status = t("material.place", material=name)
    else:
        status = t("material.matched" if shot.ok else "material.not_matched")
    return MaterialView(material=name, busy=state.busy, taken=shot is not None,
                        ok=bool(shot and shot.ok), findings=findings,
                        problem=t(state.problem) if state.problem else "", status=status)
