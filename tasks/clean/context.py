"""Neighbour context (jusText's second pass, vectorised), and related-link runs.

Units still undecided are ``short`` or ``near``. Each looks at its nearest
``good`` / ``bad`` neighbour on both sides within its article, skipping short
and near units and anything *transparent* (metadata lines moved to fields and
lines removed by ``inline`` rules such as captions). ``bad`` is a unit removed
by an ``anchor`` rule or as a template. Before the first unit of an article is
the page *start*, which counts as bad when the article's head holds an anchor
(a page whose header shows chrome is chrome until proven otherwise) and as
*none* otherwise; after the last unit is *none* (no evidence: the end of a
clean article such as a list of results must survive).

The title counts as *none* too, so lines between a title and the body are not
condemned for lack of evidence; a deck above the title (``fields``) is kept and
transparent. Items of a list introduced by a body line ending
with a colon (``list_items``) are kept and transparent.

- short: kept between good and good, good and none, none and good, and where
  there is no evidence at all (start/none and none: a page of only short lines,
  such as a wire earnings table); kept between good and bad only if a near unit
  stands between it and the bad side (jusText); kept between bad and good before
  the article's first good unit when it reads as a phrase (two words or more,
  closing punctuation or a date), unlike a one-word menu item: that is the
  article's head (a byline, a credit, a greeting, a one-line lead after the page
  banner; jusText drops them, and on unlabelled FakeNewsCorpus pages most such
  lines were metadata or text); kept after a single interruption (one removed
  unit, such as a share bar or an ad slot, with a paragraph before it) when it
  reads as a subheading: 2-12 words, opening upper case with lower case in it,
  no colon, bullet or bar, and a paragraph follows; an interruption that
  introduces what follows ("RELATED:", a related-links header) does not count;
  removed otherwise ("short lines between chrome are chrome").
- near: removed after a bad unit when no good one follows.

Removed runs of >= ``RELATED_MIN_RUN`` headline-like units in an article's
tail are reported as ``related_links``; a Title-Case headline closing an article
is ``closing_headline``.
"""

from __future__ import annotations

import polars as pl

from tasks.clean.features import running_text
from tasks.clean.rules import RULE_KIND

SEG = ["_d", "seg"]
RELATED_MIN_RUN = 3
#: a subheading inside an article has at most this many words
SUBHEAD_MAX_WORDS = 12


def list_items(units: pl.DataFrame) -> pl.DataFrame:
    """Add ``_list``: short / near units continuing a list introduced by a line ending with a colon
    ("Following are the key players covered in this report:" then one name a line).

    A list is the run of consecutive unruled short / near units right after the introducer;
    it ends at the next paragraph, removed line or introducer. The introducer is kept with it.
    """
    free = pl.col("rule").is_null() & pl.col("field").is_null()
    item = free & pl.col("fclass").is_in(["short", "near"])
    intro = (
        free & pl.col("text").str.contains(r"[:：]$")
        & (pl.col("fclass").is_in(["good", "near"]) & (pl.col("n_words") >= 3) | (pl.col("n_words") >= 5))
    )
    units = units.with_columns(item.alias("_item"), intro.alias("_intro"))
    units = units.with_columns((~pl.col("_item") | pl.col("_intro")).cast(pl.Int32).cum_sum().over(SEG).alias("_run"))
    units = units.with_columns(
        (pl.col("_item") & ~pl.col("_intro") & pl.col("_intro").first().over(*SEG, "_run")).alias("_list")
    )
    return units.with_columns(
        pl.col("_list") | (pl.col("_intro") & pl.col("_list").shift(-1).over(SEG).fill_null(False))
    ).drop("_item", "_intro", "_run")


def _ctx_class() -> pl.Expr:
    rule = pl.col("rule")
    inline = [name for name, kind in RULE_KIND.items() if kind == "inline"]
    return (
        pl.when(pl.col("field").eq_missing("title")).then(pl.lit("none"))
        .when(pl.col("field").is_not_null() | rule.is_in(inline).fill_null(False) | pl.col("_list")
              | pl.col("deck").fill_null(False)).then(None)
        .when(rule.is_not_null()).then(pl.lit("bad"))
        .otherwise(pl.col("fclass"))
    )


def resolve_context(units: pl.DataFrame) -> pl.DataFrame:
    """Set ``rule`` to ``context_short`` / ``context_near`` / ``related_links`` where context removes a unit."""
    units = list_items(units).with_columns(_ctx_class().alias("_c"))
    # a head line worth keeping reads as a phrase, a sentence or a date, unlike a menu item ("World", "Politics")
    phrase = (pl.col("n_words") >= 2) | pl.col("ends_sentence") | pl.col("ends_stop") | pl.col("is_date_line")
    text = pl.col("text")
    # (literal tests, no regex: this runs on every unit)
    subhead = (
        pl.col("n_words").is_between(2, SUBHEAD_MAX_WORDS) & ~pl.col("is_date_line") & pl.col("starts_upper")
        & ((text.str.to_uppercase() != text) | (text.str.to_lowercase() == text))  # not all capitals (caseless scripts pass)
        & ~pl.any_horizontal(*(text.str.contains(c, literal=True) for c in (":", "：", "|", "•")))
    )
    ctx = units.filter(pl.col("_c").is_not_null()).select(
        *SEG, "u", "_c", "head", phrase.alias("_phrase"), subhead.alias("_subhead"),
        (text.str.strip_chars_end().str.ends_with(":") | text.str.strip_chars_end().str.ends_with("：")
         | pl.col("rule").eq_missing("related_header")).alias("_intro"),
    )
    gb = pl.when(pl.col("_c").is_in(["good", "bad", "none"])).then(pl.col("_c"))
    gbn = pl.when(pl.col("_c").is_in(["good", "bad", "none", "near"])).then(pl.col("_c"))
    # the page start condemns only where the article's head shows chrome (an anchor)
    start = pl.when((pl.col("head") & (pl.col("_c") == "bad")).any().over(SEG)).then(pl.lit("start")).otherwise(pl.lit("none"))
    ctx = ctx.with_columns(
        (pl.col("_c") == "good").cast(pl.Int32).cum_sum().over(SEG).alias("_good_before"),
        gb.shift(1).forward_fill().over(SEG).fill_null(start).alias("_prev"),
        gb.shift(-1).backward_fill().over(SEG).fill_null("none").alias("_next"),
        gbn.shift(1).forward_fill().over(SEG).alias("_prev_n"),
        gbn.shift(-1).backward_fill().over(SEG).alias("_next_n"),
        # an interruption that introduces what follows ("RELATED:", "Related stories") is no mere interruption
        pl.when(pl.col("_intro")).then(pl.lit("intro")).otherwise(pl.col("_c")).shift(1).over(SEG).alias("_prev_imm"),
        pl.col("_c").shift(2).over(SEG).alias("_prev_imm2"),
    )
    prev, nxt = pl.col("_prev"), pl.col("_next")
    badish = ["bad", "start", "none"]
    keep_short = (
        ((prev == "good") & nxt.is_in(["good", "none"]))
        | ((prev == "none") & (nxt == "good"))
        | (prev.is_in(["start", "none"]) & (nxt == "none"))  # no evidence either way
        | ((prev == "good") & (nxt == "bad") & (pl.col("_next_n") == "near"))
        | (prev.is_in(["bad", "start"]) & (nxt == "good") & (pl.col("_prev_n") == "near"))
        | (prev.is_in(["bad", "start"]) & (nxt == "good") & (pl.col("_good_before") == 0) & pl.col("_phrase"))
        # a subheading inside the article right after one interruption (an ad slot, a tweet's sign-off) between
        # paragraphs: "... rationed." / "— Advertisement —" / "What the float means for you" / "Q: ..."
        | ((pl.col("_prev_imm") == "bad") & (pl.col("_prev_imm2") == "good") & (nxt == "good") & pl.col("_subhead"))
    )
    drop = (
        pl.when(pl.col("_c") == "short").then(pl.when(keep_short).then(None).otherwise(pl.lit("context_short")))
        .when(pl.col("_c") == "near").then(
            pl.when((prev == "bad") & nxt.is_in(badish)).then(pl.lit("context_near")).otherwise(None)
        )
    )
    ctx = ctx.select(*SEG, "u", drop.alias("_ctx_rule"))
    units = (
        units.join(ctx, on=[*SEG, "u"], how="left", maintain_order="left")
        .with_columns(pl.coalesce("rule", "_ctx_rule").alias("rule"))
        .drop("_c", "_ctx_rule", "_list")
    )
    return _closing_headline(_related_links(units))


#: a closing headline has this many words (a site name or a teaser headline, not a one-word sign-off)
CLOSING_HEADLINE_WORDS = (5, 25)


def _closing_headline(units: pl.DataFrame) -> pl.DataFrame:
    """``closing_headline``: the last kept unit of an article, after two running-text paragraphs or more,
    is a Title-Case headline (``headline_like``, most words capitalised, some lower case, not a
    parenthesis): another story's teaser, a blog's name, a slogan ("BREAKING: Barrels Removed From
    ...", "Currency Liquidator's Iraqi Dinar Blog"). An article does not end on a headline of its own.
    """
    kept = pl.col("rule").is_null() & pl.col("field").is_null()
    running = (running_text() & pl.col("field").is_null()).cast(pl.Int32)
    last_kept = kept & (kept.cast(pl.Int32).cum_sum(reverse=True).over(SEG) == 1)
    lo, hi = CLOSING_HEADLINE_WORDS
    hit = (
        last_kept & pl.col("headline_like") & (pl.col("cap_share") >= 0.7) & pl.col("n_words").is_between(lo, hi)
        & (running.cum_sum().over(SEG) >= 2) & pl.col("text").str.contains(r"\p{Ll}") & ~pl.col("text").str.starts_with("(")
        & ~pl.col("in_refs")  # (``rules.mark_references``)
    )
    return units.with_columns(pl.when(hit).then(pl.lit("closing_headline")).otherwise(pl.col("rule")).alias("rule"))


def _related_links(units: pl.DataFrame) -> pl.DataFrame:
    """Rename context removals that form a run of headline-like units in an article's tail."""
    cand = (
        pl.col("tail") & pl.col("rule").eq_missing("context_short") & pl.col("headline_like")
        & (pl.col("n_words") >= 4)
    )
    units = units.with_columns(cand.alias("_rl"))
    run_id = (pl.col("_rl") != pl.col("_rl").shift(1)).fill_null(True).cast(pl.Int32).cum_sum().over(SEG)
    units = units.with_columns(run_id.alias("_run"))
    run_len = pl.len().over(*SEG, "_run")
    return units.with_columns(
        pl.when(pl.col("_rl") & (run_len >= RELATED_MIN_RUN)).then(pl.lit("related_links"))
        .otherwise(pl.col("rule")).alias("rule")
    ).drop("_rl", "_run")
