"""Split a page that holds several articles.

A new article starts at a *date line* (nothing but a date, no label) that comes
after some body text and is followed by more (e.g. seed 001: after the first article, "Sun Sep 10, 2017
9:16AM" starts a Press TV story), and so does the unit after a "NEXT STORY ▼" / "Up next" marker
(pages of infinite-scroll sites hold the next article). If the unit just before that date line looks
like a headline, the article starts at the headline instead. The body text before a date line must
also hold ``MIN_WORDS_BEFORE`` words (a standfirst and a caption are not an article). Comment
timestamps ("June 3, 2017 at 5:12 pm") and lines inside removed blocks never
split a page.
"""

from __future__ import annotations

import polars as pl

from tasks.clean.features import running_text

#: body units ("good") needed on each side of a split
MIN_GOOD_EACH_SIDE = 2
#: ... holding at least this many words before it: a headline's standfirst and a photo caption are
#: two "good" units, not an article (a video page: headline, deck, player, caption, then its date line)
MIN_WORDS_BEFORE = 60


def add_segments(units: pl.DataFrame, min_good: int = MIN_GOOD_EACH_SIDE) -> pl.DataFrame:
    """Add ``seg`` (0-based article index within the document); reads ``next_marker`` (``rules.apply_rules``)."""
    good = running_text()
    good_words = pl.when(good).then(pl.col("n_words")).otherwise(0)
    units = units.with_columns(
        good.cast(pl.Int32).cum_sum().over("_d").alias("_gcum"),
        (good_words.cum_sum().over("_d") - good_words).alias("_wbefore"),
    )
    units = units.with_columns(
        (pl.col("_gcum") - good.cast(pl.Int32)).alias("_gbefore"),
        (pl.col("_gcum").max().over("_d") - pl.col("_gcum")).alias("_gafter"),
    )
    candidate = (
        pl.col("is_date_line") & pl.col("date_only") & ~pl.col("is_relative") & pl.col("rule").is_null()
        & ~pl.col("text").str.contains(r"(?i)\bat\s+\d{1,2}[:.]\d{2}")
        & (pl.col("_gbefore") >= min_good) & (pl.col("_gafter") >= min_good) & (pl.col("_wbefore") >= MIN_WORDS_BEFORE)
    )
    # the unit after a "NEXT STORY ▼" marker (an infinite-scroll page) starts a new article
    after_marker = (
        (pl.col("_d").shift(1) == pl.col("_d")) & pl.col("next_marker").shift(1)
        & (pl.col("_gbefore") >= min_good) & (pl.col("_gafter") >= min_good)
    ).fill_null(False)
    units = units.with_columns((candidate | after_marker).alias("_cand"))
    # enough body between two consecutive candidates of the same page (units and words: a review's
    # "Published online" line under its headline and book details does not split it from the marker above)
    gap = pl.col("_gbefore") - pl.col("_gbefore").shift(1).over("_d")
    word_gap = pl.col("_wbefore") - pl.col("_wbefore").shift(1).over("_d")
    cands = (
        units.filter("_cand").select("_d", "u", "_gbefore", "_wbefore")
        .with_columns(gap.fill_null(min_good).alias("_gap"), word_gap.fill_null(MIN_WORDS_BEFORE).alias("_wgap"))
        .filter((pl.col("_gap") >= min_good) & (pl.col("_wgap") >= MIN_WORDS_BEFORE))
        .select("_d", "u", pl.lit(True).alias("_split"))
    )
    # pull the split up to a headline just before the date line
    prev_headline = (
        units.select(
            "_d", (pl.col("u") + 1).alias("u"),
            (pl.col("headline_like") & (pl.col("fclass") != "good") & pl.col("rule").is_null()
             & (pl.col("n_words") >= 3)).alias("_hl"),
        )
    )
    cands = cands.join(prev_headline, on=["_d", "u"], how="left", maintain_order="left").with_columns(
        pl.when(pl.col("_hl").fill_null(False)).then(pl.col("u") - 1).otherwise(pl.col("u")).alias("u")
    ).select("_d", "u", "_split")
    units = units.join(cands, on=["_d", "u"], how="left", maintain_order="left").with_columns(pl.col("_split").fill_null(False))
    return units.with_columns(
        pl.col("_split").cast(pl.Int32).cum_sum().over("_d").alias("seg")
    ).drop("_gcum", "_gbefore", "_wbefore", "_gafter", "_cand")
