"""The embedded platform as the kiosk opens it: issue 8's calls pass through to its store,
and it issues demo 随申码 for the developer panel."""

from __future__ import annotations

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

