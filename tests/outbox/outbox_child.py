"""A kiosk's outbox in a process of its own, for the kill test: it opens the outbox and a
platform, puts the items numbered 0 to COUNT-1 that it does not hold yet (a submission, then
its rating, then an audit record, in turn), delivers, and prints a line for each step so the
test can kill it anywhere. It exits 0 after printing "empty" once nothing is pending.

    python tests/outbox/outbox_child.py DATA_DIR PLATFORM COUNT [TOKEN]

PLATFORM is sqlite:///path (the store in this process) or http://host:port (the reference
server, reached with TOKEN)."""

from __future__ import annotations

import sys
import threading
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from district.models import AuditRecord, Rating, Submission
from kiosk.delivery import Delivery
from kiosk.outbox import Outbox, State

KIOSK = "BS-YY-001"
DAY = date(2026, 12, 1)
HANG_GUARD = 600.0
_printing = threading.Lock()


def key(number: int) -> str:
    return f"kill-{number:06d}"


def model(outbox: Outbox, number: int) -> Submission | Rating | AuditRecord:
    now = datetime.now(UTC)
    if number % 3 == 0:
        return Submission(idempotency_key=key(number), reference=outbox.new_reference(KIOSK, DAY),
                          service_id="elderly_allowance", id_number="310113194403150029",
                          answers={"number": str(number)}, signed_at=now)
    if number % 3 == 1:
        rated = outbox.get(key(number - 1))
        return Rating(idempotency_key=key(number), reference=rated.reference, score=5)
    return AuditRecord(idempotency_key=key(number), at=now, event="kill.test",
                       detail=str(number))


def open_platform(where: str, token: str):
    if where.startswith("sqlite:"):
        from district.store.store import Store

        store = Store.open(where)
        return store.for_kiosk(KIOSK), store.close
    from district.client import HttpPlatform

    platform = HttpPlatform(where, token, KIOSK, connect_timeout=2, read_timeout=10)
    return platform, platform.close


def say(line: str) -> None:
    with _printing:
        print(line, flush=True)


def put_missing(outbox: Outbox, delivery: Delivery, count: int) -> None:
    for number in range(count):
        if outbox.get(key(number)) is None:
            outbox.put(model(outbox, number))
            say(f"put {number}")
    delivery.wake()  # whoever waits on the worker sees that putting is over


def main(data_dir: str, where: str, count: str, token: str = "") -> int:
    outbox = Outbox.in_folder(Path(data_dir))
    platform, close = open_platform(where, token)
    delivery = Delivery(outbox, platform, base=0.05, cap=0.5)
    delivery.start()
    say("started")
    putter = threading.Thread(target=put_missing, args=(outbox, delivery, int(count)),
                              name="putter")
    putter.start()  # puts while the worker delivers, as a kiosk does
    delivered = -1
    while True:
        counts = outbox.counts()
        if counts[State.DELIVERED] != delivered:
            delivered = counts[State.DELIVERED]
            say(f"delivered {delivered}")
        if counts[State.PENDING] == 0 and not putter.is_alive():
            break
        delivery.wait_until(lambda d=delivered: outbox.counts()[State.DELIVERED] != d
                            or not putter.is_alive(), HANG_GUARD)
    putter.join()
    delivery.stop()
    failed = outbox.counts()[State.FAILED]
    outbox.close()
    close()
    say(f"empty failed={failed}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
