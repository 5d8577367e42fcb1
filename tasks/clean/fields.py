"""Move metadata lines out of the body into columns.

Per article (segment) the *head* is everything before its first body unit
("good" and not removed by a rule) and the *tail* everything after its last.

- title: the best headline-like unit of the head (matches ``meta_title``; is
  followed by a date line or byline; has 5-25 words; is the first line; ties go
  to the one nearest the body; never a list of dates or archive months). A headline removed as ``template_partial`` (it
  recurs as a related link on a few other pages) is a candidate too when a date
  line or byline follows it. Units of the head before the title are page
  header (``page_header``), except a deck right above it that reads as running
  text (``DECK_MIN_WORDS`` words, dense in stop words), which stays in the body.
- date_line: further date lines of the head, and a bare short date ("3-6-16",
  two-digit year: not parsed, since day / month order and century are unknown).
- page_date_text (page level): a date line / crawl-date counter / clock in the
  page header, i.e. before the title, or at the top of a page without a title
  when it is a clock, a counter, or not followed directly by the body.
- published_text: a date line after the title (or starting a split-off
  article, or with a "Posted/Published" cue, also under a standfirst of up to two
  paragraphs); a relative date is kept as text.
- byline ("By ...", "Von ...", "Por ...", "Hosted by ...", "Local Editor"; a dated byline "Posted on
  <date> by <name>" is the published date line and the byline; a bare name or "Name | Place" beside a
  date line; "Name, Role" anywhere in the head; a name signing off on the line after the last
  paragraph; above the title only an explicit "By ..."), credit ("Source: ...", "From: ...",
  "Reuter", "Partner · 4 min read"), tags_line ("Tags: ..." or a trailing comma list of topics).
- author_bio: among a segment's last ``BIO_LAST_UNITS`` unruled units (after some
  article text), a paragraph presenting the author, and the candidates after it: it opens with a name from
  ``meta_author`` (or that name's surname), or reads "Jane Doe is a / the ...
  <role>" with a two-word name or more, or was removed as a promotional
  ``author_bio``. A tagline ("X is a reporter at Politico.") is metadata, a
  promotional bio is chrome: both leave the body for this column.
- site_name (page level): the holder a copyright footer names ("© 2019 The Circuit Ledger"), or
  the masthead (a short capitalised template line among the first units) when no footer names
  one; the outlet of an article no credit, dateline or address names.
- dateline: a "MOSCOW (Sputnik) —" / "SALVADOR, Feb 26 -" prefix of one of the
  first body paragraphs, cut from it.
"""

from __future__ import annotations

import polars as pl

from tasks.clean.features import STOP_GOOD, running_text
from tasks.clean.normalize import split_list
from tasks.clean.patterns import (
    AUTHOR_TAGLINE, BARE_NAMES, BYLINE, BYLINE_ROLE, COPYRIGHT_HOLDER, COPYRIGHT_HOLDER_BEFORE, CREDIT, DATE_ANY, DATE_REL,
    DATELINE, ICON_TOKEN, MONTHS_FULL, NAME_AND_PLACE, NAME_WITH_AFFILIATION, READ_TIME_CREDIT, SIGNOFF, SIGNOFF_INLINE,
    SIGNOFF_NAME, TAGS_PREFIX, WAYBACK_STAMP, WEEKDAY, AFFILIATION_LINE, FOOTNOTED_AUTHORS,
)
from tasks.clean.rules import WIDGET_WORDS
from tasks.clean.subsets import flag_rows

SEG = ["_d", "seg"]
#: chrome that only a page header shows: a headline candidate above it is a site banner
HEADER_CHROME = ["menu_bar", "menu_glue", "cookie_notice", "js_residue"]
#: "14:27 05.04.2016 (updated 16:02 05.04.2016)": two dates of one article, not a date counter
UPDATED = r"(?i)(?-u:\b)(?:updated|modified|edited|aktualisiert|actualizado)(?-u:\b)|mis à jour|آخر تحديث"
#: a date line that only says when the page was last updated
UPDATED_ONLY = r"(?i)^(?:last )?(?:updated|modified|aktualisiert|actualizado)(?-u:\b)"
#: >= 3 comma-separated items of 1-4 words, each capitalised ("Daesh, Fayssal Mikdad, Iran, Syria")
_ITEM = r"#?\p{Lu}[^,:\s]*(?: [^,:\s]+){0,3}"
COMMA_LIST = rf"^{_ITEM}(?:, {_ITEM}){{2,}}$"
t = pl.col("text")
#: an author bio / tagline is one of the segment's last this many unruled units
BIO_LAST_UNITS = 3
BIO_MAX_WORDS = 120
#: words of page furniture that never make a person's name ("Related Posts", "Most Popular", "Top Stories")
NOT_NAME_WORDS = sorted(set(WIDGET_WORDS) | set("""
most recent top stories story news latest breaking more popular trending related posts archive archives
comments editor editors picks pick featured sponsored advertisement contents page pages section sections
continued below above
""".split()))
#: a line holding only a numeric date with a two-digit year ("3-6-16", "04/13/16")
SHORT_DATE_ONLY = r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$"
#: a line right above the title with this many words and dense in stop words is a deck, not page header
DECK_MIN_WORDS = 8
#: a headline's standfirst has at least this many words (and is dense in stop words)
STANDFIRST_MIN_WORDS = 15
#: ... and, thin in stop words, at least this many times as long as the headline above it
DECK_LENGTH_RATIO = 1.5
#: a caption closing with its photo credit ("... Orchard Road. Photo: TechPulse Asia")
PHOTO_CREDIT_END = r"(?i)(?:[.!?]\s+|\()(?:photo|image|picture|photograph|credit)s?\s*:\s*[^.]{2,60}\)?$"
#: a company's legal form after its name ("The Patriot Sentinel LLC", "Gulf Monitor Media Group FZ-LLC")
LEGAL_SUFFIX = r"(?:\s+(?:LLC|L\.L\.C|Ltd|Limited|Inc|Corp|Corporation|plc|PLC|GmbH|AG|SA|SAS|SARL|FZ-LLC|FZE|FZ|Pty|Co|LLP))+\.?$"
#: a header strip opening with the day's date (then weather, a Hijri date, visitor counts ...)
DAY_STRIP = rf"^(?:{WEEKDAY},?\s+)?{DATE_ANY}"
#: a date line at most this many units after an article's last paragraph dates it, when its head does not
FOOT_DATE_UNITS = 2
#: a masthead is among the page's first this many units, and reads as a name
MASTHEAD_FIRST_UNITS = 3
MASTHEAD = r"^\p{Lu}[\p{L}\d'’&.-]*(?:\s+(?:\p{Lu}[\p{L}\d'’&.-]*|\d{1,3}|of|the|de|du|des|la|le|el|al|der|die|das))*$"
#: a copyright footer names the site when it is among the page's last this many units
SITE_NAME_LAST_UNITS = 6
#: a headline followed by a date line or byline may come after at most this many body units (a promo
#: sentence above it), when the head itself holds no title candidate
LATE_TITLE_BODY_UNITS = 2
#: a labelled date line of this many words or more may be the title (see ``_choose_title``)
DATED_TITLE_MIN_WORDS = 4


def _first(units: pl.DataFrame, cond: pl.Expr, *cols: str) -> pl.DataFrame:
    """The first unit per segment meeting ``cond`` (units are in reading order)."""
    return units.filter(cond).select(*SEG, *cols).unique(SEG, keep="first", maintain_order=True)


def add_regions(units: pl.DataFrame) -> pl.DataFrame:
    """Add ``head`` / ``tail`` / ``early`` flags and ``body_rank`` (body units so far) per segment."""
    body = running_text()
    running = body.cast(pl.Int32)
    units = units.with_columns(
        running.cum_sum().over(SEG).alias("body_rank"),
        running.cum_sum(reverse=True).over(SEG).alias("_body_after"),
    )
    rank = pl.col("body_rank")
    return units.with_columns(
        (rank == 0).alias("head"),
        ((pl.col("_body_after") == 0) & (rank > 0)).alias("tail"),
        # a short unit right after the first paragraph (a standfirst): where a byline or date line may still sit
        ((rank == 1) & ~body).alias("early"),
    ).drop("_body_after")


def _field_flags(units: pl.DataFrame) -> pl.DataFrame:
    """Flags for byline / credit / tags lines (before any choice)."""
    comma_list = pl.col("tail") & ~pl.col("is_sentence") & t.str.contains(COMMA_LIST) & ~t.str.contains(r"\d{2}")
    usable = pl.col("rule").is_null() | ~pl.col("rule").is_in(["comment_block", "comment_form"])
    # a bare name ("Daniel Tan") right above or below a date line of the head is its byline
    same_doc_prev, same_doc_next = pl.col("_d").shift(1) == pl.col("_d"), pl.col("_d").shift(-1) == pl.col("_d")
    # (or beside a portal's partner credit, "Global Press Wire · 4 min read": the regex on "... read" lines only)
    units = units.with_columns(flag_rows(units, t.str.ends_with(" read"), t.str.contains(READ_TIME_CREDIT)).alias("_rt"))
    dated = pl.col("is_date_line") | pl.col("_rt")
    units = units.with_columns(t.str.contains(BYLINE_ROLE).alias("_role"))
    by_date = ((same_doc_prev & dated.shift(1)) | (same_doc_next & dated.shift(-1))).fill_null(False)
    # ... or above its role line ("Owen Pritchard" / "Legal affairs columnist" / the date)
    by_date = by_date | (same_doc_next & pl.col("_role").shift(-1)).fill_null(False)
    # (the name regexes run on the few short unruled units of the head only)
    # (a single-author site prints the same name under every post: a recurring line may still be the byline)
    free = pl.col("rule").is_null() | pl.col("rule").is_in(["template", "template_partial"])
    names = units.lazy().filter((pl.col("head") | pl.col("early")) & free & (pl.col("n_words") <= 14)).select(
        "_d", "u", (t.str.contains(BARE_NAMES) | t.str.contains(NAME_AND_PLACE)).alias("_name"),
        # (a name and role only: no date, no dateline's dash, "New York, April 9 - The U.S. Agriculture Department ...")
        ((t.str.contains(NAME_WITH_AFFILIATION) & (pl.col("n_dates") == 0) & ~t.str.contains(r"\s[-–—]\s")
          & ~pl.col("is_sentence")) | t.str.contains(FOOTNOTED_AUTHORS)).alias("_name_role"),
    ).collect()
    units = units.join(names, on=["_d", "u"], how="left", maintain_order="left")
    # (not the page's first line: a masthead above the page clock, "Der Morgenbote" / "Dienstag, 19. Februar 2019")
    # (a name with its role, "Elena R. Marsh, Spokesperson", needs no date beside it)
    bare_name = ((pl.col("_name").fill_null(False) & by_date) | pl.col("_name_role").fill_null(False)) & (pl.col("u") > 0)
    # a name signing off on the line right after the article's last paragraph
    after_body = (pl.col("tail") & (pl.col("_d").shift(1) == pl.col("_d")) & running_text().shift(1)).fill_null(False)
    who = t.str.extract(SIGNOFF_NAME, 1)
    signoff = who.is_not_null() & ~who.str.to_lowercase().str.split(" ").list.eval(pl.element().is_in(NOT_NAME_WORDS)).list.any()
    units = units.with_columns(
        flag_rows(units, after_body & pl.col("rule").is_null() & (pl.col("n_words") <= 10), signoff).alias("_signoff_name")
    )
    units = units.with_columns(t.str.contains(BYLINE).alias("_by_explicit"))
    return units.with_columns(
        (usable & (pl.col("_by_explicit") & (pl.col("n_words") <= 10) | pl.col("_role"))
         & (pl.col("head") | pl.col("early") | (pl.col("n_words") <= 6))
         | (usable & pl.col("dated_byline") & (pl.col("head") | pl.col("early"))) | bare_name
         | pl.col("_signoff_name").fill_null(False)).alias("_byline"),
        (usable & (t.str.contains(CREDIT) | pl.col("_rt")) & (pl.col("n_tokens") <= 25)
         & (pl.col("head") | pl.col("tail") | (pl.col("n_words") <= 12))).alias("_credit"),
        (usable & t.str.contains(SIGNOFF)).alias("_signoff"),
        (usable & (t.str.contains(TAGS_PREFIX) & (pl.col("n_tokens") <= 60) | comma_list)).alias("_tags"),
    ).drop("_name", "_name_role", "_signoff_name", "_rt", "_role")


def _author_names(units: pl.DataFrame) -> pl.DataFrame:
    """(_d, name) for every author of ``meta_author`` with two words or more, and their surnames."""
    names = (
        units.select("_d", split_list(pl.col("meta_author")).alias("name")).unique("_d").explode("name")
        .select("_d", pl.col("name").str.split(" and ")).explode("name")
        .with_columns(pl.col("name").str.strip_chars())
        .filter(pl.col("name").str.contains(r"^\p{Lu}[\p{L}.'’-]*(?:\s+\p{L}[\p{L}.'’-]*){1,3}$"))
    )
    surnames = names.select("_d", pl.col("name").str.extract(r"(\p{Lu}[\p{L}'’-]{3,})$", 1).alias("name")).drop_nulls()
    return pl.concat([names, surnames]).unique()


def _author_bio_flags(units: pl.DataFrame) -> pl.DataFrame:
    """Add ``_bio``: the unit is the author's bio or tagline (see the module docstring)."""
    # (a bio in a page's footer, an about box or below a copyright notice, is still the author's bio)
    free = pl.col("rule").is_null() | pl.col("rule").is_in(["author_bio", "footer_block"])
    running = running_text().cast(pl.Int32)
    running_before = running.cum_sum().over(SEG) - running
    last = free.cast(pl.Int32).cum_sum(reverse=True).over(SEG)
    units = units.with_columns(
        (free & (last <= BIO_LAST_UNITS) & (pl.col("u") >= 2) & (pl.col("n_words") <= BIO_MAX_WORDS)
         & (running_before >= 1)).alias("_bio_cand")
    )
    cand = units.filter("_bio_cand").select("_d", "u", "text", "rule")
    if cand.height == 0:
        return units.with_columns(pl.lit(False).alias("_bio")).drop("_bio_cand")
    opens = pl.col("text").str.replace(r"^[—–-]\s*", "")
    by_name = (
        cand.join(_author_names(units), on="_d")
        .filter(opens.str.starts_with(pl.col("name") + " ") | opens.str.starts_with(pl.col("name") + ","))
        # a label naming the author is no bio: "Makow comment: Mark is describing ..."
        .filter(~opens.str.contains(r"^\S+(?:\s+\S+){0,2}:\s"))
        .select("_d", "u")
    )
    by_form = cand.filter(pl.col("rule").eq_missing("author_bio") | t.str.contains(AUTHOR_TAGLINE)).select("_d", "u")
    hits = pl.concat([by_name, by_form]).unique().with_columns(pl.lit(True).alias("_bio"))
    units = units.join(hits, on=["_d", "u"], how="left", maintain_order="left").with_columns(pl.col("_bio").fill_null(False))
    # a bio is one block: a candidate between two bio paragraphs belongs to it
    first = pl.when(pl.col("_bio")).then(pl.col("u")).min().over(SEG)
    return units.with_columns(
        (pl.col("_bio") | (pl.col("_bio_cand") & (pl.col("u") > first))).fill_null(False).alias("_bio")
    ).drop("_bio_cand")


def _choose_title(units: pl.DataFrame) -> pl.DataFrame:
    """Per segment ``title_u`` (unit index of the title, or null)."""
    nxt = pl.col("_d").shift(-1) == pl.col("_d")
    # a page clock ("Mercredi 3 mars 2021 – Mis à jour à 10:14", "21:39 GMT14 July 2020") under a site
    # banner is no evidence that the banner is a headline
    clock = pl.col("clock_first") | (t.str.contains(UPDATED) & ~pl.col("published_cue"))
    meta_unit = (pl.col("is_date_line") & ~clock) | pl.col("_byline")
    next_is_meta = nxt & meta_unit.shift(-1)
    # a standfirst between the headline and its date line / byline: it sits right under a shorter
    # headline-like unit, or a headline in capitals (a tabloid's "FROZEN HELL: MUM AND TWO TOTS TRAPPED ..."
    # over its sentence-case standfirst)
    prev_caps = (t.shift(1).str.to_uppercase() == t.shift(1)) & (t.shift(1).str.to_lowercase() != t.shift(1))
    under_headline = (
        (pl.col("_d").shift(1) == pl.col("_d")) & pl.col("headline_like").shift(1) & pl.col("rule").shift(1).is_null()
        & ((pl.col("n_words").shift(1) < pl.col("n_words")) | prev_caps) & (pl.col("n_words").shift(1) >= 4)  # not a kicker
    ).fill_null(False)
    # ... and is a long sentence dense in stop words, or a long one half as long again as that headline ("Bahraini
    # pilots flew alongside US, Saudi, Emirati and Jordanian crews in overnight strikes ...": names, few stop words)
    longer = pl.col("n_words") >= DECK_LENGTH_RATIO * pl.col("n_words").shift(1)
    deck_like = (pl.col("n_words") >= STANDFIRST_MIN_WORDS) & (
        (pl.col("stop_density") >= STOP_GOOD) | (under_headline & longer).fill_null(False))
    after_deck_meta = nxt & (pl.col("_d").shift(-2) == pl.col("_d")) & deck_like.shift(-1) & meta_unit.shift(-2)
    meta_match = (
        (pl.col("seg") == 0) & pl.col("meta_fp").is_not_null() & (pl.col("meta_fp") != "")
        & ((pl.col("fp") == pl.col("meta_fp"))
           | ((pl.col("fp").str.len_chars() >= 20) & pl.col("meta_fp").str.contains(pl.col("fp"), literal=True)))
    )
    has_meta = (pl.col("seg") == 0) & pl.col("meta_fp").is_not_null() & (pl.col("meta_fp") != "")
    enough_words = (pl.col("n_words") >= 3) | ((pl.col("u") == 0) & (pl.col("n_words") >= 2))
    # a headline recurring on a few other pages of the site (as a related link) is still this page's
    # title when a date line or byline follows it here
    partial_ok = pl.col("rule").eq_missing("template_partial") & next_is_meta.fill_null(False)
    # ... and, on a blog, under its date line and right above the first paragraph, though it recurs in the
    # archive list of every page ("Monday, October 17, 2016" / "Mosul: The Big One Finally Kicks Off" / text)
    prev_is_date = ((pl.col("_d").shift(1) == pl.col("_d")) & pl.col("is_date_line").shift(1) & ~clock.shift(1)).fill_null(False)
    next_is_text = (nxt & (pl.col("fclass").shift(-1) == "good") & pl.col("rule").shift(-1).is_null()).fill_null(False)
    partial_ok = partial_ok | (pl.col("rule").is_in(["template", "template_partial"]).fill_null(False) & prev_is_date & next_is_text)
    # a title that names its date ("Department Press Briefing - February 29, 2016"): a label of four words or
    # more, a dash and the date closing the line (no clock, weekday or bar: not a page header), no
    # publication cue, above a plain date line of the same article
    plain_date = (pl.col("is_date_line") & pl.col("date_only")).cast(pl.Int32)
    plain_date_below = (plain_date.cum_sum(reverse=True).over(SEG) - plain_date) > 0
    dated_title = (
        pl.col("is_date_line") & ~pl.col("date_only") & ~pl.col("published_cue") & ~pl.col("dated_byline")
        & (pl.col("n_words") >= DATED_TITLE_MIN_WORDS) & plain_date_below & ~pl.col("has_time")
        & t.str.contains(r"^\p{Lu}[^|•·]*\s[-–—:]\s[^|•·]*\d{4}$") & ~t.str.contains(rf"(?i)^{WEEKDAY}")
    )
    headline = (
        # with a known title (tabular meta_title) only a line repeating it is the title
        (~has_meta | meta_match) & (pl.col("rule").is_null() | partial_ok) & (~pl.col("is_date_line") | dated_title)
        & pl.col("headline_like") & enough_words & ~pl.col("_byline") & ~pl.col("_credit") & ~pl.col("_tags")
        & (pl.col("n_dates") < 2)  # a list of dates, not a headline
    )
    # a promo sentence above the headline ends the head early: without a head candidate, a headline
    # that a date line or byline follows, among the first units after the body starts, is the title
    late = ~pl.col("head") & (pl.col("body_rank") <= LATE_TITLE_BODY_UNITS) & next_is_meta.fill_null(False) & pl.col("rule").is_null()
    cand = headline & (pl.col("head") | late)  # late ones count only without a head candidate (below)
    # nor an archive month selector ("December, 2015 November, 2015 ..."); on candidates only (a regex)
    not_months = t.str.count_matches(rf"(?i)\b(?:{MONTHS_FULL})\b") < 3
    score = (
        meta_match.cast(pl.Float64) * 4 + (next_is_meta | after_deck_meta).fill_null(False).cast(pl.Float64) * 2
        - (deck_like & under_headline).cast(pl.Float64)
        + pl.col("n_words").is_between(5, 25).cast(pl.Float64)
        + dated_title.cast(pl.Float64) * 1.5  # (its label is its headline; short, but a plain date line is below)
        + (pl.col("u") == 0).cast(pl.Float64) * 1.5
        # page-header chrome (menus, breadcrumbs, cookie notices) between it and the body: a site banner
        - (pl.col("_chrome_below") > 0).cast(pl.Float64) * 1.5
        - t.str.contains(r"(?:\.\.\.|…)\s+\S").cast(pl.Float64)  # a truncated breadcrumb
        - pl.col("rule").is_not_null().cast(pl.Float64)  # a recurring line (see ``partial_ok``)
        + pl.col("u") * 0.001
    )
    chrome = (pl.col("head") & pl.col("rule").is_in(HEADER_CHROME).fill_null(False)).cast(pl.Int32)
    units = units.with_columns((chrome.cum_sum(reverse=True).over(SEG) - chrome).alias("_chrome_below"))
    # score before filtering: it looks at the next unit (``next_is_meta``)
    scored = (
        units.with_columns(cand.alias("_cand"), score.alias("_score")).filter("_cand").filter(not_months)
        # (regexes on candidates only) a caption closing with its credit is no headline; "Breaking: ..." is
        # a ticker of another story when the head holds another headline
        .filter(~t.str.contains(PHOTO_CREDIT_END))
        .filter(pl.col("head") | ~pl.col("head").any().over(SEG))
        .with_columns(
            pl.col("_score") - t.str.contains(r"^(?i:breaking(?: news)?|just in)\s*:").cast(pl.Float64) * 2
            - (t.str.count_matches(r"\s[›»>]\s") >= 2).cast(pl.Float64) * 2  # a breadcrumb ending in the headline
            - t.str.contains(AFFILIATION_LINE).cast(pl.Float64) * 3  # an author's affiliation
            # a journal's or newsletter's issue line ("Journal of X, Vol. 32, No. 4, pp. 311-334", "... · Issue No. 58")
            - t.str.contains(r"(?i)(?-u:\b)(?:vol\.?\s*\d+,?\s+(?:no|issue)\.?\s*\d+|issue no\.?\s*\d+)").cast(pl.Float64) * 3
        )
    )
    best = scored.sort("_score", descending=True).unique(SEG, keep="first").select(*SEG, pl.col("u").alias("title_u"))
    return units.join(best, on=SEG, how="left", maintain_order="left").drop("_chrome_below")


def _choose_dates(units: pl.DataFrame) -> pl.DataFrame:
    """Add ``_date_kind``: 'published' / 'page_date' for head date lines."""
    body = running_text().cast(pl.Int32)
    body_before = body.cum_sum().over(SEG) - body
    # "Published 27/03/2016 ..." under a standfirst: a cued date line among the first paragraphs
    early_cued = pl.col("published_cue") & pl.col("is_date_line") & (body_before <= 2)
    # ... or any date line right under a standfirst ("May 8, 2019 · 6 min read")
    dateish = (pl.col("head") | early_cued | (pl.col("early") & pl.col("is_date_line"))) & (
        pl.col("is_date_line") | pl.col("rule").eq_missing("date_counter")) & pl.col("u").ne_missing(pl.col("title_u"))
    has_title = pl.col("title_u").is_not_null()
    next_good = ((pl.col("fclass").shift(-1) == "good") & (pl.col("_d").shift(-1) == pl.col("_d"))).fill_null(False)
    page_like = pl.col("clock_first") | ~next_good
    # a post stamped at its foot (a channel's or a forum's post): a date line within ``FOOT_DATE_UNITS``
    # units after the last paragraph, when the head dates nothing (the head's date comes first otherwise)
    last_body_u = pl.when(running_text()).then(pl.col("u")).max().over(SEG)
    head_dated = (dateish & pl.col("is_date_line")).any().over(SEG)
    # ... and no paragraph follows it (not the wrapped end of a sentence, "... between February 1, 1985 and /
    # April 2, 1987" / "Mellon said ...")
    para = (pl.col("fclass").is_in(["good", "near"]) & pl.col("rule").is_null()).cast(pl.Int32)
    paras_after = para.cum_sum(reverse=True).over(SEG) - para
    foot = (
        pl.col("tail") & pl.col("is_date_line") & pl.col("rule").is_null() & ~head_dated
        & ((pl.col("u") - last_body_u) <= FOOT_DATE_UNITS) & ~pl.col("clock_first") & (paras_after == 0)
    )
    kind = (
        pl.when(pl.col("head") & t.str.contains(WAYBACK_STAMP)).then(pl.lit("page_date"))
        .when(foot.fill_null(False)).then(pl.lit("published"))
        .when(~dateish).then(None)
        # "Updated <date>" above the headline is the page's clock, not the article's date
        .when(has_title & (pl.col("u") < pl.col("title_u")) & t.str.contains(UPDATED_ONLY)).then(pl.lit("page_date"))
        .when(pl.col("published_cue") | pl.col("dated_byline")).then(pl.lit("published"))
        .when(pl.col("rule").eq_missing("date_counter") | ((pl.col("n_dates") >= 2) & ~t.str.contains(UPDATED))).then(pl.lit("page_date"))
        .when(pl.col("seg") > 0).then(pl.lit("published"))
        # a blog's date header right above the post's title, no clock in it ("Monday, October 17, 2016")
        .when(has_title & (pl.col("u") == pl.col("title_u") - 1) & ~pl.col("has_time")).then(pl.lit("published"))
        .when(has_title & (pl.col("u") < pl.col("title_u"))).then(pl.lit("page_date"))
        .when(has_title).then(pl.lit("published"))
        .when(page_like).then(pl.lit("page_date"))
        .otherwise(pl.lit("published"))
    )
    return units.with_columns(kind.alias("_date_kind"))


def extract_fields(units: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(units with ``field`` set and header rules applied, per-segment fields, per-doc page date)."""
    units = _choose_dates(_choose_title(_author_bio_flags(_field_flags(add_regions(units)))))
    is_title = pl.col("u") == pl.col("title_u")
    date_rank = pl.int_range(pl.len()).over(*SEG, "_date_kind")
    field = (
        pl.when(is_title.fill_null(False)).then(pl.lit("title"))
        .when(pl.col("_date_kind").is_not_null() & (date_rank == 0)).then(pl.format("{}", pl.col("_date_kind")))
        # above the title only an explicit "By ..." is a byline: a bare name or a role there is the masthead
        # ("FactCheck Desk", "News Desk")
        .when(pl.col("_byline") & ~((pl.col("u") < pl.col("title_u")).fill_null(False) & ~pl.col("_by_explicit")))
        .then(pl.lit("byline"))
        .when(pl.col("_credit") | (pl.col("_signoff") & (pl.col("tail") | pl.col("head")))).then(pl.lit("credit"))
        .when(pl.col("_tags")).then(pl.lit("tags"))
        .when(pl.col("_bio")).then(pl.lit("author_bio"))
    )
    units = units.with_columns(field.alias("field")).with_columns(
        (pl.col("rule").is_null() & pl.col("field").is_null()
         & ((pl.col("head") & _reads_as_text_beside_title(-1)) | _reads_as_text_beside_title(1))).alias("deck")
    )
    # further date lines of the head, and the page header above the title
    # a bare short date ("3-6-16") in the head: a date line, but day / month order and century are unknown,
    # so it is not parsed (never guessed) - only kept out of the body
    short_date = pl.col("head") & pl.col("rule").is_null() & t.str.contains(SHORT_DATE_ONLY)
    # a cued date line closing the article ("Published 6 March 2017" repeated at its foot) is metadata too
    closing_date = pl.col("tail") & pl.col("rule").is_null() & pl.col("is_date_line") & pl.col("published_cue")
    units = units.with_columns(
        pl.when(pl.col("field").is_null() & (pl.col("_date_kind").is_not_null() | short_date | closing_date))
        .then(pl.lit("date_line"))
        .when(pl.col("field").is_null() & pl.col("rule").is_null() & pl.col("head") & (pl.col("u") < pl.col("title_u"))
              & ~pl.col("deck"))
        .then(pl.lit("page_header"))
        .otherwise(pl.col("rule")).alias("rule")
    )
    units, datelines = _dateline(units)
    segs = _segment_fields(units).join(datelines, on=SEG, how="left", maintain_order="left")
    page = _first(units.filter(pl.col("seg") == 0), pl.col("field") == "page_date", "text").select(
        "_d", pl.col("text").alias("page_date_text")
    )
    # else a header strip above the title that opens with the date ("Wednesday 20 February 2019 · Dubai 24°C")
    strip = _first(
        units.filter((pl.col("seg") == 0) & pl.col("head") & (pl.col("u") < pl.col("title_u")) & pl.col("rule").is_not_null()),
        t.str.contains(DAY_STRIP), "text",
    ).select("_d", pl.col("text").alias("_strip"))
    page = (
        strip.join(page, on="_d", how="full", coalesce=True)
        .select("_d", pl.coalesce("page_date_text", "_strip").alias("page_date_text"))
        .join(site_names(units), on="_d", how="full", coalesce=True)
    )
    return _title_repeats(units, segs), segs, page


def site_names(units: pl.DataFrame) -> pl.DataFrame:
    """``_d, site_name``: the holder named by the page's last copyright footer (the site's own name:
    the outlet of its staff articles). A photo credit ("© AFP") inside the article is not the footer:
    the footer is among the page's last ``SITE_NAME_LAST_UNITS`` units."""
    last = pl.col("u") >= pl.col("u").max().over("_d") - SITE_NAME_LAST_UNITS + 1
    holder = pl.coalesce(t.str.extract(COPYRIGHT_HOLDER, 1), t.str.extract(COPYRIGHT_HOLDER_BEFORE, 1))
    footers = units.filter(pl.col("rule").is_in(["copyright", "template"]) & last).select(
        "_d", "u", holder.str.replace(LEGAL_SUFFIX, "").str.replace(r"[\s.,-]+$", "").alias("site_name")
    ).drop_nulls("site_name")
    names = footers.sort("_d", "u").unique("_d", keep="last").select("_d", "site_name")
    # the masthead when the holder is its publisher ("Gulf Monitor Media Group" prints "GULF MONITOR DAILY")
    # (the first line, or the second under an accessibility "Skip to main content" link)
    skip_link = (pl.col("u") == 0) & t.str.contains(r"(?i)^skip to ")
    banner = units.filter(
        (pl.col("u").cast(pl.Int64) == skip_link.any().over("_d").cast(pl.Int64)) & pl.col("rule").eq_missing("template")
        & pl.col("n_words").is_between(1, 5)
    ).select("_d", pl.when(t.str.to_uppercase() == t).then(t.str.to_titlecase()).otherwise(t).alias("_banner"))
    first_word = pl.col("site_name").str.extract(r"^(\S+)", 1).str.to_lowercase()
    # a newsletter's footer names its author ("© 2019 Elena Marsh"): the masthead is the site, if there is one
    bylines = units.filter((pl.col("field") == "byline") | ((pl.col("field") == "published") & pl.col("dated_byline"))).group_by(
        "_d").agg(pl.col("text").str.join(" | ").alias("_bylines"))
    is_author = pl.col("_bylines").str.contains(pl.col("site_name"), literal=True).fill_null(False)
    named = names.join(banner, on="_d", how="left").join(bylines, on="_d", how="left").select(
        "_d",
        pl.when(is_author).then(pl.col("_banner"))
        # ... or names it ("Klaxon Media Limited" prints "THE DAILY KLAXON")
        .when(pl.col("_banner").str.to_lowercase().str.contains(first_word, literal=True) & (pl.col("_banner") != pl.col("site_name")))
        .then(pl.col("_banner")).otherwise(pl.col("site_name")).alias("site_name"),
    )
    # no copyright footer: the masthead, a short capitalised name among the page's first lines that recurs on
    # the site's pages (template) and is not mostly widget words ("Veterans Watch" under Blogger's
    # "More Create Blog Sign In")
    words = pl.col("text").str.to_lowercase().str.extract_all(r"\p{L}+")
    mast = units.filter(
        (pl.col("u") < MASTHEAD_FIRST_UNITS) & pl.col("head") & pl.col("rule").eq_missing("template")
        & pl.col("n_words").is_between(1, 5)
    ).filter(
        t.str.contains(MASTHEAD) & ~t.str.contains(SIGNOFF)
        & (words.list.eval(pl.element().is_in(NOT_NAME_WORDS)).list.mean() <= 0.5)
    ).sort("_d", "u").unique("_d", keep="first").select(
        "_d", pl.when(t.str.to_uppercase() == t).then(t.str.to_titlecase()).otherwise(t).alias("_mast")
    )
    return mast.join(named, on="_d", how="full", coalesce=True).select(
        "_d", pl.coalesce("site_name", "_mast").alias("site_name")
    )


def _reads_as_text_beside_title(offset: int) -> pl.Expr:
    """The unit ``offset`` places from the title reads as running text (a deck above it, a standfirst
    below it, not a banner): ``DECK_MIN_WORDS`` words or more, dense in stop words; below the title, any
    line of ``STANDFIRST_MIN_WORDS`` words or more (a standfirst thin in stop words, full of names)."""
    prose = (pl.col("n_words") >= DECK_MIN_WORDS) & (pl.col("stop_density") >= STOP_GOOD)
    if offset > 0:
        prose = prose | (pl.col("n_words") >= STANDFIRST_MIN_WORDS)
    return ((pl.col("u") == pl.col("title_u") + offset) & prose).fill_null(False)


def _segment_fields(units: pl.DataFrame) -> pl.DataFrame:
    f = pl.col("field")
    title = _first(units, f == "title", "text").rename({"text": "title"})
    line = t.str.replace_all(ICON_TOKEN, " ").str.replace_all(r"\s+", " ").str.strip_chars()
    published = _first(units, f == "published", "text").with_columns(
        # "JANUARY 29, 2016 / 3:41 PM / 3 YEARS AGO": the absolute date is the one to keep
        pl.when(t.str.contains(DATE_ANY)).then(line).otherwise(pl.coalesce(t.str.extract(rf"({DATE_REL})", 1), line))
    ).rename({"text": "published_text"})
    # a dated byline ("Posted on <date> by <name>") is the published date line and the byline
    byline = _first(units, (f == "byline") | ((f == "published") & pl.col("dated_byline")), "text", "byline_residue").select(
        *SEG, pl.coalesce("byline_residue", "text").alias("byline")
    )
    bio = (
        units.filter(f == "author_bio").group_by(SEG, maintain_order=True)
        .agg(pl.col("text").str.join("\n\n").alias("author_bio"))
    )
    credit_pref = units.with_columns(
        pl.when(f == "credit").then(pl.when(pl.col("_signoff")).then(0).otherwise(1)).alias("_cp")
    ).filter(f == "credit").sort("_cp", "u", descending=[True, True], maintain_order=True)
    credit = credit_pref.select(*SEG, pl.col("text").alias("credit")).unique(SEG, keep="first", maintain_order=True)
    tags = (
        units.filter(f == "tags")
        .with_columns(
            # the list after the prefix (either alternative's group; a trailing comma list has no prefix)
            t.str.replace(TAGS_PREFIX, "${1}${2}")
            .str.replace(r"(?i)\s*\|\s*tagged:?\s+", ", ").str.split(r",")
            .list.eval(pl.element().str.strip_chars(" #|;").filter(pl.element() != ""))
            .alias("tags_line")
        )
        .group_by(SEG, maintain_order=True).agg(pl.col("tags_line").list.explode(keep_nulls=False, empty_as_null=False))
    )
    segs = units.select(*SEG).unique(maintain_order=True)
    for part in (title, published, byline, bio, credit, tags):
        segs = segs.join(part, on=SEG, how="left", maintain_order="left")
    return segs


def _dateline(units: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Cut a dateline prefix from one of the first three body paragraphs of each segment."""
    eligible = pl.col("rule").is_null() & pl.col("field").is_null() & (pl.col("n_words") >= 8)
    rank = eligible.cast(pl.Int32).cum_sum().over(SEG)
    prefix = t.str.extract(DATELINE, 1)
    hit = eligible & (rank <= 3) & prefix.is_not_null()
    first_hit = pl.when(hit).then(pl.col("u")).min().over(SEG)
    units = units.with_columns(pl.when(hit & (pl.col("u") == first_hit)).then(prefix.str.strip_chars()).alias("_dateline"))
    units = units.with_columns(
        pl.when(pl.col("_dateline").is_not_null())
        .then(t.str.replace(DATELINE, "")).otherwise(t).alias("text")
    )
    datelines = _first(units, pl.col("_dateline").is_not_null(), "_dateline").rename({"_dateline": "dateline"})
    # a wire sign-off glued to the end of the last paragraph ("... said.  REUTER")
    units = units.with_columns(t.str.replace(SIGNOFF_INLINE, ""))
    return units.drop("_dateline"), datelines


def _title_repeats(units: pl.DataFrame, segs: pl.DataFrame) -> pl.DataFrame:
    """Units repeating the title (or a breadcrumb ending with it) are removed as ``title_repeat``."""
    title_fp = (
        units.filter(pl.col("field") == "title").select(*SEG, pl.col("fp").alias("_title_fp"))
    )
    units = units.join(title_fp, on=SEG, how="left", maintain_order="left")
    same = (pl.col("fp") == pl.col("_title_fp")) | (
        (pl.col("_title_fp").str.len_chars() >= 20) & pl.col("head")
        & pl.col("fp").str.ends_with(pl.col("_title_fp"))
    )
    return units.with_columns(
        pl.when(pl.col("field").is_null() & same.fill_null(False)).then(pl.lit("title_repeat"))
        .otherwise(pl.col("rule")).alias("rule")
    ).drop("_title_fp")
