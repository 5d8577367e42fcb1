"""Document-level decision: does this page hold an article at all?

Scraped "articles" are sometimes not articles: an error / maintenance page, a
category page of teasers ("... Read more"), or a lone sidebar headline scraped
instead of the story. Line rules remove some of their lines, but whatever is
left would become a body (and a title). Here the page is judged as a whole from
document-level signals, and every still-unruled unit of a page that holds no
article is removed as ``no_article`` (the empty article is then quarantined by
the row gate):

- *error page*: an ``error_page`` line and at most ``non_article_max_good``
  running-text paragraphs besides;
- *teaser list*: two lines or more ending as truncated teasers ("...Read more",
  "[…]") and at most one full paragraph besides, or one "...Read more" teaser and
  no paragraph at all (a lone "[…]" excerpt may be the article's own summary);
- *headline only*: no running text or sentence at all, at most two units, all
  of them headline-like, and none is the page's known title (``meta_title``): a
  sidebar headline scraped instead of the story. Without a known title a lone
  headline is taken as the title, which leaves the body empty anyway.
"""

from __future__ import annotations

import polars as pl

#: a truncated teaser: ends with an ellipsis glued to "Read more", or with "[…]" / "Continue reading"
TEASER = (
    r"(?i)(?:(?:\.{2,}|…)\s*(?:read more|read on|more|continue reading)\s*[»›>]*|\[(?:…|\.\.\.)\]|"
    r"(?-u:\b)(?:continue reading|read more)\s*[»›>→]+)\s*$"
)


def mark_non_articles(units: pl.DataFrame, max_good: int = 2) -> pl.DataFrame:
    """Set ``rule`` to ``no_article`` on the unruled units of pages that hold no article."""
    t = pl.col("text")
    good = (pl.col("fclass") == "good") & pl.col("rule").is_null()
    teaser = t.str.contains(TEASER) & (pl.col("rule").is_null() | (pl.col("rule") == "read_more"))
    per_doc = units.group_by("_d").agg(
        (pl.col("rule") == "error_page").sum().alias("_err"),
        (good & ~teaser).sum().alias("_good"),
        teaser.sum().alias("_teasers"),
        (teaser & t.str.contains(r"(?i)(?:read more|read on|continue reading)\W*$")).sum().alias("_read_more"),
        (pl.col("meta_fp").is_not_null() & (pl.col("meta_fp") != "")).any().alias("_has_meta"),
        # the same test as the title's ``meta_match``: equal, or a long part of it (a wrapped headline)
        ((pl.col("fp") == pl.col("meta_fp"))
         | ((pl.col("fp").str.len_chars() >= 20) & pl.col("meta_fp").str.contains(pl.col("fp"), literal=True)))
        .fill_null(False).any().alias("_meta_seen"),
        (pl.col("is_sentence") | (pl.col("fclass") != "short")).sum().alias("_prose"),
        pl.len().alias("_n"),
        pl.col("headline_like").all().alias("_all_headline"),
    )
    error_page = (pl.col("_err") >= 1) & (pl.col("_good") <= max_good)
    teaser_list = ((pl.col("_read_more") >= 1) & (pl.col("_good") == 0)) | ((pl.col("_teasers") >= 2) & (pl.col("_good") <= 1))
    headline_only = (
        (pl.col("_prose") == 0) & (pl.col("_n") <= 2) & pl.col("_all_headline") & pl.col("_has_meta") & ~pl.col("_meta_seen")
    )
    flagged = per_doc.filter(error_page | teaser_list | headline_only).select("_d", pl.lit(True).alias("_no_article"))
    if flagged.height == 0:
        return units
    return units.join(flagged, on="_d", how="left", maintain_order="left").with_columns(
        pl.when(pl.col("_no_article").fill_null(False) & pl.col("rule").is_null()).then(pl.lit("no_article"))
        .otherwise(pl.col("rule")).alias("rule")
    ).drop("_no_article")
