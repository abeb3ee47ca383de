"""The offline-code benchmark, run small so it cannot rot: every algorithm timed or said to
be unavailable, and the DCC conformance count with nothing unexplained."""

from __future__ import annotations

from bench.codes import DCC_CORPUS, run


def test_the_codes_benchmark_times_each_algorithm_and_counts_the_vectors():
    result = run(codes=3, rounds=2)
    for alg in ("ES256", "EdDSA", "PS256"):
        timing = result["verify"][alg]
        assert timing["available"] and timing["verifications"] == 6
        assert 0 < timing["median_ms"] <= timing["p95_ms"]
    assert "available" in result["verify"]["SM2"]
    conformance = result["dcc_conformance"]
    if DCC_CORPUS.is_dir():
        assert conformance["vectors"] >= 180 and conformance["unexplained"] == 0
        dcc = result["verify_dcc_vectors"]
        assert set(dcc) == {"ES256", "PS256"} and all(t["median_ms"] > 0 for t in dcc.values())
        assert conformance["passed"] + conformance["known_issues"] + \
            conformance["unchecked"] == conformance["checks"]
    assert isinstance(result["ok"], bool)
