"""Which shared-corpus documents the evaluation set annotates, and tools to label them.

The selection is deterministic: a fixed seed, fixed strata (regexes on the text
or URL that target the noise each corpus's PROVENANCE.md describes), and a
fixed quota per stratum. Strata are filled in the order listed; a document
already chosen, or whose text equals an already chosen one, is skipped. A split
(``dev`` / ``test``) alternates within each stratum after the seeded shuffle,
so both splits see every kind of noise.

Usage (labelling aid only; the labels themselves are written by hand)::

    .venv/bin/python -m benchmarks.eval_select --list            # the selection
    .venv/bin/python -m benchmarks.eval_select --show fakenewscorpus/123
    .venv/bin/python -m benchmarks.eval_select --check           # labels == selection

``--show`` prints a document with 1-based line numbers (``text.split("\\n")``)
and a few pre-flags (URL, "Source:", share/subscribe words, "Reuter" ...) as
hints; the labeller decides every line.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import polars as pl

from benchmarks import corpora as C

SEED = 20_240_611
LABEL_DIR = Path(__file__).resolve().parent.parent / "tests" / "eval" / "labels"
#: documents longer than this (non-blank lines) are not drawn by the sampled strata
MAX_NONBLANK = 150


@dataclass(frozen=True)
class Stratum:
    name: str
    corpus: str
    quota: int | None  # None = every matching document
    where: Callable[[pl.DataFrame], pl.Series]


def _nonblank(df: pl.DataFrame) -> pl.Series:
    return df["text"].str.count_matches(r"(?m)^[ \t\u00a0]*\S")


def _tail(df: pl.DataFrame, n: int = 3) -> pl.Series:
    """The last ``n`` non-blank lines, joined."""
    return df["text"].map_elements(
        lambda t: "\n".join([x for x in t.split("\n") if x.strip()][-n:]), return_dtype=pl.String
    )


def _txt(df, pattern):
    return df["text"].str.contains(pattern)


STRATA: list[Stratum] = [
    # --- FakeNewsCorpus (target ~50)
    Stratum("fnc_duplicated_boilerplate", "fakenewscorpus", None,
            lambda d: d["text"].is_duplicated()),
    Stratum("fnc_index_page", "fakenewscorpus", None,
            lambda d: d["url"].str.contains(r"/(category|tag|articlelist)/")),
    Stratum("fnc_error_page", "fakenewscorpus", None, lambda d: _txt(d, r"(?i)error mes+age")),
    Stratum("fnc_source_or_url_tail", "fakenewscorpus", 8,
            lambda d: _tail(d).str.contains(r"(?i)\bsource\b|https?://|www\.")),
    Stratum("fnc_promo_headline", "fakenewscorpus", 4, lambda d: _txt(d, r"(?m)^Headline:")),
    Stratum("fnc_widgets", "fakenewscorpus", 6,
            lambda d: _txt(d, r"(?i)\b(subscribe|comments?|related|share)\b")),
    Stratum("fnc_short", "fakenewscorpus", 3, lambda d: d["text"].str.len_chars() < 300),
    Stratum("fnc_random", "fakenewscorpus", 20, lambda d: pl.Series([True] * d.height)),
    # --- FakeNewsNet (target ~50)
    Stratum("fnn_zero_byte_file", "fakenewsnet", 1, lambda d: ~d["parsed"]),
    Stratum("fnn_empty_text", "fakenewsnet", 2, lambda d: d["parsed"] & (d["text"].str.strip_chars() == "")),
    Stratum("fnn_maintenance_page", "fakenewsnet", 1, lambda d: _txt(d, r"(?i)down for maintenance")),
    Stratum("fnn_short", "fakenewsnet", 4,
            lambda d: d["text"].str.strip_chars().str.len_chars().is_between(1, 299)),
    Stratum("fnn_image_credit", "fakenewsnet", 6,
            lambda d: _txt(d, r"(?i)getty|\bAP Photo|\(photo|photo:|image:|credit:|shutterstock|\breuters/")),
    Stratum("fnn_share_comments", "fakenewsnet", 6,
            lambda d: _txt(d, r"(?i)\b(share|comments|subscribe|follow us|click here|advertisement)\b")),
    Stratum("fnn_random", "fakenewsnet", 30, lambda d: pl.Series([True] * d.height)),
    # --- Reuters-21578 (target ~32)
    Stratum("reuters_brief", "reuters", 4, lambda d: d["text_type"] == "BRIEF"),
    Stratum("reuters_unproc", "reuters", 6, lambda d: d["text_type"] == "UNPROC"),
    Stratum("reuters_upper_signoff", "reuters", 3,
            lambda d: (d["text_type"] == "NORM") & _txt(d, r"\n ?REUTER\n&#3;$")),
    Stratum("reuters_ticker", "reuters", 3, lambda d: (d["text_type"] == "NORM") & _txt(d, "&lt;")),
    Stratum("reuters_norm_random", "reuters", 16, lambda d: d["text_type"] == "NORM"),
    Stratum("reuters_odd_signoff", "reuters", 3,
            lambda d: (d["text_type"] == "NORM") & ~_txt(d, r"(?i)\n\s*reuter\s*\n&#3;\s*$")),
    Stratum("reuters_inline_control_codes", "reuters", 2,
            lambda d: (d["text_type"] == "NORM") & _txt(d, r"&#\d+;[\s\S]*&#3;\s*$")),
    # --- BBC (clean control, target ~24)
    Stratum("bbc_mentions_bbc", "bbc", 3, lambda d: _txt(d, r"\bBBC\b")),
    Stratum("bbc_share_word", "bbc", 3, lambda d: _txt(d, r"(?i)\bshares?\b")),
    Stratum("bbc_subscriber", "bbc", 2, lambda d: _txt(d, r"(?i)subscri")),
    Stratum("bbc_random", "bbc", 16, lambda d: pl.Series([True] * d.height)),
    # --- second round (appended so the first round's picks are unchanged): more of
    # the noisiest corpora, where one round left too few examples of each kind
    Stratum("fnc_random_2", "fakenewscorpus", 60, lambda d: pl.Series([True] * d.height)),
    Stratum("fnn_random_2", "fakenewsnet", 40, lambda d: pl.Series([True] * d.height)),
]


def select(corpora: dict[str, pl.DataFrame] | None = None, seed: int = SEED) -> pl.DataFrame:
    """The evaluation selection: ``doc_key, corpus, stratum, split`` (deterministic)."""
    corpora = corpora or {name: C.load_corpus(name) for name in C.CORPORA}
    rng = random.Random(seed)
    chosen: list[dict] = []
    taken_keys: set[str] = set()
    taken_texts: set[tuple[str, str]] = set()
    for st in STRATA:
        df = corpora[st.corpus].sort("doc_key")
        mask = st.where(df).fill_null(False)
        pool = df.filter(mask)
        if st.quota is not None:  # sampled strata skip very long documents
            pool = pool.filter(_nonblank(pool) <= MAX_NONBLANK)
        keys = pool["doc_key"].to_list()
        texts = dict(zip(keys, pool["text"].to_list()))
        rng.shuffle(keys)
        picked = []
        for key in keys:
            if st.quota is not None and len(picked) >= st.quota:
                break
            text_key = (st.corpus, texts[key])
            # empty texts are allowed to repeat (the empty-text strata want them)
            if key in taken_keys or (texts[key].strip() and text_key in taken_texts):
                continue
            picked.append(key)
            taken_keys.add(key)
            taken_texts.add(text_key)
        for i, key in enumerate(picked):
            chosen.append({"doc_key": key, "corpus": st.corpus, "stratum": st.name,
                           "split": "dev" if i % 2 == 0 else "test"})
    return pl.DataFrame(chosen, schema={"doc_key": pl.String, "corpus": pl.String,
                                        "stratum": pl.String, "split": pl.String})


# --------------------------------------------------------------------------- labelling aid

_FLAGS = [
    ("url", re.compile(r"https?://|www\.")),
    ("source", re.compile(r"(?i)^\s*(source|via|read more|h/t)\b")),
    ("widget", re.compile(r"(?i)\b(share|subscribe|comments?|related|click here|follow us|sign up|newsletter|advertisement|getty|photo|image)\b")),
    ("wire", re.compile(r"(?i)^\s*reuter\s*$|&#\d+;")),
]


def show(text: str, width: int = 0) -> str:
    out = []
    for i, line in enumerate(text.split("\n"), 1):
        flags = [n for n, rx in _FLAGS if rx.search(line)]
        shown = line if not width or len(line) <= width else line[:width] + f"…[{len(line)}]"
        out.append(f"{i:4d} {'*' if flags else ' '} {shown}" + (f"   <{','.join(flags)}>" if flags else ""))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--show", nargs="*", default=[])
    ap.add_argument("--width", type=int, default=0)
    ap.add_argument("--check", action="store_true", help="labels in tests/eval/labels match the selection")
    args = ap.parse_args(argv)
    corpora = {name: C.load_corpus(name) for name in C.CORPORA}
    if args.list:
        sel = select(corpora)
        for row in sel.iter_rows(named=True):
            print(row["split"], row["stratum"], row["doc_key"])
        print(sel.group_by("corpus", "split").len().sort("corpus", "split"), file=sys.stderr)
    if args.show:
        everything = pl.concat([df.select("doc_key", "text", "title", "url") for df in corpora.values()])
        for key in args.show:
            row = everything.filter(pl.col("doc_key") == key).row(0, named=True)
            print(f"===== {key}  title={row['title']!r}  url={row['url']!r}")
            print(show(row["text"], args.width))
    if args.check:
        from benchmarks.evaluate import load_labels

        sel = select(corpora)
        labels = load_labels()
        want, have = set(sel["doc_key"]), set(labels)
        print(f"selected {len(want)}, labelled {len(have)}; missing {sorted(want - have)}; extra {sorted(have - want)}")
        return 0 if want == have else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
