"""What earlier successful runs already accounted for (read from the published Delta tables)."""

from __future__ import annotations

from pathlib import Path

import polars as pl


def table_exists(path: Path) -> bool:
    return (path / "_delta_log").is_dir()


def scan_table(path: Path, version: int | None = None) -> pl.LazyFrame | None:
    if not table_exists(path):
        return None
    return pl.scan_delta(str(path), version=version)


def known_doc_ids(articles: Path, quarantine: Path) -> pl.Series:
    """doc_ids already published or quarantined: incremental runs skip these."""
    parts = [lf.select("doc_id") for lf in (scan_table(articles), scan_table(quarantine)) if lf is not None]
    if not parts:
        return pl.Series("doc_id", [], pl.String)
    return pl.concat(parts).drop_nulls().unique().collect()["doc_id"]


def prior_canonicals(articles: Path, signatures: Path | None = None) -> pl.DataFrame | None:
    """Canonical (non-duplicate) articles of the current version, for cross-version dedup.

    With a signature store, each carries its MinHash ``signature`` and ``signature_params``
    so near duplicates are found across versions, not only exact ones.
    """
    lf = scan_table(articles)
    if lf is None:
        return None
    prior = (
        lf.filter(pl.col("duplicate_of").is_null())
        .select("article_id", "text_hash", "published_at", pl.col("body").str.len_chars().alias("body_chars"))
        .collect()
    )
    files = sorted(signatures.glob("*.parquet")) if signatures is not None and signatures.is_dir() else []
    if files:
        sigs = pl.read_parquet(files, columns=["article_id", "signature", "signature_params"])
        prior = prior.join(sigs.unique("article_id", keep="last"), on="article_id", how="left")
    return prior


def prior_article_ids(articles: Path) -> pl.Series:
    lf = scan_table(articles)
    if lf is None:
        return pl.Series("article_id", [], pl.String)
    return lf.select("article_id").collect()["article_id"]
