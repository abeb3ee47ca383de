"""Fleet scale: heartbeats from 10,000 simulated kiosks (each one beat every 30 s, spread
evenly: about 333 a second) through `platform serve` (two uvicorn workers) into durable
PostgreSQL, from an open-loop load generator in this process (asyncio and aiohttp, a pool
of 64 keep-alive connections) on the same machine. A beat is sent when
it is due, not when the one before was answered, and its latency runs from when it was due,
so a generator that falls behind shows as latency, not as a lower rate. A warm-up of one
round (each token new to the server) is reported apart; then the target: the full rate with
p99 at most 100 ms.
Then the fleet page's load time (GET /fleet logged in once, the median of a few loads) as
the fleet grows to 100, 1,000 and 10,000 kiosks, before the heartbeats and every 10 s among
them. (`bench fleet_page` times the page's other views, on an in-process server.)"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import statistics
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

KIOSKS = 10_000
INTERVAL_S = 30.0  # each kiosk's beat, as `[heartbeat] interval_seconds`
WARM_UP_S = 30.0  # one round: every kiosk heard from once, as by a server up a while
SECONDS = 60.0  # measured, after the warm-up (`python -m bench fleet --seconds N`)
WORKERS = 2  # uvicorn's, on 2 cores shared with PostgreSQL and the load generator
# the load generator's pool of keep-alive connections; a beat takes whichever is free (a
# connection of its own per kiosk would be 10,000; one kiosk's share each queued behind slow
# answers, which real kiosks do not)
CONNECTIONS = 64
TARGET_P99_MS = 100.0
FLEETS = (100, 1_000, 10_000)  # kiosks on the fleet page
PAGE_LOADS = 5
PAGE_EVERY_S = 10.0  # an operator reloading the page during the heartbeats
OPERATOR = ("bench", "a long bench password")
# the seeding store's connections skip waiting for the disk (the server's do not)
FAST_SEEDING = "?options=-c%20synchronous_commit%3Doff"


def run(*, kiosks: int = KIOSKS, seconds: float = SECONDS, warm_up: float = WARM_UP_S,
        interval: float = INTERVAL_S, fleets: tuple[int, ...] = FLEETS) -> dict[str, Any]:
    from bench.platform_throughput import cpu_seconds
    from bench.postgres import Cluster
    from bench.serve_process import serving_process
    from district.store import Store

    fleets = (*(size for size in fleets if size < kiosks), kiosks)
    cluster = Cluster(durable=True)
    cluster.start()
    try:
        url = cluster.url(cluster.create_database())
        seeding = Store.open(url + FAST_SEEDING)
        try:
            seeding.add_operator(*OPERATOR)
            with (serving_process(url, workers=WORKERS) as (base, server_pid),
                  _logged_in(base) as operator):
                tokens: dict[str, str] = {}
                pages = []
                for size in fleets:
                    tokens |= _grow(seeding, size - len(tokens), first=len(tokens))
                    pages.append(_page(operator, base, size))
                postmaster = int((cluster.data / "postmaster.pid").read_text().split()[0])
                cookie = "; ".join(f"{c.name}={c.value}" for c in operator.cookies)
                load = Load(list(tokens.items()), interval, warm_up, seconds, cookie)
                before = cpu_seconds(server_pid), cpu_seconds(postmaster)
                beats = load.drive(base)
                after = cpu_seconds(server_pid), cpu_seconds(postmaster)
                busy = os.getloadavg()[1]  # the machine's, over the last 5 minutes
        finally:
            seeding.close()
    finally:
        cluster.stop()
    spent = [(a - b) * 1000 / (load.sent or 1) for a, b in zip(after, before, strict=True)]
    beats["cpu_ms_each"] = {"server": round(spent[0], 2), "postgres": round(spent[1], 2),
                            "load_generator": beats.pop("generator_cpu_ms_each")}
    # what two otherwise idle cores could carry at that cost (the machine is shared)
    beats["idle_machine_per_second"] = round(2000 / sum(beats["cpu_ms_each"].values()))
    rate = kiosks / interval
    ok = (beats["errors"] == 0 and beats["per_second"] >= 0.98 * rate
          and beats["p99_ms"] is not None and beats["p99_ms"] <= TARGET_P99_MS)
    return {
        "heartbeats": beats,
        "fleet_page": pages,
        "fleet_page_under_load": load.page_summary(kiosks),
        "setup": f"{kiosks} kiosks, one beat each per {interval:g} s; {WORKERS} uvicorn "
                 f"workers; PostgreSQL durable; {CONNECTIONS} keep-alive connections; "
                 f"{warm_up:g} s warm-up, {seconds:g} s measured; {os.cpu_count()} CPUs, "
                 f"load average {busy:.1f} meanwhile (other work on the machine too)",
        "target": {"per_second": round(rate, 1), "p99_ms": TARGET_P99_MS},
        "ok": ok,
    }


def _grow(store: Any, count: int, *, first: int) -> dict[str, str]:
    """`count` more kiosks registered at once, each heard from once."""
    ids = [kiosk_name(first + n) for n in range(count)]
    tokens = store.register_kiosks(ids)
    now = dt.datetime.now(dt.UTC)
    for n, kiosk_id in enumerate(ids):
        store.for_kiosk(kiosk_id).heartbeat(beat(first + n, now))
    return tokens


def kiosk_name(index: int) -> str:
    return f"FL-{index // 1000:02d}-{index % 1000:03d}"


def beat(index: int, sent_at: dt.datetime):  # -> district.models.Heartbeat
    """A kiosk's beat; one in 40 has a fault the fleet page alerts on."""
    from district.models import DeviceBeat, Heartbeat

    paper = ("full", "low", "out")[index % 3] if index % 40 == 0 else "full"
    printer = "hardware_error" if index % 40 == 20 else "online"
    return Heartbeat(
        sent_at=sent_at, version="0.1.0", mode="attract", uptime_seconds=3600 + index,
        devices={"printer": DeviceBeat(state=printer, media="loaded", paper=paper),
                 "idcard": DeviceBeat(state="online"), "scanner": DeviceBeat(state="online"),
                 "camera": DeviceBeat(state="online")},
        outbox_pending=index % 4, outbox_failed=0, free_disk_mb=20_000, total_disk_mb=64_000,
        counts={"visits": 2, "transactions": 1, "transactions.elderly_allowance": 1})


@dataclass
class Load:
    """An open-loop schedule: beat n is due at start + n / rate, from kiosk n mod kiosks."""

    tokens: list[tuple[str, str]]
    interval: float
    warm_up: float
    seconds: float
    cookie: str  # an operator's session: the fleet page is loaded now and then meanwhile
    latencies_ms: list[float] = field(default_factory=list)
    late_ms: list[float] = field(default_factory=list)  # how late the generator sent
    errors: Counter = field(default_factory=Counter)
    measured_from: float = 0.0  # the loop's clock when the warm-up ends
    last_done: float = 0.0
    sent: int = 0
    warm_up_ms: list[float] = field(default_factory=list)  # each token new to the server
    warm_up_errors: int = 0
    page_ms: list[float] = field(default_factory=list)
    page_bytes: int = 0

    def drive(self, base: str) -> dict[str, Any]:
        import uvloop

        began = time.process_time()
        uvloop.run(self._drive(base))
        return self._summary(round((time.process_time() - began) * 1000 / (self.sent or 1), 2))

    async def _drive(self, base: str) -> None:
        import aiohttp

        rate = len(self.tokens) / self.interval
        loop = asyncio.get_running_loop()
        timeout = aiohttp.ClientTimeout(total=10.0)
        async with (aiohttp.ClientSession(base, timeout=timeout, connector=aiohttp.TCPConnector(
                        limit=CONNECTIONS)) as client, aiohttp.ClientSession(base) as operator):
            start = loop.time() + 0.05
            self.measured_from = start + self.warm_up
            pending = {asyncio.create_task(self._watch(operator))}
            for n in range(int((self.warm_up + self.seconds) * rate)):
                due = start + n / rate
                if due > loop.time():
                    await asyncio.sleep(due - loop.time())
                task = asyncio.create_task(self._beat(client, n % len(self.tokens), due))
                pending.add(task)
                task.add_done_callback(pending.discard)
                self.sent += 1
            await asyncio.gather(*pending)

    async def _watch(self, client: Any) -> None:
        """GET /fleet every PAGE_EVERY_S of the measured period, as an operator would."""
        loop = asyncio.get_running_loop()
        moment = self.measured_from
        while moment < self.measured_from + self.seconds:
            await asyncio.sleep(max(0.0, moment - loop.time()))
            began = loop.time()
            async with client.get("/fleet", headers={"Cookie": self.cookie},
                                  allow_redirects=False) as answer:
                body = await answer.read()
                if answer.status != 200:
                    raise RuntimeError(f"GET /fleet under load answered {answer.status}")
            self.page_ms.append((loop.time() - began) * 1000)
            self.page_bytes = len(body)
            moment += PAGE_EVERY_S

    def page_summary(self, kiosks: int) -> dict[str, Any]:
        return {"kiosks": kiosks, "loads": len(self.page_ms),
                "median_ms": round(statistics.median(self.page_ms), 2) if self.page_ms else None,
                "max_ms": round(max(self.page_ms), 2) if self.page_ms else None,
                "bytes": self.page_bytes}

    async def _beat(self, client: Any, index: int, due: float) -> None:
        import aiohttp

        loop = asyncio.get_running_loop()
        measured = due >= self.measured_from
        if measured:
            self.late_ms.append((loop.time() - due) * 1000)
        body = beat(index, dt.datetime.now(dt.UTC)).model_dump_json()
        headers = {"Authorization": f"Bearer {self.tokens[index][1]}",
                   "Content-Type": "application/json"}
        try:
            async with client.put("/v1/heartbeat", data=body, headers=headers) as answer:
                await answer.read()
                outcome: int | str = answer.status
        except (aiohttp.ClientError, TimeoutError) as error:
            outcome = type(error).__name__
        if not measured:
            if outcome == 204:
                self.warm_up_ms.append((loop.time() - due) * 1000)
            else:
                self.warm_up_errors += 1
            return
        self.last_done = max(self.last_done, loop.time())
        if outcome == 204:
            self.latencies_ms.append((loop.time() - due) * 1000)
        else:
            self.errors[str(outcome)] += 1

    def _summary(self, generator_cpu_ms: float) -> dict[str, Any]:
        span = self.last_done - self.measured_from
        ms = self.latencies_ms
        cuts = statistics.quantiles(ms, n=100) if len(ms) > 1 else [None] * 99
        late = statistics.quantiles(self.late_ms, n=100) if len(self.late_ms) > 1 else [0.0] * 99
        return {
            "beats": len(ms),
            "seconds": round(span, 2),
            "per_second": round(len(ms) / span, 1) if span > 0 else 0.0,
            "p50_ms": round(statistics.median(ms), 2) if ms else None,
            "p95_ms": _round(cuts[94]),
            "p99_ms": _round(cuts[98]),
            "max_ms": round(max(ms), 2) if ms else None,
            "errors": sum(self.errors.values()),
            "errors_by_kind": dict(self.errors),
            "generator_late_p99_ms": round(late[98], 2),
            "warm_up": {"beats": len(self.warm_up_ms), "errors": self.warm_up_errors,
                        "p50_ms": _round(statistics.median(self.warm_up_ms)
                                         if self.warm_up_ms else None),
                        "p99_ms": _round(statistics.quantiles(self.warm_up_ms, n=100)[98]
                                         if len(self.warm_up_ms) > 1 else None)},
            "generator_cpu_ms_each": generator_cpu_ms,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


@contextlib.contextmanager
def _logged_in(base: str) -> Iterator[Any]:  # a requests.Session with the operator's cookie
    import requests

    with requests.Session() as session:
        login = session.post(f"{base}/fleet/login", headers={"Origin": base}, timeout=60,
                             data=dict(zip(("name", "password"), OPERATOR, strict=True)),
                             allow_redirects=False)
        if login.status_code >= 400 or not login.cookies:
            raise RuntimeError(f"POST /fleet/login answered {login.status_code}")
        session.cookies.update(login.cookies)
        yield session


def _page(session: Any, base: str, kiosks: int) -> dict[str, Any]:
    """GET /fleet (its first page, sorted by what needs a visit), the median of a few."""
    times = []
    for _ in range(PAGE_LOADS):
        began = time.perf_counter()
        answer = session.get(f"{base}/fleet", timeout=60, allow_redirects=False)
        times.append((time.perf_counter() - began) * 1000)
        if answer.status_code != 200:
            raise RuntimeError(f"GET /fleet answered {answer.status_code}")
    return {"kiosks": kiosks, "median_ms": round(statistics.median(times), 2),
            "max_ms": round(max(times), 2), "bytes": len(answer.content)}
