"""Date-line features: is a unit (mostly) a date, a clock, a relative date?

A *date line* is a short unit that is nothing but a date, a time, a weekday,
a relative date ("10 months ago") and cue words ("Posted on", "GMT") once those
are taken out — e.g. "22 June 2016 1:06", "Sun Sep 10, 2017 9:16AM",
"21:39 GMT14 July 2020", "access_time10 months ago".

A *dated byline* is a date line whose only other words name the author: "Posted on
October 4, 2017 by Rex Calloway", "By Jane Doe | March 3, 2017", "Publié le 3 mars 2017
par Élodie Marchand" (the WordPress / CMS "posted on ... by" line). It is both the
article's date and its byline; ``byline_residue`` keeps "by <name>".
"""

from __future__ import annotations

import polars as pl

from tasks.clean.patterns import (
    DATE_ANY, DATE_CUE_WORDS, DATE_REL, ICON_TOKEN, PUBLISHED_CUE, TIME, TIME_CORE, WEEKDAY, WEEKDAY_LATIN, WEEKDAY_OTHER,
)

#: cue words before a date on a date line
PUBLISHED_CUE_WORDS = r"posted|published|(?:first|originally) published|updated|last updated|publié(?:e)? le|publicado(?: el)?"

#: what separates a label from the date on a date line
LABEL_SEPARATOR = rf"[|•·]|\.\.\.|…|\s[-–—]\s|{ICON_TOKEN}"
#: a date line has at most this many tokens
DATE_LINE_MAX_TOKENS = 12
#: counters printed on a byline line ("14 Comments", "3 min read", "2.4K views")
COUNTER_ITEM = r"(?i)\d[\d,.]*[km]?\s+(?:comments?|views?|shares?|reads?|min(?:ute)?s?(?: read)?)(?-u:\b)"
#: what is left of a dated byline once its date, time and cue words are gone: "by" and a name of 1-4 words
BYLINE_RESIDUE = (
    r"^(?:(?i:summary|story|words|text|curated|compiled|written|reported|edited|posted)\s+)?(?i:by|par|por)\s+"
    r"\p{Lu}[\p{L}.'’-]*(?:\s+\p{L}[\p{L}.'’-]*){0,3}$|"
    # a portal's contributor, a name or a user handle: "Contributor: DeltaPatriot76 | Posted 04/07/2017"
    r"^(?i:contributor|submitted by|posted by)\s*:?\s+\p{Lu}[\p{L}\p{N}_.'’-]*(?:\s+\p{L}[\p{L}.'’-]*){0,3}$"
)
#: ... or a bare name of two or three capitalised words beside the date ("Elena Marsh · Sep 3, 2017")
NAME_RESIDUE = r"^\p{Lu}\p{Ll}+(?:\s+\p{Lu}[\p{Ll}'’-]+){1,2}$"
#: ... which is not a section label ("World News · 3 March 2017", "Middle East | ...")
SECTION_WORDS = (
    r"(?i)(?-u:\b)(?:news|world|middle|east|west|politics|business|sport|sports|opinion|analysis|latest|local|national|"
    r"international|breaking|live|video|tech|technology|science|health|culture|economy|markets|europe|asia|africa|america|"
    r"americas|features?|editorial|comment|review|reviews|updates?|stories|story|staff|desk|team|"
    r"department|ministry|office|press|briefing|statement|release|bulletin|report)(?-u:\b)"
)
#: a line opening with the date and a separator, a label after it ("October 16, 2018 · Published in Vol. 12, No. 42")
LEADING_DATE = r"(?:[|•·/]|\s[-–—]\s)"


def add_date_features(units: pl.DataFrame) -> pl.DataFrame:
    """Add ``n_dates``, ``has_time``, ``is_relative``, ``is_date_line``, ``date_only`` (nothing but the
    date: no label), ``published_cue``, ``clock_first``, ``dated_byline`` and ``byline_residue``.

    Computed on units short enough to be date lines and holding a digit or "ago" (others get
    false / 0), joined back.
    """
    short = units.filter(
        (pl.col("n_tokens") <= 2 * DATE_LINE_MAX_TOKENS) & pl.col("text").str.contains(r"\d|(?i)ago(?-u:\b)")
    ).select("_d", "u", "text", "n_tokens")
    feats = _date_features(short).drop("text", "n_tokens")
    cols = [c for c in feats.columns if c not in ("_d", "u")]
    units = units.join(feats, on=["_d", "u"], how="left", maintain_order="left")
    return units.with_columns(
        pl.col(c).fill_null(0 if c == "n_dates" else False) for c in cols if c != "byline_residue"
    )


def _date_features(units: pl.DataFrame) -> pl.DataFrame:
    t = pl.col("text")
    residue = (
        t.str.replace_all(DATE_ANY, " ").str.replace_all(DATE_REL, " ").str.replace_all(TIME, " ")
        .str.replace_all(rf"(?i)(?-u:\b)(?:{WEEKDAY_LATIN})\.?|{WEEKDAY_OTHER}", " ").str.replace_all(ICON_TOKEN, " ")
        .str.replace_all(DATE_CUE_WORDS, " ").str.replace_all(r"(?i)(?-u:\b)(?:am|pm)(?-u:\b)", " ")
    )
    return units.with_columns(
        t.str.count_matches(DATE_ANY).cast(pl.Int32).alias("n_dates"),
        t.str.contains(TIME).alias("has_time"),
        t.str.contains(DATE_REL).alias("is_relative"),
        t.str.contains(PUBLISHED_CUE).alias("published_cue"),
        # a header clock shows the time before the date ("21:39 GMT14 July 2020")
        t.str.contains(rf"(?i)^{TIME_CORE}\s*\S*?\d{{1,2}}\s").alias("clock_first"),
        residue.str.count_matches(r"\p{L}{2,}").alias("_residue_words"),
        residue.str.replace_all(COUNTER_ITEM, " ").str.replace_all(r"[|•·,]|[–—-]\s", " ").str.replace_all(r"\s+", " ")
        .str.strip_chars(" -–—:").alias("_residue"),
    ).with_columns(
        ((pl.col("n_dates") >= 1) & (
            pl.col("_residue").str.contains(BYLINE_RESIDUE)
            | (pl.col("_residue").str.contains(NAME_RESIDUE) & ~pl.col("_residue").str.contains(SECTION_WORDS)
               & t.str.contains(LABEL_SEPARATOR))
        )).alias("dated_byline"),
        # (every unit here is short enough: ``add_date_features`` passes only those)
        t.str.contains(rf"(?i)^(?:(?:{PUBLISHED_CUE_WORDS})\s+(?:on\s+)?)?(?:{WEEKDAY},?\s+)?{DATE_ANY}\s*(?:,?\s*{TIME_CORE})?\s*{LEADING_DATE}")
        .alias("_leading_date"),
        # the place it was filed from, then the date: "Sevilla, 17 de enero de 2019, 07:30"
        t.str.contains(rf"^\p{{Lu}}[\p{{L}}.'’-]+(?:\s\p{{Lu}}[\p{{L}}.'’-]+)?,\s*(?:{WEEKDAY},?\s+)?{DATE_ANY}").alias("_place_date"),
    ).with_columns(
        ((
            ((pl.col("n_dates") >= 1) | pl.col("is_relative"))
            & (
                # nothing but dates, times and cue words ("Published 27/03/2016 11:20 | Updated ...")
                ((pl.col("_residue_words") == 0) & (pl.col("n_tokens") <= 2 * DATE_LINE_MAX_TOKENS))
                # a label next to the date: "Politics | 3 hours ago", "folder_openAsia-Pacific... access_time..."
                | ((pl.col("_residue_words") <= 3) & (pl.col("n_tokens") <= 8) & t.str.contains(LABEL_SEPARATOR))
            )
        ) | pl.col("dated_byline") | pl.col("_leading_date")
          | (pl.col("_place_date") & (pl.col("_residue_words") <= 2) & (pl.col("n_tokens") <= DATE_LINE_MAX_TOKENS))
        ).alias("is_date_line"),
        (pl.col("_residue_words") == 0).alias("date_only"),
        pl.when(pl.col("dated_byline")).then(pl.col("_residue")).alias("byline_residue"),
    ).drop("_residue_words", "_residue", "_leading_date", "_place_date")
