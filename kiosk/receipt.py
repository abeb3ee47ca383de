"""What the kiosk prints when a service is submitted: a receipt with the reference number as
its biggest line, whether the platform has the submission or this kiosk keeps it until it
can send it, a QR code to check progress, and personal data masked."""

from __future__ import annotations

import re
from urllib.parse import unquote

from district.models import LicenceRef
from drivers.printer.document import Align, Cut, Document, Feed, QrCode, Rule, Text, TextSize
from kiosk.config import LOCAL_TIME, Receipts, Site
from kiosk.i18n import Messages
from kiosk.services.engine import form_values
from kiosk.services.model import Service
from kiosk.slip_privacy import guarded, printed
from kiosk.submitting import Outcome

PROGRESS_PREFIX = "tongban://progress/"  # what receipts carried before the verification URL
VERIFY_URL = Receipts().verify_url
_FULL_WIDTH = {"，": ", ", "：": ": ", "；": "; ", "。": ". ", "（": " (", "）": ") ",
               "！": "! ", "？": "? ", "、": ", ", "“": '"', "”": '"', "《": '"', "》": '"',
               "【": "[", "】": "]", "　": " "}


def progress_code(reference: str) -> str:
    """The old receipts' code; still recognised when scanned."""
    return PROGRESS_PREFIX + reference


def verify_code(reference: str, verify_url: str = VERIFY_URL) -> str:
    """The https address a receipt's or record's QR code opens."""
    return verify_url.replace("{reference}", reference)


def outcome_key(outcome: Outcome) -> str:
    """The words before the reference: submitted, or saved here and sent automatically."""
    return "outcome.delivered" if outcome.delivered else "outcome.saved"


def reference_in(code: str, verify_url: str = VERIFY_URL) -> str | None:
    """The reference a receipt's code carries (its verification URL, or the old
    tongban://progress/ text); None for any other code."""
    code = code.strip()
    head, _, tail = verify_url.partition("{reference}")
    if code.startswith(PROGRESS_PREFIX):
        found = code.removeprefix(PROGRESS_PREFIX)
    elif code.startswith(head) and code.endswith(tail) and len(code) > len(head) + len(tail):
        found = unquote(code[len(head):len(code) - len(tail)])
    else:
        return None
    found = found.strip()
    return found if found and found.replace("-", "").isalnum() and found.isascii() else None


def english_punctuation(text: str) -> str:
    """Full-width marks as ASCII ones, for paper in English."""
    for wide, narrow in _FULL_WIDTH.items():
        text = text.replace(wide, narrow)
    text = re.sub(r" +([,.:;!?)\]])", r"\1", text)  # no space before a closing mark
    text = re.sub(r"([(\[]) +", r"\1", text)
    return re.sub(r" {2,}", " ", text).strip()


def for_language(document: Document, language: str) -> Document:
    """A document in English keeps ASCII punctuation only."""
    if language.startswith("zh"):
        return document
    blocks = tuple(
        Text(english_punctuation(block.text), block.size, block.bold, block.align)
        if isinstance(block, Text) else block for block in document.blocks)
    return Document(blocks, title=document.title)


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
    verify_url: str = VERIFY_URL,
) -> Document:
    """`replaced`: material key -> the licence used instead of its paper; `members`: a
    bundle's matters, whose references (`outcome.references`) are listed in order. Large
    print doubles every glyph both ways; the reference is then taller still."""
    def t(key: str, **params: object) -> str:
        return messages.text(key, language, **params)

    body = TextSize.LARGE if large_print else TextSize.NORMAL
    reference = TextSize.HUGE if large_print else TextSize.LARGE
    site_name = site.name_zh if language.startswith("zh") else site.name_en
    blocks: list = [
        Text(site_name, bold=True, align=Align.CENTER),
        Text(t("receipt.title", service=service.title.get(language)), size=body, bold=True,
             align=Align.CENTER),
        Rule(),
        Text(t(outcome_key(outcome)), size=body, align=Align.CENTER),
        Text(outcome.reference, size=reference, bold=True, align=Align.CENTER),
        Text(t("receipt.submitted_at",
               time=outcome.submitted_at.astimezone(LOCAL_TIME).strftime("%Y-%m-%d %H:%M")),
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
        if shown is not None:
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
        QrCode(verify_code(outcome.reference, verify_url), module_dots=6 if large_print else 5),
        Text(t("receipt.scan_to_check"), size=body, align=Align.CENTER),
        Text(t("receipt.helpline", helpline=site.helpline, kiosk=site.kiosk_id),
             size=body, align=Align.CENTER),
        Feed(2),
        Cut(),
    ]
    document = Document(tuple(blocks), title=f"{service.id}-{outcome.reference}")
    return guarded(for_language(document, language))


def _shown(spec, value: str, language: str) -> str | None:
    """What a field's value prints as: a choice's label, the privacy rule's mask, or nothing
    (a sensitive value)."""
    if spec.kind == "choice" and not spec.sensitive:
        for option in spec.options:
            if option.value == value:
                return option.label.get(language)
    return printed(spec, value)
