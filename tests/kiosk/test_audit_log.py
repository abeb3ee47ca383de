"""The hash-chained audit log on real files: written as promised (0700/0600, one line per
record, the head beside it), and every kind of tampering done by hand to the file is caught
by `verify` and named, through the function and through `python -m kiosk audit-log verify`
in a real subprocess."""

from __future__ import annotations

import itertools
import json
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.audit_log import GENESIS, AuditLog, record_hash
from kiosk.audit_verify import verify

REPO = Path(__file__).resolve().parents[2]


class Ticking:
    """A wall clock that moves one second per reading."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def written(folder: Path, count: int = 6, **options) -> AuditLog:
    log = AuditLog(folder, clock=Ticking(), **options)
    for number in range(1, count + 1):
        log.append("test.event", f"reference=R{number:03d} service=s{number}")
    return log


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def problems(folder: Path) -> list[str]:
    return [str(problem) for problem in verify(folder).problems]


@pytest.fixture
def folder(tmp_path) -> Path:
    return tmp_path / "data" / "audit"


def test_records_chain_one_to_the_next_in_private_files(folder):
    written(folder, 3)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in ("audit.jsonl", "audit.head"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600
    records = [json.loads(line) for line in lines(folder / "audit.jsonl")]
    assert [r["seq"] for r in records] == [1, 2, 3]
    assert records[0]["prev"] == GENESIS
    for before, after in itertools.pairwise(records):
        assert after["prev"] == before["hash"]
    for record in records:
        assert record["hash"] == record_hash(record)
        assert datetime.fromisoformat(record["at"]).utcoffset() == timedelta(0)
    assert json.loads((folder / "audit.head").read_text()) == {"seq": 3,
                                                              "hash": records[-1]["hash"]}
    report = verify(folder)
    assert report.whole and report.records == 3 and report.last_seq == 3


def test_a_restarted_log_goes_on_from_the_last_record(folder):
    written(folder, 2)
    again = AuditLog(folder, clock=Ticking())
    assert again.append("after.restart").seq == 3
    assert verify(folder).whole


def test_an_edited_character_is_named(folder):
    written(folder)
    path = folder / "audit.jsonl"
    text = path.read_text().replace("R003", "R004", 1)
    path.write_text(text)
    assert problems(folder) == ["audit.jsonl line 3 (seq 3): edited: its hash does not match "
                                "its contents"]


def test_an_edit_with_its_hash_made_again_breaks_the_next_link(folder):
    written(folder)
    path = folder / "audit.jsonl"
    rows = lines(path)
    record = json.loads(rows[2])
    record["detail"] = "reference=R999"
    record["hash"] = record_hash(record)
    rows[2] = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
    path.write_bytes(b"".join(rows))
    assert problems(folder) == ["audit.jsonl line 4 (seq 4): prev is not the hash of seq 3 "
                                "(a record before it was replaced)"]


def test_a_record_deleted_in_the_middle_is_named(folder):
    written(folder)
    path = folder / "audit.jsonl"
    rows = lines(path)
    del rows[2]
    path.write_bytes(b"".join(rows))
    assert problems(folder) == ["audit.jsonl line 3 (seq 4): seq 3 missing before it "
                                "(removed)"]


def test_two_swapped_records_are_named_once(folder):
    written(folder)
    path = folder / "audit.jsonl"
    rows = lines(path)
    rows[2], rows[3] = rows[3], rows[2]
    path.write_bytes(b"".join(rows))
    assert problems(folder) == ["audit.jsonl line 3 (seq 4): out of order: comes before seq 3"]


def test_the_last_records_deleted_are_caught_by_the_head(folder):
    written(folder)
    path = folder / "audit.jsonl"
    path.write_bytes(b"".join(lines(path)[:-2]))
    assert problems(folder) == ["audit.head (seq 6): the log ends at seq 4: the last records "
                                "(seqs 5 to 6) were removed"]


def test_records_appended_after_the_last_were_removed_keep_the_gap(folder):
    written(folder)
    path = folder / "audit.jsonl"
    path.write_bytes(b"".join(lines(path)[:-2]))
    assert AuditLog(folder, clock=Ticking()).append("after.removal").seq == 7
    assert problems(folder) == ["audit.jsonl line 5 (seq 7): seqs 5 to 6 missing before it "
                                "(removed)"]


def test_the_last_line_cut_mid_record_is_named(folder):
    written(folder)
    path = folder / "audit.jsonl"
    data = path.read_bytes()
    path.write_bytes(data[:-40])  # a power cut in the middle of the last write
    found = problems(folder)
    assert found[0] == "audit.jsonl line 6: cut short (the last record is truncated)"
    assert found[1:] == ["audit.head (seq 6): the log ends at seq 5: the last records (seq 6) "
                         "were removed"]


def test_after_a_cut_line_the_log_starts_a_new_line_and_goes_on(folder):
    written(folder)
    path = folder / "audit.jsonl"
    path.write_bytes(path.read_bytes()[:-40])
    record = AuditLog(folder, clock=Ticking()).append("after.cut")
    assert record.seq == 7  # on from the head (seq 6 was written whole, then cut by hand)
    rows = lines(path)
    assert json.loads(rows[-1])["event"] == "after.cut"
    assert problems(folder) == ["audit.jsonl line 6: not a record (cut short or altered)",
                                "audit.jsonl line 7 (seq 7): seq 6 missing before it (removed)"]


def test_rotation_chains_across_files_and_a_missing_file_is_named(folder):
    written(folder, 12, max_bytes=600)
    names = sorted(path.name for path in folder.glob("audit*.jsonl"))
    assert len(names) >= 4, names
    report = verify(folder)
    assert report.whole and report.records == 12, report.problems
    (folder / "audit.000002.jsonl").unlink()
    assert problems(folder) == ["audit.000002.jsonl: missing from the rotation"]


def test_an_edit_in_a_rotated_file_is_named_there(folder):
    written(folder, 12, max_bytes=600)
    path = folder / "audit.000001.jsonl"
    path.write_text(path.read_text().replace("R002", "R020", 1))
    assert problems(folder) == ["audit.000001.jsonl line 2 (seq 2): edited: its hash does not "
                                "match its contents"]


def test_a_head_one_behind_is_a_stop_before_it_was_written_and_must_name_that_record(folder):
    written(folder, 3)
    rows = lines(folder / "audit.jsonl")
    second = json.loads(rows[1])
    head = folder / "audit.head"
    head.write_text(json.dumps({"seq": 2, "hash": second["hash"]}))
    assert verify(folder).whole  # the kiosk stopped between record 3 and its head
    head.write_text(json.dumps({"seq": 2, "hash": "f" * 64}))
    assert problems(folder) == ["audit.head (seq 2): its hash is not seq 2's (the head was "
                                "replaced)"]


def test_the_first_file_missing_is_named(folder):
    written(folder, 12, max_bytes=600)
    (folder / "audit.000001.jsonl").unlink()
    found = problems(folder)
    assert len(found) == 1
    assert found[0].startswith("audit.000002.jsonl line 1 (seq ")
    assert found[0].endswith("the chain begins here, not at seq 1: earlier records or files "
                             "are missing")


FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from kiosk.audit_log import AuditLog, AuditLogError
folder = Path(sys.argv[1])
size = (folder / "audit.jsonl").stat().st_size
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
resource.setrlimit(resource.RLIMIT_FSIZE, (size + 60, hard))
log = AuditLog(folder)
try:
    log.append("refused", "x" * 200)
except AuditLogError as error:
    print("refused:", error)
resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
print("kept:", log.append("again").seq)
"""


def test_a_full_disk_is_one_error_and_the_log_goes_on_after_it(folder):
    written(folder, 2)
    done = subprocess.run([sys.executable, "-c", FULL_DISK, str(folder)], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    refused, kept = done.stdout.splitlines()
    assert refused.startswith(f"refused: {folder}/audit.jsonl: audit record refused not kept")
    assert kept == "kept: 3"
    # the half-written line stays, named; the chain goes on from seq 2 on a line of its own
    assert problems(folder) == ["audit.jsonl line 3: not a record (cut short or altered)"]


def run_verify(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", "audit-log", "verify", *args],
                          cwd=REPO, capture_output=True, text=True, timeout=120, check=False)


def test_the_command_says_whole_or_names_each_problem(tmp_path, folder):
    written(folder)
    data = str(folder.parent)
    whole = run_verify("--data-dir", data)
    assert whole.returncode == 0, whole.stderr
    assert "whole, 6 records in 1 file(s), last seq 6" in whole.stdout
    path = folder / "audit.jsonl"
    path.write_text(path.read_text().replace("R002", "R00X", 1))
    broken = run_verify("--data-dir", data, "--json")
    assert broken.returncode == 1
    shown = json.loads(broken.stdout)
    assert not shown["whole"] and shown["records"] == 6
    assert [(p["line"], p["seq"]) for p in shown["problems"]] == [(2, 2)]
    plain = run_verify("--data-dir", data)
    assert plain.stdout.strip() == (f"{folder}/audit.jsonl line 2 (seq 2): edited: its hash "
                                    "does not match its contents")
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run_verify("--data-dir", str(empty))
    assert nothing.returncode == 1 and "no audit log here" in nothing.stdout
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    bad = run_verify("--data-dir", str(a_file))
    assert bad.returncode == 2 and "not a folder" in bad.stderr and not bad.stdout
    assert "Traceback" not in bad.stderr
