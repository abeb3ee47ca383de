"""The fleet's /metrics for Prometheus: a collector over `Store.fleet()` on a registry of its
own, read afresh at each scrape. Kiosks by alert, and per kiosk (labelled by its id): seconds
since its last beat, outbox pending and refused, free disk, each device up or not, each
printer's paper state (one series, its state a label: 130,000 series for 10,000 kiosks
would make a scrape seconds long). Behind a bearer token from $TONGBAN_FLEET_METRICS_TOKEN (what a
Prometheus scrape config sends); without it set, /metrics is refused."""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from district.fleet_alerts import Alert, alerts
from district.server.fleet_pages import OK_STATES

TOKEN_ENV = "TONGBAN_FLEET_METRICS_TOKEN"
MB = 1024 * 1024

router = APIRouter(include_in_schema=False)


class FleetCollector(Collector):
    def __init__(self, store: Any, now: dt.datetime) -> None:
        self._store = store
        self._now = now

    def collect(self) -> Iterator[GaugeMetricFamily]:
        kiosks = self._store.fleet()
        by_alert = GaugeMetricFamily("tongban_fleet_kiosks_alerting",
                                     "Kiosks with this alert", labels=["alert"])
        total = GaugeMetricFamily("tongban_fleet_kiosks", "Kiosks registered")
        since = GaugeMetricFamily("tongban_kiosk_seconds_since_heartbeat",
                                  "Seconds since the kiosk's last heartbeat", labels=["kiosk"])
        silent = GaugeMetricFamily("tongban_kiosk_silent",
                                   "1 if the kiosk is silent (or never heard from)",
                                   labels=["kiosk"])
        pending = GaugeMetricFamily("tongban_kiosk_outbox_pending",
                                    "Items waiting in the kiosk's outbox", labels=["kiosk"])
        refused = GaugeMetricFamily("tongban_kiosk_outbox_failed",
                                    "Outbox items the platform refused", labels=["kiosk"])
        disk = GaugeMetricFamily("tongban_kiosk_free_disk_bytes", "Free disk on the kiosk",
                                 labels=["kiosk"])
        up = GaugeMetricFamily("tongban_kiosk_device_up", "1 if the device works",
                               labels=["kiosk", "device"])
        paper = GaugeMetricFamily("tongban_kiosk_paper", "The printer's paper state (always 1)",
                                  labels=["kiosk", "device", "state"])
        found = dict.fromkeys(Alert, 0)
        for kiosk in kiosks:
            label = [kiosk.kiosk_id]
            these = alerts(kiosk.beat, kiosk.received_at, self._now)
            for alert in these:
                found[alert] += 1
            silent.add_metric(label, 1 if Alert.SILENT in these else 0)
            if kiosk.received_at is not None:
                since.add_metric(label, (self._now - kiosk.received_at).total_seconds())
            beat = kiosk.beat
            if beat is None:
                continue
            pending.add_metric(label, beat.outbox_pending)
            refused.add_metric(label, beat.outbox_failed)
            disk.add_metric(label, beat.free_disk_mb * MB)
            for name, device in sorted(beat.devices.items()):
                up.add_metric([*label, name], 1 if device.state in OK_STATES else 0)
                if device.paper != "not_supported":  # one series a printer: its state now
                    paper.add_metric([*label, name, device.paper], 1)
        total.add_metric([], len(kiosks))
        for alert, count in found.items():
            by_alert.add_metric([alert.value], count)
        yield from (total, by_alert, since, silent, pending, refused, disk, up, paper)


def scrape(store: Any) -> bytes:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(FleetCollector(store, store.now()))
    return generate_latest(registry)


def _allowed(request: Request) -> bool:
    expected = request.app.state.metrics_token
    given = request.headers.get("authorization", "")
    scheme, _, token = given.partition(" ")
    return bool(expected) and scheme.lower() == "bearer" and hmac.compare_digest(
        token.strip().encode(), expected.encode())


@router.get("/metrics")
def metrics(request: Request) -> Response:
    if not request.app.state.metrics_token:
        return Response(f"/metrics is off: set {TOKEN_ENV} on the server\n", 403,
                        media_type="text/plain")
    if not _allowed(request):
        return Response("send Authorization: Bearer <the metrics token>\n", 401,
                        media_type="text/plain", headers={"WWW-Authenticate": "Bearer"})
    return Response(scrape(request.app.state.store), media_type=CONTENT_TYPE_LATEST,
                    headers={"Cache-Control": "no-store"})
