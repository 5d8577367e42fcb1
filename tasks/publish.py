"""publish: gold shards -> one new version of the Delta table, with release metadata.

The articles table holds the consumer contract columns (``CONTRACT_COLUMNS``) plus
additive extras (entities, keywords, quality signals, cluster ids). Every commit
carries ``corpus.*`` keys in its commit info; ``list_versions`` reads them back.
"""

from __future__ import annotations

import json
import subprocess
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Iterable

import polars as pl
import pyarrow as pa
from deltalake import CommitProperties, DeltaTable, WriterProperties, write_deltalake

from tasks.ledger import table_exists
from validations.schemas import CONTRACT_COLUMNS

EXTRA_COLUMNS = [
    "url", "n_segments", "dateline", "byline", "author_bio", "credit", "site_name", "language_score", "cluster_id", "dup_kind",
    "dup_similarity", "entities", "entity_ids", "keywords", "quality_flags",
]
META_PREFIX = "corpus."
#: rows per Parquet row group of the published table. The Delta writer buffers a whole row
#: group: its default (~1M rows) held the entire run (+610-650 MB during the commit at 8x the
#: benchmark corpus, vs +400-460 MB with this); readers still get row groups of tens of MB
ROW_GROUP_ROWS = 16_384


def code_version(repo: Path = Path(__file__).resolve().parent.parent) -> str:
    """Package version plus the git commit when run from a checkout (``+dirty`` if modified)."""
    version = metadata.version("news-corpus")
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True, timeout=5)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=repo,
                               capture_output=True, text=True, timeout=5)
        if sha.returncode == 0:
            version += f"+g{sha.stdout.strip()}" + (".dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        pass
    return version


def release_id(run_id: str, now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    return f"{now:%Y.%m.%d}-{run_id.rsplit('-', 1)[-1]}"


def published_frame(gold: pl.DataFrame, run_id: str, release: str) -> pl.DataFrame:
    """The rows one shard adds to the table: contract columns first, then extras and q_* signals."""
    extras = [c for c in EXTRA_COLUMNS if c in gold.columns and c not in CONTRACT_COLUMNS]
    signals = sorted(c for c in gold.columns if c.startswith("q_"))
    return gold.select(*CONTRACT_COLUMNS, *extras, *signals).with_columns(
        pl.lit(run_id).alias("run_id"), pl.lit(release).alias("release_id")
    )


def _signed(dtype: pl.DataType) -> pl.DataType:
    """Delta has no unsigned integers: widen them."""
    if isinstance(dtype, pl.List):
        return pl.List(_signed(dtype.inner))
    if isinstance(dtype, pl.Array):
        return pl.List(_signed(dtype.inner))
    if isinstance(dtype, pl.Struct):
        return pl.Struct({f.name: _signed(f.dtype) for f in dtype.fields})
    return {pl.UInt8: pl.Int16, pl.UInt16: pl.Int32, pl.UInt32: pl.Int64, pl.UInt64: pl.Int64}.get(dtype, dtype)


def delta_safe(df: pl.DataFrame) -> pl.DataFrame:
    casts = {c: _signed(t) for c, t in df.schema.items() if _signed(t) != t}
    return df.with_columns(pl.col(c).cast(t) for c, t in casts.items()) if casts else df


def write_version(table: Path, frames: Iterable[pl.DataFrame], schema: pl.Schema, meta: dict) -> int:
    """Append ``frames`` (streamed, one shard in memory at a time) as one commit; returns the version."""
    arrow_schema = delta_safe(pl.DataFrame(schema=schema)).to_arrow().schema
    batches = (b for f in frames for b in delta_safe(f).to_arrow().cast(arrow_schema).to_batches())
    reader = pa.RecordBatchReader.from_batches(arrow_schema, batches)
    table.parent.mkdir(parents=True, exist_ok=True)
    write_deltalake(
        str(table), reader, mode="append", schema_mode="merge",
        writer_properties=WriterProperties(max_row_group_size=ROW_GROUP_ROWS),
        commit_properties=CommitProperties(custom_metadata=_commit_metadata(meta)),
    )
    return DeltaTable(str(table)).version()


def _commit_metadata(meta: dict) -> dict[str, str]:
    flat = {f"{META_PREFIX}{k}": (v if isinstance(v, str) else json.dumps(v, default=str)) for k, v in meta.items()}
    flat[f"{META_PREFIX}release"] = json.dumps(meta, default=str)
    return flat


def list_versions(table: Path) -> list[dict]:
    """Every version of the table, oldest first, with its release metadata (empty if no table)."""
    if not table_exists(table):
        return []
    out = []
    for h in DeltaTable(str(table)).history():
        release = json.loads(h.get(f"{META_PREFIX}release", "{}"))
        out.append({
            "version": h["version"],
            "timestamp": datetime.fromtimestamp(h["timestamp"] / 1000, timezone.utc).isoformat(timespec="seconds"),
            "operation": h.get("operation"),
            "rows_added": (h.get("operationMetrics") or {}).get("num_added_rows"),
            **release,
        })
    return sorted(out, key=lambda r: r["version"])


def version_stats(table: Path, version: int) -> dict:
    """Counts over one version of the table (the whole table as of that version)."""
    lf = pl.scan_delta(str(table), version=version)
    stats = lf.select(
        pl.len().alias("articles"),
        pl.col("duplicate_of").is_not_null().sum().alias("duplicates"),
        pl.col("doc_id").n_unique().alias("documents"),
        pl.col("outlet").n_unique().alias("outlets"),
        pl.col("word_count").sum().alias("words"),
    ).collect().row(0, named=True)
    langs = lf.group_by("language").len().sort("len", descending=True).collect()
    outlets = lf.group_by("outlet").len().sort("len", descending=True).head(10).collect()
    return {**stats, "languages": dict(langs.iter_rows()), "top_outlets": {str(k): v for k, v in outlets.iter_rows()}}


def changelog(table: Path, version: int, cur: dict | None = None) -> str:
    """Markdown: what ``version`` changed against the version before it (``cur``: its stats, if known)."""
    cur = cur or version_stats(table, version)
    prev = version_stats(table, version - 1) if version > 0 else None
    lines = [f"# Changelog: version {version}", ""]
    if prev is None:
        lines.append("First version of the dataset.")
    for key in ("articles", "documents", "duplicates", "outlets", "words"):
        before = prev[key] if prev else 0
        lines.append(f"- {key}: {before} -> {cur[key]} ({cur[key] - before:+d})")
    new_langs = sorted(set(cur["languages"]) - set(prev["languages"] if prev else {}))
    if new_langs:
        lines.append(f"- new languages: {', '.join(new_langs)}")
    return "\n".join(lines) + "\n"


def dataset_card(table: Path, version: int, meta: dict, schema: pl.Schema, stats: dict | None = None) -> str:
    """A short Markdown dataset card for one version (``stats``: its ``version_stats``, if known)."""
    stats = stats or version_stats(table, version)
    fields = "\n".join(f"| `{name}` | {dtype} | {'contract' if name in CONTRACT_COLUMNS else 'extra'} |"
                       for name, dtype in schema.items())
    langs = ", ".join(f"{k} ({v})" for k, v in stats["languages"].items())
    return f"""# News corpus — version {version}

Release `{meta.get('release_id')}` from run `{meta.get('run_id')}`, code `{meta.get('code_version')}`.

| | |
|---|---|
| articles (all versions up to this one) | {stats['articles']} |
| documents | {stats['documents']} |
| marked duplicates (`duplicate_of` set) | {stats['duplicates']} |
| outlets | {stats['outlets']} |
| languages | {langs} |
| this run: input documents / published / quarantined / duplicates | {meta.get('input_documents')} / {meta.get('published_articles')} / {meta.get('quarantined_rows')} / {meta.get('duplicates')} |

Load this version:

```python
import polars as pl
df = pl.read_delta("{table}", version={version})
```

## Columns

| column | type | |
|---|---|---|
{fields}
"""
