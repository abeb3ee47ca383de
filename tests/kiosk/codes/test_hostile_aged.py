"""Aged and cut: a kiosk with no network verifies from its cached lists as `[codes]` says,
on an injected clock: fresh lists confirm a code, lists older than `stale_hours` cannot
(the code is "stale", never valid), a new sync confirms it again; what the lists said was
revoked stays revoked however old they are."""

from __future__ import annotations

import datetime as dt

import pytest

from district.codes.algorithms import Algorithm
from district.codes.claims import Kind
from district.signing import public_pem
from kiosk.codes.kiosk_trust import open_trust, verifier_for
from kiosk.codes.verifier import Outcome
from kiosk.config import load_settings
from tests.kiosk.codes.hostile_rig import NOW, District, claims, code, new_key


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture(params=[None, 6], ids=["default 24 h", "6 h"])
def kiosk(request, tmp_path):
    """A kiosk's settings naming the district's root key, its lists synced once at NOW,
    and its verifier on a clock the test moves. Returns (district, settings, clock, make),
    `make()` being the verifier a kiosk started now would have."""
    data = tmp_path / "data"
    district = District(tmp_path / "district")
    data.mkdir()
    (data / "root.pem").write_text(public_pem(district.root))
    site = tmp_path / "site.toml"
    stale = "" if request.param is None else f"stale_hours = {request.param}\n"
    site.write_text(f'[codes]\nroot_key = "root.pem"\n{stale}')
    settings = load_settings(site_file=site, data_dir=data)
    clock = Clock()
    trust = open_trust(settings)
    district.publish(store=trust)

    def make():
        return verifier_for(settings, open_trust(settings), clock)

    return district, settings, clock, make, trust


def test_fresh_then_stale_then_fresh_again(kiosk):
    district, settings, clock, make, trust = kiosk
    limit = dt.timedelta(hours=settings.codes.stale_hours)
    assert limit in (dt.timedelta(hours=24), dt.timedelta(hours=6))  # the default, or set
    text = code(district.keys[Algorithm.ES256], claims())
    verifier = verifier_for(settings, trust, clock)
    assert verifier.verify(text).outcome == Outcome.GREEN
    clock.now = NOW + limit  # at the limit, still confirmed
    assert verifier.verify(text).outcome == Outcome.GREEN
    clock.now = NOW + limit + dt.timedelta(seconds=1)
    verdict = verifier.verify(text)
    assert verdict.outcome == Outcome.STALE and not verdict.outcome.valid
    assert verdict.message_key == "codes.outcome.stale"
    assert make().verify(text).outcome == Outcome.STALE  # restarted, no network: the same
    # the network is back and a sync succeeds: confirmed again, here and after a restart
    district.publish(store=trust, synced=clock.now)
    assert verifier.verify(text).outcome == Outcome.GREEN
    assert make().verify(text).outcome == Outcome.GREEN
    clock.now += limit + dt.timedelta(seconds=1)
    assert make().verify(text).outcome == Outcome.STALE


def test_revoked_stays_revoked_with_stale_lists(kiosk):
    district, _, clock, make, trust = kiosk
    text = code(district.keys[Algorithm.EDDSA], claims(code_id="cd" * 16))
    district.revoked.add("cd" * 16)
    district.publish(store=trust)
    for days in (0, 2, 30, 170):
        clock.now = NOW + dt.timedelta(days=days)
        assert make().verify(text).outcome == Outcome.REVOKED, days
    # and a code of an unknown key cannot be confirmed, nor an expired one pass
    clock.now = NOW + dt.timedelta(days=30)
    stranger = code(new_key(Algorithm.ES256), claims())
    assert make().verify(stranger).outcome == Outcome.STALE
    old = claims(issued_at=NOW - dt.timedelta(days=200))
    assert make().verify(code(district.keys[Algorithm.ES256], old)).outcome == Outcome.EXPIRED


@pytest.mark.parametrize(("skew", "ahead", "expected"), [
    (300, 299, Outcome.GREEN), (300, 301, Outcome.NOT_YET_VALID),
    (0, 1, Outcome.NOT_YET_VALID), (3600, 3599, Outcome.GREEN)])
def test_clock_skew_is_the_setting(tmp_path, skew, ahead, expected):
    # a code issued by a platform whose clock runs ahead of the kiosk's
    district = District(tmp_path / "district")
    data = tmp_path / "data"
    data.mkdir()
    (data / "root.pem").write_text(public_pem(district.root))
    site = tmp_path / "site.toml"
    site.write_text(f'[codes]\nroot_key = "root.pem"\nskew_seconds = {skew}\n')
    settings = load_settings(site_file=site, data_dir=data)
    trust = open_trust(settings)
    district.publish(store=trust)
    verifier = verifier_for(settings, trust, Clock())
    issued = NOW + dt.timedelta(seconds=ahead)
    text = code(district.keys[Algorithm.ES256], claims(issued_at=issued))
    assert verifier.verify(text).outcome == expected


def test_a_phone_code_replayed_after_its_minutes_is_expired(kiosk):
    # a screenshot of a phone's dynamic code shown again later: it lives minutes, not days
    district, settings, clock, make, _ = kiosk
    phone = claims(kind=Kind.PHONE, issued_at=NOW)
    text = code(district.phone_only, phone)
    assert make().verify(text).outcome == Outcome.GREEN
    skew = dt.timedelta(seconds=settings.codes.skew_seconds)
    clock.now = phone.expires_at + skew
    assert make().verify(text).outcome == Outcome.GREEN  # within the clocks' difference
    clock.now = phone.expires_at + skew + dt.timedelta(seconds=1)
    assert make().verify(text).outcome == Outcome.EXPIRED


def test_a_clock_set_back_does_not_keep_old_lists_fresh(kiosk):
    """A kiosk whose clock was set back a day (a dead RTC battery, a technician) would see
    its last sync "in the future" and call day-old lists fresh for a day more."""
    district, settings, clock, _, trust = kiosk
    text = code(district.keys[Algorithm.ES256], claims(issued_at=NOW - dt.timedelta(days=2)))
    verifier = verifier_for(settings, trust, clock)
    clock.now = NOW - dt.timedelta(minutes=5)  # a little skew: still fresh
    assert verifier.verify(text).outcome == Outcome.GREEN
    clock.now = NOW - dt.timedelta(days=1)
    assert verifier.verify(text).outcome == Outcome.STALE


@pytest.mark.parametrize(("kind", "life", "outcome"), [
    (Kind.PHONE, dt.timedelta(minutes=5), Outcome.GREEN),
    (Kind.PHONE, dt.timedelta(days=365), Outcome.MALFORMED),
    (Kind.PAPER, dt.timedelta(days=180), Outcome.GREEN),
    (Kind.PAPER, dt.timedelta(days=3650), Outcome.MALFORMED),
])
def test_a_code_may_not_live_longer_than_its_kind(kiosk, kind, life, outcome):
    """A trusted key signing a year-long "dynamic" phone code (stolen, or a bug at the
    issuer) must not make a lasting pass: the verifier caps each kind's life itself."""
    district, settings, clock, _, trust = kiosk
    issued = NOW - dt.timedelta(minutes=1)
    offline = claims(kind=kind, issued_at=issued).model_copy(
        update={"expires_at": issued + life})
    verdict = verifier_for(settings, trust, clock).verify(
        code(district.keys[Algorithm.ES256], offline))
    assert verdict.outcome == outcome, verdict.reason
