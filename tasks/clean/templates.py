"""Cross-document template evidence (map -> reduce -> mark).

A line that recurs on many *different* pages of one source (``source_key``) is
site chrome: banners, menus, footers, "Scroll Up". Pages are counted twice:

- ``n_docs``: distinct documents carrying the line;
- ``n_texts``: distinct *articles* carrying it, where an article is identified
  by the fingerprints of its two longest lines. Reposts and re-sent wires of one
  story share them, so a real sentence repeated across nine copies of the same
  article counts once and is not mistaken for a template.

The stats table has one row per (source_key, fp) and one row per source with
``fp`` null holding the source's totals. Parts are summed, so the reduce works
over shards and over a persisted history table (documents are never counted
twice because ingest is incremental).
"""

from __future__ import annotations

import polars as pl

from tasks.clean.patterns import BYLINE
from tasks.settings import Settings

#: a byline recurs on every page of a one-author site, but it is metadata, not a template:
#: "By Jane Doe", "Posted on by jdoe", "Posted on March 3, 2017 by Jane Doe"
BYLINE_LIKE = BYLINE + r"|(?i)^(?:posted|written|published|submitted)(?: on)?(?: .{1,40})? by \S+(?: \S+){0,3}$"

STATS_SCHEMA = {"source_key": pl.String, "fp": pl.String, "n_docs": pl.Int64, "n_texts": pl.Int64}


def line_occurrences(units: pl.DataFrame, source_key: pl.Series) -> pl.DataFrame:
    """Distinct (source_key, fp, _d, sig) rows: which documents (and articles: ``sig``) carry each line."""
    keys = pl.DataFrame({"_d": pl.Series(range(len(source_key)), dtype=pl.UInt32), "source_key": source_key})
    sig = (
        units.sort("_d", pl.col("text").str.len_chars(), descending=[False, True], maintain_order=True)
        .group_by("_d", maintain_order=True).agg(pl.col("fp").head(2).str.join("|").alias("sig"))
    )
    return (
        units.filter(pl.col("fp") != "").select("_d", "fp").unique()
        .join(sig, on="_d", how="left", maintain_order="left").join(keys, on="_d", how="left", maintain_order="left")
    )


def stats_from_occurrences(occ: pl.DataFrame, sources: pl.DataFrame) -> pl.DataFrame:
    """Aggregate occurrences; ``sources`` is (source_key, _d, sig) for every document."""
    lines = occ.group_by("source_key", "fp").agg(
        pl.col("_d").n_unique().cast(pl.Int64).alias("n_docs"),
        pl.col("sig").n_unique().cast(pl.Int64).alias("n_texts"),
    )
    totals = sources.group_by("source_key").agg(
        pl.lit(None, pl.String).alias("fp"),
        pl.col("_d").n_unique().cast(pl.Int64).alias("n_docs"),
        pl.col("sig").n_unique().cast(pl.Int64).alias("n_texts"),
    )
    return pl.concat([lines.select(list(STATS_SCHEMA)), totals.select(list(STATS_SCHEMA))])


def merge_stats(parts: list[pl.DataFrame | pl.LazyFrame], min_texts: int = 1) -> pl.DataFrame:
    """Sum parts; drop line rows seen on fewer than ``min_texts`` articles (source totals are kept).

    Parts may be lazy (``pl.scan_parquet``): the sum then runs on polars' streaming
    engine, so the reduce needs memory for the distinct lines, not for every shard's rows.
    """
    parts = [p.lazy().select(list(STATS_SCHEMA)).cast(STATS_SCHEMA) for p in parts]
    if not parts:
        return pl.DataFrame(schema=STATS_SCHEMA)
    merged = pl.concat(parts).group_by("source_key", "fp").agg(pl.col("n_docs").sum(), pl.col("n_texts").sum())
    merged = merged.filter(pl.col("fp").is_null() | (pl.col("n_texts") >= min_texts))
    return merged.collect(engine="streaming").sort("source_key", "fp")


def candidate_templates(merged: pl.DataFrame, settings: Settings) -> pl.DataFrame:
    """Only the rows ``mark_templates`` can fire on (and the source totals).

    A line on fewer than ``template_min_docs`` articles, or on less than the smallest
    share any template rule needs, can never be marked: dropping it keeps the table that
    every clean task joins as small as the set of recurring lines, whatever the corpus size.
    """
    totals = merged.filter(pl.col("fp").is_null()).select("source_key", pl.col("n_texts").alias("_src"))
    min_share = min(settings.template_min_share, settings.template_prose_min_share)
    keep = pl.col("fp").is_null() | (
        (pl.col("n_texts") >= settings.template_min_docs)
        & (pl.col("n_texts") >= min_share * pl.col("_src").clip(lower_bound=1))
    )
    return merged.join(totals, on="source_key", how="left").filter(keep).drop("_src")


def mark_templates(units: pl.DataFrame, templates: pl.DataFrame, settings: Settings) -> pl.DataFrame:
    """Set ``rule`` to ``template`` / ``template_partial`` on unruled units whose line is a template.

    A template line is on >= ``template_min_docs`` distinct articles and >= ``template_min_share``
    of the source's articles; prose (a long sentence-like ``good`` unit) needs
    ``template_prose_min_share``, as boilerplate sentences (disclaimers) recur on most pages.
    On >= ``template_anchor_min_share`` of the pages it is site chrome (``template``, an anchor
    for its neighbours); below, ``template_partial`` is removed but does not condemn its
    neighbours (a table label recurring on one pages in ten, a section sidebar).
    A byline (``BYLINE_LIKE``) is never a template: it is left to the metadata fields.
    """
    templates = templates.cast(STATS_SCHEMA) if templates.height else pl.DataFrame(schema=STATS_SCHEMA)
    totals = templates.filter(pl.col("fp").is_null()).select("source_key", pl.col("n_texts").alias("_src_texts"))
    lines = templates.filter(pl.col("fp").is_not_null()).select("source_key", "fp", pl.col("n_texts").alias("_tpl_texts"))
    units = units.join(lines, on=["source_key", "fp"], how="left", maintain_order="left").join(totals, on="source_key", how="left", maintain_order="left")
    share = pl.col("_tpl_texts") / pl.col("_src_texts").clip(lower_bound=1)
    prose = (pl.col("fclass") == "good") & pl.col("is_sentence") & (pl.col("n_words") >= 12)
    is_tpl = (
        ~pl.col("text").str.contains(BYLINE_LIKE)
        & (pl.col("_tpl_texts") >= settings.template_min_docs)
        & (share >= pl.when(prose).then(pl.lit(settings.template_prose_min_share)).otherwise(pl.lit(settings.template_min_share)))
    ).fill_null(False)
    strong = share >= settings.template_anchor_min_share
    return units.with_columns(
        pl.when(pl.col("rule").is_not_null() | ~is_tpl).then(pl.col("rule"))
        .when(strong).then(pl.lit("template")).otherwise(pl.lit("template_partial")).alias("rule"),
        # the line's share of the source's articles (0 when not recurring): evidence for the line model
        share.fill_null(0.0).cast(pl.Float32).alias("tpl_share"),
    ).drop("_tpl_texts", "_src_texts")
