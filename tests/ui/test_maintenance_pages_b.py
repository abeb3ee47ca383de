"""Maintenance's configuration, outbox and usage pages in the real window offscreen, reached
by touch from the menu: each shown with its values as text, a signed file applied, a refused
item discarded after asking, the charts drawn with every bar's value readable, and nothing
personal in any widget; the UI audit finds nothing on them."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QAbstractButton, QLabel

from district.signing import KEY_FILE, sign, signing_key
from drivers.idcard.samples import ELDERLY
from kiosk.maintenance import RESTART_CODE
from kiosk.view import ScreenName as S
from tests.kiosk.maintenance_rig import enter
from tests.outbox.items import rating, submission
from tests.ui.touch import tap, visible_text, wait_until
from ui.accessibility import name_of
from ui.audit import audit_window
from ui.widgets.bar_chart import BarChart


def every_text(window) -> str:
    texts = []
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        texts += [widget.text(), name_of(widget), widget.accessibleDescription()]
    for chart in window.findChildren(BarChart):
        texts += [chart.accessibleName(), chart.accessibleDescription()]
    return "\n".join(texts)


def no_violations(app):
    window = app.window
    _snap, found = audit_window(window, mode=app.kiosk.state.display_mode,
                                language=app.kiosk.state.language, scale=window.theme.scale)
    assert [f for f in found if not f.info] == []


def into_maintenance(qtbot, app):
    enter(app.kiosk)  # past the way in (tests/ui/test_maintenance_script.py walks it)
    app.kiosk.open_maintenance_page(S.MAINTENANCE.value)
    wait_until(qtbot, lambda: app.kiosk.state.screen == S.MAINTENANCE)


def on(qtbot, app, screen):
    wait_until(qtbot, lambda: app.kiosk.state.screen == screen)


def test_configuration_page_by_touch_applies_a_signed_file(qtbot, kiosk):
    app, window = kiosk, kiosk.window
    data_dir = app.settings.data_dir
    folder = data_dir / "incoming"
    folder.mkdir(parents=True)
    text = b'[timeouts]\nidle_seconds = 150\n'
    (folder / "site.toml").write_bytes(text)
    (folder / "site.toml.sig").write_text(sign(signing_key(data_dir / KEY_FILE), "config",
                                               text))
    into_maintenance(qtbot, app)
    tap(qtbot, window, "page:maintenance_config")
    on(qtbot, app, S.MAINTENANCE_CONFIG)
    wait_until(qtbot, lambda: "timeouts.idle_seconds: 90.0 → 150.0" in visible_text(window))
    no_violations(app)
    tap(qtbot, window, "page:next")
    wait_until(qtbot, lambda: "KIOSK_PLATFORM_TOKEN = 未设置" in visible_text(window))
    tap(qtbot, window, "page:previous")
    wait_until(qtbot, lambda: "150.0" in visible_text(window))
    tap(qtbot, window, "apply")
    wait_until(qtbot, lambda: "新配置已安装" in visible_text(window))
    assert app.kiosk.stop_requested == RESTART_CODE
    assert (data_dir / "site.toml").read_bytes() == text
    tap(qtbot, window, "nav.back")
    on(qtbot, app, S.MAINTENANCE)


def test_outbox_page_by_touch_discards_after_asking(qtbot, kiosk):
    app, window = kiosk, kiosk.window
    app.network.up = False
    outbox = app.outbox
    outbox.put(submission("waiting-item-01", "BSYY001-261201-0001"))
    refused = outbox.put(submission("refused-item-01", "BSYY001-261201-0002"))
    outbox.failed(refused.id, "altered", "the platform refused it: altered")
    into_maintenance(qtbot, app)
    tap(qtbot, window, "page:maintenance_outbox")
    on(qtbot, app, S.MAINTENANCE_OUTBOX)
    wait_until(qtbot, lambda: "申请：待发送 1，被拒 1" in visible_text(window))
    assert "BSYY001-261201-0002" in visible_text(window)
    no_violations(app)
    shown = every_text(window)
    assert ELDERLY.id_number not in shown and ELDERLY.name not in shown
    assert "13916627358" not in shown
    tap(qtbot, window, "discard:0")
    wait_until(qtbot, lambda: "确定丢弃 BSYY001-261201-0002" in visible_text(window))
    no_violations(app)
    tap(qtbot, window, "discard:yes")
    wait_until(qtbot, lambda: "已丢弃 BSYY001-261201-0002" in visible_text(window))
    assert outbox.get("refused-item-01") is None


def test_usage_page_draws_its_charts_with_the_numbers_as_text(qtbot, kiosk):
    app, window = kiosk, kiosk.window
    app.network.up = False
    for number, service in enumerate(("elderly_allowance", "elderly_allowance",
                                      "social_security_record")):
        app.outbox.put(submission(f"usage-item-{number:02d}", service=service),
                       visit_seconds=120)
    for number, score in enumerate((5, 4, 5)):
        app.outbox.put(rating(f"usage-rating-{number:02d}", score=score))
    into_maintenance(qtbot, app)
    tap(qtbot, window, "page:maintenance_usage")
    on(qtbot, app, S.MAINTENANCE_USAGE)
    wait_until(qtbot, lambda: "今天 3 笔，本周 3 笔" in visible_text(window))
    text = visible_text(window)
    assert "平均办理时间：2 分 0 秒" in text and "平均评分：4.7（共 3 条）" in text
    charts = {chart.objectName(): chart for chart in window.findChildren(BarChart)}
    scores = charts["各评分条数"]
    assert scores.values_as_text() == ["2", "1", "0", "0", "0"]  # 5 down to 1
    assert "5分：2" in scores.accessibleDescription()
    hours = next(chart for name, chart in charts.items() if name.startswith("本周各时段"))
    assert len(hours.bars) == 24 and sum(value for _label, value in hours.bars) == 3
    # drawn: the bars' colour is on the chart's pixels
    image = hours.grab().toImage()
    pixels = np.array([[image.pixelColor(x, y).name() for x in range(0, image.width(), 4)]
                       for y in range(0, image.height(), 4)])
    assert (pixels == window.theme.colors.accent.lower()).any()
    no_violations(app)
