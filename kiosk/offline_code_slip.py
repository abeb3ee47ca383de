"""The paper offline code as the kiosk prints it: the QR code across the whole printable
width (it holds the signed `OfflineCode.text`, which any kiosk verifies alone), the masked
name, the holder group, valid until (a date in words), how to use it and the helpline.
Nothing on it rebuilds what it masks: no ID number, no birth date."""

from __future__ import annotations

import qrcode

from district.models import OfflineCode
from drivers.printer.document import Align, Cut, Document, Feed, QrCode, Rule, Text, TextSize
from drivers.printer.raster import MARGIN_DOTS
from kiosk.config import Site
from kiosk.offline_code_view import GROUPS, date_in_words, how_to_use
from kiosk.receipt import for_language
from kiosk.slip_privacy import guarded

PAPER_DOTS = 576  # an 80 mm receipt printer at 203 dpi (the simulator's width too)
QUIET_MODULES = 4  # the renderers' border: two modules each side


def module_dots(text: str, width_dots: int = PAPER_DOTS) -> int:
    """The biggest whole number of dots per module that keeps the code inside the paper's
    printable width (at the renderers' error correction, M)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    modules = code.modules_count + QUIET_MODULES
    return max(1, (width_dots - 2 * MARGIN_DOTS) // modules)


def offline_code_slip(code: OfflineCode, *, site: Site, messages, language: str,
                      large_print: bool, width_dots: int = PAPER_DOTS) -> Document:
    def t(key: str, **params: object) -> str:
        return messages.text(key, language, **params)

    body = TextSize.LARGE if large_print else TextSize.NORMAL
    group = t(f"offline_code.group.{code.group}") if code.group in GROUPS else code.group
    blocks: list = [
        Text(site.name_zh if language.startswith("zh") else site.name_en, bold=True,
             align=Align.CENTER),
        Text(t("offline_code.slip.title"), size=TextSize.LARGE, bold=True, align=Align.CENTER),
        Rule(),
        QrCode(code.text, module_dots=module_dots(code.text, width_dots)),
        Text(t("offline_code.slip.holder", name=code.name), size=TextSize.LARGE, bold=True,
             align=Align.CENTER),
        Text(group, size=body, align=Align.CENTER),
        Text(t("offline_code.valid_until", date=date_in_words(code.expires_at, language, t)),
             size=body, bold=True, align=Align.CENTER),
        Rule(),
        *(Text(line, size=body) for line in how_to_use(t)),
        Rule(),
        Text(t("receipt.helpline", helpline=site.helpline, kiosk=site.kiosk_id),
             align=Align.CENTER),
        Feed(2),
        Cut(),
    ]
    document = Document(tuple(blocks), title=f"offline-code-{code.code_id[:8]}")
    return guarded(for_language(document, language))
