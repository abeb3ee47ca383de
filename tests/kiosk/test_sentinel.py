"""The sentinel mode without a window: the real kiosk on its real outbox file, with lists
signed by the embedded platform's root key in the test's data directory and taken by the
kiosk's TrustStore; each kind of scan, stale lists, the counts across a restart and in the
heartbeat, the recent scans dropped on the injected clock, what leaves the mode."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

import pytest

from drivers.base import CardRead, CodeScanned, DeviceError, DeviceFault, DeviceState, DeviceStatus
from drivers.idcard.samples import ADULT, ELDERLY, HMT_RESIDENT
from drivers.printer.simulator import SimulatedPrinter
from kiosk.modes import ModeName
from kiosk.modes.sentinel import FADE_SECONDS
from kiosk.sentinel.samples import Samples, install
from kiosk.view import KeyAction, ScreenName
from tests.fakes import TODAY
from tests.kiosk.maintenance_rig import audits, tell
from tests.kiosk.rig import Rig, build_rig

S = ScreenName
START = dt.datetime(2026, 12, 1, 2, 30, tzinfo=dt.UTC)  # 10:30 in Shanghai
BROKEN = DeviceStatus(DeviceState.NO_DEVICE, detail="unplugged")
WORKING = DeviceStatus(DeviceState.ONLINE)


class Wall:
    """The kiosk's wall clock, moved by the test."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, delta: dt.timedelta) -> None:
        self.now += delta


@pytest.fixture
def wall() -> Wall:
    return Wall(START)


@pytest.fixture
def start(settings, clock, wall):
    """Start a kiosk (again) on the test's data directory, `[sentinel] enabled` unless told."""
    made: list[Rig] = []

    def make(*, enabled: bool = True, keep_minutes: float = 10, network_up: bool = True) -> Rig:
        sentinel = settings.sentinel.model_copy(update={"enabled": enabled,
                                                        "keep_minutes": keep_minutes})
        printer = SimulatedPrinter("printer")
        printer.start()
        rig = build_rig(settings.model_copy(update={"sentinel": sentinel}), clock, TODAY,
                        printer, network_up=network_up)
        rig.closers.insert(0, printer.stop)
        rig.kiosk.wall_clock = wall
        # the start-up sync ran on the real clock; on the test's (earlier) clock that sync
        # would lie "in the future", which the lists rightly count as a clock set back
        rig.kiosk.code_sync.sync_now()
        rig.kiosk.publish()
        made.append(rig)
        return rig

    yield make
    for rig in made:
        rig.close()


@pytest.fixture
def gate(start, settings, wall) -> tuple[Rig, Samples]:
    rig = start()
    samples = install(rig.kiosk.codes, settings.data_dir, wall())
    return rig, samples


def scan(rig: Rig, text: str):
    rig.kiosk.handle_device_event(CodeScanned("scanner", text, text.encode()))
    return rig.view.showing["sentinel"].result


def card(rig: Rig, who):
    rig.kiosk.handle_device_event(CardRead("idcard", who))
    return rig.view.showing["sentinel"].result


def test_it_starts_ready_when_enabled_and_speaks_the_prompt(start):
    rig = start()
    assert rig.kiosk.mode.name == ModeName.SENTINEL and rig.view.screen == S.SENTINEL
    shown = rig.view.showing["sentinel"]
    assert shown.prompt == "请出示随申码、离线码或身份证" and shown.result is None
    assert rig.said("请出示随申码、离线码或身份证")


def test_a_green_phone_code_fills_the_screen_and_is_spoken_without_the_name(gate):
    rig, samples = gate
    result = scan(rig, samples.code(kind="phone", colour="green"))
    assert rig.view.screen == S.SENTINEL_RESULT
    assert (result.light, result.word, result.name) == ("green", "通行", "王*英")
    assert result.time == "10:30:00"
    assert rig.said("绿码，请通行。")
    assert not any("王" in text for text in rig.spoken())  # never a name from the loudspeaker


@pytest.mark.parametrize(("make", "light", "word", "outcome"), [
    (lambda s: s.code(kind="phone", colour="yellow"), "yellow", "请稍候", "yellow"),
    (lambda s: s.code(kind="paper", colour="red"), "red", "禁止", "red"),
    (lambda s: s.code(kind="paper", colour="green"), "green", "通行", "green"),
    (lambda s: s.revoked_code(), "amber", "无效", "revoked"),
    (lambda s: s.code(issued=START - dt.timedelta(minutes=30)), "amber", "无效", "expired"),
    (lambda s: s.code()[:-6] + "ABCDEF", "amber", "无效", "malformed_or_bad"),
    (lambda s: "HC1:NOT-A-CERTIFICATE", "amber", "无效", "malformed"),
    (lambda s: "随便什么文字", "amber", "无效", "malformed"),
    (lambda s: "SSM:7f3a9c", "grey", "无法确认", "suishen"),
])
def test_each_kind_of_code(gate, make, light, word, outcome):
    rig, samples = gate
    result = scan(rig, make(samples))
    assert (result.light, result.word) == (light, word)
    messages = {"revoked": "作废", "expired": "过期", "malformed": "读不出来",
                "suishen": "随申码需要联网", "yellow": "黄码", "red": "红码", "green": "绿码"}
    if outcome in messages:
        assert messages[outcome] in result.message
    if light not in ("green", "yellow", "red"):
        assert result.name == ""  # a code that did not verify names nobody


def test_a_code_signed_by_a_key_the_trust_list_lacks_is_invalid(gate, settings, start, wall):
    rig, samples = gate
    other = install(rig.kiosk.codes, settings.data_dir, wall())  # a newer list, another key
    assert scan(rig, samples.code()).word == "无效"
    assert scan(rig, other.code()).word == "通行"


@pytest.mark.parametrize(("who", "light", "word", "name"), [
    (ELDERLY, "green", "通行", "王*英"), (ADULT, "yellow", "请稍候", "李*"),
    (HMT_RESIDENT, "red", "禁止", "陈*欣")])
def test_an_id_card_is_looked_up_in_the_cached_status_list(gate, who, light, word, name):
    rig, _ = gate
    result = card(rig, who)
    assert (result.light, result.word, result.name) == (light, word, name)


def test_a_card_not_in_the_list_asks_for_staff(gate):
    rig, _ = gate
    stranger = dataclasses.replace(ADULT, id_number="310113199106201231")
    result = card(rig, stranger)
    assert (result.light, result.word) == ("grey", "无法确认")
    assert "没有查到记录" in result.message


def test_a_card_the_reader_cannot_read_asks_for_it_again_a_broken_reader_shows_nothing(gate):
    rig, _ = gate
    unreadable = DeviceError("unreadable", code="read_failed")
    rig.kiosk.handle_device_event(DeviceFault("idcard", unreadable))
    result = rig.view.showing["sentinel"].result
    assert rig.view.screen == S.SENTINEL_RESULT
    assert (result.light, result.word) == ("amber", "无效")
    assert "读不出来" in result.message and rig.said("身份证读不出来，请再放一次。")
    rig.kiosk.handle_device_event(DeviceFault("idcard", DeviceError("no answer", code="no_reply")))
    assert rig.view.showing["sentinel"].result == result  # the reader's own trouble: not a scan


def test_the_platforms_own_lists_after_the_kiosks_sync(start):
    rig = start()  # the embedded platform's lists, synced as the kiosk starts
    assert rig.kiosk.codes.status is not None
    result = card(rig, ELDERLY)  # a demo resident, green unless the district says not
    assert (result.light, result.word, result.name) == ("green", "通行", "王*英")
    assert rig.view.showing["sentinel"].stale is False


def test_without_any_list_nothing_is_confirmed(start):
    rig = start(network_up=False)  # no sync ever happened
    result = card(rig, ELDERLY)
    assert (result.light, result.word) == ("grey", "无法确认") and "没有离线名单" in result.message
    assert scan(rig, "SSM:abc").light == "grey"


def test_past_stale_hours_cards_and_codes_cannot_be_confirmed(gate, wall):
    rig, samples = gate
    code = samples.code(kind="paper")
    wall.advance(dt.timedelta(hours=24, minutes=1))
    result = card(rig, ELDERLY)
    assert (result.light, "已过期" in result.message) == ("grey", True)
    assert scan(rig, code).word == "无法确认"
    assert scan(rig, samples.revoked_code()).word == "无效"  # revoked is believed however old
    assert "已过期" in rig.view.showing["sentinel"].lists and rig.view.showing["sentinel"].stale


def test_a_result_fades_to_the_ready_screen_or_gives_way_to_the_next(gate, clock):
    rig, samples = gate
    scan(rig, samples.code(colour="red"))
    clock.advance(FADE_SECONDS / 2)
    rig.kiosk.tick()
    assert card(rig, ELDERLY).light == "green"  # the next scan replaces it at once
    clock.advance(FADE_SECONDS - 0.5)
    rig.kiosk.tick()
    assert rig.view.screen == S.SENTINEL_RESULT
    clock.advance(1)
    rig.kiosk.tick()
    assert rig.view.screen == S.SENTINEL and rig.view.showing["sentinel"].result is None


def test_counts_by_hour_survive_a_restart_and_go_in_the_heartbeat(gate, start, clock, wall):
    rig, samples = gate
    for text in (samples.code(), samples.code(), samples.code(colour="yellow"), "SSM:x"):
        scan(rig, text)
    card(rig, HMT_RESIDENT)
    shown = rig.view.showing["sentinel"]
    assert shown.totals == "今日：绿码 2 · 黄码 1 · 红码 1 · 其他 1"
    assert shown.hours == ("10时：绿 2 · 黄 1 · 红 1 · 其他 1",)
    beat, _ = rig.kiosk.heartbeat.beat(clock())
    assert {k: v for k, v in beat.counts.items() if k.startswith("sentinel.")} == {
        "sentinel.green": 2, "sentinel.yellow": 1, "sentinel.red": 1, "sentinel.other": 1}
    rig.close()
    wall.advance(dt.timedelta(hours=1))
    again = start()
    card(again, ELDERLY)  # the lists on disk are still fresh: green, at 11
    shown = again.view.showing["sentinel"]
    assert shown.hours == ("11时：绿 1 · 黄 0 · 红 0 · 其他 0",
                           "10时：绿 2 · 黄 1 · 红 1 · 其他 1")
    wall.advance(dt.timedelta(days=1))
    again.kiosk.publish()
    assert again.view.showing["sentinel"].hours == ()  # a new day starts at nought


def _texts(value, seen=None) -> str:
    """Every string reachable from `value` (objects' attributes, containers), as one text."""
    seen = set() if seen is None else seen
    if id(value) in seen or isinstance(value, int | float | bytes | type(None)):
        return ""
    seen.add(id(value))
    if isinstance(value, str):
        return value + "\n"
    if isinstance(value, dict):
        return "".join(_texts(k, seen) + _texts(v, seen) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset) or type(value).__name__ == "deque":
        return "".join(_texts(item, seen) for item in value)
    if dataclasses.is_dataclass(value):
        return "".join(_texts(getattr(value, f.name), seen) for f in dataclasses.fields(value))
    return ""


def test_a_scans_name_is_gone_after_keep_minutes(gate, clock, caplog):
    rig, samples = gate
    mode = rig.kiosk.mode
    caplog.set_level(logging.DEBUG)
    scan(rig, samples.code(name="赵铁柱"))
    card(rig, ELDERLY)
    mode_objects = lambda: _texts([vars(mode.recent), mode.result, vars(mode.gate)])  # noqa: E731
    assert "赵*柱" in _texts(rig.view.showing) and "赵*柱" in mode_objects()
    clock.advance(FADE_SECONDS)
    rig.kiosk.tick()
    assert "赵*柱" in _texts(rig.view.showing["sentinel"].recent)  # the doorkeeper's list
    clock.advance(10 * 60 - FADE_SECONDS - 1)
    rig.kiosk.tick()
    assert "赵*柱" in _texts(rig.view.showing)
    clock.advance(1)
    rig.kiosk.tick()
    for name in ("赵*柱", "王*英"):
        assert name not in _texts(rig.view.showing) and name not in mode_objects()
        assert name not in _texts(rig.kiosk.state.sentinel)
    assert rig.view.showing["sentinel"].totals.startswith("今日：绿码 2")  # counts stay
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in ("赵", "王秀英", "王*英", ELDERLY.id_number, ELDERLY.id_number[-6:]):
        assert secret not in logged


def test_nothing_personal_reaches_the_disk(gate, settings):
    rig, samples = gate
    secrets = ("赵*柱", "王*英", ELDERLY.id_number)

    def found() -> set[tuple[str, str]]:
        """(file, secret) for each secret in each file of the data directory (the embedded
        platform's store holds its demo residents from the start)."""
        return {(path.name, secret) for path in settings.data_dir.rglob("*") if path.is_file()
                for secret in secrets if secret.encode() in path.read_bytes()}

    before = found()
    scan(rig, samples.code(name="赵铁柱"))
    card(rig, ELDERLY)
    assert found() - before == set()


def test_no_idle_timeout_and_no_way_out_but_maintenance(gate, clock):
    rig, samples = gate
    scan(rig, samples.code())
    for action in (KeyAction.BACK, KeyAction.ACTIVATE, KeyAction.HELP):
        rig.kiosk.key(action)
    for call in (rig.kiosk.start, rig.kiosk.go_home, rig.kiosk.end_now, rig.kiosk.finish):
        call()
    clock.advance(3 * 3600)
    rig.kiosk.tick()
    assert rig.kiosk.mode.name == ModeName.SENTINEL and rig.view.screen == S.SENTINEL
    rig.kiosk.maintenance_chord()
    assert rig.view.screen == S.MAINTENANCE_ENTRY
    rig.kiosk.cancel_maintenance()  # the pad cancelled: back at the entrance
    assert rig.kiosk.mode.name == ModeName.SENTINEL and rig.view.screen == S.SENTINEL


def test_the_maintenance_menu_switches_it_on_and_off(start):
    rig = start(enabled=False)
    assert rig.view.screen == S.ATTRACT
    rig.kiosk.maintenance_chord()
    rig.kiosk.modes[ModeName.MAINTENANCE].inside = True  # the way in is tested elsewhere
    rig.kiosk.open_maintenance_page(S.MAINTENANCE.value)
    assert rig.view.showing["sentinel_switch"] == "哨兵模式"
    rig.kiosk.open_maintenance_page(S.SENTINEL.value)
    assert rig.kiosk.mode.name == ModeName.SENTINEL and rig.view.screen == S.SENTINEL
    rig.kiosk.maintenance_chord()
    rig.kiosk.modes[ModeName.MAINTENANCE].inside = True
    assert rig.view.showing["sentinel_switch"] == "退出哨兵模式"
    rig.kiosk.leave_maintenance()  # leaving without the switch: the entrance again
    assert rig.view.screen == S.SENTINEL
    rig.kiosk.maintenance_chord()
    rig.kiosk.modes[ModeName.MAINTENANCE].inside = True
    rig.kiosk.open_maintenance_page(S.SENTINEL.value)
    assert rig.view.screen == S.ATTRACT
    assert [detail for event, detail in audits(rig) if event == "maintenance.sentinel"] == [
        "on", "off"]


def test_out_of_service_only_with_reader_and_scanner_both_out(gate):
    rig, _ = gate
    tell(rig, "printer", BROKEN)
    tell(rig, "platform", BROKEN)  # offline is what the sentinel is for
    assert rig.view.screen == S.SENTINEL
    tell(rig, "idcard", BROKEN)
    assert rig.view.screen == S.SENTINEL
    tell(rig, "scanner", BROKEN)
    assert rig.view.screen == S.OUT_OF_SERVICE
    tell(rig, "scanner", WORKING)
    assert rig.kiosk.mode.name == ModeName.SENTINEL and rig.view.screen == S.SENTINEL


def test_counts_that_cannot_be_kept_are_a_line_each_and_go_on_in_memory(tmp_path, caplog):
    from kiosk.sentinel.counts import HourlyCounts
    from kiosk.sentinel.gate import Tally

    folder = tmp_path / "outbox.sqlite"
    folder.mkdir()  # not a file SQLite can open
    counts = HourlyCounts(folder)
    with caplog.at_level(logging.ERROR):
        counts.add(Tally.GREEN, START)
        counts.add(Tally.GREEN, START)
    assert counts.today(START) == {10: {Tally.GREEN: 2}}
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert lines and all(str(folder) in line and "\n" not in line for line in lines)


def test_every_outcome_has_its_word_message_and_speech_in_both_languages():
    from kiosk.codes.verifier import Outcome
    from kiosk.i18n import LANGUAGES, load_messages
    from kiosk.sentinel.gate import LIGHTS, Light, Result

    messages = load_messages()
    own = ("suishen", "no_record", "no_status", "stale_status")
    results = [Result(LIGHTS.get(o, Light.AMBER), o.value) for o in Outcome]
    results += [Result(Light.GREY, outcome) for outcome in own]
    for language in LANGUAGES:
        keys = messages.keys(language)
        for result in results:
            assert {result.word_key, result.message_key, result.speech_key} <= keys


def test_the_masked_name_is_spoken_only_into_headphones(gate):
    rig, samples = gate
    scan(rig, samples.code(name="赵铁柱"))
    assert rig.said("绿码，请通行。") and not any("赵" in text for text in rig.spoken())
    rig.kiosk.key(KeyAction.HEADPHONES)
    scan(rig, samples.code(name="钱多多"))
    assert rig.said("钱*多")
