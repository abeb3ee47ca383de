"""Offline codes on every home of the platform (tests/district/homes.py): issuing a paper code
to an eligible resident of a consented visit, refusing the rest, reissue and lost revoking the
code held before, and the three lists, signed with the root key, whose numbers only grow.
Each code is read back by the kiosk's own verifier over a real TrustStore directory."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from district.codes.claims import PAPER_DAYS, Colour, Group, Kind
from district.codes.lists import (
    ListError,
    RevocationList,
    StatusList,
    TrustList,
    Use,
    open_list,
)
from district.contract import PlatformRefused, PlatformUnavailable
from district.models import Consent, OfflineCodeRequest
from district.seed_codes import ADULT_RED, ADULT_YELLOW, DISABLED, ELDERLY_RED, MINOR
from district.signing import public_key
from district.store import Store
from drivers.idcard.samples import ADULT, ELDERLY, HMT_RESIDENT
from kiosk.codes.trust_store import TrustStore
from kiosk.codes.verifier import Outcome, Verifier

KIOSK = "BS-YY-001"
OTHER = "BS-WS-002"


def refused(reason: str):
    return pytest.raises(PlatformRefused, match=f"^{reason}")


def visit(platform, card=ELDERLY) -> str:
    consent = Consent(id_number=card.id_number, purpose="offline_code", items=())
    return platform.open_visit(consent).visit_id


def issue(platform, card=ELDERLY, reason="new"):
    return platform.issue_offline_code(OfflineCodeRequest(visit_id=visit(platform, card),
                                                          reason=reason))


def root(home, tmp_path):
    """The district's root public key as a kiosk gets it: the PEM `platform root-key` prints."""
    path = tmp_path / "root.pem"
    path.write_text(home.store.root_public_pem())
    return public_key(path)


class KioskSide:
    """What a kiosk holds: a TrustStore directory with the lists it synced, its verifier."""

    def __init__(self, home, tmp_path, name="kiosk-codes") -> None:
        self.home = home
        self.store = TrustStore(tmp_path / name, root(home, tmp_path))
        self.verifier = Verifier(self.store, clock=home.clock)

    def sync(self, platform) -> None:
        lists = platform.code_lists()
        assert all(self.store.accept(signed) for signed in
                   (lists.trust, lists.revocations, lists.status))
        self.store.mark_synced(self.home.clock.now)

    def verify(self, text: str):
        return self.verifier.verify(text)


def test_an_elderly_resident_gets_a_paper_code_a_kiosk_verifies_green(home, tmp_path):
    kiosk = home.kiosk(KIOSK)
    code = issue(kiosk)
    assert code.name == "王*英" and code.group == "elderly" and code.replaced is None
    assert code.text.startswith("TB1:")
    assert code.issued_at == home.clock.now.replace(microsecond=0)
    assert code.expires_at - code.issued_at == dt.timedelta(days=PAPER_DAYS)
    assert ELDERLY.id_number not in code.text and ELDERLY.name not in code.model_dump_json()
    side = KioskSide(home, tmp_path)
    side.sync(kiosk)
    verdict = side.verify(code.text)
    assert verdict.outcome == Outcome.GREEN, verdict.reason
    claims = verdict.claims
    assert claims.code_id == code.code_id and claims.kind == Kind.PAPER
    assert claims.name == "王*英" and claims.group == Group.ELDERLY
    assert claims.held_by(ELDERLY.id_number) and not claims.held_by(ADULT.id_number)
    assert claims.expires_at == code.expires_at


@pytest.mark.parametrize(("card", "group", "outcome"), [
    (MINOR, "minor", Outcome.GREEN),
    (DISABLED, "disabled", Outcome.YELLOW),
    (ELDERLY_RED, "elderly", Outcome.RED),
])
def test_each_group_is_eligible_and_its_code_carries_the_residents_colour(
        home, tmp_path, card, group, outcome):
    kiosk = home.kiosk(KIOSK)
    code = issue(kiosk, card)
    assert code.group == group
    side = KioskSide(home, tmp_path)
    side.sync(kiosk)
    assert side.verify(code.text).outcome == outcome


@pytest.mark.parametrize("card", [ADULT, HMT_RESIDENT, ADULT_RED, ADULT_YELLOW])
def test_an_adult_under_60_without_a_disability_certificate_is_not_eligible(home, card):
    kiosk = home.kiosk(KIOSK)
    with refused("not_eligible"):
        issue(kiosk, card)
    assert not [r for r in home.store.audit_records(KIOSK) if r.event.startswith("offline")]


def test_a_code_needs_this_kiosks_consented_visit(home):
    kiosk, other = home.kiosk(KIOSK), home.kiosk(OTHER)
    visit_id = visit(kiosk)
    with refused("forbidden"):
        other.issue_offline_code(OfflineCodeRequest(visit_id=visit_id))
    with refused("not_found"):
        kiosk.issue_offline_code(OfflineCodeRequest(visit_id="no-such-visit-id"))
    kiosk.close_visit(visit_id)
    with refused("consent_expired"):
        kiosk.issue_offline_code(OfflineCodeRequest(visit_id=visit_id))


def test_issuing_is_a_read_of_the_resident_and_is_audited_without_the_id_number(home):
    kiosk = home.kiosk(KIOSK)
    visit_id = visit(kiosk)
    first = kiosk.issue_offline_code(OfflineCodeRequest(visit_id=visit_id))
    second = kiosk.issue_offline_code(OfflineCodeRequest(visit_id=visit_id, reason="lost"))
    assert [read.item for read in kiosk.data_reads(visit_id)] == ["offline_code"] * 2
    audits = [r for r in home.store.audit_records(KIOSK) if r.event.startswith("offline")]
    assert sorted((r.event, r.detail) for r in audits) == sorted([
        ("offline_code.issued", f"code {first.code_id} (elderly, new)"),
        ("offline_code.issued", f"code {second.code_id} (elderly, lost)"),
        ("offline_code.revoked", f"code {first.code_id} (lost), replaced by {second.code_id}"),
    ])
    assert all(ELDERLY.id_number not in r.detail for r in audits)


@pytest.mark.parametrize("reason", ["reissue", "lost", "new"])
def test_a_second_code_revokes_the_one_held_before(home, tmp_path, reason):
    """"new" while a code is held is a reissue: a resident holds one valid paper code."""
    kiosk, other = home.kiosk(KIOSK), home.kiosk(OTHER)
    first = issue(kiosk)
    home.clock.advance(minutes=3)
    second = issue(other, reason=reason)  # at another kiosk of the district
    assert second.replaced == first.code_id and second.code_id != first.code_id
    side = KioskSide(home, tmp_path)
    side.sync(kiosk)
    assert side.verify(first.text).outcome == Outcome.REVOKED
    assert side.verify(second.text).outcome == Outcome.GREEN
    third = issue(kiosk, reason="reissue")
    assert third.replaced == second.code_id  # the latest, not the first again
    side.sync(kiosk)
    assert [side.verify(c.text).outcome for c in (first, second, third)] == [
        Outcome.REVOKED, Outcome.REVOKED, Outcome.GREEN]


def test_a_code_issued_before_any_list_was_asked_for_is_in_the_lists_window(home, tmp_path):
    kiosk = home.kiosk(KIOSK)
    code = issue(kiosk)  # the store's first use of its issuer key
    home.clock.advance(hours=2)
    side = KioskSide(home, tmp_path)
    side.sync(kiosk)
    assert side.verify(code.text).outcome == Outcome.GREEN


def test_a_reissue_with_no_code_held_replaces_nothing(home):
    assert issue(home.kiosk(KIOSK), MINOR, reason="reissue").replaced is None


def test_one_residents_codes_leave_anothers_alone(home, tmp_path):
    kiosk = home.kiosk(KIOSK)
    minor = issue(kiosk, MINOR)
    issue(kiosk)
    assert issue(kiosk, reason="reissue").replaced is not None
    side = KioskSide(home, tmp_path)
    side.sync(kiosk)
    assert side.verify(minor.text).outcome == Outcome.GREEN


def test_the_lists_are_the_root_keys_and_say_what_the_district_knows(home, tmp_path):
    kiosk = home.kiosk(KIOSK)
    first = issue(kiosk)
    issue(kiosk, reason="lost")
    lists = kiosk.code_lists()
    key = root(home, tmp_path)
    trust = open_list(key, lists.trust, TrustList)
    [issuer] = trust.keys
    assert issuer.alg == "ES256" and set(issuer.uses) == {Use.PAPER, Use.PHONE}
    assert issuer.issuer == "CN-SH-BS"
    assert issuer.not_before <= home.clock.now < issuer.not_after
    revocations = open_list(key, lists.revocations, RevocationList)
    assert revocations.revoked == {first.code_id}
    status = open_list(key, lists.status, StatusList)
    assert status.colour(ELDERLY.id_number) == Colour.GREEN
    assert status.colour(ADULT_RED.id_number) == Colour.RED
    assert status.colour(ADULT_YELLOW.id_number) == Colour.YELLOW
    assert status.colour("110101199001011234") is None  # nobody the district knows
    assert ELDERLY.id_number not in lists.status.body
    foreign = Ed25519PrivateKey.generate().public_key()
    for signed, model in ((lists.trust, TrustList), (lists.revocations, RevocationList),
                          (lists.status, StatusList)):
        with pytest.raises(ListError):
            open_list(foreign, signed, model)


def test_each_lists_number_grows_when_and_only_when_it_changes(home, tmp_path):
    kiosk = home.kiosk(KIOSK)
    key = root(home, tmp_path)

    def numbers():
        lists = kiosk.code_lists()
        return (open_list(key, lists.trust, TrustList).sequence,
                open_list(key, lists.revocations, RevocationList).sequence,
                open_list(key, lists.status, StatusList).sequence)

    start = numbers()
    assert numbers() == start  # nothing changed: the same numbers
    issue(kiosk)
    assert numbers() == start  # a new code is in no list
    issue(kiosk, reason="reissue")  # in the same second: one more
    after_revoking = numbers()
    assert after_revoking == (start[0], start[1] + 1, start[2])
    home.clock.advance(minutes=1)
    home.store.set_colour(ADULT.id_number, "red")
    after_colour = numbers()
    assert after_colour[:2] == after_revoking[:2] and after_colour[2] > start[2]
    home.clock.advance(days=PAPER_DAYS + 1)  # the revoked code has expired: off the list
    lists = kiosk.code_lists()
    assert open_list(key, lists.revocations, RevocationList).revoked == frozenset()
    last = numbers()
    assert last[1] > after_colour[1] and (last[0], last[2]) == (start[0], after_colour[2])


def test_a_store_made_anew_with_the_same_keys_numbers_its_lists_past_the_old_ones(
        utc_clock, tmp_path):
    """A kiosk takes no older list: numbers are the time of the change, so a district (or an
    embedded platform) whose database was made again later still numbers past its kiosks."""
    keys = tmp_path / "keys"
    old = Store.open(f"sqlite:///{tmp_path / 'old.sqlite'}", now=utc_clock, demo=True,
                     keys=keys)
    try:
        platform = old.for_kiosk(KIOSK)
        for reason in ("new", "reissue", "reissue"):
            issue(platform, reason=reason)
        held = TrustStore(tmp_path / "kiosk-codes", old.code_keys.root().public_key())
        lists = platform.code_lists()
        assert all(held.accept(signed) for signed in
                   (lists.trust, lists.revocations, lists.status))
    finally:
        old.close()
    utc_clock.advance(hours=1)
    new = Store.open(f"sqlite:///{tmp_path / 'new.sqlite'}", now=utc_clock, demo=True,
                     keys=keys)
    try:
        lists = new.for_kiosk(KIOSK).code_lists()
        assert all(held.accept(signed) for signed in
                   (lists.trust, lists.revocations, lists.status))
    finally:
        new.close()


def test_a_status_lists_salt_is_new_with_each_number(home, tmp_path):
    kiosk = home.kiosk(KIOSK)
    key = root(home, tmp_path)
    before = open_list(key, kiosk.code_lists().status, StatusList)
    home.store.set_colour(ADULT.id_number, "yellow")
    after = open_list(key, kiosk.code_lists().status, StatusList)
    assert after.salt != before.salt
    assert not set(before.colours) & set(after.colours)
    assert after.colour(ADULT.id_number) == Colour.YELLOW


def test_a_store_without_a_keys_directory_says_so_and_issues_nothing(tmp_path, utc_clock):
    store = Store.open(f"sqlite:///{tmp_path / 'nokeys.sqlite'}", now=utc_clock, demo=True)
    try:
        kiosk = store.for_kiosk(KIOSK)
        visit_id = visit(kiosk)
        for call in (lambda: kiosk.issue_offline_code(OfflineCodeRequest(visit_id=visit_id)),
                     kiosk.code_lists):
            with pytest.raises(PlatformUnavailable, match="--keys DIR"):
                call()
        assert not [r for r in store.audit_records(KIOSK) if r.event.startswith("offline")]
    finally:
        store.close()


def test_an_unusable_key_file_is_one_line_naming_it(tmp_path, utc_clock):
    keys = tmp_path / "keys"
    keys.mkdir()
    (keys / "codes-issuer.key").write_text("not a key\n")
    store = Store.open(f"sqlite:///{tmp_path / 's.sqlite'}", now=utc_clock, demo=True, keys=keys)
    try:
        kiosk = store.for_kiosk(KIOSK)
        with pytest.raises(PlatformUnavailable, match=r"codes-issuer\.key: not a usable"):
            kiosk.issue_offline_code(OfflineCodeRequest(visit_id=visit(kiosk)))
    finally:
        store.close()
