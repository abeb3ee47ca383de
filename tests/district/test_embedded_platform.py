"""The embedded platform as the kiosk opens it: issue 8's calls pass through to its store,
and it issues demo 随申码 for the developer panel."""

from __future__ import annotations

import datetime as dt

from district.models import LicenceRequest, RecordRequest
from drivers.idcard.samples import ELDERLY
from kiosk.platform.embedded import open_embedded
from tests.district.test_contract import KIOSK, refused, visit


def test_the_embedded_platform_issues_and_resolves_a_code_and_reads_licences(tmp_path,
                                                                             utc_clock):
    platform = open_embedded(tmp_path / "kiosk" / "platform.sqlite", KIOSK, now=utc_clock)
    try:
        code = platform.issue_code(ELDERLY.id_number)
        assert platform.resolve_code(code).name == ELDERLY.name
        with refused("code_used"):
            platform.resolve_code(code)
        visit_id = visit(platform, items=("name",))
        assert platform.profile(visit_id)["name"].source == "government"
        ref = platform.licences(visit_id)[0]
        licence = platform.licence(visit_id, LicenceRequest(uri=ref.uri, service_id="senior_card",
                                                            purpose="核对户籍"))
        assert licence.fields["address"]
        record = platform.record(visit_id, RecordRequest(kind="household_certificate",
                                                          service_id="household_certificate"))
        assert platform.share_record(visit_id, record.number).url.startswith(
            "https://ywtb.example/r/")
        assert platform.benefits(visit_id)[0].id == "elderly_allowance"
    finally:
        platform.close()



def test_the_embedded_platform_issues_offline_codes_the_kiosk_trusts_with_its_own_root_key(
        settings, utc_clock):
    """Both keys are made in the kiosk's data directory (0600) on first use; the kiosk's
    `root_key` (kiosk/codes/root_key.py) reads the same root key from there."""
    from district.codes.lists import ISSUER_KEY_FILE, ROOT_KEY_FILE, StatusList, open_list
    from district.models import OfflineCodeRequest
    from kiosk.codes.root_key import root_key
    from kiosk.platform import open_platform

    platform = open_platform(settings, utc_clock)
    try:
        code = platform.issue_offline_code(OfflineCodeRequest(visit_id=visit(platform)))
        assert code.group == "elderly" and code.text.startswith("TB1:")
        lists = platform.code_lists()
        for name in (ROOT_KEY_FILE, ISSUER_KEY_FILE):
            assert (settings.data_dir / name).stat().st_mode & 0o777 == 0o600
        status = open_list(root_key(settings), lists.status, StatusList)
        assert status.colour(ELDERLY.id_number) == "green"
        phone = platform.phone_code(ELDERLY.id_number)
        assert phone.group == "resident" and phone.name == "王*英"
        assert phone.expires_at - phone.issued_at == dt.timedelta(minutes=5)
    finally:
        platform.close()
