"""Precision / recall of ``tasks.enrich.duplicates.find_duplicates``.

Two measurements, on the shared corpora read at run time from ``$NEWS_SHARED_DIR``
(nothing is copied into the repository):

1. **near duplicates by perturbation** - :func:`perturbation_pairs` takes real
   articles and builds positive pairs (the article vs. a copy with its paragraphs
   reordered, page chrome lines added, sentences edited, or all three) and negative
   pairs (two different articles). Every text goes into ONE run of
   ``find_duplicates`` (LSH over the whole set, as in production); a pair is
   predicted a duplicate when both ends land in the same cluster. Reported:
   precision / recall overall and recall per perturbation kind, plus the true
   5-shingle Jaccard of the positives, to read recall against the LSH S-curve.
2. **exact duplicates** - the corpora's known groups of byte-identical texts
   (``benchmarks.corpora.known_exact_duplicate_groups``; BBC has 98 extra copies):
   recall = share of extra copies marked as duplicates, their whole group in one
   cluster; ``exact_kind_recall`` = share marked ``dup_kind="exact"`` with a
   ``duplicate_of`` inside their group (lower when a group's canonical is a
   near-identical earlier/longer article outside it).

Run::

    .venv/bin/python -m benchmarks.near_dup_eval                # bbc + reuters, 1000 bases
    .venv/bin/python -m benchmarks.near_dup_eval --corpora bbc,reuters,fakenewsnet,fakenewscorpus --bases 2000
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time

import polars as pl

from benchmarks import corpora as C
from tasks.enrich.duplicates import find_duplicates, minhash_signatures, reference_shingles, text_hash
from tasks.settings import Settings

#: page furniture of the kind scraped news pages carry (written for this benchmark)
CHROME_LINES = [
    "Share this article",
    "Follow us on Twitter and Facebook",
    "Click here to subscribe to our daily newsletter",
    "Related: more stories from this section",
    "Print this page | Email to a friend",
    "Comments (0) | Leave a reply",
    "Home > News > Middle East",
    "Advertisement",
    "Visitors today: 1,204 | Updated 14:05 GMT",
    "Copyright 2018. All rights reserved.",
]
_EDIT_WORDS = ["reportedly", "officially", "again", "later", "fiercely", "briefly", "allegedly", "quietly"]
KINDS = ("reorder", "chrome", "edit", "combo")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n+", text) if p.strip()]


def as_body(text: str) -> str:
    """A raw corpus text shaped like a silver body: one paragraph per line.

    Blank-line separated paragraphs (BBC) or indented ones (Reuters' hard-wrapped
    wire text) are unwrapped onto single lines; otherwise lines are kept.
    """
    text = text.replace("\r\n", "\n").strip()
    if re.search(r"\n[ \t]*\n", text):
        blocks = re.split(r"\n[ \t]*\n", text)
    elif re.search(r"\n[ \t]{2,}\S", text):
        blocks = re.split(r"\n(?=[ \t]{2,}\S)", text)
    else:
        blocks = text.split("\n")
    paras = [re.sub(r"\s+", " ", b).strip() for b in blocks]
    return "\n".join(p for p in paras if p)


def _sentences(par: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", par) if s]


def _reorder(paras: list[str], rng: random.Random) -> list[str]:
    out = paras[:]
    if len(out) > 1:
        while out == paras:
            rng.shuffle(out)
    return out


def _chrome(paras: list[str], rng: random.Random, k: int = 3) -> list[str]:
    top = rng.sample(CHROME_LINES, k)
    bottom = rng.sample(CHROME_LINES, k)
    return top + paras + bottom


def _edit(paras: list[str], rng: random.Random, rate: float = 0.1) -> list[str]:
    """Edit about ``rate`` of the sentences: drop one, insert a word, or swap two words."""
    out = []
    for par in paras:
        sents = []
        for s in _sentences(par):
            if rng.random() >= rate:
                sents.append(s)
                continue
            words = s.split()
            op = rng.randrange(3)
            if op == 0 and len(paras) > 1:
                continue  # sentence dropped
            if op == 1 or len(words) < 3:
                words.insert(rng.randrange(len(words) + 1), rng.choice(_EDIT_WORDS))
            else:
                i = rng.randrange(len(words) - 1)
                words[i], words[i + 1] = words[i + 1], words[i]
            sents.append(" ".join(words))
        if sents:
            out.append(" ".join(sents))
    return out or paras


def perturb(text: str, kind: str, rng: random.Random) -> str:
    paras = _paragraphs(text)
    if kind == "reorder":
        paras = _reorder(paras, rng)
    elif kind == "chrome":
        paras = _chrome(paras, rng)
    elif kind == "edit":
        paras = _edit(paras, rng)
    elif kind == "combo":
        paras = _chrome(_edit(_reorder(paras, rng), rng, rate=0.05), rng, k=2)
    else:
        raise ValueError(kind)
    return "\n".join(paras)


def perturbation_pairs(texts: list[str], seed: int, *, negatives_per_base: int = 1) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(documents, pairs) built from real ``texts`` (one paragraph per line).

    documents: ``article_id``, ``body``, ``base`` (index of the source text).
    pairs: ``a``, ``b`` (article_ids), ``kind``, ``label`` (True = near-duplicate by construction).

    Positives, one of each per base text ``b<i>``: ``reorder`` (paragraphs shuffled),
    ``chrome`` (3 page-furniture lines added at the top and at the bottom), ``edit``
    (~10 % of the sentences dropped, extended or with two words swapped), ``combo``
    (reordered + 5 % edits + 2 + 2 chrome lines).
    Negatives: ``random`` (the base vs. a variant of another base) and
    ``shared_paragraph`` (the base vs. another article that quotes the base's first
    paragraph as background: a different story with real overlap).
    """
    rng = random.Random(seed)
    docs, pairs = [], []
    for i, text in enumerate(texts):
        base_id = f"b{i}"
        docs.append((base_id, text, i))
        for kind in KINDS:
            vid = f"{base_id}-{kind}"
            docs.append((vid, perturb(text, kind, rng), i))
            pairs.append((base_id, vid, kind, True))
    n = len(texts)
    for i in range(n):
        for _ in range(negatives_per_base):
            j = rng.randrange(n - 1)
            j = j + 1 if j >= i else j
            pairs.append((f"b{i}", f"b{j}-{rng.choice(KINDS)}", "random", False))
        j = rng.randrange(n - 1)
        j = j + 1 if j >= i else j
        other = _paragraphs(texts[j])
        quoted = _paragraphs(texts[i])[0]
        sid = f"b{i}-quoted-in-b{j}"
        docs.append((sid, "\n".join(other[:1] + [quoted] + other[1:]), j))
        pairs.append((f"b{i}", sid, "shared_paragraph", False))
    documents = pl.DataFrame(docs, schema={"article_id": pl.String, "body": pl.String, "base": pl.Int64}, orient="row")
    pair_df = pl.DataFrame(pairs, schema={"a": pl.String, "b": pl.String, "kind": pl.String, "label": pl.Boolean}, orient="row")
    return documents, pair_df


def _shingle_sets(df: pl.DataFrame, k: int) -> dict[str, set]:
    return {aid: reference_shingles(body, k) for aid, body in df.select("article_id", "body").iter_rows()}


def run_dedup(docs: pl.DataFrame, settings: Settings) -> tuple[pl.DataFrame, float]:
    t0 = time.perf_counter()
    hashed = text_hash(docs)
    sigs = minhash_signatures(docs, settings)
    arts = hashed.select(
        "article_id",
        "text_hash",
        pl.lit(None, pl.Datetime("us", "UTC")).alias("published_at"),
        pl.col("body").str.len_chars().alias("body_chars"),
    )
    out = find_duplicates(arts, sigs, settings)
    return out, time.perf_counter() - t0


def evaluate_near(texts: list[str], seed: int, settings: Settings) -> dict:
    docs, pairs = perturbation_pairs(texts, seed)
    result, seconds = run_dedup(docs, settings)
    cluster = dict(
        result.select("article_id", pl.coalesce("cluster_id", "article_id")).iter_rows()
    )
    sh = _shingle_sets(docs, settings.shingle_size)

    def jac(a, b):
        x, y = sh[a], sh[b]
        return len(x & y) / len(x | y) if x or y else 1.0

    scored = pairs.with_columns(
        pl.Series("pred", [cluster[a] == cluster[b] for a, b in pairs.select("a", "b").iter_rows()]),
        pl.Series("jaccard", [jac(a, b) for a, b in pairs.select("a", "b").iter_rows()]),
    )
    # a "negative" whose two texts are in fact near-identical (the corpora hold re-sent wires and
    # re-filed stories) is not a fair negative: set aside and counted
    ambiguous = scored.filter(~pl.col("label") & (pl.col("jaccard") >= settings.near_dup_threshold))
    scored = scored.join(ambiguous.select("a", "b"), on=["a", "b"], how="anti")
    tp = scored.filter(pl.col("label") & pl.col("pred")).height
    fp = scored.filter(~pl.col("label") & pl.col("pred")).height
    fn = scored.filter(pl.col("label") & ~pl.col("pred")).height
    per_kind = (
        scored.group_by("kind")
        .agg(
            pl.len().alias("pairs"),
            pl.col("pred").mean().alias("predicted_dup_share"),
            pl.col("jaccard").median().alias("median_true_jaccard"),
            pl.col("jaccard").min().alias("min_true_jaccard"),
        )
        .sort("kind")
    )
    above = scored.filter(pl.col("label") & (pl.col("jaccard") >= settings.near_dup_threshold))
    return {
        "documents": docs.height,
        "pairs": pairs.height,
        "ambiguous_negatives": ambiguous.height,
        "seconds": seconds,
        "precision": tp / (tp + fp) if tp + fp else float("nan"),
        "recall": tp / (tp + fn) if tp + fn else float("nan"),
        "recall_true_jaccard_ge_threshold": above["pred"].mean() if above.height else float("nan"),
        "positives_true_jaccard_ge_threshold": above.height,
        "per_kind": per_kind,
        "false_positives": scored.filter(~pl.col("label") & pl.col("pred")),
    }


def evaluate_exact(name: str, settings: Settings) -> dict:
    df = C.load_corpus(name).filter(pl.col("text") != "")
    groups = C.known_exact_duplicate_groups(df)
    docs = df.select(pl.col("doc_key").alias("article_id"), pl.col("text").alias("body"))
    result, seconds = run_dedup(docs, settings)
    member = groups.select(pl.col("doc_keys").alias("article_id"), pl.col("canonical").alias("group")).explode("article_id")
    marks = (
        result.join(member, on="article_id", how="inner")
        .join(member.rename({"article_id": "duplicate_of", "group": "dup_group"}), on="duplicate_of", how="left")
        .with_columns(
            ((pl.col("dup_kind") == "exact") & (pl.col("dup_group") == pl.col("group"))).fill_null(False).alias("ok")
        )
    )
    expected = int((groups["n"] - 1).sum()) if groups.height else 0
    # per group, every member but one must be an exact duplicate of another member of the group
    per_group = marks.group_by("group").agg(
        pl.col("ok").sum().alias("ok"),
        pl.len().alias("n"),
        # one cluster for the whole group, and all but one member marked as a duplicate
        (
            (pl.coalesce("cluster_id", "article_id").n_unique() == 1)
            & (pl.col("duplicate_of").is_not_null().sum() >= pl.len() - 1)
        ).alias("together"),
    )
    if per_group.height:
        found_exact = int(per_group.select(pl.min_horizontal("ok", pl.col("n") - 1).sum()).item())
        found = int(per_group.filter("together").select((pl.col("n") - 1).sum()).item() or 0)
    else:
        found_exact = found = 0
    return {
        "corpus": name,
        "documents": docs.height,
        "known_extra_copies": expected,
        "found": found,
        "recall": found / expected if expected else float("nan"),
        # stricter: marked "exact" with duplicate_of inside the group (a copy whose cluster's
        # canonical is a near-identical, earlier or longer article is "near" instead)
        "exact_kind_recall": found_exact / expected if expected else float("nan"),
        "all_exact_marks": int((result["dup_kind"] == "exact").sum()),
        "near_marks": int((result["dup_kind"] == "near").sum()),
        "seconds": seconds,
    }


def sample_texts(corpora: list[str], n: int, seed: int, min_words: int = 80) -> list[str]:
    df = pl.concat([C.load_corpus(c).select("text") for c in corpora])
    df = (
        df.filter(pl.col("text").str.count_matches(r"\S+") >= min_words)
        .filter(pl.col("text").str.count_matches(r"\n[ \t]*\n|\n[ \t]{2,}\S") >= 2)  # at least 3 paragraphs
        .unique("text", keep="first", maintain_order=True)
        .sample(n=min(n, df.height), seed=seed, shuffle=True)
    )
    return [as_body(t) for t in df["text"].to_list()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", default="bbc,reuters", help="corpora for perturbation bases")
    ap.add_argument("--bases", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--exact-corpora", default=",".join(C.CORPORA))
    args = ap.parse_args(argv)
    if C.shared_dir() is None:
        print(f"shared corpora not found: set ${C.ENV_VAR}", file=sys.stderr)
        return 2
    settings = Settings()
    print(
        f"settings: shingle={settings.shingle_size} perm={settings.num_perm} bands={settings.lsh_bands} "
        f"threshold={settings.near_dup_threshold} min_words={settings.near_dup_min_words}"
    )
    texts = sample_texts(args.corpora.split(","), args.bases, args.seed)
    r = evaluate_near(texts, args.seed, settings)
    print(
        f"\n# near duplicates: {len(texts)} base articles from {args.corpora} -> {r['documents']} documents, "
        f"{r['pairs']} pairs ({r['ambiguous_negatives']} negatives set aside: their texts are near-identical)"
    )
    print(f"precision {r['precision']:.4f}  recall {r['recall']:.4f}  ({r['seconds']:.2f} s for hash+minhash+find)")
    print(
        f"recall on positives with true Jaccard >= {settings.near_dup_threshold}: "
        f"{r['recall_true_jaccard_ge_threshold']:.4f} ({r['positives_true_jaccard_ge_threshold']} pairs)"
    )
    with pl.Config(tbl_rows=20, tbl_cols=10, tbl_width_chars=140):
        print(r["per_kind"])
        if r["false_positives"].height:
            print("false positives:", r["false_positives"].head(10))
    print("\n# exact duplicates (known byte-identical groups)")
    rows = [evaluate_exact(c, settings) for c in args.exact_corpora.split(",") if c]
    with pl.Config(tbl_rows=20, tbl_cols=12, tbl_width_chars=160):
        print(pl.DataFrame(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
