"""Prefect tasks of the ingest stage: one per shard of input files, passing paths."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path

import polars as pl
from prefect import task

from tasks.ingest import plan_shards, read_table, read_text_pages, split_known_and_repeated
from tasks.quarantine import counts_by_rule, quarantine_rows
from tasks.staging import RunPaths, write_parquet
from validations.gate import row_gate

STAGE = "ingest"


def _known(known_path: str | None) -> pl.Series | None:
    return pl.read_parquet(known_path)["doc_id"] if known_path else None


def _finish_shard(frames: list[tuple[str, pl.DataFrame]], paths: RunPaths, known_path: str | None,
                  started: float, inputs: int) -> dict:
    """Drop already-ingested and repeated docs, gate rows, write bronze + quarantine shards."""
    known = _known(known_path)
    out, q_total, n_known, n_in, n_out = [], [], 0, 0, 0
    for key, frame in frames:
        n_in += frame.height
        new, already, repeated = split_known_and_repeated(frame, known)
        n_known += already.height
        good, q = row_gate(new, STAGE, paths.run_id)
        q_rep = quarantine_rows(
            repeated, stage=STAGE, rule="duplicate_input",
            reason=pl.lit("byte-identical to ") + pl.col("first_source_uri"), run_id=paths.run_id,
        )
        q = pl.concat([q, q_rep])
        out.append(write_parquet(good, paths.shard(STAGE, key)))
        n_out += good.height
        if q.height:
            write_parquet(q, paths.quarantine_shard(STAGE, key))
        q_total.append(q)
    q_all = pl.concat(q_total) if q_total else pl.DataFrame()
    return {
        "shards": out, "inputs": inputs, "rows_in": n_in, "already_ingested": n_known,
        "rows_out": n_out,
        "quarantined": counts_by_rule(q_all), "seconds": round(time.perf_counter() - started, 3),
    }


@task(name="ingest-text-shard", retries=2, retry_delay_seconds=1, task_run_name="ingest-text-{key}")
def ingest_text_shard(key: str, files: list[str], run_id: str, data_dir: str, known_path: str | None) -> dict:
    """Read a shard of ``.txt`` pages into a bronze shard."""
    t0 = time.perf_counter()
    paths = RunPaths(Path(data_dir), run_id)
    frame = read_text_pages(files, run_id, datetime.now(timezone.utc))
    return _finish_shard([(key, frame)], paths, known_path, t0, len(files))


@task(name="ingest-table", retries=2, retry_delay_seconds=1, task_run_name="ingest-table-{key}")
def ingest_table(key: str, file: str, run_id: str, data_dir: str, known_path: str | None,
                 shard_size: int, text_column: str | None = None, shard_bytes: int = 0) -> dict:
    """Read one CSV/JSONL/Parquet file into bronze shards of at most ``shard_size`` rows
    and ``shard_bytes`` bytes of text."""
    t0 = time.perf_counter()
    paths = RunPaths(Path(data_dir), run_id)
    frame = read_table(file, run_id, datetime.now(timezone.utc), text_column)
    ranges = plan_shards(frame["n_bytes"].to_list(), shard_size, shard_bytes) or [(0, 0)]
    parts = [(f"{key}-{i:04d}", frame.slice(a, b - a)) for i, (a, b) in enumerate(ranges)]
    return _finish_shard(parts, paths, known_path, t0, 1)


@task(name="ingest-resolve-repeats", task_run_name="ingest-resolve-repeats")
def resolve_cross_shard_repeats(shards: list[str], run_id: str, data_dir: str) -> dict:
    """A document repeated in two shards stays in the first; later copies go to quarantine."""
    paths = RunPaths(Path(data_dir), run_id)
    ids = pl.concat(
        [pl.scan_parquet(s).select("doc_id", "source_uri").with_columns(pl.lit(i).alias("_shard")) for i, s in enumerate(shards)]
    ).collect() if shards else pl.DataFrame()
    if ids.is_empty():
        return {"repeated": 0}
    ids = ids.with_row_index("_order")
    first = ids.group_by("doc_id").agg(pl.col("_order").min().alias("_first"), pl.col("source_uri").sort_by("_order").first().alias("first_source_uri"))
    later = ids.join(first, on="doc_id").filter(pl.col("_order") != pl.col("_first"))
    for shard_idx, group in later.group_by("_shard"):
        shard = shards[shard_idx[0]]
        frame = pl.read_parquet(shard)
        drop = group.select("source_uri")
        dropped = frame.join(drop, on="source_uri", how="semi").join(group.select("source_uri", "first_source_uri"), on="source_uri")
        write_parquet(frame.join(drop, on="source_uri", how="anti"), Path(shard))
        q = quarantine_rows(dropped, stage=STAGE, rule="duplicate_input",
                            reason=pl.lit("byte-identical to ") + pl.col("first_source_uri"), run_id=run_id)
        write_parquet(q, paths.quarantine_shard(STAGE, f"repeats-{shard_idx[0]:05d}"))
    return {"repeated": later.height}
