"""ingest: input files -> bronze rows (one per document). Pure functions, no Prefect.

Two input shapes:
* text pages (``*.txt``): one document per file, ``doc_id`` = hash of the file's bytes;
* tables (``*.csv``, ``*.jsonl``/``*.ndjson``, ``*.parquet``): one document per row with a
  text column and optional metadata; ``doc_id`` = hash of the row text's UTF-8 bytes.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import polars as pl

from tasks.decode import decode_bytes

TEXT_SUFFIXES = {".txt"}
TABLE_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}

#: Accepted names for each role, first match wins (case-insensitive).
TEXT_COLUMNS = ("text", "content", "body", "article", "full_text", "maintext")
META_COLUMNS = {
    "url": ("url", "link", "canonical_link", "source_url"),
    "meta_title": ("title", "headline"),
    "meta_date": ("date", "published_at", "publish_date", "published", "pubdate", "datetime", "date_publish"),
    "meta_domain": ("domain", "site", "source_domain", "hostname"),
    "meta_author": ("author", "authors", "byline"),
    "meta_tags": ("tags", "keywords", "topics"),
}
META_NAMES = list(META_COLUMNS)

BRONZE_SCHEMA = {
    "doc_id": pl.String,
    "source_uri": pl.String,
    "source_format": pl.String,
    "source_key": pl.String,
    "text": pl.String,
    "encoding": pl.String,
    "decode_note": pl.String,
    "n_bytes": pl.Int64,
    **{name: pl.String for name in META_NAMES},
    "run_id": pl.String,
    "ingested_at": pl.Datetime("us", "UTC"),
}


class InputError(ValueError):
    """An input that cannot be read at all (the message says which and why)."""


@dataclass(frozen=True)
class InputPlan:
    text_files: list[str]
    tables: list[str]
    unsupported: list[str]


def content_hash(data: bytes) -> str:
    """``doc_id``: first 128 bits of SHA-256, hex."""
    return hashlib.sha256(data).hexdigest()[:32]


def discover_inputs(inputs: list[str | Path]) -> InputPlan:
    """Expand files and directories (recursively) into text pages and tables, sorted."""
    text, tables, unsupported = [], [], []
    for item in inputs:
        p = Path(item)
        if not p.exists():
            raise InputError(f"input not found: {p}")
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        for f in files:
            if f.name.startswith("."):
                continue
            suffix = f.suffix.lower()
            if suffix in TEXT_SUFFIXES:
                text.append(str(f.resolve()))
            elif suffix in TABLE_SUFFIXES:
                tables.append(str(f.resolve()))
            elif p.is_file():
                raise InputError(f"unsupported input type {suffix or '(none)'}: {f} (use .txt, .csv, .jsonl, .parquet)")
            else:
                unsupported.append(str(f.resolve()))
    return InputPlan(sorted(set(text)), sorted(set(tables)), sorted(set(unsupported)))


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "://" in url else f"http://{url}").hostname or ""
    host = host.lower().removeprefix("www.")
    return host or None


def plan_shards(sizes: list[int], max_rows: int, max_bytes: int) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` ranges of at most ``max_rows`` items and ``max_bytes`` bytes.

    Shards bounded by bytes as well as rows keep a shard task's memory independent of
    document length (5,000 long pages need several times the memory of 5,000 wires). An
    item larger than ``max_bytes`` gets a shard of its own; ``max_bytes <= 0`` = rows only.
    """
    if max_rows < 1:
        raise ValueError(f"max_rows must be >= 1, got {max_rows}")
    out, start, acc = [], 0, 0
    for i, size in enumerate(sizes):
        if i > start and (i - start >= max_rows or (max_bytes > 0 and acc + size > max_bytes)):
            out.append((start, i))
            start, acc = i, 0
        acc += size
    if sizes:
        out.append((start, len(sizes)))
    return out


def read_text_pages(paths: list[str], run_id: str, now: datetime) -> pl.DataFrame:
    """One bronze row per ``.txt`` file. Undecodable bytes are repaired and noted, never fatal."""
    rows = []
    for path in paths:
        raw = Path(path).read_bytes()
        dec = decode_bytes(raw)
        rows.append((content_hash(raw), path, dec.text, dec.encoding, dec.note, len(raw), str(Path(path).parent)))
    frame = pl.DataFrame(
        rows,
        schema={"doc_id": pl.String, "source_uri": pl.String, "text": pl.String, "encoding": pl.String,
                "decode_note": pl.String, "n_bytes": pl.Int64, "source_key": pl.String},
        orient="row",
    )
    return _finish(frame.with_columns(pl.lit("txt").alias("source_format")), run_id, now)


def read_table(path: str, run_id: str, now: datetime, text_column: str | None = None) -> pl.DataFrame:
    """One bronze row per table row; metadata columns are mapped by name (see ``META_COLUMNS``)."""
    fmt = TABLE_SUFFIXES[Path(path).suffix.lower()]
    raw_df, note = _load_table(path, fmt)
    cols = {c.lower(): c for c in raw_df.columns}
    text_col = _pick(cols, (text_column,) if text_column else TEXT_COLUMNS)
    if text_col is None:
        wanted = text_column or " / ".join(TEXT_COLUMNS)
        raise InputError(f"{path}: no text column ({wanted}); columns are {raw_df.columns}")
    exprs = [_as_text(raw_df, text_col).fill_null("").alias("text")]
    for name, candidates in META_COLUMNS.items():
        src = _pick(cols, candidates)
        exprs.append(_as_text(raw_df, src).alias(name) if src else pl.lit(None, pl.String).alias(name))
    frame = raw_df.select(exprs).with_row_index("row")
    texts = frame["text"].to_list()
    frame = frame.with_columns(
        pl.Series("doc_id", [content_hash(t.encode("utf-8")) for t in texts], pl.String),
        pl.col("text").str.len_bytes().cast(pl.Int64).alias("n_bytes"),
        (pl.lit(f"{path}#row=") + pl.col("row").cast(pl.String)).alias("source_uri"),
        pl.lit(fmt).alias("source_format"),
        pl.lit("utf-8" if note is None else "repaired").alias("encoding"),
        pl.lit(note, pl.String).alias("decode_note"),
        pl.coalesce(
            pl.col("meta_domain").str.to_lowercase().str.strip_prefix("www."),
            _url_domain(pl.col("url")),
            pl.lit(f"{fmt}:{Path(path).name}"),
        ).alias("source_key"),
    )
    return _finish(frame, run_id, now)


def _url_domain(url: pl.Expr) -> pl.Expr:
    return url.str.extract(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?(?:www\.)?([^/:?#\s]+)", 1).str.to_lowercase()


def _load_table(path: str, fmt: str) -> tuple[pl.DataFrame, str | None]:
    try:
        if fmt == "parquet":
            return pl.read_parquet(path), None
        dec = decode_bytes(Path(path).read_bytes())
        data = dec.text.encode("utf-8")
        if fmt == "csv":
            return pl.read_csv(io.BytesIO(data), infer_schema=False, truncate_ragged_lines=True), dec.note
        return pl.read_ndjson(io.BytesIO(data), infer_schema_length=None), dec.note
    except InputError:
        raise
    except Exception as exc:  # polars raises many types; the user needs the file and the cause
        raise InputError(f"{path}: cannot read as {fmt}: {type(exc).__name__}: {str(exc).splitlines()[0]}") from exc


def _pick(cols: dict[str, str], candidates) -> str | None:
    for c in candidates:
        if c and c.lower() in cols:
            return cols[c.lower()]
    return None


def _as_text(df: pl.DataFrame, col: str) -> pl.Expr:
    """Any column as text: lists joined with ', ', structs as JSON, '' -> null for metadata."""
    dtype = df.schema[col]
    e = pl.col(col)
    if isinstance(dtype, pl.List):
        e = e.list.eval(pl.element().cast(pl.String)).list.join(", ")
    elif isinstance(dtype, pl.Struct):
        e = e.struct.json_encode()
    elif dtype != pl.String:
        e = e.cast(pl.String)
    return pl.when(e.str.strip_chars() == "").then(None).otherwise(e)


def _finish(frame: pl.DataFrame, run_id: str, now: datetime) -> pl.DataFrame:
    frame = frame.with_columns(pl.lit(run_id).alias("run_id"), pl.lit(now).cast(pl.Datetime("us", "UTC")).alias("ingested_at"))
    for name in META_NAMES:
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit(None, pl.String).alias(name))
    return frame.select([pl.col(c).cast(t) for c, t in BRONZE_SCHEMA.items()])


def split_known_and_repeated(bronze: pl.DataFrame, known_ids: pl.Series | None) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Split a shard into (new, already ingested in an earlier run, repeated within this frame).

    A repeated document is a byte-identical copy of an earlier row: the first stays.
    Returns frames; the repeated frame gains ``first_source_uri``.
    """
    ids = known_ids if known_ids is not None else pl.Series([], dtype=pl.String)
    is_known = pl.col("doc_id").is_in(ids.implode())
    known = bronze.filter(is_known)
    rest = bronze.filter(~is_known)
    first = rest.unique("doc_id", keep="first", maintain_order=True)
    repeated = (
        rest.join(first.select("doc_id", pl.col("source_uri").alias("first_source_uri")), on="doc_id")
        .filter(pl.col("source_uri") != pl.col("first_source_uri"))
    )
    return first, known, repeated
