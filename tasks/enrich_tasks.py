"""Prefect tasks of the enrich stage: enrich shards -> run-wide duplicates -> mark shards."""

from __future__ import annotations

import time
from pathlib import Path

import polars as pl
from prefect import task

from tasks.enrich import (dedup_inputs, enrich_articles, finish_articles, keyed_term_counts, merge_doc_freqs,
                          route_articles)
from tasks.enrich.keywords import document_frequencies
from tasks.enrich.duplicates import STORAGE_SIGNATURE_DTYPE, find_duplicates, minhash_params_id, minhash_signatures
from tasks.ledger import prior_canonicals
from tasks.quarantine import counts_by_rule, quarantine_rows
from tasks.settings import Settings
from tasks.staging import RunPaths, write_parquet
from validations.gate import row_gate

STAGE = "enrich"


@task(name="enrich-shard", retries=1, task_run_name="enrich-{key}")
def enrich_shard(key: str, silver_shard: str, run_id: str, settings: dict) -> dict:
    """Phase 1: every per-article enricher, routing, the Gold row gate, MinHash signatures."""
    t0 = time.perf_counter()
    cfg = Settings.from_dict(settings)
    paths = RunPaths(cfg.data_dir, run_id)
    silver = pl.read_parquet(silver_shard)
    gold, timings = enrich_articles(silver, cfg)
    kept, aside = route_articles(gold, cfg)
    good, q = row_gate(kept, STAGE, run_id)
    q = pl.concat([q, quarantine_rows(aside, stage=STAGE, rule=pl.col("rule"), reason=pl.col("reason"), run_id=run_id)])
    t1 = time.perf_counter()
    sigs = minhash_signatures(good, cfg)
    timings["minhash"] = time.perf_counter() - t1
    t1 = time.perf_counter()
    counts = keyed_term_counts(good)  # tokenised once: document frequencies now, keywords in phase 3
    dfreq = write_parquet(document_frequencies(good, counts=counts), paths.shard(STAGE, key, kind="dfreq"))
    terms = write_parquet(counts, paths.shard(STAGE, key, kind="terms"))
    timings["keywords"] = time.perf_counter() - t1
    if q.height:
        write_parquet(q, paths.quarantine_shard(STAGE, key))
    return {
        "pre": write_parquet(good, paths.shard(STAGE, key, kind="pre")),
        "signatures": write_parquet(sigs, paths.shard(STAGE, key, kind="sig")),
        "doc_freq": dfreq, "terms": terms,
        "rows_in": silver.height, "kept": good.height, "quarantined": counts_by_rule(q),
        "timings": {k: round(v, 4) for k, v in timings.items()}, "seconds": round(time.perf_counter() - t0, 3),
    }


@task(name="enrich-duplicates", task_run_name="find-duplicates")
def run_duplicates(pre_shards: list[str], sig_shards: list[str], run_id: str, settings: dict) -> dict:
    """Phase 2: exact and near duplicates over the whole run and the published version."""
    t0 = time.perf_counter()
    cfg = Settings.from_dict(settings)
    paths = RunPaths(cfg.data_dir, run_id)
    articles = dedup_inputs(pl.scan_parquet(pre_shards)).collect()
    sigs = pl.read_parquet(sig_shards)
    dups = find_duplicates(articles, sigs, cfg, prior=prior_canonicals(paths.articles_table, paths.signature_store))
    out = write_parquet(dups, paths.stage_dir(STAGE) / "duplicates.parquet")
    kinds = dups.filter(pl.col("duplicate_of").is_not_null()).group_by("dup_kind").len()
    return {"path": out, "by_kind": dict(kinds.iter_rows()), "seconds": round(time.perf_counter() - t0, 3)}


@task(name="enrich-save-signatures", retries=2, retry_delay_seconds=1, task_run_name="save-signatures")
def save_signatures(run_id: str, settings: dict, published_shards: list[str]) -> str | None:
    """After a successful publish: keep the signatures of the run's canonical articles."""
    cfg = Settings.from_dict(settings)
    paths = RunPaths(cfg.data_dir, run_id)
    sig_files = sorted(str(p) for p in paths.stage_dir(STAGE).glob("sig-*.parquet"))
    if not sig_files or not published_shards:
        return None
    canonical = pl.scan_parquet(published_shards).filter(pl.col("duplicate_of").is_null()).select("article_id")
    sigs = (
        pl.scan_parquet(sig_files).join(canonical, on="article_id", how="semi")
        .filter(pl.col("signature").is_not_null())
        .select("article_id", pl.col("signature").cast(STORAGE_SIGNATURE_DTYPE),
                pl.lit(minhash_params_id(cfg)).alias("signature_params"))
        .collect()
    )
    return write_parquet(sigs, paths.signature_store / f"{run_id}.parquet")


@task(name="enrich-merge-doc-freqs", task_run_name="merge-doc-freqs")
def run_doc_freqs(dfreq_shards: list[str], n_docs: int, run_id: str, data_dir: str) -> dict:
    """Phase 2: the run's term document frequencies, for TF-IDF keywords over the whole run."""
    paths = RunPaths(Path(data_dir), run_id)
    merged = merge_doc_freqs(pl.scan_parquet(dfreq_shards)) if dfreq_shards else merge_doc_freqs([])
    return {"path": write_parquet(merged, paths.stage_dir(STAGE) / "doc_freq.parquet"), "n_docs": n_docs}


@task(name="enrich-finish-shard", retries=1, task_run_name="finish-{key}")
def finish_shard(key: str, pre_shard: str, dups_path: str, doc_freq: dict, run_id: str, data_dir: str,
                 terms: str | None = None) -> dict:
    """Phase 3: duplicate marks and keywords (from phase 1's term counts); the final gold shard."""
    t0 = time.perf_counter()
    paths = RunPaths(Path(data_dir), run_id)
    gold = finish_articles(pl.read_parquet(pre_shard), pl.read_parquet(dups_path),
                           pl.read_parquet(doc_freq["path"]), doc_freq["n_docs"],
                           counts=pl.read_parquet(terms) if terms else None)
    return {"shard": write_parquet(gold, paths.shard(STAGE, key)), "seconds": round(time.perf_counter() - t0, 4)}
