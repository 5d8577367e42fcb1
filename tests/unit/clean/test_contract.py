"""Output contract: Silver columns and dtypes, removed-lines table, every line accounted for."""

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.clean import SILVER_COLUMNS, clean_documents, merge_template_stats
from tasks.clean.lines import build_units
from tasks.settings import Settings
from validations.schemas import Silver

from clean_synth import PARA, PARA2, bronze, clean


def test_articles_meet_the_silver_contract():
    r = clean([f"Headline Of The Story\n\n{PARA}\n\n{PARA2}\n\nTags: A, B", "Home\nScroll Up"],
              url=["https://www.example.com/a", None])
    assert r.articles.columns == SILVER_COLUMNS
    Silver.validate(r.articles.filter(pl.col("body") != ""))
    for col, dtype in [("segment", pl.Int32), ("n_segments", pl.Int32), ("lines_in", pl.Int32),
                       ("lines_kept", pl.Int32), ("tags_line", pl.List(pl.String))]:
        assert r.articles.schema[col] == dtype
    assert r.articles["url"][0] == "https://www.example.com/a"
    assert r.removed_lines.schema == pl.Schema({"doc_id": pl.String, "line_no": pl.Int32, "rule": pl.String, "text": pl.String})


def test_empty_bronze():
    b = bronze([PARA]).head(0)
    r = clean_documents(b, merge_template_stats([]), Settings())
    assert r.articles.height == 0 and r.articles.columns == SILVER_COLUMNS
    assert r.removed_lines.height == 0


def accounted(r) -> None:
    """Per document: raw non-blank lines = kept lines + removed lines (hard-wrapped units count all their lines)."""
    per_doc = r.articles.group_by("doc_id").agg(pl.col("lines_in").sum(), pl.col("lines_kept").sum())
    assert per_doc["lines_in"].sum() >= per_doc["lines_kept"].sum()
    assert r.articles["article_id"].n_unique() == r.articles.height


#: Unicode White_Space (what polars strips); Python's str.strip also strips \x1c-\x1f
WHITE_SPACE = " \t\n\x0b\x0c\r\x85\xa0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u2028\u2029\u202f\u205f\u3000"

LINE = st.one_of(
    st.sampled_from([PARA, PARA2, "Scroll Up", "Share this:", "Oil prices", "12 March 2017", "By Jane Doe",
                     "Source: Agency", "&#3;", "", "   ", "Leave a Reply", "Connecting to %s", "0 165", "Tags: a, b"]),
    st.text(min_size=0, max_size=120),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(LINE, min_size=1, max_size=25), min_size=1, max_size=6))
def test_any_text_one_or_more_articles_per_doc_and_lines_add_up(docs):
    texts = ["\n".join(lines) for lines in docs]
    b = bronze(texts)
    r = clean(texts)
    assert set(r.articles["doc_id"]) == set(b["doc_id"])
    assert r.articles.columns == SILVER_COLUMNS
    accounted(r)
    # non-blank raw lines == kept lines + removed lines, for every document without hard-wrapped paragraphs
    nonblank = {d: sum(1 for l in t.replace("\r\n", "\n").replace("\r", "\n").split("\n") if l.strip(WHITE_SPACE))
                for d, t in zip(b["doc_id"], texts)}
    removed = r.removed_lines.group_by("doc_id").len()
    removed = dict(zip(removed["doc_id"], removed["len"]))
    kept = r.articles.group_by("doc_id").agg(pl.col("lines_kept").sum(), pl.col("lines_in").sum())
    # a removed hard-wrapped unit is reported once (at its first line) for all its raw lines
    units, _ = build_units(b)
    ids = b["doc_id"].to_list()
    wrapped = {ids[d] for d, w in units.group_by("_d").agg((pl.col("n_raw") > 1).any()).iter_rows() if w}
    for d, k, n in kept.iter_rows():
        assert n == nonblank[d]
        if d not in wrapped:
            assert k + removed.get(d, 0) == n
