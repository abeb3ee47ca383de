"""The loader on broken definitions: each problem is one line naming the file and the key,
and every problem of every file is kept."""

from __future__ import annotations

import pytest

from kiosk.services.catalogue import CatalogueError, load_catalogue
from tests.services.fixtures import bundle, record, write


def problems(folder) -> list[str]:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(folder)
    lines = raised.value.lines
    assert str(raised.value) == "\n".join(lines)
    assert all("\n" not in line for line in lines)
    return list(lines)


def test_a_good_definition_loads(tmp_path):
    write(tmp_path, "good")
    catalogue = load_catalogue(tmp_path)
    assert [service.id for service in catalogue] == ["good"]
    assert catalogue.profile_items() == ("phone",)


@pytest.mark.parametrize(("swap", "expected"), [
    (('step = "applicant"\n\n[[fields]]\nkey = "phone"',
      'step = "applicant"\n\n[[fields]]\nkey = "phone"\nstep = "contact"'),
     "fields.phone.step: no step 'contact' in steps"),
    (('covers = "age"', 'covers = "age"\nstep = "later"'),
     "checks.1.step: no step 'later' in steps"),
    (('covers = "age"', 'covers = "aged"'), "checks.1.covers: no condition 'aged' in conditions"),
    (('source = "card.name"', 'source = "card.nickname"'), "fields.name.source: no such card"),
    (('source = "profile.phone"', 'source = "profile.Phone"'),
     "fields.phone.source: String should match pattern"),
    (('source = "profile.phone"', 'source = "licence.household_register"'),
     "fields.phone.source: String should match pattern"),
    (('value = 18', 'value = "eighteen"'), "checks.1.value: age_at_least needs years"),
    (('rule = "age_at_least"\nvalue = 18', 'rule = "field_matches"\nvalue = "mobile=^1"'),
     "checks.1.value: no field 'mobile' in fields"),
    (('rule = "age_at_least"\nvalue = 18', 'rule = "field_matches"\nvalue = "phone=^(1"'),
     "checks.1.value: not a regular expression"),
    (('rule = "age_at_least"\nvalue = 18', 'rule = "licence_expires_within"\nvalue = "permit"'),
     "checks.1.value: licence_expires_within needs \"type:days\""),
    (('rule = "age_at_least"\nvalue = 18', 'rule = "material_date_within"\nvalue = "card:90"'),
     "checks.1.value: no material 'card' in materials"),
    (('rule = "age_at_least"\nvalue = 18', 'rule = "resident_id_card"\nvalue = 18'),
     "checks.1.value: resident_id_card takes no value"),
    (('rule = "age_at_least"', 'rule = "age_over"'), "checks.1.rule: Input should be"),
    (('kind = "phone"', 'kind = "choice"'), "fields.phone.options: a choice needs options"),
    (('privacy = "personal"\nsource = "profile.phone"',
      'privacy = "personal"\nsource = "profile.phone"\ncolour = "red"'),
     "fields.phone.colour: unknown key"),
    (('key = "phone"', 'key = "name"'), "fields.name: defined twice"),
    (('icon = "mdi6.file"', 'icon = "mdi6.file"\nrecord = "tax_payments"'),
     "record: only a record flow"),
    (('icon = "mdi6.file"', 'icon = "mdi6.file"\nflow = "progress"'),
     "fields: the progress flow asks its own questions"),
    (('title = { zh = "示例事项", en = "A matter" }', 'title = { zh = "示例事项", en = "" }'),
     "title.en: String should have at least 1 character"),
])
def test_each_problem_is_one_line_naming_the_file_and_the_key(tmp_path, swap, expected):
    path = write(tmp_path, "broken", swaps=(swap,))
    lines = problems(tmp_path)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}: {expected}"), lines[0]


def test_every_problem_of_every_file_is_kept(tmp_path):
    first = write(tmp_path, "first", swaps=(('covers = "age"', 'covers = "aged"'),
                                            ('source = "card.name"', 'source = "card.nick"')))
    second = write(tmp_path, "second", swaps=(('key = "phone"', 'key = "name"'),))
    (tmp_path / "third.toml").write_text('id = "third"\ntitle = {', encoding="utf-8")
    lines = problems(tmp_path)
    assert [line.split(": ")[0] for line in lines] == [str(first)] * 2 + [str(second)] + [
        str(tmp_path / "third.toml")]
    assert "not valid TOML" in lines[-1]


def test_a_file_not_named_after_its_id(tmp_path):
    path = write(tmp_path, "one")
    path.rename(tmp_path / "other.toml")
    assert problems(tmp_path) == [
        f"{tmp_path / 'other.toml'}: id: must match the file name ('other')"]


def test_a_record_flow_names_a_record_and_asks_nothing(tmp_path):
    write(tmp_path, "record_print", record("record_print"))
    assert load_catalogue(tmp_path).get("record_print").record == "social_security_contributions"
    path = write(tmp_path, "record_print", record("record_print"),
                 swaps=(('record = "social_security_contributions"\n', ""),))
    assert problems(tmp_path) == [f"{path}: record: a record flow names the platform's record"
                                  " kind, e.g. \"social_security_contributions\""]


@pytest.mark.parametrize(("members", "expected"), [
    (("good", "missing"), "bundle: no service 'missing'"),
    (("good", "record_print"), "bundle: 'record_print' is not a form of its own"),
])
def test_a_bundle_holds_forms_that_exist(tmp_path, members, expected):
    write(tmp_path, "good")
    write(tmp_path, "record_print", record("record_print"))
    path = write(tmp_path, "all_in_one", bundle("all_in_one", *members))
    [line] = problems(tmp_path)
    assert line.startswith(f"{path}: {expected}")


def test_a_bundle_asks_its_members_questions_once(tmp_path):
    write(tmp_path, "good")
    write(tmp_path, "also", swaps=(('key = "phone"', 'key = "mobile"'),))
    write(tmp_path, "all_in_one", bundle("all_in_one", "good", "also"))
    catalogue = load_catalogue(tmp_path)
    combined = catalogue.get("all_in_one")
    assert [member.id for member in catalogue.members(combined)] == ["good", "also"]
    assert [spec.key for spec in catalogue.fields_of(combined)] == ["name", "phone", "mobile"]


def test_a_bundle_with_questions_of_its_own(tmp_path):
    write(tmp_path, "good")
    text = bundle("all_in_one", "good") + (
        '\n[[fields]]\nkey = "x"\nlabel = { zh = "甲", en = "X" }\n')
    path = write(tmp_path, "all_in_one", text)
    assert problems(tmp_path) == [
        f"{path}: bundle: a bundle's questions and checks are its members'; remove its own"]


def test_an_empty_folder(tmp_path):
    assert problems(tmp_path) == [f"{tmp_path}: no service definitions (*.toml)"]
