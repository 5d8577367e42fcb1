"""Shared tokenisation helpers for the enrichers (pure polars, no per-row Python).

Two tokenisations are used, on purpose:

- *whitespace words* (``\\S+``), as Gopher/C4 count them: word count, mean word
  length, share of words without a letter;
- *normalised tokens*: lower-cased runs of letters/digits, optionally joined by an
  inner apostrophe or hyphen (``al-nusra``, ``don't``), a trailing possessive
  ``'s`` dropped. Used for stop-word ratios, n-gram repetition, keywords and
  MinHash shingles.

``tokens_long`` explodes a text column into one row per token (``_row``, ``_pos``,
``token``) so that per-document statistics are ``group_by`` aggregations.
"""

from __future__ import annotations

import polars as pl

#: one normalised token (applied to lower-cased text)
TOKEN_PATTERN = r"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*"
#: a whitespace-delimited word
WORD_PATTERN = r"\S+"
ROW = "_row"
POS = "_pos"

#: English function words (closed classes: determiners, pronouns, auxiliaries,
#: prepositions, conjunctions, common adverbs). Used for the stop-word ratio
#: quality signal and to drop non-content words from keywords.
ENGLISH_STOP_WORDS: frozenset[str] = frozenset(
    """
    a about above after again against all almost also although always am among an and another any
    anybody anyone anything are aren't around as at be became because been before being below
    between both but by can can't cannot could couldn't did didn't do does doesn't doing don't done
    down during each either else even ever every few for from further get gets got had hadn't has
    hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how
    how's however i i'd i'll i'm i've if in into is isn't it it's its itself just least less let
    let's like many may me might more most much must mustn't my myself neither never no nobody none
    nor not nothing now of off often on once one only onto or other others ought our ours ourselves
    out over own per perhaps quite rather said same say says several shall shan't she she'd she'll
    she's should shouldn't since so some somebody someone something still such than that that's the
    their theirs them themselves then there there's these they they'd they'll they're they've this
    those though through thus to too toward towards under until up upon us very via was wasn't we
    we'd we'll we're we've were weren't what what's whatever when when's where where's whether which
    while who who's whoever whom whose why why's will with within without won't would wouldn't yet
    you you'd you'll you're you've your yours yourself yourselves
    """.split()
)
#: the eight Gopher stop words (Rae et al. 2021): a document in English normally has several
GOPHER_STOP_WORDS: frozenset[str] = frozenset({"the", "be", "to", "of", "and", "that", "have", "with"})


def normalise_text_expr(col: str | pl.Expr) -> pl.Expr:
    """Lower-case, typographic apostrophe -> ``'``, every whitespace run -> one space, stripped."""
    e = pl.col(col) if isinstance(col, str) else col
    return (
        e.fill_null("")
        .str.to_lowercase()
        .str.replace_all("’", "'", literal=True)
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )


def normalise_tokens_expr(col: str | pl.Expr) -> pl.Expr:
    """Text prepared for tokenising: lower-case, typographic apostrophes folded, possessive ``'s`` dropped."""
    e = pl.col(col) if isinstance(col, str) else col
    return e.fill_null("").str.to_lowercase().str.replace_all("’", "'", literal=True).str.replace_all(r"'s\b", "")


def token_list_expr(col: str | pl.Expr) -> pl.Expr:
    """List of normalised tokens (see ``normalise_tokens_expr``)."""
    return normalise_tokens_expr(col).str.extract_all(TOKEN_PATTERN)


def tokens_long(df: pl.DataFrame, text_col: str, *, keep: tuple[str, ...] = ()) -> pl.DataFrame:
    """One row per normalised token, in text order: ``_row`` (u32 row index), ``_pos`` (u32
    position in the document), ``token``. Documents without tokens produce no rows.
    ``keep`` columns are carried along."""
    return (
        df.lazy()
        .select(
            pl.int_range(pl.len(), dtype=pl.UInt32).alias(ROW),
            *[pl.col(c) for c in keep],
            token_list_expr(text_col).alias("token"),
        )
        .with_columns(pl.col("token").list.len().alias("_n"))
        .with_columns((pl.col("_n").cum_sum() - pl.col("_n")).alias("_start"))
        .filter(pl.col("_n") > 0)
        .explode("token")
        .with_columns((pl.int_range(pl.len(), dtype=pl.UInt32) - pl.col("_start")).cast(pl.UInt32).alias(POS))
        .drop("_n", "_start")
        .collect()
    )


def stop_word_series() -> pl.Series:
    return pl.Series("token", sorted(ENGLISH_STOP_WORDS), dtype=pl.String)
