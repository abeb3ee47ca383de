"""A small AT-SPI client: what a screen reader sees of an application, read over D-Bus.

Orca learns everything about an application from AT-SPI: a tree of accessible objects
(name, role, states, description, relations), actions it can invoke (a button's "Press"),
and events the application sends when something changes. This client does the same from a
test, with jeepney for the D-Bus wire; only the AT-SPI conventions are written here.

Events are kept in order in `AtspiClient.events`. A test takes a `mark()`, does something,
and `wait_for()`s an event after the mark, so that nothing is missed and nothing sleeps."""

from __future__ import annotations

import contextlib
import re
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from jeepney import DBusAddress, DBusErrorResponse, MatchRule, Properties, message_bus
from jeepney import new_method_call as method_call
from jeepney.io.blocking import open_dbus_connection
from jeepney.low_level import HeaderFields
from jeepney.wrappers import unwrap_msg

from tests.screen_reader.desktop import GUARD_SECONDS

REGISTRY = "org.a11y.atspi.Registry"
ROOT_PATH = "/org/a11y/atspi/accessible/root"
ACCESSIBLE = "org.a11y.atspi.Accessible"
EVENT_PREFIX = "org.a11y.atspi.Event."
# What a screen reader listens to; the application sends only events someone registered for.
LISTENED = ("object:", "window:", "focus:")

# AT-SPI's StateType, in order: bit n of GetState's two 32-bit words is STATES[n].
STATES = (
    "invalid", "active", "armed", "busy", "checked", "collapsed", "defunct", "editable",
    "enabled", "expandable", "expanded", "focusable", "focused", "has-tooltip", "horizontal",
    "iconified", "modal", "multi-line", "multiselectable", "opaque", "pressed", "resizable",
    "selectable", "selected", "sensitive", "showing", "single-line", "stale", "transient",
    "vertical", "visible", "manages-descendants", "indeterminate", "required", "truncated",
    "animated", "invalid-entry", "supports-autocompletion", "selectable-text", "is-default",
    "visited", "checkable", "has-popup", "read-only",
)
# AT-SPI's RelationType, in order.
RELATIONS = (
    "null", "label-for", "labelled-by", "controller-for", "controlled-by", "member-of",
    "tooltip-for", "node-child-of", "node-parent-of", "extended", "flows-to", "flows-from",
    "subwindow-of", "embeds", "embedded-by", "popup-for", "parent-window-of", "description-for",
    "described-by", "details", "details-for", "error-message", "error-for",
)


def dashed(name: str) -> str:
    """StateChanged -> state-changed, as AT-SPI names events."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


@dataclass(frozen=True)
class Accessible:
    """One object in the accessibility tree, named on the bus by (bus name, path). Every
    property is read afresh: the application may have changed it since."""

    client: AtspiClient = field(repr=False, compare=False)
    bus_name: str
    path: str

    def call(self, interface: str, method: str, signature: str | None = None,
             *args: Any) -> tuple:
        return self.client.call(self.bus_name, self.path, interface, method, signature, *args)

    def get(self, prop: str, interface: str = ACCESSIBLE) -> Any:
        address = DBusAddress(self.path, self.bus_name, interface)
        return self.client.send(Properties(address).get(prop))[0][1]

    # --- what a screen reader reads ---

    @property
    def name(self) -> str:
        return self.get("Name")

    @property
    def description(self) -> str:
        return self.get("Description")

    @property
    def locale(self) -> str:
        return self.get("Locale")

    @property
    def accessible_id(self) -> str:
        """Qt makes it from the object names on the way down, e.g. "...ScreenStack.start"."""
        return self.get("AccessibleId")

    @property
    def child_count(self) -> int:
        return self.get("ChildCount")

    @property
    def role(self) -> str:
        return self.call(ACCESSIBLE, "GetRoleName")[0]

    @property
    def states(self) -> frozenset[str]:
        words = self.call(ACCESSIBLE, "GetState")[0]
        return frozenset(name for index, name in enumerate(STATES)
                         if words[index // 32] & (1 << index % 32))

    @property
    def parent(self) -> Accessible:
        return self.client.accessible(self.get("Parent"))

    def children(self) -> list[Accessible]:
        return [self.client.accessible(ref) for ref in self.call(ACCESSIBLE, "GetChildren")[0]]

    def relations(self) -> dict[str, list[Accessible]]:
        """Each relation's targets, by the relation's name ("labelled-by": [...])."""
        found: dict[str, list[Accessible]] = {}
        for kind, targets in self.call(ACCESSIBLE, "GetRelationSet")[0]:
            found.setdefault(RELATIONS[kind], []).extend(map(self.client.accessible, targets))
        return found

    def attributes(self) -> dict[str, str]:
        return dict(self.call(ACCESSIBLE, "GetAttributes")[0])

    def interfaces(self) -> list[str]:
        return list(self.call(ACCESSIBLE, "GetInterfaces")[0])

    def text(self) -> str:
        """The text a label shows: its Text interface if it has one, else its name (Qt's
        labels offer only the name)."""
        if "org.a11y.atspi.Text" in self.interfaces():
            return self.call("org.a11y.atspi.Text", "GetText", "ii", 0, -1)[0]
        return self.name

    def exists(self) -> bool:
        """False once the application has deleted the object (a screen reader that heard
        of it in an event then finds it gone: Orca's "[DEAD]")."""
        try:
            self.call(ACCESSIBLE, "GetRole")
        except DBusErrorResponse:
            return False
        return True

    def describe(self) -> str:
        return f"{self.role} {self.name!r}"

    # --- doing what a screen reader's user asks ---

    def actions(self) -> list[str]:
        return [name for name, _description, _keys
                in self.call("org.a11y.atspi.Action", "GetActions")[0]]

    def do_action(self, action: str) -> None:
        """Invoke an action by name. Qt answers at once and acts on its next turn (a press
        is an animated click), so wait for what the action brings, not for the answer."""
        actions = self.actions()
        if action not in actions:
            raise LookupError(f"{self.describe()} has no action {action!r}, only {actions}")
        done = self.call("org.a11y.atspi.Action", "DoAction", "i", actions.index(action))[0]
        if not done:
            raise RuntimeError(f"{self.describe()} refused {action!r}")

    def press(self) -> None:
        self.do_action("Press")

    # --- searching ---

    def walk(self) -> Iterator[Accessible]:
        """This object and all below it, depth first."""
        yield self
        for child in self.children():
            yield from child.walk()

    def find_all(self, **wanted: Any) -> list[Accessible]:
        """Every object below (and including) this one whose named properties all equal the
        values given, e.g. find_all(role="push button", name="开始办理"). `showing=True`
        asks for the showing state; `id_end="start"` for an AccessibleId ending in .start."""
        return [item for item in self.walk() if item.matches(**wanted)]

    def find(self, **wanted: Any) -> Accessible:
        found = self.find_all(**wanted)
        if not found:
            raise LookupError(f"nothing with {wanted} under {self.describe()}")
        return found[0]

    def matches(self, **wanted: Any) -> bool:
        for key, value in wanted.items():
            if key == "showing":
                actual: Any = "showing" in self.states
            elif key == "id_end":
                actual = self.accessible_id.rsplit(".", 1)[-1]
            else:
                actual = getattr(self, key)
            if actual != value:
                return False
        return True


@dataclass(frozen=True)
class Event:
    """One AT-SPI event, named as AT-SPI names them: "object:state-changed:showing",
    "object:property-change:accessible-name", "window:activate", "focus:"."""

    kind: str
    source: Accessible
    detail1: int
    detail2: int
    value: Any
    received: float

    def source_name(self) -> str | None:
        """The source's name now, or None if it is gone (a widget deleted since)."""
        try:
            return self.source.name
        except DBusErrorResponse:  # not exists(): one round trip, not two
            return None

    def __str__(self) -> str:
        return f"{self.kind}({self.detail1}, {self.detail2}, {self.value!r}) {self.source.path}"


def from_message(client: AtspiClient, message: Any) -> Event | None:
    fields = message.header.fields
    interface = fields.get(HeaderFields.interface, "")
    if not interface.startswith(EVENT_PREFIX):
        return None
    group = interface[len(EVENT_PREFIX):].lower()
    member = fields[HeaderFields.member]
    detail, detail1, detail2, (signature, value) = message.body[:4]
    if group == "focus":
        kind = "focus:"
    else:
        kind = f"{group}:{dashed(member)}" + (f":{detail}" if detail else "")
    if signature == "(so)":
        value = client.accessible(value)
    source = Accessible(client, fields[HeaderFields.sender], fields[HeaderFields.path])
    return Event(kind, source, detail1, detail2, value, time.monotonic())


class AtspiClient:
    """A connection to the accessibility bus, listening as a screen reader would."""

    def __init__(self, address: str, *, timeout: float = GUARD_SECONDS) -> None:
        self.timeout = timeout
        self.connection = open_dbus_connection(address, auth_timeout=timeout)
        self._incoming: deque = deque()
        self._filter = self.connection.filter(MatchRule(type="signal"), queue=self._incoming)
        self.send(message_bus.AddMatch(MatchRule(type="signal")))
        self.events: list[Event] = []
        registry = DBusAddress("/org/a11y/atspi/registry", REGISTRY, "org.a11y.atspi.Registry")
        for event in LISTENED:
            self.send(method_call(registry, "RegisterEvent", "sass", (event, [], "")))

    def close(self) -> None:
        self._filter.close()
        self.connection.close()

    def __enter__(self) -> AtspiClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- calls ---

    def send(self, message: Any) -> tuple:
        """Send a method call and return its reply's values; a D-Bus error raises."""
        return unwrap_msg(self.connection.send_and_get_reply(message, timeout=self.timeout))

    def call(self, bus_name: str, path: str, interface: str, method: str,
             signature: str | None = None, *args: Any) -> tuple:
        return self.send(method_call(DBusAddress(path, bus_name, interface), method,
                                     signature, args))

    def accessible(self, reference: tuple[str, str]) -> Accessible:
        return Accessible(self, *reference)

    @property
    def desktop(self) -> Accessible:
        """The registry's root: its children are the accessible applications."""
        return Accessible(self, REGISTRY, ROOT_PATH)

    def application(self, name: str) -> Accessible:
        """Wait until an application called `name` is on the desktop, and return it."""
        mark = self.mark()
        while True:
            for app in self.desktop.children():
                if app.name == name:
                    return app
            self.wait_for(lambda e: e.kind.startswith("object:children-changed")
                          and e.source.path == ROOT_PATH, since=mark,
                          what=f"an application named {name!r}")
            mark = self.mark()

    # --- events ---

    def mark(self) -> int:
        """The position in `events` after everything received so far."""
        self._take_incoming()
        return len(self.events)

    def wait_for(self, match: Callable[[Event], bool], *, since: int, what: str,
                 timeout: float | None = None) -> Event:
        """The first event after `since` that matches; waits for it as long as the guard
        allows, then fails saying what it waited for and what came instead."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        index = since
        while True:
            while index < len(self.events):
                event = self.events[index]
                index += 1
                if match(event):
                    return event
            if not self._incoming:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    recent = "\n  ".join(str(e) for e in self.events[since:][-15:]) or "none"
                    raise TimeoutError(f"no event {what} within {timeout or self.timeout:.0f}"
                                       f" s; the last events after the mark:\n  {recent}")
                with contextlib.suppress(TimeoutError):  # the loop above says what failed
                    self.connection.recv_messages(timeout=remaining)
            self._take_incoming()

    def wait_until_quiet(self, app: Accessible) -> None:
        """Let the application finish what it was doing: a round trip to it is answered
        only after the work it had queued before, so every event that work sends has
        arrived when this returns."""
        for _ in range(2):  # the second catches what the first's turn queued (deletions)
            app.call(ACCESSIBLE, "GetRoleName")
        self._take_incoming()

    def _take_incoming(self) -> None:
        while self._incoming:
            event = from_message(self, self._incoming.popleft())
            if event is not None:
                self.events.append(event)


# --- what tests wait for ---

def becomes_showing(name: str) -> Callable[[Event], bool]:
    """An object named `name` came on screen."""
    return lambda e: (e.kind == "object:state-changed:showing" and e.detail1 == 1
                      and e.source_name() == name)


def name_changed(to: str, *, source: Accessible | None = None) -> Callable[[Event], bool]:
    """An object's accessible name changed to `to` (a window's title, a label's text)."""
    return lambda e: (e.kind == "object:property-change:accessible-name" and e.value == to
                      and (source is None or e.source == source))


def focused(name: str) -> Callable[[Event], bool]:
    """The keyboard focus moved to an object named `name`."""
    return lambda e: (e.kind == "object:state-changed:focused" and e.detail1 == 1
                      and e.source_name() == name)
