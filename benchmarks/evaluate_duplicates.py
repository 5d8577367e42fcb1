"""Duplicate-detection figures for ``corpus evaluate``.

* exact-duplicate recall on the byte-identical groups of each shared corpus;
* near-duplicate precision/recall on pairs built by perturbing real articles
  (reordered paragraphs, added page chrome, edited sentences) plus negatives;
* the sample corpus's own repost pair (``kind: near_duplicate`` in LABELS.yaml),
  found after the real clean stage.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import yaml

from benchmarks import corpora as C
from benchmarks.near_dup_eval import evaluate_exact, evaluate_near, sample_texts
from tasks.enrich.duplicates import find_duplicates, minhash_signatures, text_hash
from tasks.settings import Settings

NEAR_BASES = 400  # articles perturbed into pairs (a few seconds)


def corpus_figures(settings: Settings | None = None, seed: int = 0) -> dict:
    settings = settings or Settings()
    exact = {name: _plain(evaluate_exact(name, settings)) for name in C.CORPORA}
    near = evaluate_near(sample_texts(list(C.CORPORA), NEAR_BASES, seed), seed, settings)
    return {
        "exact": exact,
        "exact_recall_min": min(r["recall"] for r in exact.values()),
        "near": {k: v for k, v in _plain(near).items() if k not in {"false_positives"}},
    }


def sample_figures(articles: pl.DataFrame, sample_dir: Path, settings: Settings | None = None) -> dict:
    """Is every labelled repost in the sample marked as a duplicate of its original?"""
    settings = settings or Settings()
    labels = yaml.safe_load((sample_dir / "LABELS.yaml").read_text(encoding="utf-8"))
    pairs = [(name, lab["duplicate_of"]) for name, lab in labels.items() if lab.get("kind") == "near_duplicate"]
    df = text_hash(articles.filter(pl.col("body").str.strip_chars() != ""))
    dups = find_duplicates(
        df.select("article_id", "text_hash", "published_at", pl.col("body").str.len_chars().alias("body_chars")),
        minhash_signatures(df, settings), settings,
    )
    cluster = dict(
        dups.join(df.select("article_id", "source_uri"), on="article_id")
        .select(pl.col("source_uri").str.split("/").list.last(), pl.coalesce("cluster_id", "article_id"))
        .iter_rows()
    )
    found = [a for a, b in pairs if a in cluster and cluster.get(a) == cluster.get(b)]
    return {"pairs": len(pairs), "found": len(found), "missed": sorted({a for a, _ in pairs} - set(found))}


def _plain(d: dict) -> dict:
    return {k: (v.to_dicts() if isinstance(v, pl.DataFrame) else v) for k, v in d.items()}


def markdown(figures: dict) -> list[str]:
    out = ["", "## Duplicates", ""]
    sample = figures.get("sample")
    if sample:
        out.append(f"- sample repost pairs found: {sample['found']}/{sample['pairs']}"
                   + (f" (missed: {', '.join(sample['missed'])})" if sample["missed"] else ""))
    corp = figures.get("corpora")
    if corp:
        out += ["", "| corpus | known extra copies | found | recall |", "|---|---|---|---|"]
        out += [f"| {n} | {r['known_extra_copies']} | {r['found']} | {r['recall']:.3f} |" for n, r in corp["exact"].items()]
        near = corp["near"]
        out += ["", f"- near duplicates ({near['documents']} documents, {near['pairs']} pairs from perturbed "
                f"real articles): precision {near['precision']:.4f}, recall {near['recall']:.4f} "
                f"(recall where true Jaccard >= threshold: {near['recall_true_jaccard_ge_threshold']:.4f})"]
    return out
