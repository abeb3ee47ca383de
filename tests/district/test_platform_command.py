"""`python -m kiosk platform serve | add-kiosk` as an operator runs them, in subprocesses."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import requests

from district.client import HttpPlatform
from district.models import Submission
from district.store import Store
from drivers.idcard.samples import ELDERLY
from tests.district.live_server import REPO, serving_process


def kiosk_command(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", "platform", *arguments], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


def test_add_kiosk_prints_the_new_token_once_and_the_store_knows_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'platform.sqlite'}"
    Store.open(url, demo=True).close()
    done = kiosk_command("add-kiosk", "BS-YY-007", "--centre", "bs.youyi", "--database", url)
    assert done.returncode == 0, done.stderr
    token = one_line(done.stdout)
    assert "shown once" in one_line(done.stderr) and token not in done.stderr
    store = Store.open(url)
    assert store.kiosk_for_token(token) == "BS-YY-007"
    store.close()


def test_a_bad_database_or_centre_is_one_line_and_exit_2(tmp_path):
    for arguments, expected in [
        (("serve", "--database", "mysql://db/x"), "--database mysql://db/x: "),
        (("serve", "--database", "postgresql://ops:hunter2@127.0.0.1:1/district"),
         "--database postgresql://ops:***@127.0.0.1:1/district: "),
        (("add-kiosk", "BS-YY-007", "--database", "nosuch:"), "--database nosuch:: "),
        (("add-kiosk", "BS-YY-007", "--centre", "bs.nowhere", "--data-dir", str(tmp_path)),
         "--centre bs.nowhere: not_found"),
    ]:
        done = kiosk_command(*arguments)
        assert done.returncode == 2, (arguments, done.stderr)
        line = one_line(done.stderr)
        assert line.startswith(f"kiosk: platform {arguments[0]}: {expected}"), line
        assert "hunter2" not in line and "Traceback" not in line


def test_serve_defaults_to_the_demo_database_in_the_data_directory(tmp_path):
    added = kiosk_command("add-kiosk", "BS-YY-007", "--data-dir", str(tmp_path))
    token = one_line(added.stdout)
    with serving_process(None, options=("--data-dir", str(tmp_path))) as (url, _):
        answer = requests.get(f"{url}/v1/centres", timeout=10,
                              headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    assert "bs.youyi" in {centre["id"] for centre in answer.json()}
    assert (tmp_path / "platform.sqlite").is_file()


def test_two_workers_serve_one_postgresql_store(postgres_url):
    store = Store.open(postgres_url, demo=True)
    token = store.register_kiosk("BS-YY-007", "bs.youyi")
    with serving_process(postgres_url, workers=2) as (url, _):
        kiosk = HttpPlatform(url, token, "BS-YY-007")
        kiosk.check()
        accepted = [kiosk.submit(submission(n)) for n in range(1, 11)]
        kiosk.close()
    assert [a.reference for a in accepted] == [f"BSYY007-261130-{n:04d}" for n in range(1, 11)]
    assert store.for_kiosk("BS-YY-007").progress("BSYY007-261130-0010").status == "received"
    store.close()


def submission(number: int) -> Submission:
    return Submission(idempotency_key=f"submit-key-{number:04d}",
                      reference=f"BSYY007-261130-{number:04d}", service_id="elderly_allowance",
                      id_number=ELDERLY.id_number, answers={"bank": "ICBC"},
                      signed_at=dt.datetime(2026, 11, 30, tzinfo=dt.UTC))


def test_serve_signs_offline_codes_with_its_keys_and_root_key_prints_the_root_a_kiosk_trusts(
        tmp_path):
    from district.models import Consent, OfflineCodeRequest
    from district.signing import public_key
    from kiosk.codes.trust_store import TrustStore
    from kiosk.codes.verifier import Outcome, Verifier

    keys = tmp_path / "keys"
    url = f"sqlite:///{tmp_path / 'platform.sqlite'}"
    Store.open(url, demo=True).close()
    token = one_line(kiosk_command("add-kiosk", "BS-YY-007", "--database", url).stdout)
    with serving_process(url, options=("--keys", str(keys))) as (base, _):
        platform = HttpPlatform(base, token, "BS-YY-007")
        try:
            visit_id = platform.open_visit(Consent(id_number=ELDERLY.id_number,
                                                   purpose="offline_code", items=())).visit_id
            code = platform.issue_offline_code(OfflineCodeRequest(visit_id=visit_id))
            lists = platform.code_lists()
        finally:
            platform.close()
    assert sorted(path.name for path in keys.iterdir()) == ["codes-issuer.key", "codes-root.key"]
    assert all(path.stat().st_mode & 0o777 == 0o600 for path in keys.iterdir())
    printed = kiosk_command("root-key", "--keys", str(keys))
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.startswith("-----BEGIN PUBLIC KEY-----")
    (tmp_path / "root.pem").write_text(printed.stdout)
    trust = TrustStore(tmp_path / "codes", public_key(tmp_path / "root.pem"))
    assert all(trust.accept(signed) for signed in (lists.trust, lists.revocations, lists.status))
    trust.mark_synced(dt.datetime.now(dt.UTC))
    assert Verifier(trust).verify(code.text).outcome == Outcome.GREEN


def test_an_unusable_keys_directory_is_one_line_and_exit_2(tmp_path):
    keys = tmp_path / "keys"
    keys.mkdir()
    (keys / "codes-issuer.key").write_text("-----BEGIN PRIVATE KEY-----\nnope\n")
    for arguments in (("root-key", "--keys", str(keys)),
                      ("serve", "--keys", str(keys), "--data-dir", str(tmp_path))):
        done = kiosk_command(*arguments)
        assert done.returncode == 2, (arguments, done.stderr)
        line = one_line(done.stderr)
        assert line.startswith(f"kiosk: platform {arguments[0]}: --keys {keys}: "), line
        assert "codes-issuer.key: not a usable issuer key" in line and "Traceback" not in line
