"""Quality signals + near-duplicate detection, ours vs datatrove, on the same documents.

The documents are the cleaned article bodies of the benchmark's 1x run (the clean stage's
silver shards: ``article_id``, ``body``), or, when no run produced them, the raw texts of
the shared corpora. Both sides read them from disk (our side a Parquet file, datatrove a
JSONL file) and run single-process on one core:

* ours: ``tasks.enrich.quality.quality_signals`` and ``text_hash`` + ``minhash_signatures``
  + ``find_duplicates`` (shingle_size=5, num_perm=112, lsh_bands=14), in a subprocess with
  ``POLARS_MAX_THREADS=1`` (and once more with every core, for information);
* datatrove: ``benchmarks/peer_datatrove.py`` in its own venv (created on first use).

    python -m benchmarks.peer ours --docs docs.parquet --out ours.json [--threads 1]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATATROVE_REQUIREMENTS = ["datatrove[processing]", "spacy", "orjson"]

WHAT_OURS_DOES_MORE = [
    "computes every signal for every document and keeps them as columns (q_*), flags instead of dropping; "
    "the thresholds are settings, the quarantine decision is separate",
    "FineWeb-style line signals (terminal punctuation, ellipsis and bullet lines) and language-aware checks "
    "(stop words only for English, character counts for scripts without spaces)",
    "exact duplicates too (BLAKE2b of the normalised body), across the run and against the published version",
    "clusters with a chosen canonical article (prior version first, then earliest date, longest body) and a "
    "similarity estimate per duplicate; the LSH candidate pairs are verified against the 0.7 threshold",
]
WHAT_DATATROVE_DOES_MORE = [
    "real word tokenisation (spaCy rules) for Gopher/MinHash instead of a regex split",
    "C4's sentence/line rules actually edit the text (drop lines without terminal punctuation, "
    "'javascript' and policy lines, citations) - ours only measures",
    "Gopher repetition on duplicated n-gram character fractions for n=5..10 (ours: top 2/3/4-gram and "
    "duplicated lines/paragraphs)",
    "MinHash on normalised text (lower-case, no punctuation or diacritics, every number -> 0): templated reports "
    "that differ only in their figures (Reuters earnings and price notes) become near-duplicates and are removed; "
    "ours keeps numbers in the shingles, so such reports stay distinct (counts of both sides are in the results line)",
    "streams documents from any fsspec location and scales out to many processes/Slurm with the same code; "
    "MinHash stages write their state to disk and can resume",
]


# ---------------------------------------------------------------------- documents


def silver_bodies(data_dir: Path, run_id: str):
    import polars as pl

    shards = sorted((Path(data_dir) / "staging" / run_id / "clean").glob("part-*.parquet"))
    if not shards:
        return None
    return pl.scan_parquet([str(s) for s in shards]).select("article_id", "body").collect()


def raw_texts(limit: int | None = None):
    import polars as pl

    from benchmarks.corpora import CORPORA, load_corpus

    frames = []
    for name in CORPORA:
        df = load_corpus(name).select(pl.col("doc_key").alias("article_id"), pl.col("text").alias("body"))
        frames.append(df.head(limit) if limit else df)
    return pl.concat(frames)


def write_documents(df, out_dir: Path) -> dict:
    """docs.parquet (ours) and docs.jsonl (datatrove) with the same rows."""
    import polars as pl

    out_dir.mkdir(parents=True, exist_ok=True)
    df = df.filter(pl.col("body").is_not_null())
    df.write_parquet(out_dir / "docs.parquet")
    df.select(pl.col("article_id").alias("id"), pl.col("body").alias("text")).write_ndjson(out_dir / "docs.jsonl")
    return {"documents": df.height, "mb": round(df["body"].str.len_bytes().sum() / 1e6, 2)}


# ---------------------------------------------------------------------- our side


def run_ours(docs: Path, repeats: int = 1) -> dict:
    import polars as pl

    from tasks.enrich.duplicates import find_duplicates, minhash_signatures, text_hash
    from tasks.enrich.quality import quality_signals
    from tasks.settings import Settings

    settings = Settings(shingle_size=5, num_perm=112, lsh_bands=14)
    df = pl.read_parquet(docs).select("article_id", "body")
    quality_signals(df.head(50), settings)  # warm-up (regex compilation, imports)
    best: dict = {}
    for _ in range(repeats):
        t = {}
        t0 = time.perf_counter()
        q = quality_signals(df, settings)
        t["quality_signals"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        hashed = text_hash(df)
        t["text_hash"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        sigs = minhash_signatures(df, settings)
        t["minhash_signatures"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        arts = hashed.select("article_id", "text_hash", pl.lit(None, pl.Datetime("us", "UTC")).alias("published_at"),
                             pl.col("body").str.len_chars().alias("body_chars"))
        dups = find_duplicates(arts, sigs, settings)
        t["find_duplicates"] = time.perf_counter() - t0
        if not best or sum(t.values()) < sum(best.values()):
            best = t
    flagged = int((q["quality_flags"].list.len() > 0).sum())
    kinds = dict(dups.filter(pl.col("duplicate_of").is_not_null()).group_by("dup_kind").len().iter_rows())
    return {
        "documents": df.height,
        "steps": {k: round(v, 3) for k, v in best.items()},
        "quality_seconds": round(best["quality_signals"], 3),
        "dedup_seconds": round(best["text_hash"] + best["minhash_signatures"] + best["find_duplicates"], 3),
        "flagged_documents": flagged,
        "duplicates_by_kind": kinds,
        "polars_threads": pl.thread_pool_size(),
        "settings": {"shingle_size": settings.shingle_size, "num_perm": settings.num_perm, "lsh_bands": settings.lsh_bands,
                     "near_dup_threshold": settings.near_dup_threshold},
    }


def ours_subprocess(docs: Path, out: Path, threads: int | None, repeats: int, timeout: float) -> dict:
    env = {**os.environ}
    if threads:
        env["POLARS_MAX_THREADS"] = str(threads)
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            env[var] = str(threads)
    else:
        env.pop("POLARS_MAX_THREADS", None)
    cmd = [sys.executable, "-m", "benchmarks.peer", "ours", "--docs", str(docs), "--out", str(out), "--repeats", str(repeats)]
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        return {"error": (proc.stderr or proc.stdout)[-2000:]}
    return json.loads(out.read_text())


# ---------------------------------------------------------------------- datatrove side


def ensure_datatrove(venv: Path, log=print) -> tuple[Path | None, str | None]:
    """The python of the datatrove venv ``venv`` (created with uv when missing); (None, why) on failure."""
    py = venv / "bin" / "python"
    check = [str(py), "-c", "import datatrove, spacy, orjson"]
    if py.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return py, None
    uv = _uv()
    if uv is None:
        return None, "uv not found (tried `python3 -m uv`, the venv's python -m uv, `uv`): pip install uv"
    log(f"creating the datatrove environment in {venv} (uv, PyPI) ...")
    steps = [uv + ["venv", str(venv), "--python", "3.11"],
             uv + ["pip", "install", "--python", str(py), *DATATROVE_REQUIREMENTS]]
    for cmd in steps:
        if py.exists() and cmd is steps[0]:
            continue
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            return None, f"{' '.join(cmd)} failed: {(proc.stderr or proc.stdout)[-800:]}"
    if subprocess.run(check, capture_output=True).returncode != 0:
        return None, "datatrove environment created but `import datatrove, spacy, orjson` fails"
    return py, None


def _uv() -> list[str] | None:
    for cmd in (["python3", "-m", "uv"], [sys.executable, "-m", "uv"], ["uv"]):
        try:
            if subprocess.run([*cmd, "--version"], capture_output=True).returncode == 0:
                return cmd
        except OSError:
            continue
    return None


def run_datatrove(py: Path, docs_dir: Path, work: Path, timeout: float, repeats: int = 1) -> dict:
    out = work / "datatrove.json"
    cmd = [str(py), str(REPO / "benchmarks" / "peer_datatrove.py"), "--docs", str(docs_dir),
           "--work", str(work / "datatrove-work"), "--out", str(out), "--repeats", str(repeats)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "OMP_NUM_THREADS": "1"}
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    if proc.returncode != 0:
        return {"error": (proc.stderr or proc.stdout)[-2000:]}
    res = json.loads(out.read_text())
    # datatrove's own per-block time, without the JSONL reader block and executor start-up
    own = {}
    for name, step in res["steps"].items():
        own[name] = round(sum(v for k, v in (step.get("steps") or {}).items() if "READER" not in k), 3)
    res["block_seconds"] = own
    return res


# ---------------------------------------------------------------------- comparison


def compare(ours: dict, theirs: dict) -> dict:
    """docs/s of each side on quality + dedup and the ratio (ours / datatrove)."""
    n = ours.get("documents") or 0
    out: dict = {"documents": n}
    if "error" in ours or "error" in theirs:
        return {**out, "error": ours.get("error") or theirs.get("error")}
    o_q, o_d = ours["quality_seconds"], ours["dedup_seconds"]
    quality = ("GopherRepetitionFilter", "GopherQualityFilter", "C4QualityFilter")
    dedup = ("MinhashDedupSignature", "MinhashDedupBuckets", "MinhashDedupCluster", "MinhashDedupFilter")
    variants = {
        "end_to_end": (theirs["quality_seconds"], theirs["dedup_seconds"]),
        "net_of_reading": (theirs["quality_seconds_net"], theirs["dedup_seconds_net"]),
        "blocks_only": (sum(theirs["block_seconds"][s] for s in quality), sum(theirs["block_seconds"][s] for s in dedup)),
    }

    def dps(secs: float) -> float | None:
        return round(n / secs, 1) if secs > 0 else None

    out["ours"] = {"quality_docs_s": dps(o_q), "dedup_docs_s": dps(o_d), "quality_dedup_docs_s": dps(o_q + o_d),
                   "seconds": round(o_q + o_d, 3)}
    for name, (t_q, t_d) in variants.items():
        out[f"datatrove_{name}"] = {"quality_docs_s": dps(t_q), "dedup_docs_s": dps(t_d),
                                    "quality_dedup_docs_s": dps(t_q + t_d), "seconds": round(t_q + t_d, 3)}
        out[f"ratio_{name}"] = round((t_q + t_d) / (o_q + o_d), 2) if o_q + o_d > 0 else None
        out[f"ratio_quality_{name}"] = round(t_q / o_q, 2) if o_q > 0 else None
        out[f"ratio_dedup_{name}"] = round(t_d / o_d, 2) if o_d > 0 else None
    # headline: datatrove's wall time without its JSONL reading (ours excludes reading too)
    out["ratio"] = out["ratio_net_of_reading"]
    return out


def run_peer(work: Path, data_dir: Path | None, run_id: str | None, limit: int | None, timeout: float,
             repeats: int = 1, log=print, datatrove_venv: Path | None = None) -> dict:
    """Everything the report's peer section needs."""
    docs_dir = work / "peer"
    shutil.rmtree(docs_dir, ignore_errors=True)
    df = silver_bodies(data_dir, run_id) if data_dir and run_id else None
    source = "cleaned article bodies (silver `body`) of the 1x run"
    if df is None:
        df = raw_texts()
        source = "raw document texts of the shared corpora (no cleaned run available)"
    if limit:
        df = df.head(limit)
    info = {"source": source, **write_documents(df, docs_dir)}
    log(f"peer: {info['documents']} documents ({info['mb']} MB) - {source}")
    t0 = time.perf_counter()
    ours_1 = ours_subprocess(docs_dir / "docs.parquet", docs_dir / "ours-1thread.json", 1, repeats, timeout)
    ours_all = ours_subprocess(docs_dir / "docs.parquet", docs_dir / "ours-allthreads.json", None, repeats, timeout)
    log(f"peer: ours done in {time.perf_counter() - t0:.1f}s")
    py, why = ensure_datatrove(datatrove_venv or work / ".venv-datatrove", log)
    if py is None:
        theirs = {"error": why}
    else:
        t0 = time.perf_counter()
        theirs = run_datatrove(py, docs_dir, docs_dir, timeout, repeats)
        log(f"peer: datatrove done in {time.perf_counter() - t0:.1f}s")
    return {
        **info,
        "ours_1_thread": ours_1,
        "ours_all_threads": ours_all,
        "datatrove": theirs,
        "comparison": compare(ours_1, theirs),
        "comparison_all_threads": compare(ours_all, theirs),
        "ours_does_more": WHAT_OURS_DOES_MORE,
        "datatrove_does_more": WHAT_DATATROVE_DOES_MORE,
    }


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    o = sub.add_parser("ours")
    o.add_argument("--docs", required=True)
    o.add_argument("--out", required=True)
    o.add_argument("--repeats", type=int, default=1)
    args = p.parse_args(argv)
    res = run_ours(Path(args.docs), args.repeats)
    Path(args.out).write_text(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
