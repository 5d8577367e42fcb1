"""Throughput of each enricher (docs/s), measured - not a test.

Frames (texts read at run time from the shared corpora; nothing copied):

- ``words500``: ``--docs`` articles of ~500 words, each assembled from consecutive
  paragraphs of real BBC / Reuters / FakeNewsNet articles (one paragraph per line,
  as silver bodies are);
- ``corpora``: every non-empty document of the four shared corpora, as they come
  (Reuters wires are short: median ~90 words).

Without the shared corpora, ``words500`` falls back to generated text.
Each enricher runs ``--repeat`` times on the whole frame; the best run is reported.

Run::

    .venv/bin/python -m benchmarks.enrich_micro                 # words500, 5000 docs
    .venv/bin/python -m benchmarks.enrich_micro --frame corpora
"""

from __future__ import annotations

import argparse
import random
import time

import polars as pl

from benchmarks import corpora as C
from tasks.enrich.duplicates import find_duplicates, minhash_signatures, text_hash
from tasks.enrich.entities import load_gazetteer, tag_entities
from tasks.enrich.keywords import extract_keywords
from tasks.enrich.language import detect_language, reference_classify
from tasks.enrich.quality import quality_signals
from tasks.settings import Settings


def _paragraph_pool() -> list[str]:
    from benchmarks.near_dup_eval import as_body

    df = pl.concat([C.load_corpus(c).select("text") for c in ("bbc", "reuters", "fakenewsnet")])
    pool = []
    for t in df.filter(pl.col("text").str.len_chars() > 200)["text"].to_list():
        pool.extend(p for p in as_body(t).split("\n") if len(p.split()) >= 8)
    return pool


def words500_frame(n: int, seed: int = 0, words: int = 500) -> pl.DataFrame:
    rng = random.Random(seed)
    try:
        pool = _paragraph_pool() if C.shared_dir() else []
    except FileNotFoundError:
        pool = []
    if not pool:  # generated fallback
        vocab = [f"w{i}" for i in range(5000)] + ["the", "of", "and", "to", "in", "Syria", "ISIL", "Damascus"]
        pool = [" ".join(rng.choice(vocab) for _ in range(40)) + "." for _ in range(20000)]
    bodies = []
    for _ in range(n):
        i = rng.randrange(len(pool))
        paras, count = [], 0
        while count < words:
            p = pool[i % len(pool)]
            paras.append(p)
            count += len(p.split())
            i += 1
        bodies.append("\n".join(paras))
    return _articles(bodies)


def corpora_frame() -> pl.DataFrame:
    from benchmarks.near_dup_eval import as_body

    df = C.load_all().filter(pl.col("text").str.strip_chars() != "")
    return _articles([as_body(t) for t in df["text"].to_list()])


def _articles(bodies: list[str]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "article_id": [f"a{i:07d}" for i in range(len(bodies))],
            "body": bodies,
            "published_at": [None] * len(bodies),
        },
        schema={"article_id": pl.String, "body": pl.String, "published_at": pl.Datetime("us", "UTC")},
    )


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--frame", choices=["words500", "corpora"], default="words500")
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    settings = Settings()
    df = words500_frame(args.docs) if args.frame == "words500" else corpora_frame()
    n = df.height
    words = int(df["body"].str.count_matches(r"\S+").sum())
    mb = df["body"].str.len_bytes().sum() / 1e6
    print(f"frame {args.frame}: {n} docs, {words / n:.0f} words/doc, {mb:.1f} MB")

    gaz = load_gazetteer()
    lang = detect_language(df)
    sigs = minhash_signatures(df, settings)
    arts = text_hash(df).select(
        "article_id", "text_hash", "published_at", pl.col("body").str.len_chars().alias("body_chars")
    )
    sample = df["body"].head(min(n, 500)).to_list()
    cases = [
        ("language (batched)", lambda: detect_language(df), n),
        ("language (py3langid per doc, reference)", lambda: [reference_classify(t) for t in sample], len(sample)),
        ("entities", lambda: tag_entities(df, gaz), n),
        ("quality", lambda: quality_signals(lang, settings), n),
        ("keywords", lambda: extract_keywords(df), n),
        ("text_hash", lambda: text_hash(df), n),
        ("minhash_signatures", lambda: minhash_signatures(df, settings), n),
        ("find_duplicates (whole frame)", lambda: find_duplicates(arts, sigs, settings), n),
    ]
    print(f"{'enricher':42s} {'seconds':>8s} {'docs/s':>10s} {'MB/s':>7s}")
    for name, fn, count in cases:
        sec = best_of(fn, args.repeat)
        share = count / n
        print(f"{name:42s} {sec:8.3f} {count / sec:10,.0f} {mb * share / sec:7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
