"""The accessibility audit: every screen, in every mode, language and orientation, rendered
offscreen and checked against the kiosk's rules (ui/audit/checks.py). Contrast is measured
from the rendered pixels (ui/audit/measure.py), so it sees what a resident sees."""

from __future__ import annotations

import multiprocessing
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from itertools import chain, repeat
from pathlib import Path

from PySide6.QtWidgets import QWidget

from kiosk.config import Settings
from kiosk.view import ScreenName
from ui.audit.checks import ALL_CHECKS, PIXEL_CHECKS, Check, Finding
from ui.audit.frame import Geometry, frame_geometry, frame_moves
from ui.audit.measure import Snapshot, take_snapshot

# --- the whole audit --------------------------------------------------------------------

@dataclass(frozen=True)
class Violation:
    screen: str
    mode: str
    language: str
    size: str
    widget: str
    rule: str
    measured: str
    required: str


@dataclass
class AuditReport:
    violations: list[Violation] = field(default_factory=list)
    info: list[Violation] = field(default_factory=list)  # exempt: disabled controls, signing
    checked: dict[str, int | str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"violations": [asdict(v) for v in self.violations],
                "info": [asdict(v) for v in self.info], "checked": dict(self.checked)}


def audit_window(window: QWidget, *, mode: str, language: str, scale: float = 1.0,
                 exempt_words: Sequence[str] = (), checks: Sequence[Check] = ALL_CHECKS,
                 ) -> tuple[Snapshot, list[Finding]]:
    pixels = any(check in PIXEL_CHECKS for check in checks)
    snap = take_snapshot(window, mode=mode, language=language, scale=scale,
                         exempt_words=exempt_words, pixels=pixels)
    return snap, [finding for check in checks for finding in check(snap)]


def _count(snap: Snapshot) -> dict[str, int]:
    buttons = len(snap.buttons)
    return {"renders": 1, "texts": len(snap.texts), "pictures": len(snap.pictures),
            "controls": len(snap.controls), "focus_states": len(snap.focused),
            "button_pairs": buttons * (buttons - 1) // 2}


def audit_screen(settings: Settings, screen: ScreenName, mode: str, language: str,
                 size: tuple[int, int], checks: Sequence[Check] = ALL_CHECKS,
                 ) -> tuple[dict[str, int], list[Finding], dict[str, Geometry]]:
    """A fresh kiosk driven to `screen` with the sample resident, audited, and taken apart:
    what was counted, what was found, and where the frame's parts were."""
    from kiosk.voice import RecordingPlayer, SilentEngine
    from ui.audit.survival import check_survival
    from ui.maintenance_checks_staging import own_words as maintenance_words
    from ui.personal_staging import own_words
    from ui.screenshot import staged
    from ui.sentinel_staging import own_words as sentinel_words

    # An audit must not talk through 176 screens: a silent voice.
    with staged(settings, screen, mode, language, size, keypad=True,
                voice_player=RecordingPlayer(), voice_engine=SilentEngine()) as app:
        window = app.window
        resident = app.kiosk.session.visit.resident
        # A resident's own data is in whatever language it is, on any screen.
        own = [resident.name] if resident else []
        own += [row.shown for row in app.kiosk.state.form if row.kind == "text"]
        own += own_words(app.kiosk.state)  # a company's name, a licence's issuer
        own += maintenance_words(app.kiosk.state)  # a log line, a card's masked values
        own += sentinel_words(app.kiosk.state)  # the masked names scans carry
        # the agencies an answer came from, and what a licence says, as the platform has them
        own += [s.agency for s in app.kiosk.session.visit.form.sources.values()]
        preview = app.kiosk.state.licence_preview
        own += [preview.issuer, *(value for _, value in preview.fields)] if preview else []
        search = app.kiosk.state.search  # what the resident typed, and the Chinese it offers
        own += [search.keyboard.text, *search.keyboard.candidates] if search else []
        snap, findings = audit_window(window, mode=mode, language=language,
                                      scale=window.theme.scale, exempt_words=own, checks=checks)
        if app.kiosk.state.screen != screen:
            findings.append(Finding("MainWindow", "screen-reached", str(app.kiosk.state.screen),
                                    str(screen)))
        frame = frame_geometry(window)
        findings += check_survival(app)
        return _count(snap), findings, frame


Job = tuple[ScreenName, str, str, tuple[int, int]]  # screen, mode, language, size


def _audit_jobs(settings: Settings, jobs: list[Job], checks: Sequence[Check]
                ) -> list[tuple[Job, dict[str, int], list[Finding]]]:
    """One mode, language and size: each screen, and whether the frame stayed put."""
    from ui.main import make_application

    make_application()  # a spawned worker starts with none
    done, first = [], None
    for job in jobs:
        counts, findings, frame = audit_screen(settings, *job, checks)
        first = frame if first is None else first
        done.append((job, counts, findings + frame_moves(first, frame)))
    return done


def run_audit(settings: Settings, screens: Sequence[ScreenName], modes: Sequence[str],
              languages: Sequence[str], sizes: Sequence[tuple[int, int]],
              checks: Sequence[Check] = ALL_CHECKS, workers: int = 1) -> AuditReport:
    """Audit each screen in each mode, language and size. With workers > 1, the groups of
    screens run in that many processes (spawned: Qt cannot be forked), each with its own data."""
    groups = [[(screen, mode, language, size) for screen in screens]
              for size in sizes for language in languages for mode in modes]
    with tempfile.TemporaryDirectory(prefix="kiosk-audit-") as tmp:
        data = [settings.model_copy(update={"data_dir": Path(tmp) / str(index)})
                for index in range(len(groups))]
        if workers > 1 and len(groups) > 1:
            spawn = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(min(workers, len(groups)), mp_context=spawn) as pool:
                parts = list(pool.map(_audit_jobs, data, groups, repeat(tuple(checks))))
        else:
            parts = [_audit_jobs(each, group, checks) for each, group in zip(data, groups,
                                                                              strict=True)]
    report = AuditReport()
    counts: dict[str, int] = {}
    for (screen, mode, language, (width, height)), seen, findings in chain(*parts):
        for key, value in seen.items():
            counts[key] = counts.get(key, 0) + value
        for f in findings:
            entry = Violation(str(screen), mode, language, f"{width}x{height}", f.widget, f.rule,
                              f.measured, f.required)
            (report.info if f.info else report.violations).append(entry)
    report.checked = {**counts, "rules": len(checks)}
    return report
