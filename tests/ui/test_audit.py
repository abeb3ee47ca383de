"""The accessibility audit (ui/audit/, `python -m kiosk audit`): every screen passes it
in every mode, language and orientation (this is also the layout test: nothing cut off,
nothing off screen, targets big enough and apart); each rule catches its fault planted on a
small window built here; the command reports by exit code and in one JSON document."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.view import MODES, ScreenName

ROOT = Path(__file__).resolve().parents[2]
BOARD_STYLE = """
QWidget { background: #FFFFFF; color: #000000; font-size: 32px; }
QPushButton { background: #FFFFFF; color: #000000; border: 3px solid #000000; padding: 0 8px; }
"""


@pytest.mark.slow
@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("mode", MODES)
def test_every_screen_passes_the_audit(qtbot, settings, mode, language, size):
    """All of it, one mode, language and orientation at a time: contrast, text size,
    targets, nothing cut off or off screen, names, spoken language, the keypad path."""
    from ui.audit import run_audit

    report = run_audit(settings, list(ScreenName), [mode], [language], [size])
    assert report.checked["renders"] == len(ScreenName)
    assert not report.violations, "\n".join(
        f"{v.screen}: {v.rule} {v.widget}: {v.measured}, needs {v.required}"
        for v in report.violations)


# --- each check, on a planted fault ------------------------------------------------------

@pytest.fixture
def board(qtbot):
    """A plain white window to plant faults on: widgets placed by hand, no layout."""
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    window.setFixedSize(900, 700)
    window.setStyleSheet(BOARD_STYLE)
    qtbot.addWidget(window)
    return window


def findings(qtbot, window, check, *, mode="standard", language="zh_CN", scale=1.0,
             exempt=(), focused=False):
    """What `check` finds on the window: (violations, noted), each as (rule, measured); for
    the controls as shown, or with `focused` as each looks when the keypad focuses it."""
    from ui.audit.measure import take_snapshot

    window.show()
    qtbot.waitExposed(window)
    snap = take_snapshot(window, mode=mode, language=language, scale=scale, exempt_words=exempt)
    found = [f for f in check(snap) if f.widget.endswith(" (focused)") == focused]
    return ([(f.rule, f.measured) for f in found if not f.info],
            [(f.rule, f.measured) for f in found if f.info])


def put_label(parent, text, x, y, w=400, h=60, style="", wrap=False):
    from PySide6.QtWidgets import QLabel

    widget = QLabel(text, parent)
    widget.setGeometry(x, y, w, h)
    widget.setWordWrap(wrap)
    if style:
        widget.setStyleSheet(style)
    return widget


def put_button(parent, text, x, y, w=120, h=120, name=None):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    widget = QPushButton(text, parent)
    widget.setGeometry(x, y, w, h)
    widget.setAccessibleName(text if name is None else name)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return widget


@pytest.mark.parametrize(("first", "second", "ratio"), [
    ("#000000", "#FFFFFF", 21.0), ("#FFFFFF", "#FFFFFF", 1.0), ("#767676", "#FFFFFF", 4.54),
    ("#777777", "#FFFFFF", 4.48), ("#595959", "#FFFFFF", 7.0), ("#949494", "#FFFFFF", 3.03),
    ("#FFFFFF", "#0B4EA2", 8.0),
])
def test_contrast_ratio_of_known_pairs(first, second, ratio):
    from ui.audit.measure import contrast_ratio

    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.005)
    assert contrast_ratio(second, first) == contrast_ratio(first, second)


def test_text_contrast_is_measured_against_the_real_background(qtbot, board):
    from PySide6.QtWidgets import QFrame

    from ui.audit.checks import check_text_contrast

    put_label(board, "浅灰文字 4.48", 10, 10, style="color: #777777;")
    put_label(board, "深灰文字 4.54", 10, 80, style="color: #767676;")
    panel = QFrame(board)  # white text is fine on the window, not on this pale panel
    panel.setGeometry(10, 150, 500, 100)
    panel.setStyleSheet("background: #DDDDDD;")
    put_label(panel, "白字浅底", 10, 10, style="color: #FFFFFF; background: transparent;")
    put_label(board, "停用", 10, 300, style="color: #CCCCCC;").setEnabled(False)
    found, info = findings(qtbot, board, check_text_contrast)
    assert found == [("text-contrast", "4.48:1"), ("text-contrast", "1.36:1")]
    assert info == [("text-contrast", "1.61:1")]  # disabled: noted, exempt
    found, _ = findings(qtbot, board, check_text_contrast, mode="high_contrast")
    assert ("text-contrast", "4.54:1") in found  # high contrast wants 7:1


def test_button_border_and_icon_contrast(qtbot, board):
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtGui import QColor, QIcon, QPixmap

    from ui.audit.checks import check_control_contrast, check_icon_contrast

    def icon(colour):
        pixmap = QPixmap(40, 40)
        pixmap.fill(QColor(colour))
        return QIcon(pixmap)

    faint = put_button(board, "浅框", 10, 10)
    faint.setStyleSheet("border: 3px solid #E6E6E6;")
    put_button(board, "黑框", 200, 10)
    pale = put_button(board, "浅图标", 10, 200, w=260)
    dark = put_button(board, "黑图标", 300, 200, w=260)
    for widget, colour in ((pale, "#EEEEEE"), (dark, "#000000")):
        widget.setIcon(icon(colour))
        widget.setIconSize(QSize(40, 40))
    before = pale.icon().cacheKey()
    found, _ = findings(qtbot, board, check_control_contrast)
    assert found == [("control-contrast", "1.25:1")]  # #E6E6E6 on white
    found, _ = findings(qtbot, board, check_icon_contrast)
    assert found == [("icon-contrast", "1.16:1")]  # #EEEEEE on white
    assert pale.icon().cacheKey() == before  # the icons blanked for measuring are put back
    assert pale.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_contrast_is_measured_in_the_focused_state_too(qtbot, board):
    """A focus fill that the icon and text were not drawn for: fine until the keypad
    reaches the button, then a white icon and white text on pale cyan."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QIcon, QPixmap

    from ui.audit.checks import check_icon_contrast, check_text_contrast

    board.setStyleSheet(BOARD_STYLE.replace("#FFFFFF", "#000000", 2).replace(
        "color: #000000", "color: #FFFFFF") + "QPushButton:focus { background: #00E5FF; }")
    pixmap = QPixmap(40, 40)
    pixmap.fill(QColor("#FFFFFF"))
    button = put_button(board, "返回", 10, 10, w=260)
    button.setIcon(QIcon(pixmap))
    button.setIconSize(QSize(40, 40))
    button.setFocus()
    assert findings(qtbot, board, check_text_contrast) == ([], [])
    assert findings(qtbot, board, check_icon_contrast) == ([], [])
    found, _ = findings(qtbot, board, check_text_contrast, focused=True)
    assert found == [("text-contrast", "1.54:1")]
    found, _ = findings(qtbot, board, check_icon_contrast, focused=True)
    assert found == [("icon-contrast", "1.54:1")]
    assert button.hasFocus()  # the focus is given back where it was


def test_small_text(qtbot, board):
    from ui.audit.checks import check_text_size

    put_label(board, "小字", 10, 10, style="font-size: 20px;")
    put_label(board, "正文", 10, 100, style="font-size: 28px;")
    assert findings(qtbot, board, check_text_size)[0] == [("text-size", "20.0px")]
    found, _ = findings(qtbot, board, check_text_size, mode="large")
    assert found == [("text-size", "20.0px"), ("text-size", "28.0px")]
    # 28 real px on a screen twice the reference size is 14 px on the reference
    assert ("text-size", "14.0px") in findings(qtbot, board, check_text_size, scale=2.0)[0]


def test_small_targets(qtbot, board):
    from ui.audit.checks import check_target_size

    put_button(board, "小", 10, 10, w=40, h=40)
    put_button(board, "大", 200, 10, w=100, h=100)
    put_button(board, "停", 400, 10, w=40, h=40).setEnabled(False)  # cannot be touched
    assert findings(qtbot, board, check_target_size)[0] == [("target-size", "40×40px")]
    found, _ = findings(qtbot, board, check_target_size, mode="care")
    assert found == [("target-size", "40×40px"), ("target-size", "100×100px")]


def test_targets_too_close(qtbot, board):
    from ui.audit.checks import check_target_spacing

    put_button(board, "甲", 10, 10)
    put_button(board, "乙", 134, 10)  # 4 px to the right of 甲
    put_button(board, "丙", 10, 300)
    put_button(board, "丁", 150, 300)  # 20 px from 丙: enough
    put_button(board, "戊", 600, 10)
    put_button(board, "己", 700, 100)  # overlaps 戊
    found, _ = findings(qtbot, board, check_target_spacing)
    assert found == [("target-spacing", "4px"), ("target-spacing", "overlap 20px")]


def test_text_cut_off_or_off_screen(qtbot, board):
    from ui.audit.checks import check_on_screen, check_text_fits

    long = "这是一段很长的说明文字，需要折成好几行才能显示完整，否则就会被截掉。"
    put_label(board, long, 10, 10, w=300, h=40, wrap=True)  # needs several lines
    put_label(board, long, 10, 100, w=300, h=60)  # one line, far wider than its box
    put_label(board, "放得下", 10, 200, w=300, h=60)
    put_button(board, "Confirm and send the form", 10, 300, w=200)
    put_label(board, "出界", 850, 600, w=200)  # beyond the window's right edge
    found, _ = findings(qtbot, board, check_text_fits)
    assert [rule for rule, _ in found] == ["text-cut"] * 3
    assert "tall" in found[0][1] and "wide" in found[1][1] and "wide" in found[2][1]
    found, _ = findings(qtbot, board, check_on_screen)
    assert [rule for rule, _ in found] == ["off-screen"]


def test_names_and_descriptions(qtbot, board):
    from ui.audit.checks import check_accessible_names

    put_button(board, "确定", 10, 10)
    put_button(board, "", 200, 10, name="")  # an icon-only button nobody named
    tile = put_button(board, "社保卡补换", 10, 200, w=300)
    tile.setProperty("kind", "tile")  # a tile also says what the service is for
    found, _ = findings(qtbot, board, check_accessible_names)
    assert found == [("accessible-name", "empty"), ("accessible-description", "empty")]
    tile.setAccessibleDescription("补办或换领社会保障卡")
    assert findings(qtbot, board, check_accessible_names)[0] == [("accessible-name", "empty")]


def test_spoken_labels_in_the_screens_language(qtbot, board):
    from ui.audit.checks import check_spoken_language

    put_button(board, "Confirm", 10, 10)  # English on a Chinese screen
    put_button(board, "确认", 200, 10)
    put_button(board, "2026", 400, 10)  # digits read in either language
    put_button(board, "English", 600, 10).setObjectName("mode.language")  # names the other
    put_button(board, "Hello, 王秀英", 10, 200, w=300)  # a resident's name
    found, _ = findings(qtbot, board, check_spoken_language, exempt=("王秀英",))
    assert found == [("spoken-language", "name 'Confirm' has no Chinese"),
                     ("spoken-language", "name 'Hello, 王秀英' has no Chinese")]
    found, _ = findings(qtbot, board, check_spoken_language, language="en", exempt=("王秀英",))
    assert found == [("spoken-language", "name '确认' has Chinese")]


def test_keypad_reachability(qtbot, board, monkeypatch):
    from PySide6.QtCore import Qt

    from ui.audit import checks, measure
    from ui.widgets.signature_pad import SignaturePad

    put_button(board, "可达", 10, 10)
    put_button(board, "不可达", 200, 10).setFocusPolicy(Qt.FocusPolicy.NoFocus)
    pad = SignaturePad("#000000", 4, lambda *stroke: None)  # freehand signing: exempt, noted
    pad.setParent(board)
    pad.setGeometry(10, 300, 400, 200)
    found, info = findings(qtbot, board, checks.check_keypad)
    assert found == [("keypad-focus", "NoFocus")]
    assert info == [("keypad-focus", "NoFocus")]
    monkeypatch.setattr(measure, "keypad_order", lambda window: [])  # a keypad that skips them
    found, _ = findings(qtbot, board, checks.check_keypad)
    assert found == [("keypad-order", "not in the keypad order"), ("keypad-focus", "NoFocus")]


# --- the command -------------------------------------------------------------------------

def kiosk_audit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "audit", *args], cwd=ROOT, capture_output=True,
        text=True, encoding="utf-8", timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.mark.slow
def test_command_json_and_exit_code(tmp_path):
    result = kiosk_audit("--screen", "home", "--mode", "large", "--lang", "en", "--json",
                         "--jobs", "2", "--data-dir", str(tmp_path))
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"violations", "info", "checked"}
    assert report["checked"]["renders"] == 2  # both orientations, one process each
    assert report["checked"]["texts"] > 0 and report["checked"]["controls"] > 0
    fields = {"screen", "mode", "language", "size", "widget", "rule", "measured", "required"}
    for entry in report["violations"] + report["info"]:
        assert set(entry) == fields
        assert (entry["screen"], entry["mode"], entry["language"]) == ("home", "large", "en")
    assert result.returncode == (1 if report["violations"] else 0)


def test_command_text_summary_and_bad_size(tmp_path):
    result = kiosk_audit("--screen", "goodbye", "--mode", "standard", "--lang", "zh_CN",
                         "--size", "1080x1920", "--data-dir", str(tmp_path))
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("audit: ") and "in 1 renders" in last
    assert result.returncode == (0 if last.startswith("audit: 0 violations") else 1)
    result = kiosk_audit("--size", "huge")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "--size 'huge'" in result.stderr


# --- the frame, the top third, and what survives a toggle ----------------------------------

def test_nothing_to_touch_in_the_top_third_of_a_portrait_screen(qtbot, board):
    from ui.audit.checks import check_top_third

    board.setFixedSize(600, 900)  # portrait: the top third ends at 300 px
    put_button(board, "太高", 10, 200)
    put_button(board, "够得着", 200, 310)
    put_label(board, "文字可以在上面", 10, 10)
    found, _ = findings(qtbot, board, check_top_third)
    assert found == [("top-third", "top at 200px")]
    board.setFixedSize(900, 600)  # landscape: no rule
    assert findings(qtbot, board, check_top_third) == ([], [])


def test_a_frame_part_that_moved_between_screens_is_found():
    from ui.audit.frame import frame_moves

    first = {"BottomBar": (0, 1700, 1080, 220), "nav.help": (560, 1800, 240, 96)}
    assert frame_moves(first, dict(first)) == []
    moved = {**first, "nav.help": (300, 1800, 240, 96)}
    assert [(f.widget, f.rule, f.measured) for f in frame_moves(first, moved)] == [
        ("nav.help", "frame-moved", "(300, 1800, 240, 96)")]
    gone = {"BottomBar": first["BottomBar"]}
    assert [f.measured for f in frame_moves(first, gone)] == ["missing"]


def test_the_survival_check_finds_a_signature_lost_to_a_mode_toggle(qtbot, settings, monkeypatch):
    """The check, on the real sign screen, with the fault the kiosk once had planted: a
    pad built again (for another mode or language) starts empty."""
    from kiosk.view import ScreenName
    from kiosk.voice import RecordingPlayer, SilentEngine
    from ui.audit.survival import check_survival
    from ui.screens.sign import SignScreen
    from ui.screenshot import staged

    with staged(settings, ScreenName.SIGN, "standard", "zh_CN", (1080, 1920),
                voice_player=RecordingPlayer(), voice_engine=SilentEngine()) as app:
        assert check_survival(app) == []
    show, first = SignScreen._show, []

    def forgetful(self, signature):
        first.append(first[0] if first else self)
        show(self, signature if first[0] is self else type(signature)())

    monkeypatch.setattr(SignScreen, "_show", forgetful)
    with staged(settings, ScreenName.SIGN, "standard", "zh_CN", (1080, 1920),
                voice_player=RecordingPlayer(), voice_engine=SilentEngine()) as app:
        lost = {(f.widget, f.rule) for f in check_survival(app)}
    assert ("signature", "survives") in lost and ("submit", "survives") in lost


def test_a_chosen_option_without_its_tick_or_looking_primary_is_found(qtbot, board):
    from ui.audit.checks import check_chosen_options

    chosen = put_button(board, "卡片丢失", 10, 10, w=260, name="卡片丢失")
    chosen.setObjectName("choice:reason:lost")
    chosen.setCheckable(True)
    chosen.setChecked(True)
    primary = put_button(board, "下一步", 300, 10, w=260)
    primary.setProperty("kind", "primary")
    for widget in (chosen, primary):  # the same solid fill: the fault the kiosk once had
        widget.setStyleSheet("background: #0B4EA2; color: #FFFFFF;")
    found, _ = findings(qtbot, board, check_chosen_options)
    rules = {rule for rule, _measured in found}
    assert rules == {"chosen-tick", "chosen-looks-primary"}


def test_a_rating_scale_out_of_line_or_with_skip_in_it_is_found(qtbot, board):
    from ui.audit.checks import check_rating_scale

    for index, rating in enumerate((5, 4, 3, 2, 1)):
        put_button(board, str(rating), 10, 10 + index * 130).setObjectName(f"rating:{rating}")
    skip = put_button(board, "跳过", 300, 530)
    skip.setObjectName("skip")
    assert findings(qtbot, board, check_rating_scale) == ([], [])  # a column, skip apart
    skip.move(10, 660)  # skip at the foot of the column, in line with it
    found, _ = findings(qtbot, board, check_rating_scale)
    assert [rule for rule, _ in found] == ["rating-skip-apart"]
    board.findChild(type(skip), "rating:3").move(200, 270)  # one out of line
    found, _ = findings(qtbot, board, check_rating_scale)
    assert [rule for rule, _ in found] == ["rating-order"]
