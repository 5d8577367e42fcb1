"""Dataset-level expectations per stage, and the compact *view* each suite reads.

GX does not see the article text: each stage hands it a view of ids, metadata and
derived numbers (body length, kept-line ratio, ...), so a suite over a whole run
costs megabytes, not the corpus. Row-level rules live in ``validations.schemas``.

Suite parameters (``{"$PARAMETER": name}``) are filled at run time by the gate.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import polars as pl

def _language_codes() -> list[str]:
    """The codes the language enricher can return (ISO 639-1, a few ISO 639-3, ``und``)."""
    from tasks.enrich.language import language_codes

    return language_codes()


def suite_expectations() -> dict[str, list]:
    """Fresh expectation objects per stage (GX mutates them when added to a suite)."""
    return {
        "ingest": [
            gxe.ExpectTableRowCountToBeBetween(min_value=1),
            gxe.ExpectColumnValuesToBeUnique(column="doc_id"),
            gxe.ExpectColumnValuesToNotBeNull(column="doc_id"),
            gxe.ExpectColumnValuesToBeInSet(column="source_format", value_set=["txt", "csv", "jsonl", "parquet"]),
            # a batch where most documents needed encoding repair is a broken export, not news
            gxe.ExpectColumnValuesToBeNull(column="decode_note", mostly=0.5),
            gxe.ExpectColumnValuesToBeBetween(column="text_chars", min_value=1),
        ],
        "clean": [
            gxe.ExpectTableRowCountToBeBetween(min_value=1),
            gxe.ExpectColumnValuesToBeUnique(column="article_id"),
            gxe.ExpectColumnValuesToBeBetween(column="kept_ratio", min_value=0.0, max_value=1.0),
            # if the cleaner starts eating articles, the run stops here
            gxe.ExpectColumnMeanToBeBetween(column="kept_ratio", min_value=0.3, max_value=1.0),
            gxe.ExpectColumnValuesToBeBetween(column="body_chars", min_value=1, mostly=0.5),
            gxe.ExpectColumnValuesToNotBeNull(column="title", mostly=0.3),
            gxe.ExpectColumnValuesToBeBetween(column="segment", min_value=0, max_value=49),
        ],
        "enrich": [
            gxe.ExpectTableRowCountToBeBetween(min_value=1),
            gxe.ExpectColumnValuesToBeUnique(column="article_id"),
            gxe.ExpectColumnValuesToBeInSet(column="language", value_set=_language_codes()),
            gxe.ExpectColumnValuesToBeBetween(column="language_score", min_value=0.0, max_value=1.0),
            gxe.ExpectColumnValuesToMatchRegex(column="text_hash", regex=r"^[0-9a-f]{32}$"),
            # every duplicate_of names an article of this run or of an earlier version
            gxe.ExpectColumnValuesToBeInSet(column="duplicate_resolves", value_set=[True]),
            # a cluster is named after its canonical: members point at it, the canonical is it
            gxe.ExpectColumnValuesToBeInSet(column="cluster_consistent", value_set=[True]),
            gxe.ExpectColumnValuesToBeInSet(column="dup_kind", value_set=["exact", "near"], mostly=1.0),
            gxe.ExpectColumnValuesToBeBetween(column="word_count", min_value=1, mostly=0.5),
        ],
        "publish": [
            # nothing lost: one row per ingested document, each accounted for
            gxe.ExpectTableRowCountToEqual(value={"$PARAMETER": "bronze_documents"}),
            gxe.ExpectColumnValuesToBeUnique(column="doc_id"),
            gxe.ExpectColumnValuesToBeInSet(column="accounted", value_set=[True]),
            gxe.ExpectColumnValuesToBeInSet(
                column="outcome", value_set=["published", "duplicate", "quarantined", "partly_quarantined"]
            ),
            gxe.ExpectColumnSumToBeBetween(
                column="n_published",
                min_value={"$PARAMETER": "articles_to_publish"},
                max_value={"$PARAMETER": "articles_to_publish"},
            ),
        ],
    }


def ingest_view(bronze: pl.LazyFrame) -> pl.LazyFrame:
    return bronze.select(
        "doc_id", "source_format", "source_key", "encoding", "decode_note", "n_bytes",
        pl.col("text").str.len_chars().alias("text_chars"),
    )


def clean_view(silver: pl.LazyFrame) -> pl.LazyFrame:
    return silver.select(
        "article_id", "doc_id", "segment", "n_segments", "title", "lines_in", "lines_kept",
        pl.col("body").str.len_chars().alias("body_chars"),
        (pl.col("lines_kept") / pl.max_horizontal(pl.col("lines_in"), 1)).alias("kept_ratio"),
    )


def enrich_view(gold: pl.LazyFrame, prior_ids: pl.Series | None = None) -> pl.LazyFrame:
    ids = gold.select("article_id")
    if prior_ids is not None and len(prior_ids):
        ids = pl.concat([ids, pl.LazyFrame({"article_id": prior_ids})])
    known = ids.collect()["article_id"].implode()
    return gold.select(
        "article_id", "doc_id", "language", "language_score", "published_at", "page_date",
        "word_count", "text_hash", "duplicate_of",
        "cluster_id", "dup_kind",
        (pl.col("duplicate_of").is_null() | pl.col("duplicate_of").is_in(known)).alias("duplicate_resolves"),
        (
            pl.when(pl.col("duplicate_of").is_not_null()).then(pl.col("cluster_id") == pl.col("duplicate_of"))
            .otherwise(pl.col("cluster_id").is_null() | (pl.col("cluster_id") == pl.col("article_id")))
        ).fill_null(False).alias("cluster_consistent"),
    )


def publish_view(bronze_ids: pl.DataFrame, published: pl.DataFrame, quarantine: pl.DataFrame) -> pl.DataFrame:
    """Per ingested document: how many of its articles are published, duplicates or quarantined."""
    pub = published.group_by("doc_id").agg(
        pl.len().cast(pl.Int64).alias("n_published"),
        pl.col("duplicate_of").is_not_null().all().alias("all_duplicates"),
    )
    q = quarantine.filter(pl.col("doc_id").is_not_null()).group_by("doc_id").agg(
        pl.len().cast(pl.Int64).alias("n_quarantined"),
        pl.col("reason").is_not_null().all().alias("has_reason"),
    )
    return (
        bronze_ids.select("doc_id")
        .join(pub, on="doc_id", how="left")
        .join(q, on="doc_id", how="left")
        .with_columns(pl.col("n_published", "n_quarantined").fill_null(0))
        .with_columns(
            pl.when((pl.col("n_published") > 0) & (pl.col("n_quarantined") > 0)).then(pl.lit("partly_quarantined"))
            .when((pl.col("n_published") > 0) & pl.col("all_duplicates")).then(pl.lit("duplicate"))
            .when(pl.col("n_published") > 0).then(pl.lit("published"))
            .when(pl.col("n_quarantined") > 0).then(pl.lit("quarantined"))
            .otherwise(pl.lit("lost")).alias("outcome"),
        )
        .with_columns(
            ((pl.col("outcome") != "lost") & pl.col("has_reason").fill_null(True)).alias("accounted")
        )
        .drop("all_duplicates", "has_reason")
    )
