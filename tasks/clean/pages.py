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
- *link list*: the page opens with a related / recommended header ("Recommended
  Resources", "Related Posts") and no paragraph of article length (over
  ``LIST_PAGE_MAX_WORDS`` words) follows: the list is the whole page;
- *listing entries*: the address is a tag / category / topic / archive listing
  (or a site's front page; ``is_listing_url``) and the page shows two entries or
  more: two date lines, two truncated teasers ending in an ellipsis, or a "Read
  more". Without an address, a page that names itself a listing among its first
  units ("Tag: X", "TOPIC: X", ``LISTING_HEADER``) or shows two teaser buttons
  ("Keep Reading »") and dates two entries or more is one too. (A listing address alone is not enough: a WordPress archive showing its
  latest post holds that post's opening, which is text.)
- *author archive*: the same name signs three dated bylines or more ("Jun 14, 2008 —
  Jim Bray", each above a teaser): one author's list of entries. An article
  carries its own dated byline once (twice with a footer), never three times.
- *headline only*: no running text or sentence at all, at most two units, all
  of them headline-like, and none is the page's known title (``meta_title``): a
  sidebar headline scraped instead of the story. Without a known title a lone
  headline is taken as the title, which leaves the body empty anyway.

Two more signals judge a page against what its metadata says it is, and remove
all its unruled units under their own rule name (so the quarantine says why):

- ``profile_page``: the address is an author / contributor profile
  (``/author/<name>``, ``/contributor/pages/20/405/bio.html``, optionally
  ``/page/2``) with no article slug after it: a profile with its teasers, not an
  article. (Tag and category archives are *not* judged by address: the
  WordPress archive showing its latest post holds that post's text.)
- ``off_topic``: the page has a known title (``meta_title``) of three content
  words or more and the text contains *none* of them (5-letter prefixes, case
  folded): the scraper stored some other text under this title (a sidebar
  story, an ad placeholder, a template). An article always repeats some word of
  its own headline: on Reuters-21578 no page of 20,825 with such a title is flagged.
  A title that is the site's name ("Black Agenda Report" on blackagendareport.com)
  says nothing about the text and is not used.
"""

from __future__ import annotations

import polars as pl

from tasks.clean.features import running_text, stopword_table

#: a truncated teaser: ends with an ellipsis glued to "Read more", or with "[…]" / "Continue reading"
TEASER = (
    r"(?i)(?:(?:\.{2,}|…)\s*(?:read more|read on|more|continue reading)\s*[»›>]*|\[(?:…|\.\.\.)\]|"
    r"(?-u:\b)(?:continue reading|read more)\s*[»›>→]+)\s*$"
)


#: scheme and host of an address ("https://www.example.com")
ORIGIN = r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]+"
#: listing segments of CMS addresses (WordPress, Drupal, Ghost ...): tag, category, topic and archive pages
_LISTING_SEG = r"(?:tags?|categor(?:y|ies)|topics?|archives?|articlelist|sections?)"
#: a listing address: a site's front page, a listing segment and up to two more (a slug, ``/page/3``), or pagination
LISTING_URL = (
    r"(?i)^[a-z][a-z0-9+.-]*://[^/?#]+(?:"
    r"/?(?:index\.(?:html?|php|aspx?))?/?(?:#.*)?$"  # the front page ("?p=123" names an article)
    rf"|(?:/[^/?#]+)*?/{_LISTING_SEG}(?:/[^/?#]+){{0,2}}(?:/page/\d+)?/?(?:[?#].*)?$"
    r"|(?:/[^/?#]+)*?/page/\d+/?(?:[?#].*)?$"
    r")"
)
#: a listing's own header: "Tag: Deir Ezzor", "TOPIC: SPECIAL FORCES", "Posts tagged Syria", "Mot-clé : Daech"
LISTING_HEADER = (
    r"(?i)^(?:tags?|tagged|topics?|categor(?:y|ies)|archives?|sections?|mots?[- ]clés?|thèmes?|dossiers?|rubriques?)"
    r"\s*[:›»|]\s*\S.{0,60}$|^(?i:posts|articles|stories|news) (?:tagged|about|in|on)\s+\S.{0,60}$"
)
#: a teaser's button on a line of its own: "Keep Reading »", "Read more", "Lire la suite"
TEASER_BUTTON = r"(?i)^(?:read more|keep reading|continue reading|read the full (?:story|article)|lire la suite|en savoir plus)\W*$"
#: a page dating this many entries and holding no paragraph over ``LIST_PAGE_MAX_WORDS`` words is a listing
LISTING_MIN_ENTRIES = 3
#: a name signing this many dated bylines on one page makes it an author archive
ARCHIVE_MIN_BYLINES = 3
#: the listing header is among the page's first units
LISTING_HEADER_UNITS = 12
#: a page opening with a related-links header holds only that list when no unit is longer than this
LIST_PAGE_MAX_WORDS = 40
#: ... unless it has this many paragraphs in a row (an article in a language of long words, a tabloid's
#: one-sentence paragraphs)
ARTICLE_MIN_GOOD_RUN = 3
#: a profile address: a profile segment, then at most four segments none of which is an article slug
PROFILE_URL = (
    r"(?i)^[a-z][a-z0-9+.-]*://[^/?#]+(?:/[^/?#]+)*?/(?:authors?|contributors?|profiles?|writers?|columnists?)"
    r"(?:/[^/?#]+){0,4}/?(?:[?#].*)?$"
)
#: an article slug: five hyphen/underscore-joined words or more ("trump-wants-to-deport-american-indians")
ARTICLE_SLUG = r"/[^/?#]*(?:[-_][^-_/?#]+){4,}(?:/|$|[?#])"
#: a title needs this many distinct content words before its absence from the text means anything
OFF_TOPIC_MIN_WORDS = 3
#: title words are compared by this many leading characters (a crude stem: "attacks" ~ "attacked")
OFF_TOPIC_PREFIX = 5


def _address_without_slug(url: pl.Expr, pattern: str) -> pl.Expr:
    """``url`` matches ``pattern`` and its path holds no article slug (false for null)."""
    path = url.str.replace(ORIGIN, "")
    return (url.str.contains(pattern) & ~path.str.contains(ARTICLE_SLUG)).fill_null(False)


def is_listing_url(url: pl.Expr) -> pl.Expr:
    """True where ``url`` addresses a listing page (front page, tag / category / topic archive)."""
    return _address_without_slug(url, LISTING_URL)


def is_profile_url(url: pl.Expr) -> pl.Expr:
    """True where ``url`` addresses an author / contributor profile page."""
    return _address_without_slug(url, PROFILE_URL)


def off_topic_docs(docs: pl.DataFrame) -> pl.Series:
    """``_d`` of documents whose text contains no content word of their ``meta_title`` (>= 3 such words)."""
    stops = stopword_table()["word"]
    squeeze = r"[^\p{L}\p{N}]+"
    host = pl.col("url").str.extract(r"^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#]+)", 1).str.to_lowercase().str.replace_all(squeeze, "")
    site_name = host.str.contains(pl.col("meta_title").str.to_lowercase().str.replace_all(squeeze, ""), literal=True)
    words = (
        docs.filter(~site_name.fill_null(False))
        .select("_d", pl.col("meta_title").str.to_lowercase().str.extract_all(r"[\p{L}\p{N}]{3,}").alias("w"))
        .explode("w")
        .filter(pl.col("w").is_not_null() & ~pl.col("w").is_in(stops.implode()))
        .select("_d", pl.col("w").str.slice(0, OFF_TOPIC_PREFIX))
        .unique()
    )
    counted = words.group_by("_d").len().filter(pl.col("len") >= OFF_TOPIC_MIN_WORDS)
    if counted.height == 0:
        return pl.Series("_d", [], dtype=docs["_d"].dtype)
    words = words.join(counted.select("_d"), on="_d", how="semi")
    texts = docs.join(counted.select("_d"), on="_d", how="semi").select("_d", pl.col("text").str.to_lowercase().alias("lc"))
    hits = words.join(texts, on="_d").group_by("_d").agg(pl.col("lc").str.contains(pl.col("w"), literal=True).any().alias("hit"))
    return hits.filter(~pl.col("hit"))["_d"]


def mark_off_pages(units: pl.DataFrame, docs: pl.DataFrame) -> pl.DataFrame:
    """Set ``rule`` to ``profile_page`` / ``off_topic`` on the unruled units of such pages.

    ``docs``: ``_d``, ``url``, ``meta_title`` and ``text`` per document.
    """
    profile = docs.filter(is_profile_url(pl.col("url")))["_d"]
    off = off_topic_docs(docs)
    if profile.len() == 0 and off.len() == 0:
        return units
    free = pl.col("rule").is_null()
    return units.with_columns(
        pl.when(free & pl.col("_d").is_in(profile.implode())).then(pl.lit("profile_page"))
        .when(free & pl.col("_d").is_in(off.implode())).then(pl.lit("off_topic"))
        .otherwise(pl.col("rule")).alias("rule")
    )


def mark_non_articles(units: pl.DataFrame, max_good: int = 2, listing: pl.Series | None = None) -> pl.DataFrame:
    """Set ``rule`` to ``no_article`` on the unruled units of pages that hold no article.

    ``listing``: the ``_d`` of pages whose address is a listing (``is_listing_url``).
    """
    t = pl.col("text")
    good = running_text()
    teaser = t.str.contains(TEASER) & (pl.col("rule").is_null() | (pl.col("rule") == "read_more"))
    dated = (pl.col("n_dates") >= 1) & (pl.col("n_words") <= 12)
    same_prev, same_next = pl.col("_d").shift(1) == pl.col("_d"), pl.col("_d").shift(-1) == pl.col("_d")
    # a dated entry stands apart (headline and teaser between two dates), unlike a list of dated maturities
    apart = dated & ~(same_prev & dated.shift(1)).fill_null(False) & ~(same_next & dated.shift(-1)).fill_null(False)
    # runs of consecutive paragraphs (good or near, no rule): an article has paragraphs in a row, a listing
    # alternates headline, date and teaser
    gr = (pl.col("fclass").is_in(["good", "near"]) & pl.col("rule").is_null()).fill_null(False)
    run_id = (gr != gr.shift(1)).fill_null(True).cast(pl.Int32).cum_sum().over("_d")
    units = units.with_columns(apart.alias("_apart"), pl.when(gr).then(run_id).alias("_grun"))
    signer = pl.col("byline_residue").str.to_lowercase().str.replace(r"^(?:\p{L}+\s+)?(?:by|par|por)\s+", "")
    archive = (
        units.filter(pl.col("dated_byline")).group_by("_d", signer.alias("_signer")).len()
        .filter(pl.col("len") >= ARCHIVE_MIN_BYLINES)["_d"].unique()
    )
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
        ((pl.col("u") == 0) & (pl.col("rule") == "related_header")).any().alias("_opens_list"),
        pl.col("is_date_line").sum().alias("_date_lines"),
        (pl.col("ends_ellipsis") & (pl.col("n_words") >= 8)).sum().alias("_truncated"),
        pl.col("n_words").max().alias("_max_words"),
        ((pl.col("u") < LISTING_HEADER_UNITS) & t.str.contains(LISTING_HEADER) & ~pl.col("is_sentence")).any().alias("_listing_header"),
        t.str.contains(TEASER_BUTTON).sum().alias("_buttons"),
        dated.sum().alias("_dated"),
        pl.col("_apart").sum().alias("_dated_apart"),
        pl.col("_grun").drop_nulls().unique_counts().max().fill_null(0).alias("_good_run"),
    )
    error_page = (pl.col("_err") >= 1) & (pl.col("_good") <= max_good)
    teaser_list = ((pl.col("_read_more") >= 1) & (pl.col("_good") == 0)) | ((pl.col("_teasers") >= 2) & (pl.col("_good") <= 1))
    headline_only = (
        (pl.col("_prose") == 0) & (pl.col("_n") <= 2) & pl.col("_all_headline") & pl.col("_has_meta") & ~pl.col("_meta_seen")
    )
    on_listing = pl.col("_d").is_in((listing if listing is not None else pl.Series([], dtype=pl.UInt32)).implode())
    entries = on_listing & ((pl.col("_date_lines") >= 2) | (pl.col("_truncated") >= 2) | (pl.col("_read_more") >= 1))
    # without an address: the page names itself a listing ("Tag: X") or shows teaser buttons, and dates two entries
    entries = entries | ((pl.col("_listing_header") | (pl.col("_buttons") >= 2)) & (pl.col("_dated") >= 2)
                         & (pl.col("_good_run") < ARTICLE_MIN_GOOD_RUN))
    # ... or three dated entries and no paragraph of article length
    entries = entries | ((pl.col("_dated_apart") >= LISTING_MIN_ENTRIES) & (pl.col("_max_words") <= LIST_PAGE_MAX_WORDS)
                         & (pl.col("_good_run") < ARTICLE_MIN_GOOD_RUN))
    entries = entries | pl.col("_d").is_in(archive.implode())
    link_list = pl.col("_opens_list") & (pl.col("_max_words") <= LIST_PAGE_MAX_WORDS) & (pl.col("_n") >= 3)
    flagged = per_doc.filter(error_page | teaser_list | headline_only | link_list | entries).select("_d", pl.lit(True).alias("_no_article"))
    units = units.drop("_apart", "_grun")
    if flagged.height == 0:
        return units
    return units.join(flagged, on="_d", how="left", maintain_order="left").with_columns(
        pl.when(pl.col("_no_article").fill_null(False) & pl.col("rule").is_null()).then(pl.lit("no_article"))
        .otherwise(pl.col("rule")).alias("rule")
    ).drop("_no_article")
