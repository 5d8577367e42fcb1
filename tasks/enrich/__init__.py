"""enrich: silver articles -> gold. Pure composition of the enrichers, timed one by one.

Phase 1 (per shard): metadata, language, quality, entities, hashes; route articles
whose language is not published or whose quality flags quarantine them; term
document frequencies and MinHash signatures of the kept articles.
Phase 2 (whole run): duplicates (``tasks.enrich.duplicates.find_duplicates``) and
the run's document frequencies (``merge_doc_freqs``).
Phase 3 (per shard): ``finish_articles`` joins the duplicate marks and picks TF-IDF
keywords against the whole run's document frequencies.
"""

from __future__ import annotations

import threading
import time
from functools import lru_cache
from pathlib import Path

import polars as pl

from tasks.enrich.duplicates import text_hash
from tasks.enrich.entities import load_gazetteer, tag_entities
from tasks.enrich.keywords import extract_keywords, term_counts
from tasks.enrich.language import detect_language
from tasks.enrich.metadata import extract_metadata
from tasks.enrich.quality import quality_signals
from tasks.enrich.text_stats import ROW
from tasks.settings import Settings

DUP_COLUMNS = {"cluster_id": pl.String, "duplicate_of": pl.String, "dup_kind": pl.String, "dup_similarity": pl.Float64}


_GAZETTEER_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def _load(paths: tuple[Path, ...]):
    return load_gazetteer(paths)


def _gazetteer(paths: tuple[Path, ...]):
    """One automaton per process: shard threads would otherwise build it concurrently."""
    with _GAZETTEER_LOCK:
        return _load(paths)


def word_count(df: pl.DataFrame) -> pl.DataFrame:
    return df.with_columns(pl.col("body").str.count_matches(r"\S+").cast(pl.Int32).alias("word_count"))


def enrich_articles(silver: pl.DataFrame, settings: Settings) -> tuple[pl.DataFrame, dict[str, float]]:
    """Gold columns except duplicate marks; returns (frame, seconds per enricher)."""
    gazetteer = _gazetteer(tuple(settings.gazetteer_paths))
    steps = [
        ("metadata", extract_metadata),
        ("language", lambda d: detect_language(d, min_score=settings.language_min_score,
                                               max_bytes=settings.language_max_bytes)),
        ("word_count", word_count),
        ("quality", lambda d: quality_signals(d, settings)),
        ("entities", lambda d: tag_entities(d, gazetteer)),
        ("text_hash", text_hash),
    ]
    timings: dict[str, float] = {}
    df = silver
    for name, step in steps:
        t0 = time.perf_counter()
        df = step(df)
        timings[name] = time.perf_counter() - t0
    df = df.with_columns(pl.lit(None, dtype).alias(col) for col, dtype in DUP_COLUMNS.items())
    return df, timings


def route_articles(gold: pl.DataFrame, settings: Settings) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(kept, set aside) by the publish-language and quality-quarantine settings.

    The set-aside frame gains ``rule`` and ``reason`` columns.
    """
    langs = list(settings.publish_languages)
    flags = list(settings.quarantine_quality_flags)
    bad_flag = pl.col("quality_flags").list.eval(pl.element().filter(pl.element().is_in(flags))).list.first()
    rule = (
        pl.when(pl.lit(bool(langs)) & ~pl.col("language").is_in(langs)).then(pl.lit("language_not_published"))
        .when(bad_flag.is_not_null()).then(pl.lit("quality:") + bad_flag)
        .otherwise(None)
    )
    reason = (
        pl.when(pl.col("rule") == "language_not_published")
        .then(pl.format("language {} not in publish_languages {}", pl.col("language"), pl.lit(",".join(langs))))
        .otherwise(pl.format("quality flags {}", pl.col("quality_flags").list.join(",")))
    )
    marked = gold.with_columns(rule.alias("rule"))
    kept = marked.filter(pl.col("rule").is_null()).drop("rule")
    aside = marked.filter(pl.col("rule").is_not_null()).with_columns(reason.alias("reason"))
    return kept, aside


def dedup_inputs(gold: pl.LazyFrame) -> pl.LazyFrame:
    """The small columns duplicate detection needs from each article."""
    return gold.select("article_id", "text_hash", "published_at", pl.col("body").str.len_chars().alias("body_chars"))


def merge_doc_freqs(parts: list[pl.DataFrame] | pl.LazyFrame, min_df: int = 2) -> pl.DataFrame:
    """Sum per-shard term document frequencies; terms on fewer than ``min_df`` articles are
    dropped (the keyword scorer treats a missing term as df = 1, so nothing changes).

    ``parts`` may be a LazyFrame over the shard files: it is then aggregated by the streaming
    engine, without concatenating every shard's table first (~half the memory).
    """
    if isinstance(parts, list):
        if not parts:
            return pl.DataFrame(schema={"term": pl.String, "df": pl.Int64})
        parts = pl.concat(parts).lazy()
    return (parts.group_by("term").agg(pl.col("df").sum()).filter(pl.col("df") >= min_df)
            .collect(engine="streaming"))


def finish_articles(gold: pl.DataFrame, dups: pl.DataFrame, doc_freq: pl.DataFrame, n_docs: int,
                    counts: pl.DataFrame | None = None) -> pl.DataFrame:
    """Phase 3: duplicate marks, then keywords scored against the run's document frequencies.

    ``counts``: phase 1's term counts keyed by ``article_id`` (:func:`keyed_term_counts`), so
    the bodies are not tokenised twice.
    """
    marked = apply_duplicates(gold, dups)
    if counts is not None:
        rows = marked.select(pl.col("article_id"), pl.int_range(pl.len(), dtype=pl.UInt32).alias(ROW))
        counts = counts.join(rows, on="article_id", how="inner").select(ROW, "term", "kind", "count")
    return extract_keywords(marked, doc_freq=doc_freq, n_docs=n_docs, counts=counts)


def keyed_term_counts(gold: pl.DataFrame) -> pl.DataFrame:
    """``term_counts`` of the articles with ``article_id`` in place of the row number."""
    ids = gold.select(pl.int_range(pl.len(), dtype=pl.UInt32).alias(ROW), "article_id")
    return term_counts(gold).join(ids, on=ROW, how="left").select("article_id", "term", "kind", "count")


def apply_duplicates(gold: pl.DataFrame, dups: pl.DataFrame) -> pl.DataFrame:
    """Replace the placeholder duplicate columns with the run-wide result."""
    marks = dups.select("article_id", *DUP_COLUMNS).with_columns(pl.col(c).cast(t) for c, t in DUP_COLUMNS.items())
    return gold.drop(*DUP_COLUMNS).join(marks, on="article_id", how="left")
