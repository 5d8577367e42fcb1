"""Where each run's intermediate and final files live (paths only, no logic).

    <data_dir>/staging/<run_id>/<stage>/part-00000.parquet   stage output shards
    <data_dir>/staging/<run_id>/quarantine/<stage>-00000.parquet
    <data_dir>/staging/<run_id>/<stage>/manifest.json        written when a stage completes
    <data_dir>/published/articles                            Delta table (the dataset)
    <data_dir>/published/quarantine                          Delta table (quarantined rows)
    <data_dir>/state/templates.parquet                       template statistics of published runs
    <data_dir>/state/signatures/<run_id>.parquet             MinHash signatures of published canonicals
    <data_dir>/reports/<run_id>/                             Data Docs, artifacts, dataset card
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import polars as pl


def new_run_id(now: datetime | None = None) -> str:
    """Sortable, human-readable run id: ``20261121T081500Z-1a2b``."""
    now = now or datetime.now(timezone.utc)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"


@dataclass(frozen=True)
class RunPaths:
    data_dir: Path
    run_id: str

    @property
    def run_dir(self) -> Path:
        return self.data_dir / "staging" / self.run_id

    def stage_dir(self, stage: str) -> Path:
        return self.run_dir / stage

    def shard(self, stage: str, key: str | int, kind: str = "part") -> Path:
        return self.stage_dir(stage) / f"{kind}-{_key(key)}.parquet"

    def quarantine_shard(self, stage: str, key: str | int) -> Path:
        return self.run_dir / "quarantine" / f"{stage}-{_key(key)}.parquet"

    def quarantine_shards(self) -> list[str]:
        return sorted(str(p) for p in (self.run_dir / "quarantine").glob("*.parquet"))

    def manifest(self, stage: str) -> Path:
        return self.stage_dir(stage) / "manifest.json"

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "reports" / self.run_id

    @property
    def template_history(self) -> Path:
        """Template statistics of every published run (updated after each successful publish)."""
        return self.data_dir / "state" / "templates.parquet"

    @property
    def signature_store(self) -> Path:
        """MinHash signatures of published canonical articles, one file per run (cross-version near-dups)."""
        return self.data_dir / "state" / "signatures"

    @property
    def articles_table(self) -> Path:
        return self.data_dir / "published" / "articles"

    @property
    def quarantine_table(self) -> Path:
        return self.data_dir / "published" / "quarantine"


def _key(key: str | int) -> str:
    return f"{key:05d}" if isinstance(key, int) else key


def write_parquet(df: pl.DataFrame, path: Path) -> str:
    """Write atomically (temp file + rename) so a crashed task never leaves half a shard."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + f".tmp{os.getpid()}")
    df.write_parquet(tmp, compression="zstd", statistics=True)
    tmp.replace(path)
    return str(path)


def write_json(obj, path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(obj, indent=2, default=str, ensure_ascii=False))
    tmp.replace(path)
    return str(path)


def read_shards(paths: list[str], columns: list[str] | None = None) -> pl.DataFrame:
    """Concatenate shards (optionally only some columns); empty list -> empty frame."""
    if not paths:
        return pl.DataFrame()
    return pl.scan_parquet(paths).select(columns or pl.all()).collect()
