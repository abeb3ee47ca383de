"""An A4 record laid out (kiosk/records.py, fpdf2 with the CJK font): the time from the
platform's answer to the PDF ready, which the resident waits through on the preview screen,
for a year of rows (one page) and ten years (several pages); target 2 s each (p50 of RUNS).
The CPU time is reported too: on a shared machine the wall time says more about the others."""

from __future__ import annotations

import datetime as dt
import statistics
import time

RUNS = 3
TARGET_S = 2.0


def _record(months: int):
    from district.models import Record

    rows = tuple((f"{2026 - m // 12}-{12 - m % 12:02d}", "宝山区某某科技有限公司", "养老保险",
                  f"{8000 + m}.00", f"{640 + m}.00", "已缴") for m in range(months))
    return Record(kind="social_security_contributions", number="SB2612010001",
                  title_zh="上海市社会保险个人缴费记录", title_en="Social security contributions",
                  issuer="上海市社会保险事业管理中心", issued_at=dt.datetime.now(dt.UTC),
                  header=(("姓名", "王秀英"), ("公民身份号码", "310113********0029")),
                  columns=("年月", "单位", "险种", "缴费基数", "个人缴费", "状态"), rows=rows)


def run() -> dict:
    from kiosk.config import load_settings
    from kiosk.i18n import load_messages
    from kiosk.records import printable

    settings, messages = load_settings(), load_messages()
    result: dict = {"target_s": TARGET_S}
    for months in (12, 120):
        record, times, cpu, pages = _record(months), [], [], 0
        for _ in range(RUNS):
            started, cpu_started = time.perf_counter(), time.process_time()
            made = printable(record, site=settings.site, messages=messages, language="zh_CN",
                             verify_url=settings.receipts.verify_url,
                             printed_at=dt.datetime.now(dt.UTC))
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
            pages = made.pages
        result[f"rows_{months}"] = {"pages": pages, "p50_s": round(statistics.median(times), 3),
                                    "cpu_p50_s": round(statistics.median(cpu), 3),
                                    "bytes": len(made.document.pdf)}
    result["ok"] = all(result[f"rows_{m}"]["p50_s"] <= TARGET_S for m in (12, 120))
    return result
