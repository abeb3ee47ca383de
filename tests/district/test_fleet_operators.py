"""The fleet page's operators in the store, on each engine: scrypt hashes, sessions that
end, failed logins slowed per name; and `platform add-operator` as an operator runs it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from district.contract import PlatformRefused
from district.store import Store
from district.store.operators import FIRST_WAIT, FREE_FAILURES, SESSION, password_matches
from tests.district.homes import Clock
from tests.district.live_server import REPO

PASSWORD = "correct horse battery"
ENGINES = pytest.mark.parametrize("store_url", ["sqlite", "postgres"], indirect=True)


@pytest.fixture
def store(store_url, utc_clock):
    opened = Store.open(store_url, now=utc_clock)
    yield opened
    opened.close()


@ENGINES
def test_the_right_password_opens_a_session_and_only_its_hash_is_kept(store):
    store.add_operator("wang", PASSWORD)
    token = store.operator_login("wang", PASSWORD)
    assert token and store.operator_for_session(token) == "wang"
    with store.db.transaction(write=False) as tx:
        kept = tx.one("SELECT password_hash FROM operators WHERE name = 'wang'")["password_hash"]
        sessions = [row["token_sha256"] for row in tx.all("SELECT * FROM operator_sessions")]
    assert PASSWORD not in kept and kept.startswith("scrypt$16384$8$1$")
    assert password_matches(PASSWORD, kept) and not password_matches(PASSWORD + "!", kept)
    assert token not in sessions and len(sessions) == 1
    assert store.operator_for_session("a-token-never-given") is None


@ENGINES
def test_two_operators_with_one_password_have_different_hashes(store):
    store.add_operator("wang", PASSWORD)
    store.add_operator("li", PASSWORD)
    with store.db.transaction(write=False) as tx:
        hashes = {row["password_hash"] for row in tx.all("SELECT * FROM operators")}
    assert len(hashes) == 2  # each its own salt


@ENGINES
def test_a_session_ends_at_logout_after_its_shift_and_at_a_new_password(store, utc_clock):
    store.add_operator("wang", PASSWORD)
    first = store.operator_login("wang", PASSWORD)
    store.logout(first)
    assert store.operator_for_session(first) is None

    second = store.operator_login("wang", PASSWORD)
    utc_clock.advance(seconds=SESSION.total_seconds() - 1)
    assert store.operator_for_session(second) == "wang"
    utc_clock.advance(seconds=1)
    assert store.operator_for_session(second) is None

    third = store.operator_login("wang", PASSWORD)
    store.add_operator("wang", "another long password")
    assert store.operator_for_session(third) is None
    assert store.operator_login("wang", PASSWORD) is None
    assert store.operator_login("wang", "another long password")


def test_names_and_passwords_that_cannot_be(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 's.sqlite'}", now=Clock())
    for name, password in [("", PASSWORD), ("wang li", PASSWORD), ("x" * 65, PASSWORD),
                           ("wang", "short")]:
        with pytest.raises(PlatformRefused) as refused:
            store.add_operator(name, password)
        assert refused.value.reason == "invalid" and password not in str(refused.value)
    store.close()


def test_failed_logins_are_slowed_per_name_alike_for_names_that_do_not_exist(tmp_path):
    clock = Clock()
    store = Store.open(f"sqlite:///{tmp_path / 's.sqlite'}", now=clock)
    store.add_operator("wang", PASSWORD)
    store.add_operator("li", PASSWORD)
    for name in ("wang", "nobody"):
        for _ in range(FREE_FAILURES):
            assert store.operator_login(name, "wrong password!") is None
    # now even the right password waits, and the answer is the same None
    assert store.operator_login("wang", PASSWORD) is None
    assert store.operator_login("li", PASSWORD)  # another name is not held up
    clock.advance(seconds=FIRST_WAIT.total_seconds())
    assert store.operator_login("wang", "wrong again, later") is None
    clock.advance(seconds=FIRST_WAIT.total_seconds())  # the wait has doubled
    assert store.operator_login("wang", PASSWORD) is None
    clock.advance(seconds=FIRST_WAIT.total_seconds())
    token = store.operator_login("wang", PASSWORD)
    assert token
    assert store.operator_login("wang", "one wrong after success") is None
    assert store.operator_login("wang", PASSWORD)  # a success forgot the count
    store.close()


def platform_command(*arguments: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", "platform", *arguments], cwd=REPO,
                          input=stdin, capture_output=True, text=True, timeout=120,
                          check=False)


def test_add_operator_reads_the_password_from_stdin_and_never_prints_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'platform.sqlite'}"
    done = platform_command("add-operator", "wang", "--password-stdin", "--database", url,
                            stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert PASSWORD not in done.stdout + done.stderr and "/fleet" in done.stderr
    store = Store.open(url)
    assert store.operator_login("wang", PASSWORD)
    store.close()

    short = platform_command("add-operator", "li", "--password-stdin", "--database", url,
                             stdin="short\n")
    assert short.returncode == 2
    line = short.stderr.strip()
    assert line.count("\n") == 0 and "at least 12 characters" in line, line
    assert "Traceback" not in line
