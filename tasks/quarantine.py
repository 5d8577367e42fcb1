"""Quarantine rows: what was set aside, by which stage and rule, and why."""

from __future__ import annotations

from datetime import datetime, timezone

import polars as pl

QUARANTINE_SCHEMA = {
    "stage": pl.String,
    "rule": pl.String,
    "reason": pl.String,
    "run_id": pl.String,
    "doc_id": pl.String,
    "article_id": pl.String,
    "source_uri": pl.String,
    "quarantined_at": pl.Datetime("us", "UTC"),
}


def empty() -> pl.DataFrame:
    return pl.DataFrame(schema=QUARANTINE_SCHEMA)


def quarantine_rows(
    rows: pl.DataFrame,
    *,
    stage: str,
    rule: str | pl.Expr,
    reason: str | pl.Expr,
    run_id: str,
    now: datetime | None = None,
) -> pl.DataFrame:
    """Quarantine records for ``rows`` (which need ``doc_id``; ``article_id``/``source_uri`` if present)."""
    now = now or datetime.now(timezone.utc)
    as_expr = lambda v: v if isinstance(v, pl.Expr) else pl.lit(v)  # noqa: E731
    opt = lambda c: pl.col(c) if c in rows.columns else pl.lit(None, pl.String)  # noqa: E731
    return rows.select(
        pl.lit(stage).alias("stage"),
        as_expr(rule).cast(pl.String).alias("rule"),
        as_expr(reason).cast(pl.String).alias("reason"),
        pl.lit(run_id).alias("run_id"),
        opt("doc_id").cast(pl.String).alias("doc_id"),
        opt("article_id").cast(pl.String).alias("article_id"),
        opt("source_uri").cast(pl.String).alias("source_uri"),
        pl.lit(now).cast(pl.Datetime("us", "UTC")).alias("quarantined_at"),
    )


def counts_by_rule(q: pl.DataFrame) -> dict[str, int]:
    if q.is_empty():
        return {}
    return dict(q.group_by("rule").len().sort("len", descending=True).iter_rows())
