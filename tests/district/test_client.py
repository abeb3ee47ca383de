"""HttpPlatform against servers that are down, silent, failing or not a district platform:
each failure is one PlatformError line naming the URL, and only idempotent calls repeat."""

from __future__ import annotations

import json

import pytest

from district.client import HttpPlatform
from district.contract import PlatformRefused, PlatformUnavailable
from district.models import Consent, LicenceRequest, OfflineCodeRequest, Rating, RecordRequest
from tests.district.loopback import answering, free_port, self_signed, silent

CONSENT = Consent(id_number="310101194203150021", purpose="personal_page", items=("phone",))
RATING = Rating(idempotency_key="rate-0001", reference="BSYY001-261201-0007", score=5)


def client(url: str, **options) -> HttpPlatform:
    options.setdefault("backoff", 0)
    return HttpPlatform(url, "a-token", "BS-YY-001", **options)


def test_a_platform_that_is_down_is_unavailable_naming_the_url():
    url = f"http://127.0.0.1:{free_port()}"
    platform = client(url)
    with pytest.raises(PlatformUnavailable) as raised:
        platform.centres()
    message = str(raised.value)
    assert f"GET {url}/v1/centres" in message
    assert "connection refused" in message
    assert "\n" not in message
    platform.close()


def test_a_silent_platform_times_out_a_post_once_and_a_put_three_times():
    with silent() as (url, counts):
        platform = client(url, read_timeout=0.2, retries=2)
        with pytest.raises(PlatformUnavailable, match=r"no answer within 0\.2 s"):
            platform.open_visit(CONSENT)
        with pytest.raises(PlatformUnavailable, match=r"no answer within 0\.2 s"):
            platform.rate(RATING)
        platform.close()
    assert counts["POST"] == 1
    assert counts["PUT"] == 3


def test_a_failing_platform_is_unavailable_and_only_idempotent_calls_are_repeated():
    with answering(500, b'{"reason": "server_error", "message": ""}') as (url, counts):
        platform = client(url, retries=2)
        with pytest.raises(PlatformUnavailable, match="answered 500"):
            platform.open_visit(CONSENT)
        with pytest.raises(PlatformUnavailable, match="answered 500"):
            platform.rate(RATING)
        with pytest.raises(PlatformUnavailable, match="answered 500"):
            platform.centres()
        with pytest.raises(PlatformUnavailable, match="answered 500"):
            platform.close_visit("visit-0001")
        platform.close()
    assert (counts["POST"], counts["PUT"], counts["GET"], counts["DELETE"]) == (1, 3, 3, 3)


def test_a_refusal_carries_the_reason_from_the_body():
    body = json.dumps({"reason": "slot_full", "message": "no place\nleft"}).encode()
    with answering(409, body) as (url, counts):
        platform = client(url)
        with pytest.raises(PlatformRefused) as raised:
            platform.rate(RATING)
        platform.close()
    assert raised.value.reason == "slot_full"
    assert str(raised.value) == "slot_full: no place left"
    assert counts["PUT"] == 1  # a refusal is not retried


@pytest.mark.parametrize(("status", "body"), [
    (200, b"<html>hello</html>"),
    (200, b'{"visit_id": "short"}'),
    (404, b"<html>Not Found</html>"),
    (403, b'{"detail": "Forbidden"}'),
])
def test_a_server_that_is_not_a_district_platform_is_unavailable(status, body):
    with answering(status, body, "text/html") as (url, _):
        platform = client(url)
        with pytest.raises(PlatformUnavailable, match="is the URL a district platform"):
            platform.open_visit(CONSENT)
        platform.close()


def test_check_names_a_wrong_url():
    with answering(404, b"<html>Not Found</html>", "text/html") as (url, _):
        platform = client(url)
        with pytest.raises(PlatformUnavailable) as raised:
            platform.check()
        platform.close()
    assert f"{url}/v1/kiosk" in str(raised.value)


def test_check_names_a_platform_that_is_down():
    url = f"http://127.0.0.1:{free_port()}"
    platform = client(url)
    with pytest.raises(PlatformUnavailable, match="connection refused"):
        platform.check()
    platform.close()


def test_check_refuses_a_token_that_belongs_to_another_kiosk():
    with answering(200, b'{"kiosk_id": "BS-YY-002"}') as (url, _):
        platform = client(url)
        with pytest.raises(PlatformRefused, match="BS-YY-002") as raised:
            platform.check()
        platform.close()
    assert raised.value.reason == "forbidden"


def test_tls_is_verified_by_default_and_trusts_a_given_ca_file(tmp_path):
    certificate, key = self_signed(tmp_path)
    with answering(200, b'{"kiosk_id": "BS-YY-001"}', tls=(certificate, key)) as (url, counts):
        untrusting = client(url, retries=0)
        with pytest.raises(PlatformUnavailable, match="TLS failed"):
            untrusting.check()
        untrusting.close()
        trusting = client(url, verify=str(certificate))
        trusting.check()
        trusting.close()
    assert counts["GET"] == 1  # only the trusting client's request got through


def test_a_proxys_plain_413_is_a_refusal_not_an_outage():
    with answering(413, b"<html>Request Entity Too Large</html>", "text/html") as (url, counts):
        platform = client(url)
        with pytest.raises(PlatformRefused) as raised:
            platform.rate(RATING)
        platform.close()
    assert raised.value.reason == "invalid"
    assert counts["PUT"] == 1


def test_what_makes_something_new_is_sent_once_even_when_the_platform_fails():
    """A 随申码 resolved twice would be "used" the second time; a record or share issued twice
    is a second one: none of these POSTs is repeated."""
    with answering(503, b'{"reason": "unavailable", "message": ""}') as (url, counts):
        platform = client(url, retries=2)
        calls = [
            lambda: platform.resolve_code("SSM:" + "a" * 32),
            lambda: platform.licence("visit-0001", LicenceRequest(
                uri="sh.gaj-HUKOU-1", service_id="senior_card", purpose="核对")),
            lambda: platform.record("visit-0001", RecordRequest(kind="tax_payments",
                                                                service_id="tax")),
            lambda: platform.share_record("visit-0001", "AAAA-AAAA-AAAA-AAAA"),
            # a second offline code would revoke the first: the resident's paper is void
            lambda: platform.issue_offline_code(OfflineCodeRequest(visit_id="visit-0001")),
        ]
        for call in calls:
            with pytest.raises(PlatformUnavailable, match="answered 503"):
                call()
        with pytest.raises(PlatformUnavailable, match="answered 503"):
            platform.licences("visit-0001")  # a read: repeated
        with pytest.raises(PlatformUnavailable, match="answered 503"):
            platform.code_lists()  # so are the lists
        platform.close()
    assert (counts["POST"], counts["GET"]) == (5, 6)
