"""The Platform's rules, checked on every home (tests/district/homes.py): consent and reads,
submissions and progress, ratings and audit, appointments, home service, help."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from district.contract import PlatformRefused
from district.models import (
    Attribute,
    AuditRecord,
    BookingState,
    Consent,
    DeviceBeat,
    Heartbeat,
    HelpCall,
    HoldRequest,
    HomeServiceRequest,
    Rating,
    Submission,
)
from drivers.idcard.samples import ADULT, ELDERLY, HMT_RESIDENT

KIOSK = "BS-YY-001"
OTHER = "BS-WS-002"
CENTRE = "bs.youyi"


def refused(reason: str):
    return pytest.raises(PlatformRefused, match=f"^{reason}")


def visit(platform, card=ELDERLY, items=("phone", "subdistrict"), purpose="personal_page",
          minutes=15) -> str:
    consent = Consent(id_number=card.id_number, purpose=purpose, items=items, minutes=minutes)
    return platform.open_visit(consent).visit_id


def submission(number=1, *, key=None, kiosk_code="BSYY001", card=ELDERLY, answers=None,
               service="elderly_allowance", at=dt.datetime(2026, 11, 30, tzinfo=dt.UTC)):
    return Submission(idempotency_key=key or f"submit-key-{number:04d}",
                      reference=f"{kiosk_code}-261130-{number:04d}", service_id=service,
                      id_number=card.id_number, answers=answers or {"bank": "ICBC"},
                      signature_png=base64.b64encode(b"\x89PNG-strokes"), signed_at=at)


def values(profile) -> dict[str, str]:
    return {item: attribute.value for item, attribute in profile.items()}


def utc(moment: dt.datetime) -> bool:
    return moment.utcoffset() == dt.timedelta(0)


# --- consent and the resident's data --------------------------------------------------------

def test_a_profile_holds_only_the_consented_items_that_exist_and_each_read_is_recorded(home):
    kiosk = home.kiosk(KIOSK)
    visit_id = visit(kiosk, items=("phone", "subdistrict", "email"), purpose="elderly_allowance")
    profile = kiosk.profile(visit_id)
    assert values(profile) == {"phone": "13916627358", "subdistrict": "友谊路街道"}
    assert profile["phone"] == Attribute(value="13916627358", source="resident",
                                         updated=dt.date(2025, 9, 12))
    assert profile["subdistrict"] == Attribute(value="友谊路街道", source="government",
                                               agency="市公安局人口管理",
                                               updated=dt.date(2009, 7, 1))
    reads = kiosk.data_reads(visit_id)
    assert sorted(read.item for read in reads) == ["phone", "subdistrict"]
    assert {(read.kiosk_id, read.purpose, read.at) for read in reads} == {
        (KIOSK, "elderly_allowance", home.clock.now)}
    assert all(utc(read.at) for read in reads)


def test_a_grant_lasts_its_minutes_and_is_for_its_own_kiosk(home):
    kiosk, other = home.kiosk(KIOSK), home.kiosk(OTHER)
    grant = kiosk.open_visit(Consent(id_number=ADULT.id_number, purpose="personal_page",
                                     items=("phone",), minutes=5))
    assert grant.expires_at == home.clock.now + dt.timedelta(minutes=5)
    assert utc(grant.expires_at)
    with refused("forbidden"):
        other.profile(grant.visit_id)
    home.clock.advance(minutes=4, seconds=59)
    assert values(kiosk.profile(grant.visit_id)) == {"phone": "13801719264"}
    home.clock.advance(seconds=1)
    with refused("consent_expired"):
        kiosk.profile(grant.visit_id)
    with refused("consent_expired"):
        kiosk.applications(grant.visit_id)


def test_closing_a_visit_ends_the_grant_early(home):
    kiosk = home.kiosk(KIOSK)
    visit_id = visit(kiosk)
    kiosk.close_visit(visit_id)
    kiosk.close_visit(visit_id)  # again: nothing more to end
    with refused("consent_expired"):
        kiosk.profile(visit_id)
    with refused("forbidden"):
        home.kiosk(OTHER).close_visit(visit_id)


@pytest.mark.parametrize("call", ["profile", "data_reads", "applications", "bookings",
                                  "close_visit"])
def test_an_unknown_visit_is_not_found(home, call):
    with refused("not_found"):
        getattr(home.kiosk(KIOSK), call)("no-such-visit-id")


def test_reads_of_a_resident_are_shown_across_kiosks_newest_first(home):
    kiosk, other = home.kiosk(KIOSK), home.kiosk(OTHER)
    other.profile(visit(other, items=("phone",), purpose="medical_insurance_record"))
    home.clock.advance(minutes=1)
    other.profile(visit(other, card=ADULT, items=("phone",)))  # another resident: not shown
    home.clock.advance(minutes=1)
    visit_id = visit(kiosk, items=("subdistrict",))
    kiosk.profile(visit_id)
    home.clock.advance(minutes=1)
    kiosk.applications(visit_id)
    reads = kiosk.data_reads(visit_id)
    assert [(read.kiosk_id, read.item) for read in reads] == [
        (KIOSK, "applications"), (KIOSK, "subdistrict"), (OTHER, "phone")]
    assert reads[0].at > reads[1].at > reads[2].at


def test_applications_and_bookings_need_an_open_visit_and_are_recorded_as_reads(home):
    kiosk = home.kiosk(KIOSK)
    visit_id = visit(kiosk, items=())
    references = [p.reference for p in kiosk.applications(visit_id)]
    assert len(references) == 2  # the demo applications of the elderly sample resident
    assert kiosk.bookings(visit_id) == []
    assert [read.item for read in kiosk.data_reads(visit_id)] == ["applications", "bookings"]
    with refused("forbidden"):
        home.kiosk(OTHER).bookings(visit_id)


# --- submissions and progress ---------------------------------------------------------------

def test_a_reference_must_start_with_the_kiosks_code(home):
    kiosk = home.kiosk(KIOSK)
    with refused("forbidden"):
        kiosk.submit(submission(kiosk_code="BSWS002"))
    with refused("forbidden"):
        kiosk.submit(submission(kiosk_code="BSYY0012"))  # a longer code is another kiosk's
    accepted = kiosk.submit(submission())
    assert accepted.reference == "BSYY001-261130-0001"


def test_the_same_submission_twice_is_accepted_once_and_counts_one_use(home):
    kiosk = home.kiosk(KIOSK)
    before = kiosk.usage_counts()["elderly_allowance"]
    first = kiosk.submit(submission())
    assert first.received_at == home.clock.now and first.status == "received"
    home.clock.advance(minutes=10)
    assert kiosk.submit(submission()) == first
    assert kiosk.usage_counts()["elderly_allowance"] == before + 1
    kiosk.submit(submission(2, service="home_service"))
    assert kiosk.usage_counts()["home_service"] == 213


def test_a_key_or_reference_given_to_other_content_is_a_conflict(home):
    kiosk = home.kiosk(KIOSK)
    kiosk.submit(submission())
    with refused("conflict"):
        kiosk.submit(submission(answers={"bank": "BOC"}))  # same key, other answers
    with refused("conflict"):
        kiosk.submit(submission(key="another-key-0001", card=ADULT))  # same reference
    with refused("conflict"):
        kiosk.submit(submission(2, key="submit-key-0001"))  # same key, other reference


def test_a_new_application_has_its_stages_and_only_the_first_is_reached(home):
    kiosk = home.kiosk(KIOSK)
    kiosk.submit(submission())
    progress = kiosk.progress("BSYY001-261130-0001")
    assert progress.status == "received" and progress.service_id == "elderly_allowance"
    assert [stage.name for stage in progress.stages] == [
        "received", "accepted", "reviewing", "ready", "done"]
    assert progress.stages[0].at == home.clock.now
    assert [stage.at for stage in progress.stages[1:]] == [None] * 4
    assert ELDERLY.id_number not in progress.model_dump_json()
    assert kiosk.progress("BSYY001-261130-9999") is None


def test_staff_move_an_application_on(home):
    kiosk = home.kiosk(KIOSK)
    kiosk.submit(submission())
    home.clock.advance(days=1)
    home.store.advance_application("BSYY001-261130-0001", "reviewing")
    progress = home.kiosk(OTHER).progress("BSYY001-261130-0001")  # any kiosk, by its QR
    assert progress.status == "reviewing"
    assert [stage.at for stage in progress.stages[1:3]] == [home.clock.now] * 2
    with refused("invalid"):
        home.store.advance_application("BSYY001-261130-0001", "shipped")
    with refused("not_found"):
        home.store.advance_application("BSYY001-261130-9999", "done")


def test_subscribing_marks_reminders_once_for_the_residents_own_application(home):
    kiosk = home.kiosk(KIOSK)
    kiosk.submit(submission())
    visit_id = visit(kiosk)
    progress = kiosk.subscribe(visit_id, "BSYY001-261130-0001")
    assert progress.subscribed and progress.reference == "BSYY001-261130-0001"
    assert kiosk.subscribe(visit_id, "BSYY001-261130-0001") == progress
    assert kiosk.progress("BSYY001-261130-0001").subscribed
    with refused("forbidden"):
        kiosk.subscribe(visit(kiosk, card=ADULT), "BSYY001-261130-0001")
    with refused("not_found"):
        kiosk.subscribe(visit_id, "BSYY001-261130-9999")
    kiosk.close_visit(visit_id)
    with refused("consent_expired"):
        kiosk.subscribe(visit_id, "BSYY001-261130-0001")


# --- ratings and audit ------------------------------------------------------------------------

def test_ratings_are_idempotent_kept_before_their_submission_and_the_latest_counts(home):
    kiosk = home.kiosk(KIOSK)
    reference = "BSYY001-261130-0042"  # not submitted (yet)
    kiosk.rate(Rating(idempotency_key="rating-key-1", reference=reference, score=2,
                      reasons=("slow",)))
    assert home.store.rating(reference).score == 2
    kiosk.rate(Rating(idempotency_key="rating-key-2", reference=reference, score=5))
    kiosk.rate(Rating(idempotency_key="rating-key-1", reference=reference, score=2,
                      reasons=("slow",)))  # the first, delivered again late
    assert home.store.rating(reference) == Rating(
        idempotency_key="rating-key-2", reference=reference, score=5)
    assert home.store.rating("BSYY001-261130-0043") is None


def test_an_audit_record_is_kept_once(home):
    kiosk = home.kiosk(KIOSK)
    record = AuditRecord(idempotency_key="audit-key-1", at=home.clock.now, event="paper_low",
                         detail="printer")
    kiosk.record_audit(record)
    kiosk.record_audit(record)
    assert home.store.audit_records(KIOSK) == [record]
    with refused("conflict"):
        kiosk.record_audit(record.model_copy(update={"detail": "scanner"}))


# --- the fleet ----------------------------------------------------------------------------------

def beat(at: dt.datetime, *, paper="full", pending=0) -> Heartbeat:
    return Heartbeat(sent_at=at, version="0.1.0", mode="attract", uptime_seconds=90,
                     devices={"printer": DeviceBeat(state="online", paper=paper)},
                     outbox_pending=pending, outbox_failed=0, free_disk_mb=5000,
                     total_disk_mb=20000, counts={"visits": 2})


def test_the_latest_heartbeat_is_kept_and_an_older_one_changes_nothing(home):
    kiosk = home.kiosk(KIOSK)
    home.kiosk(OTHER)  # registered, never heard from
    first = beat(home.clock.now, paper="low", pending=3)
    kiosk.heartbeat(first)
    home.clock.advance(seconds=30)
    second = beat(home.clock.now, paper="out", pending=4)
    kiosk.heartbeat(second)
    kiosk.heartbeat(first)  # late: a retry of the earlier beat arrives after the newer one
    seen = {row.kiosk_id: row for row in home.store.fleet()}
    assert seen[KIOSK].beat == second and seen[KIOSK].received_at == home.clock.now
    assert seen[OTHER].beat is None and seen[OTHER].received_at is None
    since = home.clock.now - dt.timedelta(hours=1)
    assert [b for _at, b in home.store.heartbeats(KIOSK, since)] == [first, second]


def test_a_kiosk_that_beats_unregistered_is_in_the_fleet_too(home):
    home.kiosk(KIOSK)
    own = beat(home.clock.now)
    home.store.for_kiosk("BS-EMB-003").heartbeat(own)  # as the embedded platform's own kiosk
    seen = {row.kiosk_id: row for row in home.store.fleet()}
    assert seen["BS-EMB-003"].beat == own and seen["BS-EMB-003"].centre_id is None
    assert home.store.fleet_kiosk("BS-EMB-003").beat == own
    assert [row.kiosk_id for row in home.store.fleet()] == sorted(seen)


# --- the service map and appointments ---------------------------------------------------------

def test_the_map_has_baoshans_centres_and_24_hour_terminals(home):
    centres = home.kiosk(KIOSK).centres()
    assert len(centres) >= 8
    assert all(31.25 < c.latitude < 31.52 and 121.30 < c.longitude < 121.55 for c in centres)
    terminals = [c for c in centres if c.kind == "terminal"]
    assert terminals and all(c.open_24h and c.hours_en == "24 hours" for c in terminals)
    assert {c.id for c in centres if c.kind == "centre" and "household" in c.offers} >= {CENTRE}


def test_slots_are_the_templates_half_hours_on_weekdays_for_offered_matters(home):
    kiosk = home.kiosk(KIOSK)
    slots = kiosk.slots(CENTRE, "household", dt.date(2026, 12, 4), 3)  # Friday to Sunday
    assert {slot.day for slot in slots} == {dt.date(2026, 12, 4)}
    assert [f"{s.start:%H:%M}-{s.end:%H:%M}" for s in slots] == [
        "09:00-09:30", "09:30-10:00", "10:00-10:30", "10:30-11:00", "11:00-11:30",
        "13:30-14:00", "14:00-14:30", "14:30-15:00", "15:00-15:30", "15:30-16:00",
        "16:00-16:30"]
    assert all(s.places_left == 3 and s.centre_id == CENTRE and s.matter == "household"
               for s in slots)
    assert kiosk.slots(CENTRE, "household", dt.date(2026, 12, 4), 1) == slots
    with refused("invalid"):
        kiosk.slots(CENTRE, "fishing_licence", dt.date(2026, 12, 4), 1)
    with refused("not_found"):
        kiosk.slots("bs.nowhere", "household", dt.date(2026, 12, 4), 1)


def _slot(kiosk, day=dt.date(2026, 12, 1), index=0):
    return kiosk.slots(CENTRE, "household", day, 1)[index]


def _hold(kiosk, visit_id, slot, key="hold-key-0001"):
    return kiosk.hold(HoldRequest(idempotency_key=key, slot_id=slot.id, visit_id=visit_id))


def test_a_hold_reserves_a_place_for_five_minutes_once_per_key(home):
    kiosk = home.kiosk(KIOSK)
    visit_id, slot = visit(kiosk), _slot(kiosk)
    booking = _hold(kiosk, visit_id, slot)
    assert booking.state is BookingState.RESERVED
    assert booking.held_until == home.clock.now + dt.timedelta(minutes=5)
    assert booking.slot.places_left == 2
    assert _hold(kiosk, visit_id, slot) == booking
    assert _slot(kiosk).places_left == 2
    with refused("conflict"):
        _hold(kiosk, visit_id, _slot(kiosk, index=1))
    kiosk.close_visit(visit_id)
    assert _hold(kiosk, visit_id, slot) == booking  # a late retry still finds it
    with refused("consent_expired"):
        _hold(kiosk, visit_id, slot, key="hold-key-0002")


def test_a_full_slot_refuses_and_an_expired_hold_gives_its_place_back(home):
    kiosk = home.kiosk(KIOSK)
    slot = _slot(kiosk)
    first = _hold(kiosk, visit(kiosk), slot, key="hold-key-0001")
    home.clock.advance(minutes=1)
    _hold(kiosk, visit(kiosk, card=ADULT), slot, key="hold-key-0002")
    _hold(kiosk, visit(kiosk, card=HMT_RESIDENT), slot, key="hold-key-0003")
    with refused("slot_full"):
        _hold(kiosk, visit(kiosk), slot, key="hold-key-0004")
    home.clock.advance(minutes=4)  # the first hold has run out
    assert _slot(kiosk).places_left == 1
    again = _hold(kiosk, visit(kiosk), slot, key="hold-key-0004")
    assert again.state is BookingState.RESERVED
    with refused("hold_expired"):
        kiosk.confirm(first.id)


def test_confirm_and_cancel_are_idempotent_and_cancelling_frees_the_place(home):
    kiosk = home.kiosk(KIOSK)
    booking = _hold(kiosk, visit(kiosk), _slot(kiosk))
    confirmed = kiosk.confirm(booking.id)
    assert confirmed.state is BookingState.CONFIRMED and confirmed.held_until is None
    home.clock.advance(minutes=10)  # a confirmed booking does not run out
    assert kiosk.confirm(booking.id) == confirmed
    cancelled = kiosk.cancel(booking.id)
    assert cancelled.state is BookingState.CANCELLED and cancelled.slot.places_left == 3
    assert kiosk.cancel(booking.id) == cancelled
    with refused("bad_state"):
        kiosk.confirm(booking.id)
    with refused("not_found"):
        kiosk.cancel("no-such-booking-id")


def test_only_the_kiosk_that_booked_or_one_with_the_residents_visit_may_cancel(home):
    kiosk, centre_kiosk = home.kiosk(KIOSK), home.kiosk(OTHER, CENTRE)
    booking = kiosk.confirm(_hold(kiosk, visit(kiosk), _slot(kiosk)).id)
    with refused("forbidden"):
        centre_kiosk.cancel(booking.id)
    visit(centre_kiosk, card=ADULT)  # someone else's visit does not help
    with refused("forbidden"):
        centre_kiosk.cancel(booking.id)
    visit(centre_kiosk)  # the resident, now at the centre
    assert centre_kiosk.cancel(booking.id).state is BookingState.CANCELLED


def test_moving_cancels_the_old_booking_and_confirms_the_new_one_atomically(home):
    kiosk = home.kiosk(KIOSK)
    visit_id = visit(kiosk)
    old = kiosk.confirm(_hold(kiosk, visit_id, _slot(kiosk)).id)
    target = _slot(kiosk, index=1)
    request = HoldRequest(idempotency_key="move-key-0001", slot_id=target.id, visit_id=visit_id)
    moved = kiosk.move(old.id, request)
    assert moved.state is BookingState.CONFIRMED and moved.slot.id == target.id
    assert moved.id != old.id and moved.code != old.code
    assert kiosk.move(old.id, request) == moved
    assert _slot(kiosk).places_left == 3 and _slot(kiosk, index=1).places_left == 2
    states = {b.id: b.state for b in kiosk.bookings(visit_id)}
    assert states == {old.id: BookingState.CANCELLED, moved.id: BookingState.CONFIRMED}
    # onto a full slot: refused, and the booking stays where it was
    full = _slot(kiosk, index=2)
    for number, card in enumerate((ADULT, HMT_RESIDENT, ADULT), start=1):
        _hold(kiosk, visit(kiosk, card=card), full, key=f"fill-key-{number:04d}")
    with refused("slot_full"):
        kiosk.move(moved.id, HoldRequest(idempotency_key="move-key-0002", slot_id=full.id,
                                         visit_id=visit_id))
    assert {b.id: b.state for b in kiosk.bookings(visit_id)}[moved.id] is BookingState.CONFIRMED


def test_check_in_opens_an_hour_before_the_slot_on_its_day_and_gives_a_queue_number(home):
    kiosk, centre_kiosk = home.kiosk(KIOSK), home.kiosk(OTHER, CENTRE)
    slot = _slot(kiosk, day=dt.date(2026, 12, 1), index=2)  # Tuesday 10:00-10:30 in Shanghai
    first = kiosk.confirm(_hold(kiosk, visit(kiosk), slot).id)
    second = kiosk.confirm(_hold(kiosk, visit(kiosk, card=ADULT), slot, key="hold-key-0002").id)
    with pytest.raises(PlatformRefused, match="wrong day") as refusal:
        centre_kiosk.check_in(first.code)  # Monday
    assert refusal.value.reason == "bad_state"
    home.clock.now = dt.datetime(2026, 12, 1, 0, 59, tzinfo=dt.UTC)  # 8:59 in Shanghai
    with pytest.raises(PlatformRefused, match="too early"):
        centre_kiosk.check_in(first.code)
    home.clock.advance(minutes=1)
    checked_in = centre_kiosk.check_in(first.code)  # another kiosk: the centre's
    assert checked_in.state is BookingState.CHECKED_IN and checked_in.queue_number == "A001"
    assert centre_kiosk.check_in(first.code) == checked_in
    assert kiosk.check_in(second.code).queue_number == "A002"
    home.clock.now = dt.datetime(2026, 12, 1, 2, 31, tzinfo=dt.UTC)  # 10:31, the slot is over
    late = kiosk.confirm(_hold(kiosk, visit(kiosk, card=HMT_RESIDENT), _slot(kiosk, index=5),
                               key="hold-key-0003").id)
    home.clock.now = dt.datetime(2026, 12, 1, 6, 1, tzinfo=dt.UTC)  # 14:01: after 13:30-14:00
    with pytest.raises(PlatformRefused, match="too late"):
        kiosk.check_in(late.code)
    kiosk.cancel(late.id)
    with pytest.raises(PlatformRefused, match="cancelled"):
        kiosk.check_in(late.code)
    with refused("not_found"):
        kiosk.check_in("BK-not-a-code")


def test_booking_codes_are_random(home):
    kiosk = home.kiosk(KIOSK)
    slot = _slot(kiosk)
    codes = [_hold(kiosk, visit(kiosk), slot, key=f"hold-key-{n:04d}").code for n in range(3)]
    assert len(set(codes)) == 3
    assert all(len(code) >= 20 for code in codes)
    assert len({code[:-4] for code in codes}) == 3  # not a counter with a common stem


def test_staff_call_finish_and_mark_missed(home):
    kiosk = home.kiosk(KIOSK)
    slot = _slot(kiosk, index=0)  # Tuesday 9:00-9:30
    came = kiosk.confirm(_hold(kiosk, visit(kiosk), slot).id)
    absent = kiosk.confirm(_hold(kiosk, visit(kiosk, card=ADULT), slot, key="hold-key-0002").id)
    home.clock.now = dt.datetime(2026, 12, 1, 0, 50, tzinfo=dt.UTC)
    kiosk.check_in(came.code)
    called = home.store.call_next(CENTRE)
    assert called.id == came.id and called.state is BookingState.CALLED
    assert home.store.call_next(CENTRE) is None
    assert home.store.finish(came.id).state is BookingState.DONE
    with refused("bad_state"):
        home.store.finish(absent.id)
    assert home.store.mark_missed() == 0
    home.clock.now = dt.datetime(2026, 12, 1, 1, 31, tzinfo=dt.UTC)  # 9:31
    assert home.store.mark_missed() == 1
    states = {b.id: b.state for b in kiosk.bookings(visit(kiosk, card=ADULT))}
    assert states[absent.id] is BookingState.MISSED


# --- home service ---------------------------------------------------------------------------

def test_home_service_needs_an_open_visit_and_is_idempotent(home):
    kiosk = home.kiosk(KIOSK)
    visit_id = visit(kiosk)
    request = HomeServiceRequest(idempotency_key="home-key-0001", visit_id=visit_id,
                                 kind="home_visit", matter="elderly_allowance", note="3楼")
    made = kiosk.request_home_service(request)
    assert made.status == "received" and made.created_at == home.clock.now
    assert kiosk.request_home_service(request) == made
    with refused("conflict"):
        kiosk.request_home_service(request.model_copy(update={"kind": "proxy"}))
    kiosk.close_visit(visit_id)
    with refused("consent_expired"):
        kiosk.request_home_service(request.model_copy(
            update={"idempotency_key": "home-key-0002"}))


# --- help -----------------------------------------------------------------------------------

def test_help_articles_match_the_query_in_the_language_in_a_stable_order(home):
    kiosk = home.kiosk(KIOSK)
    everything = kiosk.help_articles("", "zh")
    assert len(everything) >= 15 and kiosk.help_articles("", "en") == everything
    assert all(a.question_zh and a.question_en and a.answer_zh and a.answer_en
               for a in everything)
    about_code = kiosk.help_articles("SUISHEN CODE", "en")
    assert "code.what" in [a.id for a in about_code]
    assert all("suishen code" in (a.question_en + a.answer_en).lower() for a in about_code)
    assert [a.id for a in kiosk.help_articles("随申码", "zh")] == [
        a.id for a in everything if "随申码" in a.question_zh + a.answer_zh]
    assert kiosk.help_articles("随申码", "en") == []
    with refused("invalid"):
        kiosk.help_articles("", "fr")


def test_calling_a_helper_queues_behind_the_centres_waiting_requests(home):
    kiosk, neighbour = home.kiosk(KIOSK, CENTRE), home.kiosk(OTHER, CENTRE)
    elsewhere = home.kiosk("BS-GC-003", "bs.gucun")
    first = neighbour.call_helper(HelpCall(idempotency_key="help-key-0001", screen="home"))
    elsewhere.call_helper(HelpCall(idempotency_key="help-key-0002", screen="home"))
    call = HelpCall(idempotency_key="help-key-0003", screen="form")
    mine = kiosk.call_helper(call)
    assert (mine.status, mine.ahead, first.ahead) == ("waiting", 1, 0)
    assert mine.wait_minutes > first.wait_minutes > 0
    assert mine.created_at == home.clock.now
    assert kiosk.call_helper(call) == mine
    home.store.update_help_request(first.id, "on_the_way")
    assert kiosk.help_request(mine.id).ahead == 0
    with refused("forbidden"):
        neighbour.help_request(mine.id)
    with refused("not_found"):
        kiosk.help_request("no-such-request-id")
    assert home.store.update_help_request(mine.id, "done").status == "done"
