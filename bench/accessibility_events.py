"""What a screen reader gets from the real kiosk on each screen change: the AT-SPI events
the kiosk sends, and the accessible objects its window holds afterwards.

The kiosk runs as a resident's kiosk runs (`python -m kiosk`) on a private X server with
its AT-SPI bus (tests/screen_reader); it is driven only through AT-SPI actions, as Orca's
user drives it: attract -> home, a card placed (home greets), then rounds of home -> a
service's form -> home. Events are counted from the press to the change having settled
(the new screen's text shown and the kiosk's queued work done), so the quiet time between
changes is not counted. Every change should cost a screen reader at most
TARGET_EVENTS events, and the tree should be the same size after every round: objects
that pile up are stale ones a screen reader still walks.

Also reported, without a target: events about objects already deleted when the change has
settled (Orca logs these as "Event is from potentially-defunct source" and must still look
them up), how many such objects a screen reader was told of in all, and how many objects of
the tree are not showing (hidden, yet a screen reader walking the tree meets them).
Run from the repository root (it uses tests/screen_reader)."""

from __future__ import annotations

import statistics
import tempfile
from collections import Counter
from pathlib import Path

ROUNDS = 5
TARGET_EVENTS = 100
SERVICE = "social_security_card"


def run() -> dict:
    from drivers.idcard.samples import ELDERLY
    from kiosk.i18n import load_messages
    from kiosk.services.catalogue import load_catalogue
    from tests.screen_reader.atspi import AtspiClient, becomes_showing
    from tests.screen_reader.desktop import PrivateDesktop
    from tests.screen_reader.kiosk import start_kiosk

    messages = load_messages()

    def text(key: str, **params: object) -> str:
        return messages.text(key, "zh_CN", **params)

    service = load_catalogue().get(SERVICE).title.get("zh_CN")
    greeting = text("home.greeting", name=ELDERLY.name)
    changes: list[dict] = []
    announced_gone: set = set()  # objects deleted by the time their events were read

    with tempfile.TemporaryDirectory(prefix="tongban-bench-") as name:
        folder = Path(name)
        with PrivateDesktop(folder / "desktop") as desktop, \
                AtspiClient(desktop.a11y_address) as client:
            kiosk = start_kiosk(desktop, client, folder / "data")
            window = kiosk.window

            def change(label: str, press, shown: str) -> None:
                """Press, wait for `shown` to come on screen and the kiosk to be done;
                count the kiosk's events in between, then the objects in its window."""
                mark = client.mark()
                press.press()
                client.wait_for(becomes_showing(shown), since=mark, what=f"{shown!r} shown")
                client.wait_until_quiet(kiosk.app)
                events = [e for e in client.events[mark:] if e.source.bus_name == window.bus_name]
                gone = {e.source for e in events if not e.source.exists()}
                announced_gone.update(gone)
                objects = [item.states for item in window.walk()]
                changes.append({
                    "change": label,
                    "events": len(events),
                    "events_about_gone_objects": sum(e.source in gone for e in events),
                    "objects": len(objects),
                    "not_showing": sum("showing" not in states for states in objects),
                    "by_kind": dict(Counter(e.kind for e in events).most_common()),
                })

            def button(named: str):
                return window.find(role="push button", name=named, showing=True)

            try:
                change("attract → home", window.find(id_end="start"), text("home.choose"))
                card = kiosk.dev_panel.find(role="push button",
                                            name=f"Place: {ELDERLY.name} (82-year-old resident)")
                change("card placed: home → home", card, greeting)
                for _ in range(ROUNDS):
                    change("home → form", button(service), text("form.confirm"))
                    change("form → home", button(text("nav.home")), greeting)
            finally:
                kiosk.process.stop()

    counts = [c["events"] for c in changes]
    home_sizes = [c["objects"] for c in changes if c["change"] == "form → home"]
    growth = home_sizes[-1] - home_sizes[0]
    return {
        "rounds": ROUNDS,
        "events_per_change_median": statistics.median(counts),
        "events_per_change_max": max(counts),
        "objects_after_each_round": home_sizes,
        "objects_growth_over_rounds": growth,
        "gone_objects_announced": len(announced_gone),
        "changes": [{key: value for key, value in c.items() if key != "by_kind"}
                    for c in changes],
        "events_by_kind": {c["change"]: c["by_kind"] for c in changes[:4]},
        "target": {"events_per_change_max": TARGET_EVENTS, "objects_growth_over_rounds": 0,
                   "gone_objects_announced": 0},
        "ok": max(counts) <= TARGET_EVENTS and growth <= 0 and not announced_gone,
    }
