"""Documents -> a table of logical lines ("units"), the cleaner's working unit.

A unit is one non-blank line after normalisation, except in hard-wrapped text
(Reuters wire copy, ~70 columns): there the continuation lines of a paragraph
are joined to it, because a line feature such as length or stop-word density
means nothing on a fragment of a sentence. Each unit keeps the 1-based number of
its first raw line (``line_no``), its last (``line_end``) and how many raw lines
it covers (``n_raw``).
"""

from __future__ import annotations

import polars as pl

from tasks.clean.normalize import compose, normalize_line

#: a document is treated as hard-wrapped when its longest line is in this range ...
WRAP_WIDTH = (40, 100)
#: ... it has at least this many non-blank lines ...
WRAP_MIN_LINES = 4
#: ... and at least this share of them come within WRAP_SLACK characters of the longest
WRAP_FULL_SHARE = 0.3
WRAP_SLACK = 12
#: transmission garbage: a run of a dozen ASCII consonants (y included), which no word of a Latin-script language has
#: ("gz&#127;gg&#127;ggy..." once the control codes are removed); such a line is never part of a paragraph
GARBAGE = r"(?i)(?-u:\b)[b-df-hj-np-tv-z]{12,}(?-u:\b)"


def explode_lines(bronze: pl.DataFrame) -> pl.DataFrame:
    """One row per raw line: ``_d`` (document ordinal), ``line_no`` (1-based), ``raw``."""
    docs = compose(bronze.select(pl.int_range(pl.len(), dtype=pl.UInt32).alias("_d"), pl.col("text").fill_null("")))
    return (
        docs.select("_d", pl.col("text").str.replace_all(r"\r\n?", "\n").str.split("\n").alias("raw"))
        .with_columns(pl.int_ranges(1, pl.col("raw").list.len() + 1, dtype=pl.Int32).alias("line_no"))
        .explode(["raw", "line_no"])
    )


def _wrap_marks(lines: pl.DataFrame) -> pl.DataFrame:
    """Add ``cont``: the line continues the previous one (greedy word-wrap evidence)."""
    raw = pl.col("raw")
    lines = lines.with_columns(
        normalize_line(raw).alias("text"),
        (raw.str.len_chars() - raw.str.strip_chars_start().str.len_chars()).cast(pl.Int32).alias("indent"),
    ).with_columns(
        (pl.col("text") != "").alias("nb"),
        # displayed width: entities ("&lt;") count as the character they stand for
        (pl.col("indent") + pl.col("text").str.len_chars()).cast(pl.Int32).alias("rlen"),
    )
    nb_len = pl.when(pl.col("nb")).then(pl.col("rlen"))
    width = nb_len.max().over("_d")
    lines = lines.with_columns(
        width.alias("_w"),
        pl.when(pl.col("nb")).then(pl.col("indent")).min().over("_d").alias("_min_indent"),
        pl.col("nb").sum().over("_d").alias("_n_nb"),
    )
    full = (pl.col("nb") & (pl.col("rlen") >= pl.col("_w") - WRAP_SLACK)).sum().over("_d") / pl.col("_n_nb")
    wrapped = pl.col("_w").is_between(*WRAP_WIDTH) & (pl.col("_n_nb") >= WRAP_MIN_LINES) & (full >= WRAP_FULL_SHARE)
    first_word = pl.col("text").str.extract(r"^(\S+)").str.len_chars().fill_null(0)
    prev_same = pl.col("_d").shift(1) == pl.col("_d")
    garbage = pl.col("text").str.contains(GARBAGE)
    cont = (
        wrapped & pl.col("nb") & prev_same & pl.col("nb").shift(1) & ~garbage & ~garbage.shift(1)
        & (pl.col("indent") <= pl.col("_min_indent"))
        & (pl.col("rlen").shift(1) + 1 + first_word > pl.col("_w") - 3)
    )
    return lines.with_columns(cont.fill_null(False).alias("cont"))


def build_units(bronze: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(units, control_only): units are non-blank logical lines with ``u`` (0-based index in the doc);
    control_only lists raw lines that were non-blank but held only control codes/entities."""
    lines = _wrap_marks(explode_lines(bronze))
    control_only = lines.filter(~pl.col("nb") & (pl.col("raw").str.strip_chars() != "")).select(
        "_d", "line_no", pl.col("raw").str.strip_chars().alias("text")
    )
    lines = lines.with_columns((~pl.col("cont")).cum_sum().alias("_para"))
    has_wrap = lines.group_by("_d").agg(pl.col("cont").any().alias("_wrapped"))
    lines = lines.join(has_wrap, on="_d", how="left", maintain_order="left")
    plain = lines.filter(~pl.col("_wrapped") & pl.col("nb")).select(
        "_d", "line_no", pl.col("line_no").alias("line_end"), pl.lit(1, pl.Int32).alias("n_raw"), "text"
    )
    wrapped = (
        lines.filter(pl.col("_wrapped") & pl.col("nb"))
        .group_by("_para", maintain_order=True)
        .agg(
            pl.col("_d").first(), pl.col("line_no").first(), pl.col("line_no").last().alias("line_end"),
            pl.len().cast(pl.Int32).alias("n_raw"), pl.col("text").str.join(" "),
        )
        .drop("_para")
    )
    units = pl.concat([plain, wrapped]).sort("_d", "line_no")
    units = units.with_columns(pl.int_range(pl.len(), dtype=pl.Int32).over("_d").alias("u"))
    return units, control_only
