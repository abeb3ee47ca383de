"""The two pages a phone opens, outside the kiosks' API: a shared record (once) and the
verification page (genuine or not, the matter, the day; nothing personal). Hand-written
HTML with every value escaped: two small pages need no template engine."""

from __future__ import annotations

from html import escape

from district.models import Record
from district.store.records import Verification

# Every HTML page's headers: no script, nothing loaded from elsewhere; PRIVATE ones not kept.
PAGE = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
        "X-Content-Type-Options": "nosniff"}
PRIVATE = {**PAGE, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}

_PAGE = """<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>{title}</title>
<style>body{{font-family:sans-serif;margin:1em;line-height:1.5}}
table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:.2em .4em}}</style>
</head><body>{body}</body></html>
"""


def page(title: str, body: str) -> str:
    return _PAGE.format(title=escape(title), body=body)


def record_page(record: Record) -> str:
    header = "".join(f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>"
                     for label, value in record.header)
    columns = "".join(f"<th>{escape(column)}</th>" for column in record.columns)
    rows = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
                   for row in record.rows)
    table = f"<table><tr>{columns}</tr>{rows}</table>" if record.columns else ""
    note = f"<p>{escape(record.note)}</p>" if record.note else ""
    body = (f"<h1>{escape(record.title_zh)}</h1><p>{escape(record.title_en)}</p>"
            f"<table>{header}</table><p></p>{table}{note}"
            f"<p>{escape(record.issuer)} · {record.issued_at:%Y-%m-%d}</p>"
            f"<p>验证编号 Verification number: {escape(record.number)}</p>")
    return page(record.title_zh, body)


def gone_page() -> str:
    return page("链接已失效", "<h1>链接已失效 This link has expired</h1>"
                "<p>此链接只能打开一次，且十分钟内有效。请在自助终端重新获取。</p>"
                "<p>A link opens once, within ten minutes. Ask the kiosk for a new one.</p>")


def not_found_page() -> str:
    return page("未找到", "<h1>未找到 Not found</h1>"
                "<p>一网通办未签发此编号。No record or application has this number.</p>")


def verification_page(found: Verification) -> str:
    what = "证明" if found.what == "record" else "办件"
    english = f"<br>{escape(found.matter_en)}" if found.matter_en != found.matter else ""
    body = (f"<h1>真实有效 Genuine</h1><p>此{what}由一网通办签发。Issued by the district "
            f"platform.</p><table><tr><th>事项 Matter</th><td>{escape(found.matter)}"
            f"{english}</td></tr>"
            f"<tr><th>日期 Date</th><td>{found.issued_on.isoformat()}</td></tr></table>")
    return page("真实有效", body)
