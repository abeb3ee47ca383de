"""What a real visit leaves in the audit log (tests/kiosk rigs: the real kiosk on a real
SQLite platform and a simulated printer): identification, consent, submission and print in
order, one visit id throughout, the chain whole, and none of the resident's values anywhere
in the folder's bytes. Also: the settings compared at start, and a log that cannot be
written costs one line, not the visit."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

from drivers.base import CardRead, CodeScanned, PaperState
from drivers.idcard.samples import ADULT, ELDERLY
from drivers.printer.simulator import SimulatedPrinter
from kiosk.audit_verify import verify
from kiosk.enterprise import LICENCE_URL
from kiosk.maintenance.pin import hash_pin
from kiosk.view import ScreenName as S
from tests.fakes import TODAY
from tests.kiosk import form_walk
from tests.kiosk.rig import build_rig


def records(rig) -> list[dict]:
    path = rig.kiosk.audit_log.path
    return [json.loads(line) for line in path.read_text().splitlines()]


def fields(record: dict) -> dict[str, str]:
    return dict(part.split("=", 1) for part in record["detail"].split(" ") if "=" in part)


def visit_to_the_receipt(rig, *, jam: bool = False) -> list[str]:
    """Card, consent, a form signed and submitted; returns the resident's personal values
    as the kiosk held them (card and platform profile)."""
    kiosk = rig.kiosk
    kiosk.start()
    kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    kiosk.consent(True)
    rig.jobs.finish()
    resident = rig.visit.resident
    personal = [ELDERLY.name, ELDERLY.id_number, ELDERLY.address, ELDERLY.id_number[-6:],
                ELDERLY.birth_date.isoformat(), ELDERLY.birth_date.strftime("%Y%m%d")]
    personal += [value for item, value in resident.profile.items()  # the personal items
                 if any(word in item for word in ("name", "address", "phone", "birth"))]
    assert len(personal) > 6
    kiosk.choose_service("social_security_card")
    form_walk.to_sign(kiosk, reason="damaged")
    kiosk.add_stroke(((1.0, 1.0), (30.0, 20.0)), 100, 50)
    if jam:
        rig.printer.set_paper(PaperState.JAMMED)
    kiosk.submit_signature()
    rig.jobs.finish()
    assert rig.view.screen == S.RECEIPT
    return personal


def test_a_visit_leaves_its_steps_in_order_with_nothing_personal(rig):
    personal = visit_to_the_receipt(rig)
    reference = rig.visit.outcome.reference
    rig.kiosk.finish()
    rig.kiosk.end_now()
    kept = records(rig)
    steps = [r for r in kept if not r["event"].startswith("settings.")]
    assert [r["event"] for r in steps] == ["identification", "consent.given",
                                           "consent.granted", "submission", "print.receipt"]
    visit_ids = {fields(r)["visit"] for r in steps}
    assert len(visit_ids) == 1 and len(visit_ids.pop()) == 12
    assert fields(steps[0])["kind"] == "card"
    assert fields(steps[3]) | {"visit": ""} == {"visit": "", "reference": reference,
                                                "service": "social_security_card",
                                                "delivered": "yes"}
    assert fields(steps[4])["printed"] == "yes"
    assert verify(rig.kiosk.audit_log.folder).whole
    folder_bytes = b"".join(path.read_bytes() for path in rig.kiosk.audit_log.folder.iterdir())
    for value in personal:
        assert value.encode() not in folder_bytes, value


def test_a_jammed_printer_is_recorded_as_the_receipts_fault(rig):
    visit_to_the_receipt(rig, jam=True)
    printed = [r for r in records(rig) if r["event"] == "print.receipt"]
    assert len(printed) == 1
    assert fields(printed[0])["fault"].startswith("printer:")
    assert "printed" not in fields(printed[0])


def test_a_declined_consent_is_recorded(rig):
    kiosk = rig.kiosk
    kiosk.start()
    kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    kiosk.consent(False)
    events = [r["event"] for r in records(rig) if not r["event"].startswith("settings.")]
    assert events == ["identification", "consent.declined"]


def test_changed_settings_at_start_are_one_record_naming_the_keys(make_rig, settings, clock):
    first = make_rig()
    assert [r["detail"] for r in records(first)] == ["first start"]
    first.close()
    again = make_rig()  # the same settings: nothing new
    assert [r["event"] for r in records(again)] == ["settings.changed"]
    again.close()
    changed = settings.model_copy(update={
        "display": settings.display.model_copy(update={"mode": "large"}),
        "maintenance": settings.maintenance.model_copy(update={"pin_hash": hash_pin("135790")})})
    printer = SimulatedPrinter("printer")
    printer.start()
    third = build_rig(changed, clock, TODAY, printer)
    third.closers.insert(0, printer.stop)
    try:
        check_third(third)
    finally:
        third.close()


def check_third(third) -> None:
    last = records(third)[-1]
    assert last["event"] == "settings.changed"
    assert last["detail"] == "display.mode: standard -> large; maintenance.pin_hash (set)"
    assert "scrypt" not in third.kiosk.audit_log.path.read_text()
    assert verify(third.kiosk.audit_log.folder).whole


def test_an_audit_log_that_cannot_be_written_costs_one_line_not_the_visit(rig, caplog):
    folder: Path = rig.kiosk.audit_log.folder
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    folder.write_text("not a folder")  # the log's folder is now a file: every write fails
    caplog.set_level(logging.ERROR)
    visit_to_the_receipt(rig)
    failures = [r.getMessage() for r in caplog.records if "audit record" in r.getMessage()]
    assert len(failures) == 5, failures  # one line per record, each naming the file
    assert all(str(folder) in line for line in failures)
    assert rig.view.screen == S.RECEIPT


def test_each_kind_of_identification_is_named(desk):
    """A 随申码, the same code again (refused), then a company's licence and its
    representative's card: each recorded by its kind, under a visit id of its own."""
    def scan(text: str) -> None:
        desk.kiosk.handle_device_event(CodeScanned("scanner", text, text.encode()))

    code = desk.store.issue_code(ELDERLY.id_number)
    scan(code)
    desk.jobs.finish()
    desk.kiosk.consent(True)
    desk.jobs.finish_all()
    desk.kiosk.end_visit("finished")
    scan(code)  # once only: refused as used
    desk.jobs.finish()
    desk.kiosk.end_visit("finished")
    scan(LICENCE_URL.format(code="91310113MA1GK7Q2X8"))
    desk.jobs.finish()
    desk.kiosk.handle_device_event(CardRead("idcard", ADULT))
    desk.kiosk.consent(True)
    desk.jobs.finish_all()
    refused = [r for r in records(desk) if r["event"] == "identification.refused"]
    assert [fields(r) | {"visit": ""} for r in refused] == [
        {"visit": "", "kind": "suishen_code", "reason": "code_used"}]
    assert code not in desk.kiosk.audit_log.path.read_text()  # a code is a credential
    kept = [r for r in records(desk) if r["event"] in ("identification", "consent.given")]
    assert [(r["event"], fields(r)["kind"]) for r in kept] == [
        ("identification", "suishen_code"), ("consent.given", "suishen_code"),
        ("identification", "licence"), ("consent.given", "licence")]
    assert fields(kept[0])["visit"] != fields(kept[2])["visit"]
    assert fields(kept[3])["company"] == "yes"
    text = desk.kiosk.audit_log.path.read_text()
    assert ELDERLY.id_number not in text and ADULT.id_number not in text
    assert verify(desk.kiosk.audit_log.folder).whole


def test_a_damaged_record_of_the_last_settings_is_said_so_and_written_again(make_rig, caplog):
    first = make_rig()
    kept = first.kiosk.audit_log.folder / "settings.json"
    first.close()
    kept.write_text("{not json")
    caplog.set_level(logging.ERROR)
    again = make_rig()
    assert records(again)[-1]["detail"] == "the last start's settings could not be read"
    assert [r.getMessage() for r in caplog.records if "settings.json" in r.getMessage()]
    assert isinstance(json.loads(kept.read_text()), dict)  # this start's, for the next
    for path in kept.parent.iterdir():  # `ls -l`: the folder 0700, every file in it 0600
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
