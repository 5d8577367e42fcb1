"""The benchmark harness runs end to end at a tiny scale, so that it cannot rot.

``test_harness_end_to_end`` runs the real command (``python -m benchmarks.run``) on 20
documents per corpus at 1x and 2x, with the profile and without the datatrove peer, and
checks the report. The peer comparison is tested on its own, only when the datatrove venv
already exists (``benchmarks/work/.venv-datatrove``: created by a full benchmark run).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpora import ENV_VAR, shared_dir

REPO = Path(__file__).resolve().parents[2]
DATATROVE_VENV = REPO / "benchmarks" / "work" / ".venv-datatrove"
STAGES = ("ingest", "clean", "enrich", "publish")

needs_shared = pytest.mark.skipif(
    shared_dir() is None or not (shared_dir() / "corpora").is_dir(),
    reason=f"shared corpora not found: set ${ENV_VAR} to the folder holding corpora/ (the benchmark needs them)",
)


@pytest.fixture(scope="module")
def tiny_report(tmp_path_factory):
    root = tmp_path_factory.mktemp("bench")
    out, work = root / "reports", root / "work"
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PREFECT_HOME")}
    env.setdefault(ENV_VAR, str(shared_dir()))
    cmd = [sys.executable, "-m", "benchmarks.run", "--limit", "20", "--scales", "1,2", "--no-peer", "--profile",
           "--out", str(out), "--work", str(work)]
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    return proc, out, work


@needs_shared
def test_harness_end_to_end(tiny_report):
    proc, out, work = tiny_report
    assert (out / "benchmark.json").exists() and (out / "benchmark.md").exists(), proc.stdout[-3000:] + proc.stderr[-3000:]
    rep = json.loads((out / "benchmark.json").read_text())
    assert proc.returncode == 0, json.dumps({k: v.get("error") for k, v in rep["scales"].items()})[:3000]
    assert set(rep["scales"]) == {"1", "2"}
    one, two = rep["scales"]["1"], rep["scales"]["2"]
    assert one["documents"] == 80 and two["documents"] == 160 and two["replicated_documents"] == 80
    for row in (one, two):
        assert row["ok"] and row["wall_seconds"] > 0 and row["docs_per_s"] > 0 and row["peak_rss_mb"] > 0
        shares = row["orchestration_share"] + row["gate_share"] + row["transform_share"]
        assert abs(shares - 1) < 0.01
        assert list(row["stages"]) == list(STAGES)
        for stage, st in row["stages"].items():
            assert st["wall_seconds"] > 0 and st["docs_per_s"] > 0 and st["mb_per_s"] > 0, stage
            assert st["peak_rss_mb"] > 0 and st["rows_in"] is not None, stage
            assert st["gate_seconds"] > 0, f"{stage}: every stage has a gate"
            assert st["transform_seconds"] >= 0 and st["orchestration_seconds"] >= 0
            parts = st["transform_seconds"] + st["gate_seconds"] + st["orchestration_seconds"]
            assert parts == pytest.approx(st["wall_seconds"], abs=0.01)
    assert rep["scaling"]["2"]["time_ratio"] > 0
    assert {t["name"] for t in rep["targets"]} == {"peer_ratio", "docs_per_s_8x", "overhead_share_8x",
                                                  "memory_ratio_8x", "time_ratio_8x"}
    md = (out / "benchmark.md").read_text()
    for heading in ("## Targets", "## Whole pipeline per scale", "## Per stage", "## Scaling", "## Profile of the slowest stage"):
        assert heading in md
    assert "| 2x | publish |" in md
    prof = rep["profile"]
    assert prof and not prof.get("error"), prof
    assert (out / prof["html"]).exists() and (out / prof["text"]).exists()
    assert prof["hot_spots"]["self"], "the profile names hot spots"


def test_replica_edits_change_content_and_keep_bytes():
    from benchmarks.scale import n_edits, perturb

    rng = random.Random(1)
    text = "On 12 March 2004 the Bank of England raised rates by 25 points, said Mervyn King.\n£15.8m"
    edited, n = perturb(text, rng, ["market", "government", "people"])
    assert edited != text and n == n_edits(len(text.split()))
    assert edited.count("\n") == 1 and edited.endswith("£15.8m")
    raw = "caf\xe9 prices rose 3 percent".encode("latin-1").decode("latin-1")  # a latin-1 byte survives
    assert "\xe9" in perturb(raw, random.Random(2), ["market"])[0]
    assert perturb("", rng, ["x"]) == ("", 0)


def test_union_and_breakdown():
    from benchmarks.instrument import Recorder, _union_length

    assert _union_length([(0, 2), (1, 3), (5, 6)]) == 4
    rec = Recorder()
    rec.stage_windows["clean"] = (0.0, 10.0)
    rec.intervals += [("task", "clean", "clean-shard", 1.0, 5.0, 1), ("task", "clean", "clean-shard", 2.0, 6.0, 2),
                      ("gate_pandera", "clean", "row_gate", 4.0, 5.0, 1), ("gate_gx", "clean", "dataset_gate", 7.0, 8.0, 0),
                      ("engine", "clean", "clean-shard", 0.5, 5.5, 1)]
    b = rec.breakdown("clean")
    # 0-1 orch (nothing, then engine only), 1-4 transform, 4-5 gate|task shared, 5-5.5 engine|task shared,
    # 5.5-6 transform, 6-7 nothing, 7-8 GX, 8-10 nothing
    assert b["wall_seconds"] == 10
    assert b["gate_seconds"] == pytest.approx(1.5) and b["gate_pandera_seconds"] == pytest.approx(0.5)
    assert b["transform_seconds"] == pytest.approx(4.25) and b["orchestration_seconds"] == pytest.approx(4.25)
    assert b["prefect_task_engine_seconds"] == pytest.approx(0.75)
    assert b["tasks"]["clean-shard"]["runs"] == 2


def test_peer_comparison_ratio():
    from benchmarks.peer import compare

    ours = {"documents": 1000, "quality_seconds": 1.0, "dedup_seconds": 1.0}
    blocks = dict.fromkeys(["GopherRepetitionFilter", "GopherQualityFilter", "C4QualityFilter", "MinhashDedupSignature",
                            "MinhashDedupBuckets", "MinhashDedupCluster", "MinhashDedupFilter"], 5.0)
    theirs = {"quality_seconds": 31.0, "dedup_seconds": 22.0, "quality_seconds_net": 30.0, "dedup_seconds_net": 20.0,
              "block_seconds": blocks}
    c = compare(ours, theirs)
    assert c["ratio"] == 25.0 and c["ours"]["quality_dedup_docs_s"] == 500.0
    assert c["datatrove_net_of_reading"]["quality_dedup_docs_s"] == 20.0 and c["ratio_blocks_only"] == 17.5


@needs_shared
@pytest.mark.skipif(not (DATATROVE_VENV / "bin" / "python").exists(),
                    reason="datatrove venv absent (a full `python -m benchmarks.run` creates benchmarks/work/.venv-datatrove)")
def test_peer_side_by_side(tmp_path):
    from benchmarks.peer import run_peer

    peer = run_peer(tmp_path, None, None, limit=40, timeout=600, datatrove_venv=DATATROVE_VENV, log=lambda m: None)
    c = peer["comparison"]
    assert "error" not in c, c
    assert c["documents"] == 40 and c["ours"]["quality_dedup_docs_s"] > 0
    assert c["datatrove_net_of_reading"]["quality_dedup_docs_s"] > 0 and c["ratio"] > 0
    assert peer["datatrove"]["steps"]["MinhashDedupFilter"]["seconds"] > 0
