"""What a signed form sends: one `Submission` per matter (a bundle files one per member, each
with its own reference), carrying the consented visit, which answers are locked verified
profile items (the platform refuses a changed one as "altered"), the licences used instead
of paper, and whether every rule passed at the first try."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from district.models import Attachment, Submission
from kiosk.form_flow import FormVisit
from kiosk.services.engine import FieldValue, Source
from kiosk.services.model import Service


@dataclass(frozen=True)
class Signed:
    """Everything of the visit a submission needs, taken on the screen's thread."""

    key: str  # the visit's idempotency key; a bundle's members add their number
    id_number: str
    answers: dict[str, str]
    visit_id: str | None
    form: FormVisit
    signed_by: str
    photos: dict[str, Attachment] = field(default_factory=dict)  # material key -> its photo


def locked_items(service: Service, answers: dict[str, str],
                 sources: dict[str, Source]) -> dict[str, str]:
    """Field key -> profile item, for each locked answer that a government record gave."""
    out = {}
    for spec in service.fields:
        value = FieldValue(spec, answers.get(spec.key, ""), sources.get(spec.key, Source()))
        if value.locked and value.source.origin == "government" and value.source.item:
            out[spec.key] = value.source.item
    return out


def submissions(signed: Signed, parts: list[Service], new_reference: Callable[[], str],
                png: bytes, now: datetime) -> list[Submission]:
    """One submission per matter, in order; `parts` is [the service] or a bundle's members."""
    out = []
    used = {key: licence.ref.uri for key, licence in signed.form.confirmed.items()}
    for number, part in enumerate(parts):
        keys = {spec.key for spec in part.fields}
        answers = {k: v for k, v in signed.answers.items() if k in keys and v}
        mine = {m.key for m in part.materials}
        licences = tuple(uri for key, uri in used.items() if key in mine)
        photos = tuple(photo for key, photo in signed.photos.items() if key in mine)
        out.append(Submission(
            idempotency_key=signed.key if len(parts) == 1 else f"{signed.key}-{number}",
            reference=new_reference(), service_id=part.id, id_number=signed.id_number,
            answers=answers, signature_png=base64.b64encode(png), signed_by=signed.signed_by,
            signed_at=now, visit_id=signed.visit_id,
            locked=locked_items(part, answers, signed.form.sources) if signed.visit_id else {},
            licences=licences, attachments=photos, first_try=not signed.form.failed))
    return out


def photos_of(visit: Any) -> dict[str, Attachment]:
    """The papers photographed in this visit (`Visit.materials`, kept by the document
    camera's desk, kiosk/materials.py), as attachments."""
    return {key: result.attachment() for key, result in visit.materials.items()}
