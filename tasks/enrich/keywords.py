"""Keywords per article: TF-IDF over the frame (a shard or a whole run), polars-native.

Candidates are normalised tokens (lower case, see ``text_stats``) with at least 3
characters and one letter that are neither English stop words nor newsroom filler
("said", "told", "according", ...), and *bigrams* of two adjacent candidates not
separated by punctuation that occur at least twice in the article ("deir ezzor",
"security council").

score = tf x idf, tf = occurrences / candidate tokens of the article, idf =
ln((1 + N) / (1 + df)) + 1 (smoothed, never 0) with N articles and df the number of
articles holding the term. Bigrams are weighted x2 (a phrase is rarer than its
words by construction). A unigram is dropped when at least half of its occurrences
are inside one of the article's bigram candidates (keep "deir ezzor", not "deir").
Ties break alphabetically, so the output is deterministic.

Document frequencies come from ``df`` itself unless ``doc_freq`` (from
:func:`document_frequencies` over a larger frame, e.g. the whole run) is given.
"""

from __future__ import annotations

import polars as pl

from tasks.enrich.text_stats import ENGLISH_STOP_WORDS, ROW, TOKEN_PATTERN

NEWS_FILLER = frozenset(
    """
    said says told tell telling according added adding also would could may might must
    new one two three four five six seven eight nine ten first second third last next
    year years month months week weeks day days today yesterday tomorrow time times
    monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr per cent percent
    like just well many much made make makes making way ways including include includes
    get got go goes going went come comes came take took taken want wants wanted
    """.split()
)
STOP = sorted(ENGLISH_STOP_WORDS | NEWS_FILLER)
BIGRAM_WEIGHT = 2.0
_PIECE = TOKEN_PATTERN + r"|[.!?;:,()\[\]\"“”«»|/]"


def _candidates(df: pl.DataFrame, text_col: str) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """(unigrams, bigrams): lazy long frames of _row, term, one row per occurrence."""
    pieces = (
        df.lazy()
        .select(
            pl.int_range(pl.len(), dtype=pl.UInt32).alias(ROW),
            pl.col(text_col)
            .fill_null("")
            .str.to_lowercase()
            .str.replace_all("’", "'", literal=True)
            .str.extract_all(_PIECE)
            .alias("tok"),
        )
        .explode("tok")
        .drop_nulls("tok")
        .with_columns(pl.col("tok").str.strip_suffix("'s"))  # possessive; = replace(r"'s$", ""), no regex
        .with_columns(
            (
                pl.col("tok").str.contains(r"\p{L}")
                & (pl.col("tok").str.len_chars() >= 3)
                & ~pl.col("tok").is_in(STOP)
            ).alias("cand")
        )
    )
    nxt_ok = pl.col("cand") & pl.col("cand").shift(-1) & (pl.col(ROW).shift(-1) == pl.col(ROW))
    both = pieces.with_columns(
        pl.when(nxt_ok).then(pl.col("tok") + " " + pl.col("tok").shift(-1)).otherwise(None).alias("bigram")
    )
    uni = both.filter(pl.col("cand")).select(ROW, pl.col("tok").alias("term"))
    bi = both.filter(pl.col("bigram").is_not_null()).select(ROW, pl.col("bigram").alias("term"))
    return uni, bi


def term_counts(df: pl.DataFrame, text_col: str = "body") -> pl.DataFrame:
    """``_row`` (position in ``df``), ``term``, ``kind``, ``count``: every candidate term of each article.

    Both :func:`document_frequencies` and :func:`extract_keywords` start from this table, so a
    caller doing both (the enrich stage: frequencies in phase 1, keywords in phase 3) can
    tokenise once and pass it to each as ``counts``.
    """
    # one group_by per kind: two small hash tables on (_row, term) are ~2x cheaper than one on (_row, term, kind)
    counted = [
        part.group_by(ROW, "term").agg(pl.lit(kind, pl.Int8).alias("kind"), pl.len().cast(pl.UInt32).alias("count"))
        for kind, part in enumerate(_candidates(df, text_col), start=1)
    ]
    return pl.concat(counted).collect()


def document_frequencies(df: pl.DataFrame, text_col: str = "body", *, counts: pl.DataFrame | None = None
                         ) -> pl.DataFrame:
    """``term``, ``df`` (articles containing the term); ``n_docs`` = ``df.height`` of the input.

    ``counts``: :func:`term_counts` of ``df`` (any row key), if already computed.
    """
    counts = term_counts(df, text_col) if counts is None else counts
    return counts.group_by("term").agg(pl.len().cast(pl.Int64).alias("df"))


def extract_keywords(
    df: pl.DataFrame,
    k: int = 8,
    text_col: str = "body",
    *,
    doc_freq: pl.DataFrame | None = None,
    n_docs: int | None = None,
    counts: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """``df`` plus ``keywords`` (list[str], up to ``k`` lower-case terms, best first; never null).

    ``counts``: :func:`term_counts` of ``df`` (same row order), if already computed.
    """
    base = df.drop("keywords", strict=False)
    if base.height == 0:
        return base.with_columns(pl.lit([], dtype=pl.List(pl.String)).alias("keywords"))
    tf = term_counts(base, text_col) if counts is None else counts
    tf = tf.filter((pl.col("kind") == 1) | (pl.col("count") >= 2))
    if doc_freq is None:
        dfreq = tf.group_by("term").agg(pl.len().cast(pl.Int64).alias("df"))
        n = base.height
    else:
        dfreq = doc_freq.select("term", pl.col("df").cast(pl.Int64))
        n = int(n_docs) if n_docs is not None else base.height
    n_uni = tf.filter(pl.col("kind") == 1).group_by(ROW).agg(pl.col("count").sum().alias("n_tok"))
    # unigrams mostly used inside one of the article's bigram candidates
    parts = (
        tf.filter(pl.col("kind") == 2)
        .select(ROW, pl.col("count").alias("bi_count"), pl.col("term").str.split(" ").alias("w"))
        .explode("w")
        .group_by(ROW, "w")
        .agg(pl.col("bi_count").max())
    )
    scored = (
        tf.join(n_uni, on=ROW, how="left")
        .join(dfreq, on="term", how="left")
        .join(parts, left_on=[ROW, "term"], right_on=[ROW, "w"], how="left")
        .filter(~((pl.col("kind") == 1) & (pl.col("bi_count").fill_null(0) * 2 >= pl.col("count"))))
        .with_columns(
            (
                pl.col("count") / pl.col("n_tok").cast(pl.Float64)
                * (((1.0 + n) / (1.0 + pl.col("df").fill_null(1).clip(lower_bound=1))).log() + 1.0)
                * pl.when(pl.col("kind") == 2).then(BIGRAM_WEIGHT).otherwise(1.0)
            ).alias("score")
        )
        .sort([ROW, "score", "term"], descending=[False, True, False])
        .group_by(ROW, maintain_order=True)
        .head(k)
        .group_by(ROW, maintain_order=True)
        .agg(pl.col("term").alias("keywords"))
    )
    return (
        base.with_row_index(ROW)
        .join(scored, on=ROW, how="left")
        .sort(ROW)
        .drop(ROW)
        .with_columns(pl.col("keywords").fill_null(pl.lit([], dtype=pl.List(pl.String))))
    )


__all__ = ["extract_keywords", "document_frequencies", "term_counts"]
