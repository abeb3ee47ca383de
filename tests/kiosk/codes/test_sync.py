"""The kiosk keeps its offline-code lists in sync (kiosk/codes/sync.py): real kiosks with
real TrustStore files in their data directories, on the embedded platform and on the
reference server over loopback, with the network cut by the developer panel's switch or by
stopping the server, and the district's wall clock injected so lists age past their limit."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from district.models import Consent, OfflineCodeRequest
from district.seed_codes import MINOR
from district.signing import public_pem
from district.store import Store
from drivers.idcard.samples import ELDERLY
from drivers.printer.simulator import SimulatedPrinter
from kiosk.codes.trust_store import TrustStore
from kiosk.codes.verifier import Outcome
from kiosk.controller import Kiosk
from kiosk.delivery import Delivery
from kiosk.i18n import load_messages
from kiosk.jobs import run_now
from kiosk.outbox import Outbox
from kiosk.platform import platform_or_reason
from kiosk.platform.embedded import open_embedded
from kiosk.platform.network import NetworkSwitch
from kiosk.services.catalogue import load_catalogue
from tests.district.homes import Clock
from tests.district.live_server import serving
from tests.district.loopback import free_port
from tests.kiosk.rig import HeldJobs
from tests.kiosk.test_platform_choice import with_platform

MINUTE = 60.0


class Rig:
    """One kiosk on its platform, both on the district's wall clock `wall`."""

    def __init__(self, settings, clock, wall: Clock, platform, chores=run_now) -> None:
        self.settings, self.clock, self.wall = settings, clock, wall
        self.network = NetworkSwitch(platform)
        self.outbox = Outbox.in_folder(settings.data_dir)
        self.kiosk = Kiosk(settings=settings, platform=self.network,
                           catalogue=load_catalogue(), printer=SimulatedPrinter("printer"),
                           messages=load_messages(), outbox=self.outbox,
                           delivery=Delivery(self.outbox, self.network), clock=clock,
                           wall_clock=wall, chores=chores)
        self.closed = False

    @property
    def codes(self) -> TrustStore:
        return self.kiosk.codes

    def verify(self, text: str, **later: float):
        return self.kiosk.verifier.verify(text, self.wall.now + dt.timedelta(**later))

    def later(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.wall.advance(seconds=seconds)
        self.kiosk.tick()

    def issue(self, card=ELDERLY, reason: str = "new"):
        """A paper code for `card` at this kiosk, as the paper helper's flow asks for it, and
        the lists synced at once (`sync_now`)."""
        platform = self.network
        visit_id = platform.open_visit(Consent(id_number=card.id_number,
                                               purpose="offline_code", items=())).visit_id
        code = platform.issue_offline_code(OfflineCodeRequest(visit_id=visit_id, reason=reason))
        self.kiosk.code_sync.sync_now()
        return code

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.outbox.close()
            self.network.close()


@pytest.fixture
def wall() -> Clock:
    return Clock()


@pytest.fixture
def embedded(settings, clock, wall):
    made: list[Rig] = []

    def make(chosen=settings, chores=run_now) -> Rig:
        platform = open_embedded(chosen.data_dir / chosen.platform.database,
                                 chosen.site.kiosk_id, wall)
        made.append(Rig(chosen, clock, wall, platform, chores))
        return made[-1]

    yield make
    for rig in made:
        rig.close()


def test_at_start_the_kiosk_takes_the_lists_and_a_code_of_its_platform_verifies_green(
        embedded, settings):
    rig = embedded()
    assert rig.codes.synced_at == rig.wall.now
    assert {path.name for path in (settings.data_dir / "codes").iterdir()} == {
        "trust_list.json", "revocation_list.json", "status_list.json", "synced.json"}
    code = rig.issue()
    assert rig.verify(code.text).outcome == Outcome.GREEN
    assert rig.kiosk.code_sync.done == 2  # at start, then sync_now


def test_every_sync_minutes_the_lists_are_fetched_again_and_a_revocation_arrives(
        embedded, settings):
    rig = embedded()
    first = rig.issue()
    every = settings.codes.sync_minutes * MINUTE
    # reissued at another kiosk of the district: this one hears of it at its next sync
    other = rig.network.platform.store.for_kiosk("BS-WS-002")
    visit_id = other.open_visit(Consent(id_number=ELDERLY.id_number, purpose="offline_code",
                                        items=())).visit_id
    other.issue_offline_code(OfflineCodeRequest(visit_id=visit_id, reason="lost"))
    rig.later(every - 1)
    assert rig.verify(first.text).outcome == Outcome.GREEN  # not synced yet
    rig.later(1)
    assert rig.verify(first.text).outcome == Outcome.REVOKED
    assert rig.codes.synced_at == rig.wall.now


def test_right_after_a_reissue_here_the_old_code_is_revoked_here(embedded):
    rig = embedded()
    first = rig.issue()
    second = rig.issue(reason="reissue")
    assert second.replaced == first.code_id
    assert rig.verify(first.text).outcome == Outcome.REVOKED
    assert rig.verify(second.text).outcome == Outcome.GREEN


def test_with_the_network_cut_the_last_good_lists_stay_until_they_are_stale(
        embedded, settings, caplog):
    rig = embedded()
    code = rig.issue(MINOR)
    synced = rig.codes.synced_at
    every = settings.codes.sync_minutes * MINUTE
    rig.network.up = False
    with caplog.at_level(logging.INFO, logger="kiosk.codes.sync"):
        for _ in range(3):
            rig.later(every)
    lines = [r for r in caplog.records if r.name == "kiosk.codes.sync"]
    assert [r.levelno for r in lines] == [logging.WARNING, logging.INFO, logging.INFO]
    assert "network down" in lines[0].getMessage()
    assert "\n" not in lines[0].getMessage()
    assert rig.codes.synced_at == synced and rig.kiosk.code_sync.failed == 3
    assert rig.verify(code.text).outcome == Outcome.GREEN  # 45 minutes old: still trusted
    limit = settings.codes.stale_hours
    assert rig.verify(code.text, hours=limit - 1).outcome == Outcome.GREEN
    verdict = rig.verify(code.text, hours=limit)
    assert verdict.outcome == Outcome.STALE and verdict.message_key == "codes.outcome.stale"
    rig.network.up = True
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="kiosk.codes.sync"):
        rig.later(every)
    assert rig.codes.synced_at == rig.wall.now
    codes = rig.codes
    numbers = f"{codes.trust.sequence}/{codes.revocations.sequence}/{codes.status.sequence}"
    assert [r.getMessage() for r in caplog.records if r.name == "kiosk.codes.sync"] == [
        f"codes: the lists are up to date again (numbers {numbers})"]
    assert rig.verify(code.text, hours=limit - 1).outcome == Outcome.GREEN


def test_lists_signed_by_another_root_key_are_refused_and_nothing_is_trusted(
        embedded, settings, tmp_path, caplog):
    foreign = tmp_path / "foreign-root.pem"
    foreign.write_text(public_pem(Ed25519PrivateKey.generate()))
    chosen = settings.model_copy(update={"codes": settings.codes.model_copy(
        update={"root_key": str(foreign)})})
    with caplog.at_level(logging.ERROR, logger="kiosk.codes"):
        rig = embedded(chosen)
    refused = [r.getMessage() for r in caplog.records if r.name == "kiosk.codes.trust_store"]
    assert len(refused) == 3
    assert all("not signed by the root key this kiosk trusts" in line for line in refused)
    assert rig.codes.synced_at is None and rig.kiosk.code_sync.failed == 1
    assert not (settings.data_dir / "codes" / "trust_list.json").exists()
    code = rig.issue()
    assert rig.verify(code.text).outcome == Outcome.STALE  # never confirmed, never green


def test_an_older_list_is_refused_and_the_newer_one_kept(embedded, settings, tmp_path, wall):
    """Another platform with the same keys whose lists are from before this kiosk's (lists
    replayed from an earlier day, a platform whose clock was set back): signed by the root
    key, but older than those held."""
    earlier = wall.now
    rig = embedded()
    rig.later(settings.codes.sync_minutes * MINUTE)
    rig.issue()
    rig.issue(reason="reissue")  # a revocation, numbered now
    newer = rig.codes.revocations.sequence
    behind = Store.open(f"sqlite:///{tmp_path / 'behind.sqlite'}", now=lambda: earlier,
                        demo=True, keys=settings.data_dir)
    own = rig.network.platform
    try:
        synced = rig.codes.synced_at
        rig.network.platform = behind.for_kiosk(settings.site.kiosk_id)
        rig.later(settings.codes.sync_minutes * MINUTE)
        assert rig.codes.revocations.sequence == newer
        assert len(rig.codes.revocations.revoked) == 1
        assert rig.codes.synced_at == synced and rig.kiosk.code_sync.failed == 1
    finally:
        rig.network.platform = own
        behind.close()


def test_a_corrupt_list_on_disk_is_ignored_with_a_line_and_fetched_again(
        embedded, settings, clock, wall, caplog):
    rig = embedded()
    first = rig.issue()
    rig.issue(reason="lost")
    rig.close()
    path = settings.data_dir / "codes" / "revocation_list.json"
    path.write_bytes(path.read_bytes()[:40])  # a power cut, a bad sector
    held = HeldJobs()
    with caplog.at_level(logging.ERROR, logger="kiosk.codes"):
        again = embedded(chores=held)  # the kiosk restarts; its first sync not back yet
    unusable, stale = [r.getMessage() for r in caplog.records
                       if r.name == "kiosk.codes.trust_store"]
    assert str(path) in unusable and "fetched again at the next sync" in unusable
    assert "not those of the last sync" in stale
    # without its revocation list the kiosk cannot say a code is good: never green
    assert again.codes.synced_at is None
    assert again.verify(first.text).outcome == Outcome.STALE
    held.finish_all()
    assert again.codes.synced_at == wall.now
    assert again.verify(first.text).outcome == Outcome.REVOKED


def test_a_revocation_list_lost_since_the_sync_never_lets_a_revoked_code_pass(
        embedded, settings):
    rig = embedded()
    first = rig.issue()
    rig.issue(reason="reissue")
    rig.close()
    (settings.data_dir / "codes" / "revocation_list.json").unlink()
    again = embedded(chores=HeldJobs())  # restarted, its first sync not back yet
    assert again.codes.synced_at is None
    assert again.verify(first.text).outcome == Outcome.STALE


def test_a_sync_asked_for_while_one_is_in_flight_goes_when_it_ends(embedded):
    held = HeldJobs()
    rig = embedded(chores=held)
    held.finish_all()
    rig.kiosk.code_sync.sync_now()
    rig.kiosk.code_sync.sync_now()
    rig.kiosk.code_sync.sync_now()
    assert len(held.waiting) == 1
    held.finish()
    assert len(held.waiting) == 1  # the one asked for meanwhile, once
    held.finish()
    assert held.waiting == [] and rig.kiosk.code_sync.done == 3


# --- over the reference server --------------------------------------------------------------

def http_kiosk(settings, clock, wall, store, port, kiosk_id: str) -> Rig:
    """A kiosk with its own data directory and token, trusting the district's root key."""
    data = settings.data_dir.parent / kiosk_id
    token = data.parent / f"{kiosk_id}.token"
    token.write_text(store.register_kiosk(kiosk_id) + "\n")
    root = data.parent / "district-root.pem"
    root.write_text(store.root_public_pem())
    chosen = with_platform(settings.model_copy(update={
        "data_dir": data,
        "site": settings.site.model_copy(update={"kiosk_id": kiosk_id}),
        "codes": settings.codes.model_copy(update={"root_key": str(root)})}),
        kind="http", url=f"http://127.0.0.1:{port}", token_file=str(token),
        connect_timeout=2, read_timeout=5)
    data.mkdir(parents=True, exist_ok=True)
    return Rig(chosen, clock, wall, platform_or_reason(chosen))


def test_a_code_printed_here_verifies_on_another_kiosk_with_its_network_down(
        settings, clock, wall, tmp_path):
    """Two kiosks' data directories, one district server: A issues, B syncs, the server
    stops, B verifies green alone; after A reissues and B syncs, the old code is revoked
    on B."""
    store = Store.open(f"sqlite:///{tmp_path / 'district.sqlite'}", now=wall, demo=True,
                       keys=tmp_path / "district-keys")
    port = free_port()
    a = b = None
    try:
        with serving(store, port):
            a = http_kiosk(settings, clock, wall, store, port, "BS-YY-001")
            b = http_kiosk(settings, clock, wall, store, port, "BS-WS-002")
            first = a.issue()
            assert b.codes.synced_at == wall.now  # at its start: before the code existed
            b.later(settings.codes.sync_minutes * MINUTE)
        assert b.verify(first.text).outcome == Outcome.GREEN  # the server is down now
        b.later(settings.codes.sync_minutes * MINUTE)  # its sync fails; the lists stay
        assert b.kiosk.code_sync.failed == 1
        assert b.verify(first.text).outcome == Outcome.GREEN
        with serving(store, port):
            second = a.issue(reason="reissue")
            assert a.verify(first.text).outcome == Outcome.REVOKED  # at once, at A
            assert b.verify(first.text).outcome == Outcome.GREEN  # B has not heard yet
            b.later(settings.codes.sync_minutes * MINUTE)
        assert b.verify(first.text).outcome == Outcome.REVOKED
        assert b.verify(second.text).outcome == Outcome.GREEN
    finally:
        for rig in (a, b):
            if rig is not None:
                rig.close()
        store.close()
