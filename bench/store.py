"""The district store on a SQLite file, as the embedded platform uses it: each Platform call
of one resident's visit (a 随申码 resolved, consent, profile, licences, a licence, benefits,
a record and its share, a submission with locked answers, a week of slots, hold, confirm,
the data-read list), 50 visits, on a store holding the demo data. synchronous=FULL: every write
waits for the disk. Target: 50 ms per call at the 95th percentile, well inside a touch's
answer. PostgreSQL is measured by nobody here yet: it needs a cluster (tests/district)."""

from __future__ import annotations

import base64
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

VISITS = 50
TARGET_P95_MS = 50.0


def run() -> dict:
    from district.models import Consent, HoldRequest, LicenceRequest, RecordRequest, Submission
    from district.store import Store
    from drivers.idcard.samples import ELDERLY

    now = [dt.datetime(2026, 11, 30, 1, 0, tzinfo=dt.UTC)]
    times: dict[str, list[float]] = {}

    def timed(name, call, *args):
        began = time.perf_counter()
        result = call(*args)
        times.setdefault(name, []).append((time.perf_counter() - began) * 1000)
        return result

    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        store = Store.open(f"sqlite:///{Path(folder) / 'bench.sqlite'}", now=lambda: now[0],
                           demo=True)
        opening_ms = (time.perf_counter() - began) * 1000
        kiosk = store.for_kiosk("BS-YY-001")
        signature = base64.b64encode(bytes(20_000))  # about a drawn signature's PNG
        try:
            for n in range(VISITS):
                code = store.issue_code(ELDERLY.id_number)
                timed("resolve_code", kiosk.resolve_code, code)
                consent = Consent(id_number=ELDERLY.id_number, purpose="elderly_allowance",
                                  items=("name", "phone", "subdistrict", "residence_address"))
                visit_id = timed("open_visit", kiosk.open_visit, consent).visit_id
                profile = timed("profile", kiosk.profile, visit_id)
                refs = timed("licences", kiosk.licences, visit_id)
                timed("licence", kiosk.licence, visit_id, LicenceRequest(
                    uri=refs[0].uri, service_id="senior_card", purpose="核对户籍地址"))
                timed("benefits", kiosk.benefits, visit_id)
                record = timed("record", kiosk.record, visit_id, RecordRequest(
                    kind="social_security_contributions", service_id="ss_record", months=12))
                timed("share_record", kiosk.share_record, visit_id, record.number)
                timed("submit", kiosk.submit, Submission(
                    idempotency_key=f"bench-submit-{n:04d}",
                    reference=f"BSYY001-261130-{n + 1:04d}", service_id="elderly_allowance",
                    id_number=ELDERLY.id_number, signature_png=signature, signed_at=now[0],
                    answers={"bank": "ICBC", "name": profile["name"].value,
                             "address": profile["residence_address"].value},
                    visit_id=visit_id, locked={"name": "name", "address": "residence_address"}))
                day = dt.date(2026, 12, 1) + dt.timedelta(days=n % 20)
                slots = timed("slots", kiosk.slots, "bs.youyi", "household", day, 7)
                free = next(slot for slot in slots if slot.places_left)
                booking = timed("hold", kiosk.hold, HoldRequest(
                    idempotency_key=f"bench-hold-{n:04d}", slot_id=free.id, visit_id=visit_id))
                timed("confirm", kiosk.confirm, booking.id)
                timed("data_reads", kiosk.data_reads, visit_id)
                now[0] += dt.timedelta(minutes=3)
        finally:
            store.close()
    calls = {}
    for name, values in times.items():
        values.sort()
        calls[name] = {"p50_ms": round(statistics.median(values), 2),
                       "p95_ms": round(values[int(len(values) * 0.95) - 1], 2)}
    worst = max(call["p95_ms"] for call in calls.values())
    return {
        "visits": VISITS,
        "open_with_demo_data_ms": round(opening_ms, 1),
        "calls": calls,
        "target": {"p95_ms": TARGET_P95_MS},
        "ok": worst <= TARGET_P95_MS,
    }
