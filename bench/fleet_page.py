"""The fleet page's load time as the fleet grows: 100, 1,000 and 10,000 kiosks on
PostgreSQL (the tests' throwaway cluster), each with a latest beat (a third paper low, a
third paper out), the reference server on loopback, an operator logged in. Each size: GET
/fleet (the first page of 100, sorted by alerts), a filtered page, one kiosk's detail, and a
/metrics scrape, timed from the client. Target: the first page within 1 s at 10,000."""

from __future__ import annotations

import os
import statistics
import time
from typing import Any

SIZES = (100, 1_000, 10_000)
TRIES = 5
TARGET_MS = 1000.0
PASSWORD = "bench password long enough"


def run() -> dict[str, Any]:
    import requests

    from district.server.fleet import COOKIE
    from district.server.fleet_metrics import TOKEN_ENV
    from district.store import Store
    from district.store.times import stamp
    from tests.district.fleet_sim import beat
    from tests.district.live_server import serving
    from tests.district.postgres import Cluster

    os.environ[TOKEN_ENV] = "bench-token"
    cluster = Cluster()
    cluster.start()
    results: dict[str, Any] = {}
    try:
        for size in SIZES:
            store = Store.open(cluster.url(cluster.create_database()), demo=True)
            now = store.now()
            with store.db.transaction() as tx:
                for number in range(size):
                    kiosk_id = f"BS-FL-{number:05d}"
                    tx.execute("INSERT INTO kiosks (kiosk_id, centre_id, token_sha256,"
                               " registered_at) VALUES (?, ?, ?, ?)",
                               (kiosk_id, "bs.youyi", kiosk_id, stamp(now)))
                    made = beat(now, paper=("full", "low", "out")[number % 3],
                                pending=number % 7)
                    tx.execute("INSERT INTO kiosk_status (kiosk_id, received_at, sent_at, beat)"
                               " VALUES (?, ?, ?, ?)",
                               (kiosk_id, stamp(now), stamp(now), made.model_dump_json()))
            store.add_operator("bench", PASSWORD)
            try:
                with serving(store) as base, requests.Session() as session:
                    answer = session.post(f"{base}/fleet/login", headers={"Origin": base},
                                          data={"name": "bench", "password": PASSWORD},
                                          allow_redirects=False, timeout=60)
                    session.cookies.set(COOKIE, answer.cookies[COOKIE], path="/fleet")
                    results[str(size)] = {
                        "fleet_ms": _timed(session, f"{base}/fleet"),
                        "filtered_ms": _timed(session, f"{base}/fleet?alert=paper_out&page=2"),
                        "detail_ms": _timed(session, f"{base}/fleet/kiosks/BS-FL-00001"),
                        "metrics_ms": _timed(session, f"{base}/metrics", tries=1,
                                             headers={"Authorization": "Bearer bench-token"}),
                        "fleet_page_bytes": len(session.get(f"{base}/fleet", timeout=60).content),
                    }
            finally:
                store.close()
    finally:
        cluster.stop()
        os.environ.pop(TOKEN_ENV, None)
    largest = results[str(SIZES[-1])]["fleet_ms"]["median"]
    return {**results, "setup": f"PostgreSQL, server in-process on loopback, {os.cpu_count()}"
            " CPUs shared by all", "target": {"fleet_ms_at_10000": TARGET_MS},
            "ok": largest <= TARGET_MS}


def _timed(session, url: str, tries: int = TRIES, **options: Any) -> dict[str, float]:
    spent = []
    for _ in range(tries):
        start = time.perf_counter()
        answer = session.get(url, timeout=120, **options)
        spent.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, (url, answer.status_code)
    return {"median": round(statistics.median(spent), 1), "max": round(max(spent), 1)}
