"""clean subflow: bronze -> silver (one row per article), gated."""

from __future__ import annotations

import time

import polars as pl
from prefect import flow, get_run_logger

from flows.reporting import merge_counts, publish_stage_report, stage_summary
from tasks.clean_tasks import clean_shard, merge_templates, template_stats_shard
from tasks.settings import Settings
from tasks.staging import RunPaths
from validations.expectations import clean_view
from validations.gate import dataset_gate

STAGE = "clean"


@flow(name="clean", flow_run_name="clean-{run_id}")
def clean_flow(run_id: str, bronze_shards: list[str], settings: dict) -> dict:
    """Template detection over the whole run, then per-shard cleaning."""
    log = get_run_logger()
    t0 = time.perf_counter()
    cfg = Settings.from_dict(settings)
    paths = RunPaths(cfg.data_dir, run_id)
    keys = [f"{i:05d}" for i in range(len(bronze_shards))]
    stats = [template_stats_shard.submit(k, s, run_id, str(cfg.data_dir)) for k, s in zip(keys, bronze_shards)]
    templates = merge_templates([f.result() for f in stats], run_id, settings)
    futures = [clean_shard.submit(k, s, templates, run_id, settings) for k, s in zip(keys, bronze_shards)]
    results = []
    for n, fut in enumerate(futures, 1):
        results.append(fut.result())
        log.info("clean: shard %d/%d done (%d docs -> %d articles)", n, len(futures), results[-1]["docs_in"], results[-1]["articles"])
    shards = [r["shard"] for r in results]
    view = clean_view(pl.scan_parquet(shards)).collect()
    gate = dataset_gate(view, STAGE, run_id, paths.reports_dir).as_dict()
    removed = merge_counts(*(r["lines_removed_by_rule"] for r in results))
    summary = stage_summary(
        STAGE, run_id, rows_in=sum(r["docs_in"] for r in results), rows_out=view.height,
        quarantined=merge_counts(*(r["quarantined"] for r in results)), seconds=time.perf_counter() - t0,
        shards=shards, gate=gate, articles=sum(r["articles"] for r in results),
        lines_in=sum(r["lines_in"] for r in results), lines_removed=sum(removed.values()),
        lines_removed_by_rule=dict(sorted(removed.items(), key=lambda kv: -kv[1])),
        templates=str(templates),
    )
    publish_stage_report(summary, paths)
    return summary
