"""EU DCC conformance: every vector in ../shared/corpora/dcc/ at its VALIDATIONCLOCK, with
its certificate as the only trust, each expected result it gives checked through the real
envelope, verifier and QR decoder. Only the vectors in tests/known_issues.csv may differ,
and only in the results listed there; a listed result that starts to match fails the test,
so the list stays true."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from drivers.scanner.decoder import QrDecoder
from kiosk.codes.dcc_conformance import run_vector, vector_files
from tests.fakes import REPO

CORPORA = REPO.parent / "shared" / "corpora"
CORPUS = CORPORA / "dcc"
KNOWN_ISSUES = REPO / "tests" / "known_issues.csv"


def known_issues() -> dict[str, dict[str, str]]:
    """{vector path under ../shared/corpora: {EXPECTEDxxx: reason}} for the DCC vectors."""
    issues: dict[str, dict[str, str]] = {}
    with KNOWN_ISSUES.open(newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            if row["path"].startswith("dcc/"):
                assert row["reason"].strip(), f"{row['path']}: a known issue needs a reason"
                issues.setdefault(row["path"], {})[row["expected"]] = row["reason"]
    return issues


VECTORS = vector_files(CORPUS) if CORPUS.is_dir() else []
KNOWN = known_issues()


@pytest.fixture(scope="module")
def decoder() -> QrDecoder:
    return QrDecoder()


def test_the_corpus_is_there_and_every_known_issue_names_a_vector():
    if not CORPUS.is_dir():
        pytest.skip(f"the DCC vectors are not at {CORPUS}")
    assert len(VECTORS) >= 180
    names = {str(path.relative_to(CORPORA)) for path in VECTORS}
    assert set(KNOWN) <= names, set(KNOWN) - names


@pytest.mark.parametrize("path", VECTORS, ids=[str(p.relative_to(CORPUS)) for p in VECTORS])
def test_vector(path: Path, decoder: QrDecoder):
    outcome = run_vector(path, decoder)
    assert "setup" not in outcome.detail, outcome.detail["setup"]
    assert outcome.expected, "the vector gives no expected result this kiosk checks"
    listed = KNOWN.get(str(path.relative_to(CORPORA)), {})
    differ = {f"EXPECTED{name}" for name in outcome.mismatches}
    unexpected = {name: outcome.detail[name[8:]] for name in differ - set(listed)}
    assert not unexpected, f"results that differ from the vector's: {unexpected}"
    now_pass = set(listed) - differ
    assert not now_pass, f"listed in known_issues.csv but now as expected: {now_pass}"
    if listed:
        pytest.skip("; ".join(f"{name}: {reason}" for name, reason in listed.items()))
