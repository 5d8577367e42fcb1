"""enrich subflow: silver -> gold, gated."""

from __future__ import annotations

import time

import polars as pl
from prefect import flow, get_run_logger

from flows.reporting import merge_counts, publish_stage_report, stage_summary
from tasks.enrich_tasks import enrich_shard, finish_shard, run_doc_freqs, run_duplicates
from tasks.ledger import prior_article_ids
from tasks.settings import Settings
from tasks.staging import RunPaths
from validations.expectations import enrich_view
from validations.gate import dataset_gate

STAGE = "enrich"


@flow(name="enrich", flow_run_name="enrich-{run_id}")
def enrich_flow(run_id: str, silver_shards: list[str], settings: dict) -> dict:
    """Per-shard enrichers, run-wide duplicate detection, then the gate."""
    log = get_run_logger()
    t0 = time.perf_counter()
    cfg = Settings.from_dict(settings)
    paths = RunPaths(cfg.data_dir, run_id)
    keys = [f"{i:05d}" for i in range(len(silver_shards))]
    futures = [enrich_shard.submit(k, s, run_id, settings) for k, s in zip(keys, silver_shards)]
    phase1 = []
    for n, fut in enumerate(futures, 1):
        phase1.append(fut.result())
        log.info("enrich: shard %d/%d done (%d articles)", n, len(futures), phase1[-1]["rows_in"])
    dups = run_duplicates([r["pre"] for r in phase1], [r["signatures"] for r in phase1], run_id, settings)
    dfreq = run_doc_freqs([r["doc_freq"] for r in phase1], sum(r["kept"] for r in phase1), run_id, str(cfg.data_dir))
    phase3 = [f.result() for f in (finish_shard.submit(k, r["pre"], dups["path"], dfreq, run_id, str(cfg.data_dir),
                                                       r["terms"])
                                   for k, r in zip(keys, phase1))]
    shards = [r["shard"] for r in phase3]
    view = enrich_view(pl.scan_parquet(shards), prior_article_ids(paths.articles_table)).collect()
    gate = dataset_gate(view, STAGE, run_id, paths.reports_dir).as_dict()
    timings = merge_counts(*(r["timings"] for r in phase1), {"duplicates": dups["seconds"]},
                           {"keywords": sum(r["seconds"] for r in phase3)})
    total = sum(timings.values()) or 1.0
    summary = stage_summary(
        STAGE, run_id, rows_in=sum(r["rows_in"] for r in phase1), rows_out=view.height,
        quarantined=merge_counts(*(r["quarantined"] for r in phase1)), seconds=time.perf_counter() - t0,
        shards=shards, gate=gate, duplicates=sum(dups["by_kind"].values()), duplicates_by_kind=dups["by_kind"],
        languages=dict(view.group_by("language").len().sort("len", descending=True).iter_rows()),
        enricher_seconds={k: round(v, 3) for k, v in timings.items()},
        enricher_share={k: round(v / total, 3) for k, v in timings.items()},
    )
    publish_stage_report(summary, paths)
    return summary
