"""Units -> Silver articles and the removed-lines table.

Every non-blank input line ends up either in an article body or in
``removed_lines`` with a reason: a rule / feature name, or ``field_<name>``
when it was moved into a metadata column (title, published, page_date, byline,
author_bio, credit, tags). A hard-wrapped paragraph is one unit: its removal is reported
once, at its first line, and counts for all its raw lines in ``lines_in``.
"""

from __future__ import annotations

import polars as pl

from tasks.clean.normalize import normalize_line

SILVER_COLUMNS = [
    "article_id", "doc_id", "source_uri", "source_key", "segment", "n_segments", "title", "dateline", "byline",
    "author_bio", "credit", "page_date_text", "site_name", "published_text", "tags_line", "body", "lines_in", "lines_kept", "url",
    "meta_title", "meta_date", "meta_domain", "meta_author", "meta_tags", "run_id",
]
REMOVED_SCHEMA = {"doc_id": pl.String, "line_no": pl.Int32, "rule": pl.String, "text": pl.String}
DOC_COLUMNS = [
    "doc_id", "source_uri", "source_key", "url", "meta_title", "meta_date", "meta_domain", "meta_author",
    "meta_tags", "run_id",
]


def removal_reason() -> pl.Expr:
    return pl.when(pl.col("field").is_not_null()).then(pl.lit("field_") + pl.col("field")).otherwise(pl.col("rule"))


def removed_lines(units: pl.DataFrame, control_only: pl.DataFrame, docs: pl.DataFrame) -> pl.DataFrame:
    """doc_id, line_no, rule, text for every unit not in a body, plus control-code-only lines."""
    gone = units.with_columns(removal_reason().alias("reason")).filter(pl.col("reason").is_not_null())
    parts = [
        gone.select("_d", "line_no", pl.col("reason").alias("rule"), pl.col("raw_text").alias("text")),
        control_only.select("_d", "line_no", pl.lit("wire_control").alias("rule"), "text"),
    ]
    return (
        pl.concat(parts).join(docs.select("_d", "doc_id"), on="_d", how="left", maintain_order="left").sort("_d", "line_no")
        .select(pl.col("doc_id"), pl.col("line_no").cast(pl.Int32), "rule", "text")
    )


def _segment_of_control_lines(units: pl.DataFrame, control_only: pl.DataFrame) -> pl.DataFrame:
    """Attach each control-only line to the article of the unit before it (else the first)."""
    anchors = units.select("_d", "line_no", "seg").sort("_d", "line_no")
    ctrl = control_only.sort("_d", "line_no").join_asof(anchors, on="line_no", by="_d", strategy="backward", check_sortedness=False)
    return ctrl.with_columns(pl.col("seg").fill_null(0)).group_by("_d", "seg").agg(pl.len().cast(pl.Int32).alias("_ctrl"))


def build_articles(units: pl.DataFrame, control_only: pl.DataFrame, segs: pl.DataFrame,
                   page: pl.DataFrame, docs: pl.DataFrame) -> pl.DataFrame:
    """One row per (document, segment) with exactly the Silver columns."""
    kept = units.filter(removal_reason().is_null())
    prev_end = pl.col("line_end").shift(1).over("_d", "seg")
    sep = pl.when(prev_end.is_null()).then(pl.lit("")).when(pl.col("line_no") == prev_end + 1).then(pl.lit("\n")).otherwise(pl.lit("\n\n"))
    bodies = kept.with_columns((sep + pl.col("text")).alias("_piece")).group_by("_d", "seg", maintain_order=True).agg(
        pl.col("_piece").str.join("").alias("body"), pl.col("n_raw").sum().cast(pl.Int32).alias("lines_kept"),
    )
    counts = units.group_by("_d", "seg").agg(pl.col("n_raw").sum().cast(pl.Int32).alias("_units_in"))
    all_segs = pl.concat([
        docs.select("_d", pl.lit(0, pl.Int32).alias("seg")),
        units.select("_d", pl.col("seg").cast(pl.Int32)).unique(),
    ]).unique()
    arts = (
        all_segs.with_columns(pl.col("seg").cast(pl.Int32))
        .join(segs.with_columns(pl.col("seg").cast(pl.Int32)), on=["_d", "seg"], how="left", maintain_order="left")
        .join(bodies.with_columns(pl.col("seg").cast(pl.Int32)), on=["_d", "seg"], how="left", maintain_order="left")
        .join(counts.with_columns(pl.col("seg").cast(pl.Int32)), on=["_d", "seg"], how="left", maintain_order="left")
        .join(_segment_of_control_lines(units, control_only).with_columns(pl.col("seg").cast(pl.Int32)),
              on=["_d", "seg"], how="left", maintain_order="left")
        .join(page, on="_d", how="left", maintain_order="left")
        .join(docs, on="_d", how="left", maintain_order="left")
        .sort("_d", "seg")
    )
    meta_title = normalize_line(pl.col("meta_title"))
    return arts.with_columns(
        (pl.col("doc_id") + "-" + pl.col("seg").cast(pl.String)).alias("article_id"),
        pl.col("seg").alias("segment"),
        pl.len().over("_d").cast(pl.Int32).alias("n_segments"),
        pl.col("body").fill_null(""),
        pl.col("lines_kept").fill_null(0).cast(pl.Int32),
        (pl.col("_units_in").fill_null(0) + pl.col("_ctrl").fill_null(0)).cast(pl.Int32).alias("lines_in"),
        pl.when(pl.col("title").is_null() & (pl.col("seg") == 0) & (meta_title != "")).then(meta_title)
        .otherwise(pl.col("title")).alias("title"),
        pl.col("tags_line").cast(pl.List(pl.String)),
    ).select(SILVER_COLUMNS)
