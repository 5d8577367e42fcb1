"""Stage contracts as pandera models (polars backend).

Each model is the contract one stage's output must meet. Column checks here are
*row-level*: a row that fails one goes to quarantine with the check's name as
its rule. Missing columns or wrong dtypes are *dataset-level* failures and fail
the stage (see ``validations.gate``).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import polars as pl
import pandera.polars as pa

SOURCE_FORMATS = ["txt", "csv", "jsonl", "parquet"]
UTC_TS = pl.Datetime("us", "UTC")
STR_LIST = pl.List(pl.String)

#: Longest document the pipeline accepts (characters); longer ones are quarantined.
MAX_DOC_CHARS = 2_000_000


def _not_blank(data: pa.PolarsData) -> pl.LazyFrame:
    return data.lazyframe.select(pl.col(data.key).str.strip_chars().str.len_chars() > 0)


class _Contract(pa.DataFrameModel):
    class Config:
        strict = False  # extra columns are allowed; contracts fix the minimum
        coerce = False


class Bronze(_Contract):
    """ingest -> bronze: one row per input document."""

    doc_id: str = pa.Field(unique=True, str_matches=r"^[0-9a-f]{32}$")
    source_uri: str
    source_format: str = pa.Field(isin=SOURCE_FORMATS)
    source_key: str
    text: str
    encoding: str
    decode_note: str = pa.Field(nullable=True)
    n_bytes: pl.Int64 = pa.Field(ge=0)
    url: str = pa.Field(nullable=True)
    meta_title: str = pa.Field(nullable=True)
    meta_date: str = pa.Field(nullable=True)
    meta_domain: str = pa.Field(nullable=True)
    meta_author: str = pa.Field(nullable=True)
    meta_tags: str = pa.Field(nullable=True)
    run_id: str
    ingested_at: UTC_TS

    @pa.check("text", name="has_visible_text")
    def has_visible_text(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _not_blank(data)

    @pa.check("text", name="within_size_limit")
    def within_size_limit(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col(data.key).str.len_chars() <= MAX_DOC_CHARS)


class Silver(_Contract):
    """clean -> silver: one row per article (a page may hold several)."""

    article_id: str = pa.Field(unique=True)
    doc_id: str = pa.Field(str_matches=r"^[0-9a-f]{32}$")
    source_uri: str
    source_key: str
    segment: pl.Int32 = pa.Field(ge=0)
    n_segments: pl.Int32 = pa.Field(ge=1)
    title: str = pa.Field(nullable=True)
    dateline: str = pa.Field(nullable=True)
    byline: str = pa.Field(nullable=True)
    author_bio: str = pa.Field(nullable=True)
    credit: str = pa.Field(nullable=True)
    page_date_text: str = pa.Field(nullable=True)
    site_name: str = pa.Field(nullable=True)
    published_text: str = pa.Field(nullable=True)
    tags_line: STR_LIST = pa.Field(nullable=True)
    body: str
    lines_in: pl.Int32 = pa.Field(ge=0)
    lines_kept: pl.Int32 = pa.Field(ge=0)
    url: str = pa.Field(nullable=True)
    meta_title: str = pa.Field(nullable=True)
    meta_date: str = pa.Field(nullable=True)
    meta_domain: str = pa.Field(nullable=True)
    meta_author: str = pa.Field(nullable=True)
    meta_tags: str = pa.Field(nullable=True)
    run_id: str

    @pa.check("body", name="has_article_text")
    def has_article_text(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A page that is only chrome leaves an empty body: quarantined, not published."""
        return _not_blank(data)


class Gold(Silver):
    """enrich -> gold: silver plus metadata, language, hashes and duplicate marks."""

    language: str = pa.Field(str_matches=r"^([a-z]{2,3}|und)$")
    language_score: pl.Float64 = pa.Field(ge=0.0, le=1.0, nullable=True)
    published_at: UTC_TS = pa.Field(nullable=True)
    page_date: pl.Date = pa.Field(nullable=True)
    site: str = pa.Field(nullable=True)
    outlet: str = pa.Field(nullable=True)
    author: str = pa.Field(nullable=True)
    tags: STR_LIST
    word_count: pl.Int32 = pa.Field(ge=0)
    text_hash: str = pa.Field(str_matches=r"^[0-9a-f]{32}$")
    duplicate_of: str = pa.Field(nullable=True)
    quality_flags: STR_LIST

    @pa.check("published_at", name="published_not_in_future")
    def published_not_in_future(cls, data: pa.PolarsData) -> pl.LazyFrame:
        limit = datetime.now(timezone.utc) + timedelta(days=2)  # time zones and clock skew
        return data.lazyframe.select(pl.col(data.key).is_null() | (pl.col(data.key) <= limit))

    @pa.check("duplicate_of", name="not_self_duplicate")
    def not_self_duplicate(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.col(data.key).is_null() | (pl.col(data.key) != pl.col("article_id"))
        )


#: The columns consumers may rely on, in order (README "Consumer contract").
CONTRACT_COLUMNS = [
    "article_id", "doc_id", "source_uri", "segment", "title", "body",
    "published_at", "page_date", "site", "outlet", "author", "language",
    "tags", "word_count", "text_hash", "duplicate_of",
]


class Published(_Contract):
    """publish: the rows appended to the Delta table in one version."""

    article_id: str = pa.Field(unique=True)
    doc_id: str
    source_uri: str
    segment: pl.Int32 = pa.Field(ge=0)
    title: str = pa.Field(nullable=True)
    body: str = pa.Field(str_length={"min_value": 1})
    published_at: UTC_TS = pa.Field(nullable=True)
    page_date: pl.Date = pa.Field(nullable=True)
    site: str = pa.Field(nullable=True)
    outlet: str = pa.Field(nullable=True)
    author: str = pa.Field(nullable=True)
    language: str
    tags: STR_LIST
    word_count: pl.Int32 = pa.Field(ge=0)
    text_hash: str
    duplicate_of: str = pa.Field(nullable=True)
    run_id: str
    release_id: str


class Quarantine(_Contract):
    """One row per quarantined document or article, with the rule that sent it there."""

    stage: str = pa.Field(isin=["ingest", "clean", "enrich", "publish"])
    rule: str
    reason: str
    run_id: str
    doc_id: str = pa.Field(nullable=True)
    article_id: str = pa.Field(nullable=True)
    source_uri: str = pa.Field(nullable=True)
    quarantined_at: UTC_TS


STAGE_MODELS: dict[str, type[_Contract]] = {
    "ingest": Bronze,
    "clean": Silver,
    "enrich": Gold,
    "publish": Published,
}
