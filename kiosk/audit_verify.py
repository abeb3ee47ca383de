"""Walks the audit log's chain (kiosk/audit_log.py) file by file and names every break: an
edited record (its hash does not match it), a removed one (a gap in seq, or a `prev` that
is not the hash before), records out of order, a line cut short, a rotated file missing,
and, by the head file, the last records removed."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from kiosk.audit_log import FIELDS, GENESIS, HEAD, ROTATED, chain_files, read_head, record_hash


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None  # 1-based; None for the file or the head as a whole
    seq: int | None
    what: str

    def __str__(self) -> str:
        where = self.file + (f" line {self.line}" if self.line else "")
        return f"{where}{f' (seq {self.seq})' if self.seq is not None else ''}: {self.what}"


@dataclass
class Report:
    folder: str
    records: int = 0
    files: list[str] = field(default_factory=list)
    last_seq: int = 0
    last_hash: str = GENESIS
    problems: list[Problem] = field(default_factory=list)
    hashes: dict[int, str] = field(default_factory=dict, repr=False)  # seq -> hash, as read

    @property
    def whole(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        shown = asdict(self)
        del shown["hashes"]
        shown["whole"] = self.whole
        return shown


def verify(folder: Path) -> Report:
    """Every problem of the chain in `folder`, in the order met."""
    folder = Path(folder)
    report = Report(str(folder))
    files = chain_files(folder)
    report.files = [path.name for path in files]
    parsed = [(path, _records(path, report)) for path in files]
    seen = {record["seq"] for _, records in parsed for _, record in records}
    _missing_files(files, report)
    last_seq, last_hash, late = 0, GENESIS, set()  # late: seqs already named as moved
    after_gap = False
    for index, (path, records) in enumerate(parsed):
        if index and _file_missing_before(files, index):
            after_gap = True  # the missing file was named; do not name its records again
        for line, record in records:
            seq = record["seq"]
            report.records += 1
            if record_hash(record) != record["hash"]:
                report.problems.append(Problem(path.name, line, seq, "edited: its hash does "
                                               "not match its contents"))
            expected = last_seq + 1
            if seq == expected:
                if record["prev"] != last_hash and not after_gap:
                    what = ("does not chain to the genesis" if expected == 1 else
                            f"prev is not the hash of seq {last_seq} (a record before it was "
                            "replaced)")
                    report.problems.append(Problem(path.name, line, seq, what))
            elif seq < expected:
                if seq not in late:
                    report.problems.append(Problem(path.name, line, seq, f"out of order: "
                                                   f"comes after seq {last_seq}"))
            elif after_gap:
                pass
            elif last_seq == 0:
                report.problems.append(Problem(path.name, line, seq, "the chain begins here, "
                                               "not at seq 1: earlier records or files are "
                                               "missing"))
            else:
                skipped = set(range(expected, seq))
                moved = skipped & seen
                if moved:
                    late |= moved
                    report.problems.append(Problem(path.name, line, seq, "out of order: comes "
                                                   f"before seq {min(moved)}"))
                else:
                    gone = f"seq {expected}" if seq == expected + 1 else \
                        f"seqs {expected} to {seq - 1}"
                    report.problems.append(Problem(path.name, line, seq, f"{gone} missing "
                                                   "before it (removed)"))
            after_gap = False
            report.hashes[seq] = record["hash"]
            if seq >= last_seq:
                last_seq, last_hash = seq, record["hash"]
    report.last_seq, report.last_hash = last_seq, last_hash
    _check_head(folder, report)
    return report


def _records(path: Path, report: Report) -> list[tuple[int, dict[str, Any]]]:
    """The file's records with their line numbers; each line that is not one is named."""
    try:
        data = path.read_bytes()
    except OSError as error:
        report.problems.append(Problem(path.name, None, None, f"cannot be read: {error}"))
        return []
    lines = data.split(b"\n")
    ends_whole = lines[-1] == b""
    if ends_whole:
        lines.pop()
    records = []
    for number, raw in enumerate(lines, 1):
        record = _parse(raw)
        if record is not None:
            records.append((number, record))
            continue
        last = number == len(lines)
        what = ("cut short (the last record is truncated)" if last and not ends_whole else
                "empty line" if not raw.strip() else "not a record (cut short or altered)")
        report.problems.append(Problem(path.name, number, None, what))
    return records


def _parse(raw: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(record, dict) or set(record) != {*FIELDS, "hash"}:
        return None
    kinds = {"seq": int, "at": str, "event": str, "detail": str, "prev": str, "hash": str}
    if not all(isinstance(record[name], kind) for name, kind in kinds.items()) or isinstance(
            record["seq"], bool):
        return None
    return record


def _numbers(files: list[Path]) -> list[int]:
    return [int(match.group(1)) for path in files if (match := ROTATED.fullmatch(path.name))]


def _missing_files(files: list[Path], report: Report) -> None:
    numbers = _numbers(files)
    for before, after in pairwise(numbers):
        for gone in range(before + 1, after):
            report.problems.append(Problem(f"audit.{gone:06d}.jsonl", None, None,
                                           "missing from the rotation"))


def _file_missing_before(files: list[Path], index: int) -> bool:
    numbers = _numbers(files[:index + 1])
    if len(numbers) == index + 1:  # files[index] is rotated too
        return numbers[-1] != numbers[-2] + 1
    return False  # the current file follows whichever rotated file is last


def _check_head(folder: Path, report: Report) -> None:
    try:
        head = read_head(folder)
    except ValueError as error:
        report.problems.append(Problem(HEAD, None, None, str(error).split(": ", 1)[-1]))
        return
    if head is None:
        if report.records:
            report.problems.append(Problem(HEAD, None, None, "missing (cannot tell whether "
                                           "the last records were removed)"))
        return
    seq, hash_ = head
    if seq > report.last_seq:
        gone = f"seq {seq}" if seq == report.last_seq + 1 else \
            f"seqs {report.last_seq + 1} to {seq}"
        report.problems.append(Problem(HEAD, None, seq, f"the log ends at seq "
                                       f"{report.last_seq}: the last records ({gone}) were "
                                       "removed"))
    elif seq == report.last_seq and hash_ != report.last_hash:
        report.problems.append(Problem(HEAD, None, seq, "its hash is not the last record's "
                                       "(the last record was replaced)"))
    elif seq == report.last_seq - 1 and report.hashes.get(seq) != hash_:
        # one behind is a stop between a record and its head; then it must name that record
        report.problems.append(Problem(HEAD, None, seq, f"its hash is not seq {seq}'s (the "
                                       "head was replaced)"))
    elif seq < report.last_seq - 1:
        report.problems.append(Problem(HEAD, None, seq, f"older than the log (ends at seq "
                                       f"{report.last_seq}): the head was replaced"))
