"""ingest subflow: input files -> bronze shards, gated."""

from __future__ import annotations

import time
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger

from flows.reporting import merge_counts, publish_stage_report, stage_summary
from tasks.ingest import discover_inputs, plan_shards
from tasks.ingest_tasks import ingest_table, ingest_text_shard, resolve_cross_shard_repeats
from tasks.ledger import known_doc_ids
from tasks.settings import Settings
from tasks.staging import RunPaths, write_parquet
from validations.expectations import ingest_view
from validations.gate import dataset_gate

STAGE = "ingest"
SIDECAR_SUFFIXES = {".md", ".yaml", ".yml", ".rst"}


@flow(name="ingest", flow_run_name="ingest-{run_id}")
def ingest_flow(run_id: str, inputs: list[str], settings: dict, text_column: str | None = None) -> dict:
    """Read text pages and tables, skip documents already accounted for, gate the bronze rows."""
    log = get_run_logger()
    t0 = time.perf_counter()
    cfg = Settings.from_dict(settings)
    paths = RunPaths(cfg.data_dir, run_id)
    plan = discover_inputs(inputs)
    sidecars = [f for f in plan.unsupported if Path(f).suffix.lower() in SIDECAR_SUFFIXES]
    others = [f for f in plan.unsupported if f not in sidecars]
    if sidecars:
        log.info("not inputs (documentation/labels): %s", ", ".join(Path(f).name for f in sidecars))
    if others:
        log.warning("ignoring %d file(s) that are not .txt/.csv/.jsonl/.parquet, e.g. %s", len(others), others[0])
    known = known_doc_ids(paths.articles_table, paths.quarantine_table)
    known_path = write_parquet(known.to_frame(), paths.stage_dir(STAGE) / "known_doc_ids.parquet") if len(known) else None
    log.info("ingest: %d text page(s), %d table(s); %d document(s) already in the dataset",
             len(plan.text_files), len(plan.tables), len(known))

    text_shards = plan_shards([Path(f).stat().st_size for f in plan.text_files], cfg.shard_size, cfg.shard_bytes)
    futures = [
        ingest_text_shard.submit(f"t{i:05d}", plan.text_files[a:b], run_id, str(cfg.data_dir), known_path)
        for i, (a, b) in enumerate(text_shards)
    ]
    futures += [
        ingest_table.submit(f"f{j:03d}", f, run_id, str(cfg.data_dir), known_path, cfg.shard_size, text_column,
                            cfg.shard_bytes)
        for j, f in enumerate(plan.tables)
    ]
    results = []
    for n, fut in enumerate(futures, 1):
        results.append(fut.result())
        log.info("ingest: shard %d/%d done (%d rows)", n, len(futures), results[-1]["rows_in"])
    shards = sorted(s for r in results for s in r["shards"])
    repeats = resolve_cross_shard_repeats(shards, run_id, str(cfg.data_dir))
    quarantined = merge_counts(*(r["quarantined"] for r in results), {"duplicate_input": repeats["repeated"]} if repeats["repeated"] else {})
    rows_out = sum(r["rows_out"] for r in results) - repeats["repeated"]

    gate = None
    if rows_out:
        view = ingest_view(pl.scan_parquet(shards)).collect()
        gate = dataset_gate(view, STAGE, run_id, paths.reports_dir).as_dict()
    summary = stage_summary(
        STAGE, run_id, rows_in=sum(r["rows_in"] for r in results), rows_out=rows_out,
        quarantined=quarantined, seconds=time.perf_counter() - t0, shards=shards, gate=gate,
        input_files=len(plan.text_files) + len(plan.tables), unsupported_files=len(plan.unsupported),
        already_ingested=sum(r["already_ingested"] for r in results),
        input_bytes=sum(Path(f).stat().st_size for f in plan.text_files + plan.tables),
    )
    publish_stage_report(summary, paths)
    return summary
