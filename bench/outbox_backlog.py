"""The outbox after the network was down for a long time: 10,000 items waiting (each visit a
submission with its signature, its rating and an audit record), then delivered in order,
into the embedded store (SQLite, in this process) and through the reference server on
loopback (a subprocess over a SQLite store). Items per second, and how fast they were put.
Target: 50 items a second each way, so a week of a busy kiosk's backlog is gone in minutes."""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ITEMS = 10_000
TARGET_PER_SECOND = 50.0
KIOSK = "BS-YY-001"
SIGNATURE = base64.b64encode(os.urandom(12_000))  # about a drawn signature's PNG
HANG_GUARD = 1800.0


def fill(outbox, count: int) -> tuple[str, float]:
    """Put `count` items; the last key, and puts per second."""
    from district.models import AuditRecord, Rating, Submission

    began = time.perf_counter()
    reference, key = "", ""
    for number in range(count):
        key = f"bench-{number:06d}"
        now = datetime.now(UTC)
        if number % 3 == 0:
            reference = outbox.new_reference(KIOSK, date(2026, 12, 1))
            model = Submission(idempotency_key=key, reference=reference,
                               service_id="elderly_allowance", id_number="310113194403150029",
                               answers={"phone": "13916627358", "bank": "6214830012345678"},
                               signature_png=SIGNATURE, signed_at=now)
        elif number % 3 == 1:
            model = Rating(idempotency_key=key, reference=reference, score=4)
        else:
            model = AuditRecord(idempotency_key=key, at=now, event="visit.ended")
        outbox.put(model)
    return key, count / (time.perf_counter() - began)


def drain(folder: Path, platform, count: int) -> dict:
    from kiosk.delivery import Delivery
    from kiosk.outbox import Outbox, State

    outbox = Outbox.in_folder(folder)
    try:
        last, put_rate = fill(outbox, count)
        delivery = Delivery(outbox, platform)
        began = time.perf_counter()
        delivery.start()
        try:
            delivery.wait_until(lambda: outbox.get(last).state != State.PENDING, HANG_GUARD)
        finally:
            delivery.stop()
        seconds = time.perf_counter() - began
        counts = outbox.counts()
    finally:
        outbox.close()
    return {"items": count, "seconds": round(seconds, 2),
            "per_second": round(count / seconds, 1), "puts_per_second": round(put_rate, 1),
            "delivered": counts[State.DELIVERED], "failed": counts[State.FAILED]}


def embedded(folder: Path, count: int) -> dict:
    from district.store.store import Store

    store = Store.open(f"sqlite:///{folder / 'district.sqlite'}")
    try:
        return drain(folder / "kiosk", store.for_kiosk(KIOSK), count)
    finally:
        store.close()


def server(folder: Path, count: int) -> dict:
    from district.client import HttpPlatform
    from district.store.store import Store

    database = f"sqlite:///{folder / 'served.sqlite'}"
    store = Store.open(database)
    token = store.register_kiosk(KIOSK)
    store.close()
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "platform", "serve", "--database", database,
         "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        cwd=Path(__file__).resolve().parent.parent)
    try:
        for line in process.stderr:
            if "Uvicorn running on" in line:
                break
        else:
            return {"error": "the server did not start"}
        platform = HttpPlatform(f"http://127.0.0.1:{port}", token, KIOSK)
        try:
            return drain(folder / "kiosk-http", platform, count)
        finally:
            platform.close()
    finally:
        process.terminate()
        process.wait()
        process.stderr.close()


def run(count: int = ITEMS) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        results = {"embedded": embedded(folder, count), "server": server(folder, count)}
    rates = [r.get("per_second", 0) for r in results.values()]
    return {**results, "target": {"per_second": TARGET_PER_SECOND},
            "ok": all(rate >= TARGET_PER_SECOND for rate in rates)
            and all(r.get("failed", 1) == 0 for r in results.values())}


if __name__ == "__main__":
    import json

    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else ITEMS), indent=2))
