"""The services lint: on the shipped catalogue, on definitions broken in tmp_path, with the
first-try counts from a real outbox file, and as the `python -m kiosk services` command."""

from __future__ import annotations

import base64
import datetime as dt
import json
import subprocess
import sys

import pytest

from district.models import Submission
from district.seed import PROFILES
from drivers.idcard.samples import ELDERLY
from kiosk.outbox import FILE_NAME, Outbox
from kiosk.services.catalogue import load_catalogue
from kiosk.services.lint import KnownItems, first_try_counts, lint
from tests.fakes import REPO
from tests.services.fixtures import FORM, record, write

KNOWN = KnownItems.load()
SHIPPED = load_catalogue()


def lint_of(folder):
    return lint(load_catalogue(folder), KNOWN)


def errors_of(folder, service_id="broken") -> list[str]:
    return [error for error in lint_of(folder).errors if error.startswith(f"{service_id}: ")]


def test_the_shipped_catalogue_is_clean_and_meets_the_plan():
    report = lint(SHIPPED, KNOWN)
    assert report.errors == []
    assert report.average_prefill >= 0.8
    forms = [service for service in report.services if service.prefill is not None]
    assert len(forms) >= 10
    assert all(service.coverage == 1.0 for service in forms), [
        (service.id, service.uncovered) for service in forms if service.coverage != 1.0]
    assert all(service.prefill >= 0.7 for service in forms)


def test_the_shipped_catalogue_has_the_issue_s_matters():
    flows = {service.id: (service.flow, service.record, service.produces) for service in SHIPPED}
    assert len([s for s in SHIPPED if not s.bundle]) >= 12
    for service_id, kind in (("social_security_record", "social_security_contributions"),
                             ("housing_fund_record", "housing_fund_deposits"),
                             ("property_register_record", "property_register"),
                             ("tax_record", "tax_payments"),
                             ("household_certificate", "household_certificate")):
        assert flows[service_id] == ("record", kind, "record")
    assert flows["application_progress"][0] == "progress"
    for service_id in ("senior_card", "residence_permit_endorsement", "disability_allowances",
                       "only_child_reward", "resident_medical_insurance",
                       "maternity_reimbursement", "elderly_allowance", "social_security_card",
                       "residence_certificate", "medical_insurance_record"):
        assert flows[service_id][0] == "form", service_id
    assert SHIPPED.get("retirement_bundle").bundle == (
        "pension_application", "medical_insurance_change", "senior_card")
    assert SHIPPED.get("disability_allowances").cross_region


def test_senior_card_is_as_published():
    """Context §2.2: nine fields; name, ID, sex and birth from the card, the registered
    address from the e-户口簿; 30 working days; no camera."""
    card = SHIPPED.get("senior_card")
    sources = {spec.key: spec.source for spec in card.fields}
    assert len(card.fields) == 9
    assert [sources[key] for key in ("name", "id_number", "sex", "birth_date")] == [
        "card.name", "card.id_number", "card.sex", "card.birth_date"]
    assert sources["household_address"] == "licence.household_register.address"
    assert card.time_limit.zh == "30 个工作日" and "camera" not in card.needs
    assert {check.rule for check in card.checks} >= {"age_at_least", "licence_valid"}


def test_residence_permit_endorsement_checks_the_30_days():
    checks = SHIPPED.get("residence_permit_endorsement").checks
    assert any(check.rule == "licence_expires_within" and check.value == "residence_permit:30"
               for check in checks)


def test_maternity_replaces_three_papers_by_licences_and_photographs_the_bank_card():
    materials = {m.key: m for m in SHIPPED.get("maternity_reimbursement").materials}
    assert {m.licence for m in materials.values() if m.licence} == {
        "household_register", "marriage", "birth_certificate"}
    assert materials["bank_card"].camera and not materials["bank_card"].licence
    assert "camera" in SHIPPED.get("maternity_reimbursement").needs


def test_an_illustrative_service_says_so_to_the_resident():
    for service in SHIPPED:
        if service.illustrative and service.flow in ("form", "record"):
            text = service.summary.zh + service.done_note.zh
            english = (service.summary.en + service.done_note.en).lower()
            assert "示例" in text and "illustrative" in english, service.id


def test_every_field_has_a_privacy_class_and_personal_items_are_not_public():
    for service in SHIPPED:
        for spec in service.fields:
            assert spec.privacy is not None, (service.id, spec.key)
            if spec.source in ("card.name", "card.id_number", "card.birth_date",
                               "profile.phone", "profile.residence_address"):
                assert spec.personal, (service.id, spec.key)
            if spec.source == "profile.bank_account" or spec.key.startswith("disability_"):
                assert spec.sensitive, (service.id, spec.key)


def test_the_demo_data_serves_only_known_profile_items():
    served = {item for profile in PROFILES.values() for item in profile}
    assert served <= KNOWN.profile, served - KNOWN.profile


@pytest.mark.parametrize(("swap", "expected"), [
    (('source = "profile.phone"', 'source = "profile.shoe_size"'),
     "unknown source profile.shoe_size"),
    (('source = "profile.phone"', 'source = "licence.marriage.colour"'),
     "unknown source licence.marriage.colour"),
    (('source = "profile.phone"', 'source = "licence.passport.number"'),
     "unknown source licence.passport.number"),
    (('rule = "age_at_least"\nvalue = 18', 'rule = "profile_has"\nvalue = "pet"'),
     "unknown source profile.pet"),
    (('en = "Name"', 'en = "姓名"'), "missing translation: fields.name.label.en: holds Chinese"),
    (('zh = "姓名"', 'zh = "Name"'), "missing translation: fields.name.label.zh: holds no"),
    (('zh = "电话", en = "Phone"', 'zh = "电话", en = " "'),
     "missing translation: fields.phone.label: empty in en"),
    (('privacy = "personal"\nsource = "profile.phone"', 'source = "profile.phone"'),
     "fields.phone.privacy: missing"),
    (('icon = "mdi6.file"', 'icon = "mdi6.fiel"'), "icon: no such mdi6 icon"),
    (('rules_source = "a test"', 'rules_source = " "'), "rules_source, department: say who"),
    (('covers = "age"', ''), "pre-check 0%: no check for conditions.age"),
    (('source = "profile.phone"', 'source = "profile.phone"\neditable = true'),
     "pre-check 50%: no check for fields.phone"),
    (('source = "profile.phone"', ''), "pre-check 50%: no check for fields.phone"),
])
def test_a_lint_error_names_the_service_and_what_to_fix(tmp_path, swap, expected):
    write(tmp_path, "broken", swaps=(swap,))
    errors = errors_of(tmp_path)
    assert any(error.startswith(f"broken: {expected}") for error in errors), errors


def test_a_checked_constraint_and_a_licence_material_count_as_covered(tmp_path):
    write(tmp_path, "broken", FORM.format(id="broken") + '''
[[checks]]
rule = "field_matches"
value = "phone=^1[3-9][0-9]{9}$"
message = { zh = "请填写手机号码。", en = "Please enter a mobile number." }

[[materials]]
key = "household_register"
name = { zh = "户口簿", en = "Household register" }
licence = "household_register"
''', swaps=(('source = "profile.phone"', 'source = "profile.phone"\neditable = true'),))
    [report] = lint_of(tmp_path).services
    assert (report.conditions, report.covered) == (3, 2)
    assert report.uncovered == ["materials.household_register"]


def test_a_form_stating_no_conditions_is_zero(tmp_path):
    text = FORM.format(id="broken")
    start, end = text.index("[[conditions]]"), text.index("[[fields]]")
    write(tmp_path, "broken", text[:start] + text[end:])
    [report] = lint_of(tmp_path).services
    assert report.coverage == 0.0
    assert "broken: pre-check 0%: state its conditions ([[conditions]]) and check each" in \
        errors_of(tmp_path)


def test_a_form_mostly_typed_fails_the_plan(tmp_path):
    typed = "".join(f'''
[[fields]]
key = "answer_{n}"
label = {{ zh = "问题{n}", en = "Question {n}" }}
privacy = "public"
kind = "choice"
options = [{{ value = "a", label = {{ zh = "是", en = "Yes" }} }}]
''' for n in range(3))
    write(tmp_path, "broken", FORM.format(id="broken") + typed)
    report = lint_of(tmp_path)
    assert report.services[0].prefill == pytest.approx(0.4)
    assert "broken: pre-fill 40% is below 70%: give more fields a source" in report.errors
    assert "catalogue: average pre-fill 40% of the forms is below 80%" in report.errors


def test_an_unknown_record_kind(tmp_path):
    write(tmp_path, "broken", record("broken", kind="horoscope"))
    assert errors_of(tmp_path) == ["broken: unknown source record.horoscope (not in"
                                   " platform_items.toml)"]


def submission(number: int, service: str, first_try: bool) -> Submission:
    return Submission(idempotency_key=f"submission-{number:04d}",
                      reference=f"BSYY001-261201-{number:04d}", service_id=service,
                      id_number=ELDERLY.id_number, answers={},
                      signature_png=base64.b64encode(b"\x89PNG\r\n"), first_try=first_try,
                      signed_at=dt.datetime(2026, 12, 1, 2, tzinfo=dt.UTC))


@pytest.fixture
def outbox_file(tmp_path):
    outbox = Outbox(tmp_path / FILE_NAME)
    for number, (service, first) in enumerate([("senior_card", True), ("senior_card", False),
                                               ("senior_card", True), ("tax_record", True)]):
        outbox.put(submission(number, service, first))
    outbox.close()
    return tmp_path / FILE_NAME


def test_first_try_passes_come_from_the_outbox_read_only(outbox_file):
    before = outbox_file.read_bytes()
    outbox_file.chmod(0o400)
    assert first_try_counts(outbox_file) == {"senior_card": (2, 3), "tax_record": (1, 1)}
    report = lint(SHIPPED, KNOWN, outbox_file)
    by_id = {service.id: service for service in report.services}
    assert by_id["senior_card"].first_try == (2, 3)
    assert by_id["maternity_reimbursement"].first_try == (0, 0)
    assert report.first_try_from == str(outbox_file)
    assert outbox_file.read_bytes() == before


def test_no_outbox_is_no_data(tmp_path):
    report = lint(SHIPPED, KNOWN, tmp_path / FILE_NAME)
    assert report.first_try_from == "no data"
    assert all(service.first_try is None for service in report.services)
    assert not (tmp_path / FILE_NAME).exists()


def run_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", "services", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"})


def test_the_command_on_the_shipped_catalogue(tmp_path, outbox_file):
    done = run_command("--data-dir", str(outbox_file.parent))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == "ok"
    senior = next(line for line in lines if line.startswith("senior_card "))
    assert "89%" in senior and "100%" in senior and "2/3 (67%)" in senior
    answer = json.loads(run_command("--json", "--data-dir", str(tmp_path / "none")).stdout)
    assert answer["errors"] == [] and answer["first_try_from"] == "no data"
    assert {service["id"] for service in answer["services"]} == {s.id for s in SHIPPED}


def test_the_command_fails_on_a_lint_error_and_on_a_file_that_does_not_load(tmp_path):
    write(tmp_path / "ours", "broken", swaps=(('en = "Name"', 'en = "姓名"'),))
    site = tmp_path / "site.toml"
    site.write_text('[catalogue]\ndirectories = ["ours"]\n', encoding="utf-8")
    done = run_command("--config", str(site), "--data-dir", str(tmp_path))
    assert done.returncode == 1
    assert "error: broken: missing translation: fields.name.label.en: holds Chinese" in \
        done.stdout.splitlines()
    write(tmp_path / "ours", "broken", swaps=(('covers = "age"', 'covers = "x"'),))
    done = run_command("--config", str(site), "--data-dir", str(tmp_path))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == (f"kiosk: {tmp_path / 'ours' / 'broken.toml'}: checks.1.covers:"
                                   " no condition 'x' in conditions")


def test_make_test_runs_the_lint_before_the_tests():
    recipe = (REPO / "Makefile").read_text(encoding="utf-8").split("\ntest:")[1].split("\n\n")[0]
    lines = [line.strip() for line in recipe.splitlines()]
    lint_line = next(n for n, line in enumerate(lines) if "-m kiosk services" in line)
    assert lint_line < next(n for n, line in enumerate(lines) if "-m pytest" in line)
    assert "||" not in lines[lint_line] and not lines[lint_line].startswith("-")
