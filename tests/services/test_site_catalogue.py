"""A site's catalogue (`[catalogue]` in its settings file): more directories, hidden ids, the
ones to show first; a wrong id is one line naming the site file and the key."""

from __future__ import annotations

import pytest

from kiosk.config import ConfigError, load_settings
from kiosk.services.catalogue import CatalogueError, load_catalogue
from tests.services.fixtures import bundle, write


def site(tmp_path, catalogue: str):
    path = tmp_path / "site.toml"
    path.write_text(f"[catalogue]\n{catalogue}", encoding="utf-8")
    return load_settings(path).catalogue, path


def test_no_site_file_is_the_shipped_catalogue():
    shipped = load_catalogue()
    assert [s.id for s in load_catalogue(site=load_settings().catalogue)] == [s.id for s in shipped]


def test_a_site_directory_adds_services_relative_to_the_site_file(tmp_path):
    write(tmp_path / "ours", "local_matter")
    settings, _ = site(tmp_path, 'directories = ["ours"]\n')
    catalogue = load_catalogue(site=settings)
    assert "local_matter" in catalogue and "senior_card" in catalogue


def test_a_site_file_with_a_shipped_name_replaces_it(tmp_path):
    write(tmp_path / "ours", "senior_card")
    settings, _ = site(tmp_path, 'directories = ["ours"]\n')
    assert load_catalogue(site=settings).get("senior_card").title.en == "A matter"


def test_hide_and_first(tmp_path):
    settings, _ = site(tmp_path, 'hide = ["tax_record"]\nfirst = ["home_service", "senior_card"]\n')
    catalogue = load_catalogue(site=settings)
    assert "tax_record" not in catalogue
    assert [s.id for s in catalogue][:2] == ["home_service", "senior_card"]
    ranked = catalogue.ranked({"elderly_allowance": 5000, "senior_card": 1})
    assert [s.id for s in ranked][:3] == ["home_service", "senior_card", "elderly_allowance"]


@pytest.mark.parametrize(("catalogue", "expected"), [
    ('hide = ["no_such_matter"]\n', "catalogue.hide: no service 'no_such_matter'"),
    ('first = ["senior_crad"]\n', "catalogue.first: no service 'senior_crad'"),
    ('hide = ["tax_record"]\nfirst = ["tax_record"]\n', "catalogue.first: 'tax_record' is also"),
    ('hide = ["senior_card"]\n', "catalogue.hide: 'senior_card' is part of 'retirement_bundle'"),
    ('directories = ["nowhere"]\n', "catalogue.directories: "),
])
def test_a_wrong_site_catalogue_is_one_line_naming_the_site_file(tmp_path, catalogue, expected):
    settings, path = site(tmp_path, catalogue)
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(site=settings)
    [line] = raised.value.lines
    assert line.startswith(f"{path}: {expected}"), line


def test_hiding_a_bundle_with_its_member_is_fine(tmp_path):
    settings, _ = site(tmp_path, 'hide = ["senior_card", "retirement_bundle"]\n')
    catalogue = load_catalogue(site=settings)
    assert "senior_card" not in catalogue and "retirement_bundle" not in catalogue


def test_a_broken_service_in_a_site_directory_names_that_file(tmp_path):
    path = write(tmp_path / "ours", "ours_broken", swaps=(('covers = "age"', 'covers = "x"'),))
    write(tmp_path / "ours", "ours_bundle", bundle("ours_bundle", "ours_broken"))
    settings, _ = site(tmp_path, 'directories = ["ours"]\n')
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(site=settings)
    # the bundle's member did not load, so the bundle names it missing: two lines, two files
    assert [line.split(": ")[0] for line in raised.value.lines] == [
        str(path), str(tmp_path / "ours" / "ours_bundle.toml")]


@pytest.mark.parametrize(("catalogue", "expected"), [
    ('hide = "tax_record"\n', "catalogue.hide: Input should be a valid tuple"),
    ('show = ["tax_record"]\n', "catalogue.show: unknown key"),
    ('site_file = "x.toml"\n', "catalogue.site_file: unknown key"),
])
def test_a_malformed_catalogue_table_is_one_settings_line(tmp_path, catalogue, expected):
    path = tmp_path / "site.toml"
    path.write_text(f"[catalogue]\n{catalogue}", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"^{path}: {expected}"):
        load_settings(path)
