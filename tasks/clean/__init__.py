"""clean: bronze documents -> silver articles. Pure polars, no Prefect.

Pipeline over one exploded table of logical lines ("units"):

1. ``lines``      split, normalise (``normalize``), join hard-wrapped paragraphs;
2. ``features``   length, stop-word and link density, punctuation, position -> good/near/short;
   ``dates``      date-line / clock / relative-date features;
3. ``rules``      the documented rule set (widgets, comment forms, counters, captions...);
   ``templates``  lines recurring across one source's pages (map/reduce over the run);
   ``rules``      tail rules, once templates are known (a publisher box no running text follows, a
                  promotional author bio among the last paragraphs);
   ``pages``      document-level decision: error pages, teaser lists, a lone headline hold no article;
                  nor does a profile address or a text sharing no word with its known title;
4. ``segment``    split pages holding several articles;
5. ``fields``     title, dates, byline, author bio, credit, tags and dateline out of the body;
6. ``context``    jusText-style neighbour smoothing and related-link runs;
7. ``assemble``   Silver rows and the removed-lines table (every line has a reason).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from tasks.clean.assemble import DOC_COLUMNS, REMOVED_SCHEMA, SILVER_COLUMNS, build_articles, removed_lines
from tasks.clean.classifier import apply_line_model
from tasks.clean.context import resolve_context
from tasks.clean.dates import add_date_features
from tasks.clean.features import add_features, add_stopwords, feature_class
from tasks.clean.fields import extract_fields
from tasks.clean.lines import build_units
from tasks.clean.normalize import fingerprint, normalize_line
from tasks.clean.pages import is_listing_url, mark_non_articles, mark_off_pages
from tasks.clean.rules import apply_rules, apply_tail_rules, mark_references
from tasks.clean.segment import add_segments
from tasks.clean.templates import STATS_SCHEMA, line_occurrences, mark_templates, merge_stats, stats_from_occurrences
from tasks.settings import Settings

__all__ = ["CleanResult", "template_stats", "merge_template_stats", "clean_documents", "clean_units", "STATS_SCHEMA", "SILVER_COLUMNS"]


@dataclass(frozen=True)
class CleanResult:
    articles: pl.DataFrame  #: exactly ``SILVER_COLUMNS``, one row per article
    removed_lines: pl.DataFrame  #: doc_id, line_no (1-based), rule, text


def _units(bronze: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    units, control_only = build_units(bronze)
    return units.with_columns(fingerprint(pl.col("text")).alias("fp")), control_only


def template_stats(bronze: pl.DataFrame) -> pl.DataFrame:
    """Map step (one shard): columns ``source_key, fp, n_docs, n_texts``.

    One row per (source_key, line fingerprint) with the distinct documents and
    distinct articles (longest-line signature) carrying it, plus one row per
    source with ``fp`` null holding the source's document and article counts.
    """
    if bronze.height == 0:
        return pl.DataFrame(schema=STATS_SCHEMA)
    units, _ = _units(bronze)
    occ = line_occurrences(units, bronze["source_key"])
    sources = (
        bronze.select(pl.int_range(pl.len(), dtype=pl.UInt32).alias("_d"), "source_key")
        .join(occ.select("_d", "sig").unique("_d"), on="_d", how="left", maintain_order="left")
        .with_columns(pl.col("sig").fill_null(pl.lit("")))
    )
    return stats_from_occurrences(occ, sources)


def merge_template_stats(parts: list[pl.DataFrame], min_texts: int = 1) -> pl.DataFrame:
    """Reduce step: sum the parts (shards of this run and, optionally, a persisted history table).

    The result has the same columns as a part, so it can be persisted and passed back in.
    ``min_texts`` > 1 prunes line rows seen on fewer articles (keeps a history table small).
    """
    return merge_stats(parts, min_texts=min_texts)


def clean_units(bronze: pl.DataFrame, templates: pl.DataFrame, settings: Settings, line_model: bool | None = None):
    """Run the unit pipeline (steps 1-6, plus the line model when enabled).

    Returns ``(units, control_only, segs, page, docs)``; ``line_model`` overrides
    ``settings.line_model`` (the training script reads the units without it).
    """
    docs = bronze.select(pl.int_range(pl.len(), dtype=pl.UInt32).alias("_d"), *(pl.col(c).cast(pl.String) for c in DOC_COLUMNS))
    units, control_only = _units(bronze)
    meta_fp = docs.select("_d", "source_key", fingerprint(normalize_line(pl.col("meta_title"))).alias("meta_fp"), "meta_author")
    units = units.join(meta_fp, on="_d", how="left", maintain_order="left").with_columns(pl.col("text").alias("raw_text"))
    units = add_date_features(feature_class(add_features(add_stopwords(units))))
    units = mark_references(apply_tail_rules(mark_templates(apply_rules(units), templates, settings)))
    page_docs = bronze.select(pl.int_range(pl.len(), dtype=pl.UInt32).alias("_d"), "url", "meta_title", "text")
    listing = page_docs.filter(is_listing_url(pl.col("url")))["_d"]
    units = mark_non_articles(mark_off_pages(units, page_docs), settings.non_article_max_good, listing)
    units = add_segments(units, settings.segment_min_good)
    units, segs, page = extract_fields(units)
    units = resolve_context(units)
    if settings.line_model if line_model is None else line_model:
        units = apply_line_model(units)
    return units, control_only, segs, page, docs


def clean_documents(bronze: pl.DataFrame, templates: pl.DataFrame, settings: Settings) -> CleanResult:
    """Strip chrome, split multi-article pages and move metadata lines into columns."""
    if bronze.height == 0:
        return CleanResult(_empty_articles(), pl.DataFrame(schema=REMOVED_SCHEMA))
    units, control_only, segs, page, docs = clean_units(bronze, templates, settings)
    articles = build_articles(units, control_only, segs, page, docs)
    return CleanResult(articles, removed_lines(units, control_only, docs))


def _empty_articles() -> pl.DataFrame:
    schema = {c: pl.String for c in SILVER_COLUMNS} | {
        "segment": pl.Int32, "n_segments": pl.Int32, "lines_in": pl.Int32, "lines_kept": pl.Int32,
        "tags_line": pl.List(pl.String),
    }
    return pl.DataFrame(schema=schema)
