"""The fleet page's HTML: the login form, the list of kiosks and one kiosk's detail, Chinese
first with English beside. Hand-written like the phone pages, every value escaped; no
script at all (the pages' CSP forbids it), sparklines as inline SVG."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from district.fleet_alerts import Alert
from district.models import DeviceBeat, Heartbeat
from district.store.times import SHANGHAI

ALERT_WORDS = {
    Alert.SILENT: ("失联", "Silent"),
    Alert.HARDWARE_ERROR: ("硬件故障", "Hardware error"),
    Alert.PAPER_JAMMED: ("卡纸", "Paper jammed"),
    Alert.PAPER_OUT: ("缺纸", "Paper out"),
    Alert.DISK_LOW: ("磁盘将满", "Disk nearly full"),
    Alert.PAPER_LOW: ("纸张将尽", "Paper low"),
}
STATE_WORDS = {
    "online": ("正常", "OK"), "offline": ("离线", "Offline"),
    "no_device": ("未连接", "Not connected"), "hardware_error": ("硬件故障", "Hardware error"),
    "user_error": ("待处理", "Needs attention"), "busy": ("工作中", "Busy"),
}
PAPER_WORDS = {
    "full": ("充足", "Full"), "low": ("将尽", "Low"), "out": ("缺纸", "Out"),
    "jammed": ("卡纸", "Jammed"), "unknown": ("未知", "Unknown"),
    "not_supported": ("—", "—"),
}
DEVICE_WORDS = {
    "idcard": ("读卡器", "Card reader"), "scanner": ("扫码器", "Scanner"),
    "printer": ("打印机", "Printer"), "camera": ("高拍仪", "Document camera"),
    "platform": ("平台连接", "Platform link"),
}
MEDIA_WORDS = {  # a card in the reader, a page on the camera's desk
    "present": ("有", "Present"), "absent": ("无", "Absent"), "unknown": ("未知", "Unknown"),
    "not_supported": ("—", "—"),
}
MODE_WORDS = {
    "attract": ("待机", "Attract"), "visit": ("服务中", "In a visit"),
    "out_of_service": ("暂停服务", "Out of service"), "maintenance": ("维护中", "Maintenance"),
    "sentinel": ("值守", "Sentinel"),
}
OK_STATES = ("online", "busy")


@dataclass(frozen=True)
class FleetRow:
    """One kiosk on the page."""

    kiosk_id: str
    site: tuple[str, str] | None  # its centre's name (zh, en)
    received_at: dt.datetime | None
    beat: Heartbeat | None
    alerts: tuple[Alert, ...]


@dataclass(frozen=True)
class FleetPage:
    operator: str
    now: dt.datetime
    rows: list[FleetRow]  # this page's
    kiosks: int
    counts: dict[Alert, int]
    alerting: int
    chosen: Alert | None  # the filter
    page: int
    pages: int


_STYLE = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:0;color:#1a1a1a;
 background:#f4f5f7;font-size:15px;line-height:1.4}
header{background:#123b6d;color:#fff;padding:.6em 1.2em;display:flex;align-items:center;
 gap:1.2em}
header h1{font-size:1.25em;margin:0;flex:1}
header form{margin:0}
main{padding:.8em 1.2em}
a{color:#0b4f9c}
.en{color:#5a6270;font-size:.85em}
header .en{color:#c9d6ea}
header button .en{color:#5a6270}
#beat th{width:16em}
button{font:inherit;padding:.35em 1em;border:1px solid #777;border-radius:4px;
 background:#fff;cursor:pointer}
.counts{display:flex;gap:1em;margin:.2em 0 .7em}
.count{background:#fff;border:1px solid #d0d4da;border-radius:6px;padding:.4em 1em}
.count b{font-size:1.6em;display:block}
.filters{margin:.2em 0 .6em;display:flex;flex-wrap:wrap;gap:.4em}
.filters a{padding:.2em .7em;border:1px solid #b8c0cc;border-radius:14px;
 background:#fff;text-decoration:none}
.filters a.on{background:#123b6d;color:#fff;border-color:#123b6d}
.filters a.on .en{color:#c9d6ea}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{border-bottom:1px solid #e1e4e8;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#e9edf2;font-weight:600;white-space:nowrap}
td.num{text-align:right;white-space:nowrap}
.alert{display:inline-block;border-radius:4px;padding:0 .4em;margin:0 .2em .15em 0;
 color:#fff;white-space:nowrap}
.a-silent{background:#6b1010}.a-hardware_error{background:#b3261e}
.a-paper_jammed{background:#b3261e}.a-paper_out{background:#c4421a}
.a-disk_low{background:#8a5a00}.a-paper_low{background:#6d6300}
.bad{color:#b3261e;font-weight:600}
.ok{color:#1e6b34}
.pager{margin:.7em 0;display:flex;gap:1em;align-items:center}
.login{max-width:26em;margin:4em auto;background:#fff;padding:1.5em 2em;border-radius:8px;
 border:1px solid #d0d4da}
.login label{display:block;margin:.8em 0 .2em}
.login input{font:inherit;width:100%;box-sizing:border-box;padding:.4em}
.login button{margin-top:1.2em;width:100%;background:#123b6d;color:#fff}
.problem{color:#b3261e;font-weight:600}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:1em}
h2{font-size:1.1em;margin:1em 0 .4em}
svg{background:#fff;border:1px solid #d0d4da}
"""

_PAGE = """<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>{title}</title><style>{style}</style>
</head><body>{body}</body></html>
"""


def both(words: tuple[str, str]) -> str:
    """Chinese, then English beside it in smaller grey (once where they are the same)."""
    if words[0] == words[1]:
        return escape(words[0])
    return f'{escape(words[0])} <span class="en">{escape(words[1])}</span>'


def _page(title: str, body: str) -> str:
    return _PAGE.format(title=escape(title), style=_STYLE, body=body)


def _header(operator: str, title: tuple[str, str]) -> str:
    return (f"<header><h1>{both(title)}</h1>"
            f'<span>{both(("操作员", "Operator"))}: {escape(operator)}</span>'
            '<form method="post" action="/fleet/logout">'
            f'<button type="submit">{both(("退出登录", "Log out"))}</button></form></header>')


def login_page(problem: str = "") -> str:
    shown = f'<p class="problem" role="alert">{problem}</p>' if problem else ""
    body = ('<form class="login" method="post" action="/fleet/login">'
            f'<h1>{both(("自助终端设备总览", "Kiosk fleet"))}</h1>'
            f'<p>{both(("请登录", "Please log in"))}</p>{shown}'
            f'<label for="name">{both(("用户名", "Name"))}</label>'
            '<input id="name" name="name" autocomplete="username" required autofocus>'
            f'<label for="password">{both(("密码", "Password"))}</label>'
            '<input id="password" name="password" type="password"'
            ' autocomplete="current-password" required>'
            f'<button type="submit">{both(("登录", "Log in"))}</button></form>')
    return _page("登录 Log in", body)


WRONG_LOGIN = both(("用户名或密码不正确，或尝试过多，请稍后再试。",
                    "Wrong name or password, or too many tries: try again later."))


def ago(then: dt.datetime | None, now: dt.datetime) -> str:
    if then is None:
        return both(("从未", "Never"))
    seconds = max(0, int((now - then).total_seconds()))
    for size, zh, en in ((86400, "天", "d"), (3600, "小时", "h"), (60, "分钟", "min")):
        if seconds >= size:
            return both((f"{seconds // size} {zh}前", f"{seconds // size} {en} ago"))
    return both((f"{seconds} 秒前", f"{seconds} s ago"))


def _alerts(found: tuple[Alert, ...]) -> str:
    return "".join(f'<span class="alert a-{alert.value}">{escape(ALERT_WORDS[alert][0])} '
                   f'{escape(ALERT_WORDS[alert][1])}</span>' for alert in found)


def _words(table: dict[str, tuple[str, str]], key: str) -> tuple[str, str]:
    return table.get(key, (key, key))


def _devices(beat: Heartbeat | None) -> str:
    """Only the devices that are not working; "all OK" when none."""
    if beat is None:
        return "—"
    wrong = [(name, device) for name, device in sorted(beat.devices.items())
             if device.state not in OK_STATES]
    if not wrong:
        return f'<span class="ok">{both(("全部正常", "All OK"))}</span>'
    return "<br>".join(f'{escape(_words(DEVICE_WORDS, name)[0])}: '
                       f'<span class="bad">{both(_words(STATE_WORDS, device.state))}</span>'
                       for name, device in wrong)


def _paper(beat: Heartbeat | None) -> str:
    if beat is None:
        return "—"
    shown = [(name, device.paper) for name, device in sorted(beat.devices.items())
             if device.paper != "not_supported"]
    if not shown:
        return "—"
    return "<br>".join(
        f'<span class="{"ok" if paper == "full" else "bad"}">'
        f'{both(_words(PAPER_WORDS, paper))}</span>'
        + (f" ({escape(_words(DEVICE_WORDS, name)[0])})" if len(shown) > 1 else "")
        for name, paper in shown)


def _site(site: tuple[str, str] | None) -> str:
    return both(site) if site else "—"


def _disk(beat: Heartbeat) -> str:
    free = beat.free_disk_mb
    text = f"{free / 1024:.1f} GB" if free >= 1024 else f"{free} MB"
    if not beat.total_disk_mb:
        return text
    percent = free * 100 / beat.total_disk_mb
    return f"{text} ({percent:.0f}%)" if percent >= 10 else f"{text} ({percent:.1f}%)"


def _filters(page: FleetPage) -> str:
    links = [f'<a href="/fleet"{" class=on" if page.chosen is None else ""}>'
             f'{both(("全部", "All"))} ({page.kiosks})</a>']
    for alert, count in page.counts.items():
        on = " class=on" if page.chosen is alert else ""
        links.append(f'<a href="/fleet?{urlencode({"alert": alert.value})}"{on}>'
                     f"{both(ALERT_WORDS[alert])} ({count})</a>")
    return f'<nav class="filters" aria-label="告警筛选 Filter by alert">{"".join(links)}</nav>'


def _pager(page: FleetPage) -> str:
    if page.pages <= 1:
        return ""
    query = {"alert": page.chosen.value} if page.chosen else {}

    def link(number: int, words: tuple[str, str]) -> str:
        return f'<a href="/fleet?{urlencode({**query, "page": number})}">{both(words)}</a>'

    before = link(page.page - 1, ("上一页", "Previous")) if page.page > 1 else ""
    after = link(page.page + 1, ("下一页", "Next")) if page.page < page.pages else ""
    return (f'<div class="pager">{before}<span>'
            f'{both((f"第 {page.page} / {page.pages} 页", f"Page {page.page} of {page.pages}"))}'
            f"</span>{after}</div>")


def fleet_page(page: FleetPage) -> str:
    rows = []
    for row in page.rows:
        beat = row.beat
        rows.append(
            f'<tr data-kiosk="{escape(row.kiosk_id)}">'
            f'<td><a href="/fleet/kiosks/{escape(row.kiosk_id)}">{escape(row.kiosk_id)}</a></td>'
            f"<td>{_site(row.site)}</td><td>{_alerts(row.alerts) or '—'}</td>"
            f"<td>{ago(row.received_at, page.now)}</td>"
            f"<td>{_devices(beat)}</td><td>{_paper(beat)}</td>"
            f'<td class="num">{beat.outbox_pending if beat else "—"}</td>'
            f'<td class="num">{_disk(beat) if beat else "—"}</td>'
            f"<td>{escape(beat.version) if beat else '—'}</td></tr>")
    silent = page.counts[Alert.SILENT]
    counts = ('<div class="counts">'
              f'<div class="count"><b>{page.kiosks}</b>{both(("终端", "Kiosks"))}</div>'
              f'<div class="count"><b>{page.alerting}</b>{both(("告警", "Alerting"))}</div>'
              f'<div class="count"><b>{silent}</b>{both(("失联", "Silent"))}</div></div>')
    head = "".join(f"<th>{both(words)}</th>" for words in (
        ("终端", "Kiosk"), ("网点", "Site"), ("告警", "Alerts"), ("最近心跳", "Last beat"),
        ("设备", "Devices"), ("纸张", "Paper"), ("待发送", "Outbox"),
        ("可用磁盘", "Free disk"), ("版本", "Version")))
    empty = (f'<tr><td colspan="9">{both(("没有符合条件的终端", "No kiosk matches"))}</td></tr>'
             if not rows else "")
    body = (_header(page.operator, ("自助终端设备总览", "Kiosk fleet")) + "<main>" + counts
            + _filters(page) + f'<table id="fleet"><thead><tr>{head}</tr></thead><tbody>'
            + "".join(rows) + empty + "</tbody></table>" + _pager(page) + "</main>")
    return _page("设备总览 Kiosk fleet", body)


def _shanghai(moment: dt.datetime) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


def _uptime(seconds: int) -> str:
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    return both((f"{days} 天 {hours} 小时 {rest // 60} 分", f"{days} d {hours} h {rest // 60} min"))


def sparkline(values: list[float], label: tuple[str, str], unit: str) -> str:
    """A small line of `values` (oldest first) with its lowest and highest."""
    title = both(label)
    if len(values) < 2:
        return f"<h2>{title}</h2><p>{both(('记录不足', 'Not enough history yet'))}</p>"
    width, height, pad = 560, 90, 6
    low, high = min(values), max(values)
    span = (high - low) or 1
    step = (width - 2 * pad) / (len(values) - 1)
    scale = (height - 2 * pad) / span

    def y(value: float) -> float:  # a line that never moved runs across the middle
        return height / 2 if high == low else height - pad - (value - low) * scale

    points = " ".join(f"{pad + i * step:.1f},{y(v):.1f}" for i, v in enumerate(values))
    return (f"<h2>{title}</h2>"
            f'<svg width="{width}" height="{height}" role="img" aria-label="{escape(label[1])}">'
            f'<polyline fill="none" stroke="#123b6d" stroke-width="2" points="{points}"/></svg>'
            f"<p>{both(('最低', 'lowest'))} {low:g} {unit} · "
            f"{both(('最高', 'highest'))} {high:g} {unit} · "
            f"{both(('最新', 'latest'))} {values[-1]:g} {unit}</p>")


def _device_rows(devices: dict[str, DeviceBeat]) -> str:
    rows = []
    for name, device in sorted(devices.items()):
        state_class = "ok" if device.state in OK_STATES else "bad"
        rows.append(f"<tr><td>{both(_words(DEVICE_WORDS, name))}</td>"
                    f'<td class="{state_class}">{both(_words(STATE_WORDS, device.state))}</td>'
                    f"<td>{both(_words(MEDIA_WORDS, device.media))}</td>"
                    f"<td>{both(_words(PAPER_WORDS, device.paper))}</td>"
                    f"<td>{escape(device.last_error) or '—'}</td></tr>")
    head = "".join(f"<th>{both(w)}</th>" for w in (
        ("设备", "Device"), ("状态", "State"), ("介质", "Media"), ("纸张", "Paper"),
        ("最近错误", "Last error")))
    return f'<table id="devices"><tr>{head}</tr>{"".join(rows)}</table>'


def kiosk_page(operator: str, now: dt.datetime, row: FleetRow,
               history: list[tuple[dt.datetime, Heartbeat]], hours: int) -> str:
    beat = row.beat
    fields: list[tuple[tuple[str, str], str]] = [
        (("网点", "Site"), _site(row.site)),
        (("告警", "Alerts"), _alerts(row.alerts) or both(("无", "None"))),
        (("最近心跳", "Last beat"), ago(row.received_at, now)
         + (f" · {_shanghai(row.received_at)}" if row.received_at else "")),
    ]
    if beat is not None:
        fields += [
            (("发出时间", "Sent at"), _shanghai(beat.sent_at)),
            (("版本", "Version"), escape(beat.version)),
            (("模式", "Mode"), both(_words(MODE_WORDS, beat.mode))),
            (("运行时间", "Uptime"), _uptime(beat.uptime_seconds)),
            (("待发送", "Outbox pending"), str(beat.outbox_pending)),
            (("被拒绝", "Outbox refused"), str(beat.outbox_failed)),
            (("可用磁盘", "Free disk"), f"{_disk(beat)} / {beat.total_disk_mb} MB"),
            (("最近错误", "Last error"), escape(beat.last_error) or "—"),
            (("上次以来计数", "Counts since the last beat"),
             ", ".join(f"{escape(k)} {v}" for k, v in sorted(beat.counts.items())) or "—"),
        ]
    table = "".join(f"<tr><th>{both(label)}</th><td>{value}</td></tr>"
                    for label, value in fields)
    devices = (f"<h2>{both(('设备', 'Devices'))}</h2>{_device_rows(beat.devices)}"
               if beat else "")
    outbox = sparkline([b.outbox_pending for _at, b in history], ("待发送", "Outbox pending"),
                       "")
    disk = sparkline([b.free_disk_mb for _at, b in history], ("可用磁盘", "Free disk"), "MB")
    recent = "".join(f"<tr><td>{_shanghai(at)}</td><td>{both(_words(MODE_WORDS, b.mode))}</td>"
                     f'<td class="num">{b.outbox_pending}</td>'
                     f'<td class="num">{b.free_disk_mb} MB</td></tr>'
                     for at, b in reversed(history[-12:]))
    head = "".join(f"<th>{both(w)}</th>" for w in (
        ("收到时间", "Received"), ("模式", "Mode"), ("待发送", "Outbox"),
        ("可用磁盘", "Free disk")))
    history_part = (
        f"<h2>{both((f'最近 {hours} 小时', f'The last {hours} hours'))}"
        f" ({len(history)} {both(('次心跳', 'beats'))})</h2>"
        f'<div class="grid"><div>{outbox}</div><div>{disk}</div></div>'
        f"<h2>{both(('最近的心跳', 'Latest beats'))}</h2>"
        f'<table id="history"><tr>{head}</tr>{recent}</table>')
    body = (_header(operator, ("终端详情", "Kiosk detail")) + "<main>"
            + f'<p><a href="/fleet">{both(("返回总览", "Back to the fleet"))}</a></p>'
            + f"<h1>{escape(row.kiosk_id)}</h1>"
            + f'<table id="beat">{table}</table>' + devices + history_part + "</main>")
    return _page(f"{row.kiosk_id} 终端详情", body)


def not_found(operator: str) -> str:
    body = (_header(operator, ("终端详情", "Kiosk detail")) + "<main>"
            f'<p>{both(("没有这台终端。", "No such kiosk."))}</p>'
            f'<p><a href="/fleet">{both(("返回总览", "Back to the fleet"))}</a></p></main>')
    return _page("未找到 Not found", body)
