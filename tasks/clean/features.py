"""Line features in the jusText / Boilerpipe tradition, and the first classification.

Every unit gets: length, word counts, stop-word density (in the document's best
matching language, see ``data/stopwords.yaml``), link density (URLs, e-mail,
@handles, #hashtags), sentence ending, capitalisation, "headline-likeness" and
its position. ``feature_class`` then labels it

- ``good``: running text (long, dense in function words, few links);
- ``near``: sentence-like but short or a little thin (a lead-in ending with a colon counts as
  sentence-like: "Watch the segment below:");
- ``short``: anything else, to be decided by its neighbours (``tasks.clean.context``).

Thresholds were calibrated on the BBC negative control (>= 99% of body lines
must survive) against the chrome of the seed pages and FakeNewsCorpus.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import polars as pl
import yaml

from tasks.clean.patterns import URL

DATA = Path(__file__).with_name("data")
WORD = r"\p{L}+(?:['’]\p{L}+)?"

#: a unit this long (characters) can be ``good`` ...
GOOD_MIN_CHARS = 70
#: ... when at least this share of its words are stop words
STOP_GOOD = 0.30
#: ``near``: a long unit with this density, or a short sentence with this density
STOP_NEAR = 0.20
#: more than this share of the characters inside links: never good
MAX_LINK_DENSITY = 0.2
#: a document whose words are less than this share stop words has no known language:
#: its units are judged by length and punctuation only
LANG_MIN_RATIO = 0.12
#: conjunctions a language glues to the next word (counted as stop words in that form too)
CLITIC_CONJUNCTIONS = {"ar": ("و", "ف")}
#: a language whose running text is thinner in separate function words than the European ones: its
#: stop-word density is divided by this, so one set of thresholds serves every language. Arabic glues
#: prepositions and the article to nouns: on the blind set's Arabic dev outlet, lines of 20 words or more
#: have a median density of about 0.2 (clitic forms counted), against 0.41-0.46 for its English, French,
#: German and Spanish dev outlets. Russian has no articles and inflects nouns where English uses
#: prepositions: 0.215 on the Russian dev outlet (round 6), against 0.44-0.49 for that round's English dev outlets
DENSITY_SCALE = {"ar": 0.5, "ru": 0.5}
#: a headline-like unit has at most this many words
HEADLINE_MAX_WORDS = 25
#: a line of this many words or more ending in an ellipsis, with fewer than ``CAPS_SHARE_TITLE`` of its
#: words capitalised, is a sentence cut off ("... to the biggest 2-month crash since 2006…"), not a headline
TRUNCATED_PROSE_WORDS, CAPS_SHARE_TITLE = 16, 0.5
#: a lead-in ("Watch the segment below:", "Sources for this report:") has at least this many words
LEAD_IN_MIN_WORDS = 3


@lru_cache(maxsize=1)
def stopword_table() -> pl.DataFrame:
    """(word, lang) for every shipped stop-word list."""
    lists = yaml.safe_load((DATA / "stopwords.yaml").read_text(encoding="utf-8"))
    rows = [(w, lang) for lang, words in lists.items() for w in set(words.split())]
    # Arabic writes its conjunctions as clitics: "وفي", "فإن" are "and in", "so that"
    rows += [(p + w, lang) for lang, words in lists.items() if lang in CLITIC_CONJUNCTIONS
             for w in set(words.split()) for p in CLITIC_CONJUNCTIONS[lang]]
    rows = list(dict.fromkeys(rows))
    return pl.DataFrame(rows, schema={"word": pl.String, "lang": pl.String}, orient="row")


def add_stopwords(units: pl.DataFrame) -> pl.DataFrame:
    """Add ``n_words`` (letter words), ``n_stop`` (in the doc's language), ``lang`` and ``lang_ok``.

    English is counted first for every unit; only documents that are not English
    enough are counted against the other lists (most of a news corpus is English).
    """
    table = stopword_table()
    lists = {lang: table.filter(pl.col("lang") == lang)["word"].to_list() for lang in table["lang"].unique().sort()}
    words = pl.col("text").str.to_lowercase().str.extract_all(WORD)

    def count(lang: str) -> pl.Expr:
        return pl.col("_w").list.eval(pl.element().is_in(lists[lang])).list.sum().cast(pl.Int32)

    units = units.with_columns(words.alias("_w")).with_columns(
        pl.col("_w").list.len().cast(pl.Int32).alias("n_words"), count("en").alias("n_stop")
    )
    doc_ratio = pl.col("n_stop").sum().over("_d") / pl.col("n_words").sum().over("_d").clip(lower_bound=1)
    units = units.with_columns(pl.lit("en").alias("lang"), (doc_ratio >= LANG_MIN_RATIO).alias("lang_ok"))
    others = [lang for lang in lists if lang != "en"]
    rest = units.filter(~pl.col("lang_ok"))
    if rest.height and others:
        counted = rest.select("_d", "u", "n_stop", *(count(lang).alias(lang) for lang in others)).rename({"n_stop": "en"})
        langs = ["en", *others]  # ties go to English
        best = counted.group_by("_d").agg(pl.col(lang).sum() for lang in langs).select(
            "_d", pl.concat_list(langs).list.arg_max().replace_strict(dict(enumerate(langs)), return_dtype=pl.String)
            .alias("_lang")
        )
        picked = counted.join(best, on="_d", how="left").select(
            "_d", "u", "_lang", pl.coalesce(pl.when(pl.col("_lang") == lang).then(pl.col(lang)) for lang in langs)
            .alias("_stop")
        )
        units = units.join(picked, on=["_d", "u"], how="left", maintain_order="left").with_columns(
            pl.coalesce("_lang", "lang").alias("lang"), pl.coalesce("_stop", "n_stop").alias("n_stop")
        ).drop("_lang", "_stop")
        units = units.with_columns((doc_ratio >= LANG_MIN_RATIO).alias("lang_ok"))
    return units.drop("_w")


def add_features(units: pl.DataFrame) -> pl.DataFrame:
    """All per-unit features; expects ``add_stopwords`` to have run."""
    t = pl.col("text")
    units = units.with_columns(
        t.str.len_chars().cast(pl.Int32).alias("n_chars"),
        # units are stripped and their spaces collapsed: tokens = spaces + 1
        (t.str.count_matches(" ", literal=True) + 1).cast(pl.Int32).alias("n_tokens"),
        t.str.extract_all(URL).list.eval(pl.element().str.strip_chars().str.len_chars()).list.sum()
        .fill_null(0).cast(pl.Int32).alias("link_chars"),
        t.str.contains(r"[.!?][\"'”’»)\]]*$").alias("ends_sentence"),
        t.str.contains(r"(?:\.\.\.|…)[\"'”’»)\]]*$").alias("ends_ellipsis"),
        (t.str.contains(r"[.:;,][\"'”’»)\]]*$") & ~t.str.contains(r"(?:\.\.\.|…)[\"'”’»)\]]*$")).alias("ends_stop"),
        # caseless scripts (Arabic, Hebrew, CJK: ``\p{Lo}``) count as capitalised; a leading emoji is skipped
        # ("🔴 Palmyra back under government control")
        t.str.contains(r"^[\"'“‘«(\[]*(?:[\p{So}\x{FE0F}\x{200D}]+\s*)?(?:[\p{Lu}\p{N}$£€\p{Lo}]|\p{Ll}\p{Lu})").alias("starts_upper"),
        t.str.count_matches(r"(?:^|\s)[\"'“‘(«]*\p{Lu}").cast(pl.Int32).alias("n_caps"),
        pl.len().over("_d").cast(pl.Int32).alias("n_units"),
    )
    scale = pl.col("lang").replace_strict(DENSITY_SCALE, default=1.0, return_dtype=pl.Float64) if "lang" in units.columns else 1.0
    stop_density = pl.col("n_stop") / pl.col("n_words").clip(lower_bound=1) / scale
    link_density = pl.col("link_chars") / pl.col("n_chars").clip(lower_bound=1)
    return units.with_columns(
        stop_density.alias("stop_density"),
        link_density.alias("link_density"),
        (pl.col("ends_sentence") & ~pl.col("ends_ellipsis")).alias("is_sentence"),
        (
            pl.col("n_words").is_between(1, HEADLINE_MAX_WORDS) & (pl.col("n_chars") <= 200)
            & ~pl.col("ends_stop") & pl.col("starts_upper") & (link_density < 0.5)
            # a long sentence-case line trailing off in an ellipsis is cut-off prose, not a headline
            & ~(pl.col("ends_ellipsis") & (pl.col("n_words") >= TRUNCATED_PROSE_WORDS)
                & (pl.col("n_caps") < CAPS_SHARE_TITLE * pl.col("n_tokens")))
        ).alias("headline_like"),
        (pl.col("n_caps") / pl.col("n_tokens").clip(lower_bound=1)).alias("cap_share"),
    )


def running_text() -> pl.Expr:
    """A ``good`` unit no rule removed: the article's running text (the evidence many steps count)."""
    return (pl.col("fclass") == "good") & pl.col("rule").is_null()


def feature_class(units: pl.DataFrame) -> pl.DataFrame:
    """Add ``fclass`` (good / near / short) from the features alone."""
    long = pl.col("n_chars") >= GOOD_MIN_CHARS
    linky = pl.col("link_density") > MAX_LINK_DENSITY
    dense = pl.col("stop_density") >= STOP_GOOD
    thin_ok = pl.col("stop_density") >= STOP_NEAR
    known = pl.col("lang_ok")
    sentence = pl.col("is_sentence")
    # a line ending with a colon introduces what follows (a quote, a list, an embed): sentence-like,
    # so a short one is ``near`` rather than ``short`` (it also opens a list: ``context.list_items``)
    lead_in = pl.col("text").str.contains(r"[:：]$") & (pl.col("n_words") >= LEAD_IN_MIN_WORDS)
    good = ~linky & ~pl.col("headline_like") & pl.when(known).then(long & dense).otherwise(
        (pl.col("n_chars") >= 100) & sentence
    )
    near = ~linky & pl.when(known).then(
        (long & thin_ok & ~pl.col("headline_like")) | ((sentence | lead_in) & (pl.col("n_words") >= 3) & thin_ok)
        | (long & sentence)
    ).otherwise((sentence | lead_in) & (pl.col("n_chars") >= 30))
    return units.with_columns(
        pl.when(good).then(pl.lit("good")).when(near).then(pl.lit("near")).otherwise(pl.lit("short")).alias("fclass")
    )
