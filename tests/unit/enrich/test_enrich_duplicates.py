"""text_hash, MinHash signatures and duplicate clustering."""

from __future__ import annotations

import random
import re
from datetime import datetime, timezone

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings as hsettings, strategies as st

from enrich_synth import article, sentence
from tasks.enrich.duplicates import (
    STORAGE_SIGNATURE_DTYPE,
    connected_components,
    find_duplicates,
    minhash_params_id,
    minhash_signatures,
    reference_shingles,
    text_hash,
)
from tasks.settings import Settings

S = Settings()
UTC = timezone.utc


def ts(day: int | None):
    return None if day is None else datetime(2017, 3, day, 12, tzinfo=UTC)


def frame(rows: list[tuple[str, str, int | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "article_id": [r[0] for r in rows],
            "body": [r[1] for r in rows],
            "published_at": [ts(r[2]) for r in rows],
        },
        schema={"article_id": pl.String, "body": pl.String, "published_at": pl.Datetime("us", "UTC")},
    )


def run(df: pl.DataFrame, prior: pl.DataFrame | None = None, settings: Settings = S) -> pl.DataFrame:
    hashed = text_hash(df)
    arts = hashed.select("article_id", "text_hash", "published_at", pl.col("body").str.len_chars().alias("body_chars"))
    sigs = minhash_signatures(df, settings)
    return find_duplicates(arts, sigs, settings, prior=prior)


def row(out: pl.DataFrame, aid: str) -> dict:
    return out.filter(pl.col("article_id") == aid).row(0, named=True)


def reorder_paragraphs(text: str, seed: int) -> str:
    paras = text.split("\n")
    random.Random(seed).shuffle(paras)
    return "\n".join(paras)


# --------------------------------------------------------------------------- text_hash


def test_text_hash_is_32_hex_and_normalises_case_and_whitespace():
    df = pl.DataFrame({"body": ["Army  takes\nthe TOWN.", "army takes the town.", "army took the town."]})
    h = text_hash(df)["text_hash"].to_list()
    assert all(re.fullmatch(r"[0-9a-f]{32}", x) for x in h)
    assert h[0] == h[1]
    assert h[0] != h[2]


def test_text_hash_is_stable_across_runs():
    # a fixed value: the hash must not depend on the process, the polars version or a random seed
    h = text_hash(pl.DataFrame({"body": ["Hello   World"]}))["text_hash"][0]
    import hashlib

    assert h == hashlib.blake2b(b"hello world", digest_size=16).hexdigest()


# --------------------------------------------------------------------------- signatures


def test_signatures_shape_dtype_and_short_texts():
    df = frame([("a", article(1), 1), ("b", "Too short to shingle.", 1), ("c", "", 1)])
    sig = minhash_signatures(df, S)
    assert sig.columns == ["article_id", "signature"]
    assert sig.schema["signature"] == pl.List(pl.UInt32)
    assert sig["signature"][0].len() == S.num_perm
    assert sig["signature"].is_null().to_list() == [False, True, True]


def test_signatures_deterministic_and_independent_of_frame_composition():
    a = frame([("a", article(1), 1)])
    ab = frame([("x", article(2), 1), ("a", article(1), 1)])
    s1 = minhash_signatures(a, S)["signature"][0].to_list()
    s2 = minhash_signatures(ab, S).filter(pl.col("article_id") == "a")["signature"][0].to_list()
    assert s1 == s2


def test_estimated_jaccard_is_unbiased_against_reference_shingles():
    errors = []
    for seed in range(20):
        rng = random.Random(seed)
        base = article(700 + seed, n_paragraphs=10)
        rate = rng.choice([0.02, 0.05, 0.1, 0.2])
        edited = "\n".join(
            " ".join(w if rng.random() > rate else f"zz{i}" for i, w in enumerate(p.split())) for p in base.split("\n")
        )
        df = frame([("a", base, 1), ("b", edited, 1)])
        sig = np.array(minhash_signatures(df, S)["signature"].to_list())
        est = float((sig[0] == sig[1]).mean())
        a, b = reference_shingles(base, S.shingle_size), reference_shingles(edited, S.shingle_size)
        true = len(a & b) / len(a | b)
        assert abs(est - true) < 0.16, (seed, est, true)  # ~3.5 sigma for 112 permutations
        errors.append(est - true)
    assert abs(sum(errors) / len(errors)) < 0.03  # no bias


# --------------------------------------------------------------------------- clusters


def test_exact_and_near_duplicates_found_and_different_article_not():
    base = article(11)
    df = frame(
        [
            ("orig", base, 3),
            ("copy", base.upper().replace("\n", "  \n "), 4),  # same after normalisation
            ("reordered", reorder_paragraphs(base, 1), 5),
            ("other", article(12), 2),
        ]
    )
    out = run(df)
    assert out["article_id"].to_list() == df["article_id"].to_list()
    assert row(out, "orig") == {
        "article_id": "orig", "cluster_id": "orig", "duplicate_of": None, "dup_kind": None, "dup_similarity": None,
    }
    assert row(out, "copy")["duplicate_of"] == "orig"
    assert row(out, "copy")["dup_kind"] == "exact"
    assert row(out, "copy")["dup_similarity"] == 1.0
    r = row(out, "reordered")
    assert r["duplicate_of"] == "orig" and r["dup_kind"] == "near"
    # shingles never cross a paragraph break: a reordered copy has the same shingle set
    assert r["dup_similarity"] == 1.0
    assert row(out, "other") == {
        "article_id": "other", "cluster_id": None, "duplicate_of": None, "dup_kind": None, "dup_similarity": None,
    }


def test_shingles_do_not_cross_paragraphs():
    base = article(13, n_paragraphs=8)
    sig = minhash_signatures(frame([("a", base, 1), ("b", reorder_paragraphs(base, 4), 1)]), S)["signature"]
    assert sig[0].to_list() == sig[1].to_list()
    # but the same words re-wrapped differently inside paragraphs do change shingles
    rewrapped = base.replace(". ", ".\n", 3)
    sig2 = minhash_signatures(frame([("c", rewrapped, 1)]), S)["signature"][0].to_list()
    assert sig2 != sig[0].to_list()


def test_near_duplicate_with_added_chrome_and_edited_sentence():
    base = article(21, n_paragraphs=8)
    paras = base.split("\n")
    rng = random.Random(5)
    paras[3] = sentence(rng)  # one paragraph rewritten
    variant = "Share this article\n" + "\n".join(paras) + "\nSubscribe to our newsletter"
    out = run(frame([("a", base, 1), ("b", variant, 2)]))
    assert row(out, "b")["duplicate_of"] == "a"
    assert row(out, "b")["dup_kind"] == "near"


def test_canonical_is_earliest_then_longest_then_smallest_id():
    base = article(31)
    longer = base + "\nAn extra closing paragraph was added by the second outlet for context."
    # earliest published wins, whatever the length or id
    out = run(frame([("z", base, 9), ("y", longer, 2), ("x", base, None)]))
    assert set(out["cluster_id"]) == {"y"}
    assert row(out, "y")["duplicate_of"] is None
    assert row(out, "z")["duplicate_of"] == "y" and row(out, "x")["duplicate_of"] == "y"
    # no dates: the longest body
    out = run(frame([("a", base, None), ("b", longer, None)]))
    assert row(out, "a")["duplicate_of"] == "b"
    # same date and length: the smallest article_id; null dates come last
    out = run(frame([("m", base, 4), ("k", base, 4), ("c", base, None)]))
    assert row(out, "m")["duplicate_of"] == "k"
    assert row(out, "c")["duplicate_of"] == "k"
    assert row(out, "k")["duplicate_of"] is None


def test_prior_published_article_stays_canonical():
    base = article(41)
    df = frame([("new1", base, 1), ("new2", reorder_paragraphs(base, 2), 1)])
    prior_src = frame([("old", base + "\nA later correction.", 20)])  # later date, but already published
    prior = text_hash(prior_src).select(
        "article_id", "text_hash", "published_at", pl.col("body").str.len_chars().alias("body_chars")
    ).join(minhash_signatures(prior_src, S), on="article_id")
    out = run(df, prior=prior)
    assert out.height == 2  # prior rows are not returned
    assert set(out["duplicate_of"]) == {"old"}
    assert set(out["cluster_id"]) == {"old"}
    assert set(out["dup_kind"]) == {"near"}


def test_prior_signature_stored_as_int64_list_is_accepted():
    base = article(44)
    df = frame([("new", reorder_paragraphs(base, 5), 1)])
    prior_src = frame([("old", base, 20)])
    prior = (
        text_hash(prior_src)
        .select("article_id", "text_hash", "published_at", pl.col("body").str.len_chars().alias("body_chars"))
        .join(minhash_signatures(prior_src, S), on="article_id")
        .with_columns(pl.col("signature").cast(STORAGE_SIGNATURE_DTYPE))
    )
    assert row(run(df, prior=prior), "new")["duplicate_of"] == "old"


def test_rerun_of_a_prior_article_keeps_it_canonical():
    base = article(45)
    df = frame([("old", base, 20), ("new", base, 1)])  # "old" re-submitted with a later date
    prior_src = frame([("old", base, 20)])
    prior = text_hash(prior_src).select(
        "article_id", "text_hash", "published_at", pl.col("body").str.len_chars().alias("body_chars")
    )
    out = run(df, prior=prior)
    assert out["article_id"].to_list() == ["old", "new"]
    assert row(out, "old")["duplicate_of"] is None and row(out, "old")["cluster_id"] == "old"
    assert row(out, "new")["duplicate_of"] == "old"


def test_prior_without_signature_matches_exactly_only():
    base = article(42)
    df = frame([("new_exact", base, 1), ("new_near", reorder_paragraphs(base, 3), 1)])
    prior_src = frame([("old", base, 20)])
    prior = text_hash(prior_src).select(
        "article_id", "text_hash", "published_at", pl.col("body").str.len_chars().alias("body_chars")
    )
    out = run(df, prior=prior)
    assert row(out, "new_exact")["duplicate_of"] == "old"
    assert row(out, "new_exact")["dup_kind"] == "exact"
    # the near copy still joins the cluster through new_exact (which has a signature)
    assert row(out, "new_near")["duplicate_of"] == "old"
    assert row(out, "new_near")["dup_kind"] == "near"


def test_prior_signatures_with_other_params_are_ignored():
    base = article(43)
    df = frame([("new", reorder_paragraphs(base, 4), 1)])
    prior_src = frame([("old", base, 20)])
    prior = (
        text_hash(prior_src)
        .select("article_id", "text_hash", "published_at", pl.col("body").str.len_chars().alias("body_chars"))
        .join(minhash_signatures(prior_src, S), on="article_id")
    )
    assert row(run(df, prior=prior.with_columns(signature_params=pl.lit(minhash_params_id(S)))), "new")[
        "duplicate_of"
    ] == "old"
    other = prior.with_columns(signature_params=pl.lit("minhash-v1:shingle=3"))
    assert row(run(df, prior=other), "new")["duplicate_of"] is None


def test_short_bodies_match_only_exactly():
    df = frame([("a", "Army enters town.", 1), ("b", "army enters   town.", 2), ("c", "Army enters the town.", 3)])
    out = run(df)
    assert row(out, "b")["duplicate_of"] == "a" and row(out, "b")["dup_kind"] == "exact"
    assert row(out, "c")["duplicate_of"] is None


def test_many_copies_form_one_cluster_linear_buckets():
    base = article(51, n_paragraphs=5)
    rows = [(f"id{i:03d}", reorder_paragraphs(base, i), (i % 27) + 1) for i in range(60)]
    rows += [(f"neg{i:03d}", article(1000 + i), 1) for i in range(40)]
    out = run(frame(rows))
    members = out.filter(pl.col("article_id").str.starts_with("id"))
    assert members["cluster_id"].n_unique() == 1
    assert out.filter(pl.col("article_id").str.starts_with("neg"))["cluster_id"].null_count() == 40


def test_empty_input():
    out = run(frame([]))
    assert out.height == 0
    assert out.columns == ["article_id", "cluster_id", "duplicate_of", "dup_kind", "dup_similarity"]


@hsettings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=60))
def test_connected_components_matches_reference(edges):
    n = 30
    arr = np.array(edges, dtype=np.int64).reshape(-1, 2)
    got = connected_components(n, arr)
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for u, v in edges:
        ru, rv = find(u), find(v)
        if ru != rv:
            parent[max(ru, rv)] = min(ru, rv)
    ref = [min(i for i in range(n) if find(i) == find(j)) for j in range(n)]
    assert got.tolist() == ref


def test_settings_params_id_names_everything():
    other = S.with_overrides(shingle_size=4)
    assert minhash_params_id(S) != minhash_params_id(other)


@pytest.mark.parametrize("bands", [7, 14, 28])
def test_band_settings_are_respected(bands):
    s = S.with_overrides(lsh_bands=bands)
    base = article(61)
    out = run(frame([("a", base, 1), ("b", reorder_paragraphs(base, 9), 2)]), settings=s)
    assert row(out, "b")["duplicate_of"] == "a"
