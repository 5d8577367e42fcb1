"""Prefect tasks of the clean stage: map (template stats) -> reduce (templates) -> map (clean)."""

from __future__ import annotations

import time
from pathlib import Path

import polars as pl
from prefect import task

from tasks.clean import clean_documents, merge_template_stats, template_stats
from tasks.clean.templates import candidate_templates
from tasks.quarantine import counts_by_rule
from tasks.settings import Settings
from tasks.staging import RunPaths, write_parquet
from validations.gate import row_gate

STAGE = "clean"


@task(name="clean-template-stats", retries=1, task_run_name="template-stats-{key}")
def template_stats_shard(key: str, bronze_shard: str, run_id: str, data_dir: str) -> str:
    """Per shard: how many documents of each source carry each line."""
    paths = RunPaths(Path(data_dir), run_id)
    return write_parquet(template_stats(pl.read_parquet(bronze_shard)), paths.shard(STAGE, key, kind="stats"))


@task(name="clean-merge-templates", task_run_name="merge-templates")
def merge_templates(stat_paths: list[str], run_id: str, settings: dict) -> str:
    """The run's template table: every shard of this run plus the history of published runs.

    Writes the merged statistics (the next history) and, for the clean tasks, only the
    lines that can be templates.
    """
    cfg = Settings.from_dict(settings)
    paths = RunPaths(cfg.data_dir, run_id)
    history = [paths.template_history] if paths.template_history.exists() else []
    merged = merge_template_stats([pl.scan_parquet(p) for p in [*stat_paths, *history]], min_texts=2)
    write_parquet(merged, paths.stage_dir(STAGE) / "template_stats.parquet")
    return write_parquet(candidate_templates(merged, cfg), paths.stage_dir(STAGE) / "templates.parquet")


@task(name="clean-save-template-history", retries=2, retry_delay_seconds=1, task_run_name="save-template-history")
def save_template_history(run_id: str, data_dir: str) -> str | None:
    """After a successful publish: the run's merged table (history included) becomes the history."""
    paths = RunPaths(Path(data_dir), run_id)
    merged = paths.stage_dir(STAGE) / "template_stats.parquet"
    if not merged.exists():
        return None
    return write_parquet(pl.read_parquet(merged), paths.template_history)


@task(name="clean-shard", retries=1, task_run_name="clean-{key}")
def clean_shard(key: str, bronze_shard: str, templates_path: str, run_id: str, settings: dict) -> dict:
    """Strip chrome, split pages, extract fields; write silver + removed lines + quarantine."""
    t0 = time.perf_counter()
    cfg = Settings.from_dict(settings)
    paths = RunPaths(cfg.data_dir, run_id)
    bronze = pl.read_parquet(bronze_shard)
    result = clean_documents(bronze, pl.read_parquet(templates_path), cfg)
    good, q = row_gate(result.articles, STAGE, run_id)
    shard = write_parquet(good, paths.shard(STAGE, key))
    write_parquet(result.removed_lines, paths.shard(STAGE, key, kind="removed"))
    if q.height:
        write_parquet(q, paths.quarantine_shard(STAGE, key))
    removed = result.removed_lines
    return {
        "shard": shard, "docs_in": bronze.height, "articles": result.articles.height, "rows_out": good.height,
        "quarantined": counts_by_rule(q),
        "lines_removed_by_rule": dict(removed.group_by("rule").len().iter_rows()) if removed.height else {},
        "lines_in": int(result.articles["lines_in"].sum() or 0) if result.articles.height else 0,
        "seconds": round(time.perf_counter() - t0, 3),
    }
