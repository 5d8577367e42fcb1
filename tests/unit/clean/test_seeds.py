"""The five seed pages (``$NEWS_SHARED_DIR/seeds`` or ``<repo>/../shared/seeds``): fields, splits, no chrome left."""

import re

import polars as pl
import pytest

from tasks.clean import clean_documents, merge_template_stats, template_stats
from tasks.enrich.metadata import extract_metadata
from tasks.settings import Settings

from clean_synth import bronze_from_files, shared_dir

#: lines of page chrome that must not survive in any body (regexes on whole lines)
CHROME = [
    r"Islamic Invitation Turkey", r".*Total: [\d,]+ content.*", r"Scroll Up", r"Leave a Reply",
    r"Fill in your details below.*", r"You are commenting using your.*", r"Connecting to %s", r".*photo",
    r"Twitter picture", r"Please Wait\.\.\.", r"Truthful Promise", r".*access_time.*", r".*Add to favorites",
    r"Local Editor", r"Source: Al-Ahed News", r"// -0\.072745", r"21:39 GMT14 July 2020", r"Listen Live",
    r"Get short URL", r"Russia Versus ISIL in Syria \(618\)", r"0 165", r"Community standardsDiscussion",
    r"Daesh, Fayssal Mikdad, Iran, Syria, Russia", r".*\(Photo by IRNA\)", r"NEWSAsia-Pacific.*",
    # the related-links list at the end of seed 004
    r"US Indecisiveness Driving Mid East Allies to Side With Russia in Syria",
    r"Russian Warplanes Have Destroyed 456 ISIL Targets in Syria Since Sept\. 30",
]


@pytest.fixture(scope="module")
def seeds():
    root = shared_dir()
    if root is None or not (root / "seeds").is_dir():
        pytest.skip("seed pages not found: set NEWS_SHARED_DIR to the folder holding seeds/")
    paths = sorted((root / "seeds").glob("*.txt"))
    b = bronze_from_files(paths, source_key="seeds")
    r = clean_documents(b, merge_template_stats([template_stats(b)]), Settings())
    gold = extract_metadata(r.articles)
    names = dict(zip(b["doc_id"], [p.name[:3] for p in paths]))
    return gold.with_columns(pl.col("doc_id").replace_strict(names).alias("seed")), r.removed_lines


def art(gold, seed, segment=0):
    return gold.filter((pl.col("seed") == seed) & (pl.col("segment") == segment)).row(0, named=True)


def test_000_title_dates_outlet(seeds):
    a = art(seeds[0], "000")
    assert a["title"] == "ISIL’s Defeats in Fallujah, Aleppo, Raqqa Changes Regional Power Balance"
    assert str(a["published_at"].date()) == "2016-06-22"
    assert str(a["page_date"]) == "2018-06-23"
    assert a["outlet"] == "FNA"


def test_001_two_articles(seeds):
    gold = seeds[0]
    assert gold.filter(pl.col("seed") == "001").height == 2
    first, second = art(gold, "001", 0), art(gold, "001", 1)
    assert first["title"] == "Russo-Syrian alliance inflicts “biggest defeat of ISIS in 3 years”"
    assert str(second["published_at"].date()) == "2017-09-10"
    assert "Oil prices" in second["body"] and "Regional terror on its last legs" in second["body"]
    assert "Rouhani" not in first["body"]


def test_002_published_and_outlet(seeds):
    a = art(seeds[0], "002")
    assert str(a["published_at"].date()) == "2015-11-21"
    assert a["outlet"] == "FNA"


def test_003_title_relative_date_without_anchor_outlet(seeds):
    a = art(seeds[0], "003")
    assert a["title"] == "Shamkhani: The Liberation of Deir Ezzor Dealt the Final Blow to the Remnants of Daesh in Syria"
    assert a["published_at"] is None
    assert a["outlet"] == "Al-Ahed News"
    assert "The US-led coalition is running Daesh instead of fighting it" in a["body"]  # a subheading


def test_004_header_clock_sputnik_tags(seeds):
    a = art(seeds[0], "004")
    assert str(a["page_date"]) == "2020-07-14"
    assert a["published_at"] is None
    assert a["outlet"] == "Sputnik"
    assert "Daesh" in a["tags"]
    assert a["body"].startswith("A Russian anti-Islamic State (ISIL) military campaign")


def test_no_chrome_survives(seeds):
    gold, removed = seeds
    for body in gold["body"]:
        for line in body.split("\n"):
            hit = [p for p in CHROME if re.fullmatch(p, line.strip())]
            assert not hit, f"chrome left in a body: {line!r}"
    assert removed["rule"].null_count() == 0


def test_no_crawl_date_reported_as_published(seeds):
    gold = seeds[0]
    same = gold.filter(pl.col("published_at").is_not_null() & (pl.col("published_at").dt.date() == pl.col("page_date")))
    assert same.height == 0
