"""Negative control: BBC articles are clean; >= 99% of their lines must be kept (or moved to the title)."""

import polars as pl
import pytest

from tasks.clean import clean_documents, merge_template_stats, template_stats
from tasks.settings import Settings

from clean_synth import bronze_from_files, shared_dir


@pytest.fixture(scope="module")
def bbc():
    root = shared_dir()
    base = root / "corpora" / "bbc-fulltext" / "bbc" if root else None
    if base is None or not base.is_dir():
        pytest.skip("BBC corpus not found: set NEWS_SHARED_DIR to the folder holding corpora/bbc-fulltext")
    frames = []
    for section in sorted(p for p in base.iterdir() if p.is_dir()):
        paths = sorted(section.glob("*.txt"))[::4]  # every 4th article of each section
        frames.append(bronze_from_files(paths, source_key=f"bbc/{section.name}"))
    b = pl.concat(frames).unique("doc_id", keep="first", maintain_order=True)
    return b, clean_documents(b, merge_template_stats([template_stats(b)]), Settings())


def test_bbc_lines_kept(bbc):
    b, r = bbc
    lines_in = r.articles["lines_in"].sum()
    kept = r.articles["lines_kept"].sum()
    moved = r.removed_lines.filter(pl.col("rule").str.starts_with("field_")).height
    assert b.height > 400
    assert (kept + moved) / lines_in >= 0.99, r.removed_lines.filter(~pl.col("rule").str.starts_with("field_"))


def test_bbc_one_article_per_file_with_its_headline(bbc):
    b, r = bbc
    assert r.articles.height == b.height
    assert (r.articles["body"] != "").all()
    first_lines = [t.strip().split("\n")[0].strip() for t in b["text"]]
    same = sum(a == f for a, f in zip(r.articles["title"], first_lines))
    assert same / b.height >= 0.99
