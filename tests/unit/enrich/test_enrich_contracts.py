"""Cross-enricher contracts: row order, empty frames, output types, duplicate-mark invariants."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta, timezone

import polars as pl
import pytest
from hypothesis import given, settings as hsettings, strategies as st

from enrich_synth import article
from tasks.enrich.duplicates import find_duplicates, minhash_signatures, text_hash
from tasks.enrich.entities import load_gazetteer, tag_entities
from tasks.enrich.keywords import extract_keywords
from tasks.enrich.language import detect_language
from tasks.enrich.quality import quality_signals
from tasks.settings import Settings

S = Settings()
ENRICHERS = {
    "language": detect_language,
    "entities": lambda d: tag_entities(d, load_gazetteer()),
    "quality": lambda d: quality_signals(d, S),
    "keywords": extract_keywords,
    "text_hash": text_hash,
}


@pytest.mark.parametrize("name", sorted(ENRICHERS))
def test_enrichers_keep_rows_order_and_columns(name):
    bodies = [article(i) for i in range(20)] + ["", "ISIL"]
    df = pl.DataFrame({"article_id": [f"a{i}" for i in range(len(bodies))], "body": bodies, "extra": list(range(len(bodies)))})
    out = ENRICHERS[name](df)
    assert out.height == df.height
    assert out.select(df.columns).equals(df)


@pytest.mark.parametrize("name", sorted(ENRICHERS))
def test_enrichers_accept_empty_frames(name):
    df = pl.DataFrame(schema={"article_id": pl.String, "body": pl.String})
    assert ENRICHERS[name](df).height == 0


def test_gold_column_types():
    df = pl.DataFrame({"article_id": ["a", "b"], "body": [article(1), ""]})
    for fn in ENRICHERS.values():
        df = fn(df)
    assert all(re.fullmatch(r"([a-z]{2,3}|und)", x) for x in df["language"])
    assert df.schema["language_score"] == pl.Float64
    assert all(re.fullmatch(r"[0-9a-f]{32}", x) for x in df["text_hash"])
    assert df.schema["quality_flags"] == pl.List(pl.String) and df["quality_flags"].null_count() == 0
    assert df.schema["keywords"] == pl.List(pl.String)


def _variant(text: str, rng: random.Random, kind: int) -> str:
    paras = text.split("\n")
    if kind == 0:
        return text
    if kind == 1:
        rng.shuffle(paras)
    elif kind == 2:
        paras.append("Follow us for more updates.")
    return "\n".join(paras)


@hsettings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 2), st.one_of(st.none(), st.integers(0, 5))),
        min_size=1,
        max_size=12,
    ),
    st.integers(0, 3),
)
def test_duplicate_marks_are_consistent(specs, n_prior):
    rng = random.Random(0)
    base = [article(100 + i) for i in range(4)]
    t0 = datetime(2018, 1, 1, tzinfo=timezone.utc)
    rows = [
        (f"a{i:02d}", _variant(base[b], rng, kind), None if day is None else t0 + timedelta(days=day))
        for i, (b, kind, day) in enumerate(specs)
    ]
    df = pl.DataFrame(rows, schema={"article_id": pl.String, "body": pl.String, "published_at": pl.Datetime("us", "UTC")}, orient="row")
    prior_df = pl.DataFrame(
        [(f"p{i}", base[i], t0 + timedelta(days=30)) for i in range(n_prior)],
        schema={"article_id": pl.String, "body": pl.String, "published_at": pl.Datetime("us", "UTC")},
        orient="row",
    )

    def small(d):
        return text_hash(d).select("article_id", "text_hash", "published_at", pl.col("body").str.len_chars().alias("body_chars"))

    prior = small(prior_df).join(minhash_signatures(prior_df, S), on="article_id") if n_prior else None
    out = find_duplicates(small(df), minhash_signatures(df, S), S, prior=prior)
    assert out["article_id"].to_list() == df["article_id"].to_list()
    marks = {r["article_id"]: r for r in out.iter_rows(named=True)}
    hashes = dict(small(pl.concat([df, prior_df])).select("article_id", "text_hash").iter_rows())
    prior_ids = set(prior_df["article_id"])
    for aid, r in marks.items():
        if r["duplicate_of"] is None:
            assert r["dup_kind"] is None and r["dup_similarity"] is None
            assert r["cluster_id"] in (None, aid)
            continue
        canon = r["duplicate_of"]
        assert canon != aid and r["cluster_id"] == canon
        # the canonical is a prior article or an input article that is itself canonical
        assert canon in prior_ids or marks[canon]["duplicate_of"] is None
        assert r["dup_kind"] == ("exact" if hashes[aid] == hashes[canon] else "near")
        assert 0.0 <= r["dup_similarity"] <= 1.0
    # the prior article of a base, when present, is the canonical of every copy of that base
    for i, (b, _, _) in enumerate(specs):
        if b < n_prior:
            assert marks[f"a{i:02d}"]["duplicate_of"] == f"p{b}"
    # copies of one base end up in one cluster; different bases never share one
    cluster_of_base: dict[int, set] = {}
    for i, (b, _, _) in enumerate(specs):
        r = marks[f"a{i:02d}"]
        cluster_of_base.setdefault(b, set()).add(r["cluster_id"] or f"a{i:02d}")
    for b, clusters in cluster_of_base.items():
        assert len(clusters) == 1, (b, clusters)
    all_clusters = [next(iter(c)) for c in cluster_of_base.values()]
    assert len(all_clusters) == len(set(all_clusters))
