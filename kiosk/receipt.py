"""What the kiosk prints when a service is submitted: a receipt with the reference number as
its biggest line, whether the platform has the submission or this kiosk keeps it until it
can send it, a QR code to check progress, and personal data masked."""

from __future__ import annotations

from district.models import LicenceRef
from drivers.printer.document import Align, Cut, Document, Feed, QrCode, Rule, Text, TextSize
from kiosk.config import Site
from kiosk.i18n import Messages
from kiosk.services.engine import form_values, mask
from kiosk.services.model import Service
from kiosk.submitting import Outcome

PROGRESS_PREFIX = "tongban://progress/"


def progress_code(reference: str) -> str:
    return PROGRESS_PREFIX + reference


def outcome_key(outcome: Outcome) -> str:
    """The words before the reference: submitted, or saved here and sent automatically."""
    return "outcome.delivered" if outcome.delivered else "outcome.saved"


def reference_in(code: str) -> str | None:
    """The reference a receipt's progress code carries; None for any other code."""
    if not code.startswith(PROGRESS_PREFIX):
        return None
    return code.removeprefix(PROGRESS_PREFIX).strip() or None


def build_receipt(
    *,
    site: Site,
    service: Service,
    answers: dict[str, str],
    outcome: Outcome,
    messages: Messages,
    language: str,
    large_print: bool,
    replaced: dict[str, LicenceRef] | None = None,
    members: tuple[str, ...] = (),
) -> Document:
    """`replaced`: material key -> the licence used instead of its paper; `members`: a
    bundle's matters, whose references (`outcome.references`) are listed in order."""
    def t(key: str, **params: object) -> str:
        return messages.text(key, language, **params)

    body = TextSize.TALL if large_print else TextSize.NORMAL
    site_name = site.name_zh if language.startswith("zh") else site.name_en
    blocks: list = [
        Text(site_name, bold=True, align=Align.CENTER),
        Text(t("receipt.title", service=service.title.get(language)), size=body, bold=True,
             align=Align.CENTER),
        Rule(),
        Text(t(outcome_key(outcome)), size=body, align=Align.CENTER),
        Text(outcome.reference, size=TextSize.LARGE, bold=True, align=Align.CENTER),
        Text(t("receipt.submitted_at",
               time=outcome.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M")),
             size=body, align=Align.CENTER),
        Rule(),
    ]
    for title, reference in zip(members, outcome.references, strict=False):
        blocks.append(Text(t("receipt.extra.member", service=title, reference=reference),
                           size=body))
    if members:
        blocks.append(Rule())
    for value in form_values(service, answers):
        shown = _shown(value.spec, value.value, language)
        blocks.append(Text(t("form.row", label=value.spec.label.get(language), value=shown),
                           size=body))
    for material in service.materials:
        ref = (replaced or {}).get(material.key)
        if ref is not None:
            blocks.append(Text(t("receipt.extra.replaced", material=material.name.get(language),
                                 licence=ref.title_zh if language.startswith("zh")
                                 else ref.title_en), size=body))
    blocks += [
        Rule(),
        Text(service.done_note.get(language), size=body),
        Feed(),
        QrCode(progress_code(outcome.reference), module_dots=6 if large_print else 5),
        Text(t("receipt.scan_to_check"), size=body, align=Align.CENTER),
        Text(t("receipt.helpline", helpline=site.helpline, kiosk=site.kiosk_id),
             align=Align.CENTER),
        Feed(2),
        Cut(),
    ]
    return Document(tuple(blocks), title=f"{service.id}-{outcome.reference}")


def _shown(spec, value: str, language: str) -> str:
    if spec.kind == "choice":
        for option in spec.options:
            if option.value == value:
                return option.label.get(language)
    return mask(value) if spec.personal else value
