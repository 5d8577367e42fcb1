"""Prefect tasks of the publish stage."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from prefect import task

from tasks.publish import changelog, dataset_card, published_frame, version_stats, write_version
from tasks.quarantine import counts_by_rule
from tasks.staging import RunPaths, write_parquet
from validations.gate import row_gate

STAGE = "publish"


@task(name="publish-prepare-shard", retries=1, task_run_name="prepare-{key}")
def prepare_shard(key: str, gold_shard: str, run_id: str, release: str, data_dir: str) -> dict:
    """Project a gold shard to the published columns and gate it with the Published contract."""
    paths = RunPaths(Path(data_dir), run_id)
    good, q = row_gate(published_frame(pl.read_parquet(gold_shard), run_id, release), STAGE, run_id)
    if q.height:
        write_parquet(q, paths.quarantine_shard(STAGE, key))
    return {"shard": write_parquet(good, paths.shard(STAGE, key)), "rows": good.height, "quarantined": counts_by_rule(q)}


@task(name="publish-commit-articles", retries=2, retry_delay_seconds=2, task_run_name="commit-articles")
def commit_articles(shards: list[str], run_id: str, data_dir: str, meta: dict) -> int:
    """One Delta commit holding every published row of the run; returns the new version."""
    paths = RunPaths(Path(data_dir), run_id)
    schema = pl.scan_parquet(shards).collect_schema()
    return write_version(paths.articles_table, (pl.read_parquet(s) for s in shards), schema, meta)


@task(name="publish-commit-quarantine", retries=2, retry_delay_seconds=2, task_run_name="commit-quarantine")
def commit_quarantine(run_id: str, data_dir: str, meta: dict) -> int | None:
    """Append the run's quarantine rows (every stage) to the quarantine table."""
    paths = RunPaths(Path(data_dir), run_id)
    shards = paths.quarantine_shards()
    if not shards:
        return None
    schema = pl.scan_parquet(shards).collect_schema()
    return write_version(paths.quarantine_table, (pl.read_parquet(s) for s in shards), schema, meta)


@task(name="publish-write-reports", task_run_name="write-reports")
def write_reports(run_id: str, data_dir: str, version: int, meta: dict) -> dict:
    """Dataset card and changelog for the new version, next to the run's Data Docs."""
    paths = RunPaths(Path(data_dir), run_id)
    table = paths.articles_table
    schema = pl.scan_delta(str(table), version=version).collect_schema()
    paths.reports_dir.mkdir(parents=True, exist_ok=True)
    card = paths.reports_dir / "dataset_card.md"
    stats = version_stats(table, version)
    card.write_text(dataset_card(table, version, meta, schema, stats))
    log = paths.reports_dir / "changelog.md"
    log.write_text(changelog(table, version, stats))
    return {"dataset_card": str(card), "changelog": str(log)}
