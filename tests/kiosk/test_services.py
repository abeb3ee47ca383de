"""The service catalogue: every definition loads, pre-fills at least 70% of its fields, and
its pre-checks decide correctly for the sample residents."""

from __future__ import annotations

import pytest

from district.seed import PROFILES as DEMO_PROFILES
from drivers.idcard.samples import ADULT, ELDERLY, HMT_RESIDENT
from kiosk.config import ConfigError
from kiosk.i18n import LANGUAGES, load_messages
from kiosk.services.catalogue import load_catalogue
from kiosk.services.engine import failed_checks, mask, prefill, prefill_ratio
from kiosk.session import Resident
from tests.fakes import TODAY

CATALOGUE = load_catalogue()


def resident(card):
    return Resident(card, DEMO_PROFILES[card.id_number])


@pytest.mark.parametrize("service", list(CATALOGUE), ids=lambda s: s.id)
def test_prefill_ratio_meets_the_plan(service):
    assert prefill_ratio(service) >= 0.7


@pytest.mark.parametrize("service", list(CATALOGUE), ids=lambda s: s.id)
def test_a_sample_resident_gets_every_sourced_field(service):
    """Someone in the demo data has every card and profile item the service fills from; a
    licence's items come from the licence the resident confirms (the form flow's tests)."""
    sourced = [spec.key for spec in service.fields
               if spec.source and not spec.source.startswith("licence.")]
    missing = {card.name: [key for key in sourced if not prefill(service, resident(card))[key]]
               for card in (ELDERLY, ADULT, HMT_RESIDENT)}
    assert any(not keys for keys in missing.values()), f"{service.id}: not pre-filled {missing}"


def test_elderly_allowance_prechecks():
    service = CATALOGUE.get("elderly_allowance")
    assert failed_checks(service, resident(ELDERLY), TODAY) == []
    assert [c.rule for c in failed_checks(service, resident(ADULT), TODAY)] == ["age_at_least"]
    assert "resident_id_card" in [c.rule for c in failed_checks(service, resident(HMT_RESIDENT),
                                                                 TODAY)]


def test_long_term_card_never_expires():
    service = CATALOGUE.get("social_security_card")
    assert failed_checks(service, resident(ELDERLY), TODAY.replace(year=2090)) == []


def test_ranked_most_used_first():
    ranked = CATALOGUE.ranked({"home_service": 10_000})
    assert ranked[0].id == "home_service"


def test_masking():
    assert mask("310113194403150029") == "310113********0029"
    assert mask("13916627358") == "139****7358"
    assert mask("王秀英") == "王*英"


def test_broken_service_file_names_the_file_and_key(tmp_path):
    (tmp_path / "broken.toml").write_text('id = "broken"\nicon = "x"\ncolour = 1\n',
                                          encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken\.toml: "):
        load_catalogue(tmp_path)


def test_message_catalogue_is_complete_in_every_language():
    messages = load_messages()
    first = messages.keys(LANGUAGES[0])
    for language in LANGUAGES[1:]:
        assert messages.keys(language) == first, language


def test_large_print_receipt_doubles_the_body_and_keeps_the_reference_biggest():
    from datetime import UTC, datetime

    from drivers.printer.document import Text, TextSize
    from kiosk.config import load_settings
    from kiosk.receipt import build_receipt
    from kiosk.submitting import Outcome

    service = CATALOGUE.get("elderly_allowance")
    answers = prefill(service, resident(ELDERLY))
    outcome = Outcome("BSYY001-261128-0001", datetime(2026, 11, 28, 1, 30, tzinfo=UTC),
                      delivered=True)
    settings = load_settings()
    document = build_receipt(site=settings.site, service=service, answers=answers,
                             outcome=outcome, messages=load_messages(), language="zh_CN",
                             large_print=True)
    texts = [block for block in document.blocks if isinstance(block, Text)]
    reference = next(block for block in texts if block.text == outcome.reference)
    assert reference.size == TextSize.HUGE
    assert any(block.size == TextSize.LARGE for block in texts)
    assert ELDERLY.id_number not in document.plain_text()
