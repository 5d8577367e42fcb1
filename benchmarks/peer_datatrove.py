"""The datatrove side of the quality + dedup comparison. Runs in datatrove's own venv.

    <venv-datatrove>/bin/python benchmarks/peer_datatrove.py --docs DIR --work DIR --out result.json

Standalone on purpose (no project imports: that venv has datatrove, not polars/prefect).
``DIR`` holds one ``docs.jsonl`` (``id``, ``text``). Every step runs with
``LocalPipelineExecutor(tasks=1, workers=1)`` - one process, sequential - except
``MinhashDedupBuckets``, which datatrove requires to run as one task per bucket: 14 tasks,
still ``workers=1`` (sequential in this process). Each filter sees every document (the
filters are run side by side, not chained, so each does the same amount of work as our
``quality_signals``, which computes every signal for every row).

English word tokenisation is datatrove's default for ``en`` (``SpaCyTokenizer("en")`` =
``spacy.blank("en")``: rule-based, no model download); nothing is fetched at run time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path


def _timed_run(executor) -> float:
    t0 = time.perf_counter()
    executor.run()
    return time.perf_counter() - t0


def _step_seconds(logging_dir: Path) -> dict:
    """Per-step time from datatrove's own stats.json (time spent inside each block)."""
    try:
        stats = json.loads((logging_dir / "stats.json").read_text())
    except (OSError, ValueError):
        return {}
    out = {}
    for step in stats if isinstance(stats, list) else stats.get("stats", []):
        name = step.get("name")
        ts = step.get("time_stats") or {}
        total = ts.get("total") if isinstance(ts, dict) else None
        if name and total is not None:
            out[name] = round(float(total), 3)
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--docs", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--repeats", type=int, default=1)
    args = p.parse_args(argv)

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from importlib.metadata import version as _version

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import (
        MinhashConfig,
        MinhashDedupBuckets,
        MinhashDedupCluster,
        MinhashDedupFilter,
        MinhashDedupSignature,
    )
    from datatrove.pipeline.filters import C4QualityFilter, GopherQualityFilter, GopherRepetitionFilter
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.utils.hashing import HashConfig

    docs_dir = Path(args.docs)
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    n_docs = sum(1 for _ in (docs_dir / "docs.jsonl").open(encoding="utf-8"))

    def reader():
        return JsonlReader(str(docs_dir), glob_pattern="docs.jsonl", compression=None)

    def run(name: str, steps: list, tasks: int = 1) -> dict:
        best = None
        for i in range(args.repeats):
            logs = work / "logs" / f"{name}-{i}"
            ex = LocalPipelineExecutor(pipeline=steps(), tasks=tasks, workers=1, logging_dir=str(logs),
                                       skip_completed=False)
            secs = _timed_run(ex)
            if best is None or secs < best["seconds"]:
                best = {"seconds": round(secs, 3), "steps": _step_seconds(logs)}
        return best

    results: dict = {"datatrove_version": _version("datatrove"), "spacy_version": _version("spacy"), "documents": n_docs, "python": sys.version.split()[0]}
    # warm-up: tokenizer construction and imports outside the clock
    from datatrove.utils.word_tokenizers import load_word_tokenizer

    load_word_tokenizer("en").word_tokenize("warm up the tokenizer.")
    steps: dict = {}
    steps["reader_only"] = run("reader", lambda: [reader()])
    steps["GopherRepetitionFilter"] = run("gopher_rep", lambda: [reader(), GopherRepetitionFilter()])
    steps["GopherQualityFilter"] = run("gopher_quality", lambda: [reader(), GopherQualityFilter()])
    steps["C4QualityFilter"] = run("c4", lambda: [reader(), C4QualityFilter()])

    # MinHash: 5-grams, 14 buckets x 8 hashes (datatrove's defaults; 64-bit xxhash)
    cfg = MinhashConfig(n_grams=5, num_buckets=14, hashes_per_bucket=8, hash_config=HashConfig(precision=64))
    mh = work / "minhash"
    best = None
    for i in range(args.repeats):
        shutil.rmtree(mh, ignore_errors=True)
        t = {}
        t["MinhashDedupSignature"] = run(f"mh-sig-{i}", lambda: [reader(), MinhashDedupSignature(output_folder=str(mh / "signatures"), config=cfg)])
        t["MinhashDedupBuckets"] = run(f"mh-buckets-{i}", lambda: [MinhashDedupBuckets(
            input_folder=str(mh / "signatures"), output_folder=str(mh / "buckets"), config=cfg)], tasks=cfg.num_buckets)
        t["MinhashDedupCluster"] = run(f"mh-cluster-{i}", lambda: [MinhashDedupCluster(
            input_folder=str(mh / "buckets"), output_folder=str(mh / "remove_ids"), config=cfg)])
        t["MinhashDedupFilter"] = run(f"mh-filter-{i}", lambda: [reader(), MinhashDedupFilter(input_folder=str(mh / "remove_ids"))])
        total = sum(v["seconds"] for v in t.values())
        if best is None or total < best[0]:
            best = (total, t)
    steps.update(best[1])
    removed = 0
    for f in (mh / "remove_ids").glob("*.remove"):
        removed += f.stat().st_size // 4
    results["minhash_removed_documents"] = removed
    results["steps"] = steps
    reader_s = steps["reader_only"]["seconds"]
    quality = ("GopherRepetitionFilter", "GopherQualityFilter", "C4QualityFilter")
    dedup = ("MinhashDedupSignature", "MinhashDedupBuckets", "MinhashDedupCluster", "MinhashDedupFilter")
    results["quality_seconds"] = round(sum(steps[s]["seconds"] for s in quality), 3)
    results["dedup_seconds"] = round(sum(steps[s]["seconds"] for s in dedup), 3)
    # the same steps without their JSONL reading (a reader-only pipeline measured alone)
    results["reader_seconds"] = reader_s
    results["quality_seconds_net"] = round(results["quality_seconds"] - 3 * reader_s, 3)
    results["dedup_seconds_net"] = round(results["dedup_seconds"] - 2 * reader_s, 3)
    Path(args.out).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
