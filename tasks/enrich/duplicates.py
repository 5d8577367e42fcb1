"""Exact and near-duplicate articles: content hash, MinHash signatures, LSH, clusters.

Exact duplicates
    ``text_hash`` = BLAKE2b-128 (hex, 32 chars) of the body normalised as in
    ``text_stats.normalise_text_expr``: lower case, typographic apostrophe -> ``'``,
    whitespace runs -> one space, stripped. hashlib, not ``pl.Expr.hash``: polars
    documents its hash as unstable across versions, and text hashes are compared with
    those of earlier dataset versions. (One C call per row; ~1 µs per 3 kB article.)

Near duplicates (Broder's MinHash + banded LSH, cost linear in the corpus)
    1. tokens = the normalised words of ``text_stats`` (punctuation dropped);
       each distinct token is hashed once with BLAKE2b-64 (stable across processes and
       library versions), shingles of ``shingle_size`` consecutive tokens are combined
       in numpy (polynomial, wrapping uint64) and folded to 32 bits;
    2. ``num_perm`` hash functions h_i(x) = ((a_i * x + b_i) mod 2^64) >> 32 with odd
       random 64-bit a_i and random b_i: Dietzfelbinger's multiply-add-shift family,
       strongly universal on 32-bit keys like ((a*x + b) mod p) but without a division
       (measured 3 ns vs 13 ns per value, same numpy layout). a_i, b_i are derived from BLAKE2b(minhash_seed, i), so a
       signature never depends on the numpy version. All shingles of a frame are hashed
       in [num_perm x 4096] numpy blocks and reduced per document with
       ``np.minimum.reduceat`` (signature = uint32 minima);
    3. articles with fewer than ``max(near_dup_min_words, shingle_size)`` tokens get a
       null signature: they are matched exactly only;
    4. LSH: ``lsh_bands`` bands of ``num_perm / lsh_bands`` rows; articles sharing a band
       bucket become candidates (each bucket member is linked to the bucket's first
       member and to its predecessor: 2 edges per member, never all pairs);
    5. a candidate pair is kept when its estimated Jaccard (share of equal signature
       values) is >= ``near_dup_threshold``;
    6. clusters = connected components over exact (same ``text_hash``) and kept near
       edges (vectorised min-label propagation with pointer jumping).

With the defaults (112 permutations, 14 bands of 8 rows) the LSH S-curve passes 50 %
at J ~= 0.72: pairs at J = 0.7 are found with p ~= 0.56, at 0.8 with 0.92, at 0.9
with 0.999. (Transitivity helps: a pair missed directly is often joined through
another member.)

Bodies that normalise to the same text share a ``text_hash`` and are exact duplicates,
whatever their length (so all empty bodies form one cluster; the silver gate normally
quarantines them first). An input article that is also in ``prior`` (a re-run) is
treated as the prior article.

Canonical article of a cluster: an already-published (``prior``) article if there
is one; else the earliest ``published_at`` (nulls last), then the longest body,
then the smallest ``article_id``. Output per input article: ``cluster_id`` (the
canonical's article_id; null for singletons), ``duplicate_of`` (canonical, null for
the canonical itself and singletons), ``dup_kind`` ("exact" when the text hash equals
the canonical's, else "near"), ``dup_similarity`` (1.0 for exact; estimated Jaccard
with the canonical for near, null if either has no signature).

Signatures persisted with a dataset version are only comparable with signatures
made with the same parameters: :func:`minhash_params_id` names them; a ``prior``
frame may carry a ``signature_params`` column, and prior signatures made with other
parameters (or of another length) are ignored (exact matching only). Delta Lake has
no unsigned integers: store signatures as ``STORAGE_SIGNATURE_DTYPE`` (list[i64]); any
integer list dtype is accepted in ``prior``.
"""

from __future__ import annotations

import hashlib
import logging

import numpy as np
import polars as pl

from tasks.enrich.text_stats import ROW, TOKEN_PATTERN, normalise_text_expr, normalise_tokens_expr
from tasks.settings import Settings

LOGGER = logging.getLogger(__name__)
SIGNATURE_DTYPE = pl.List(pl.UInt32)
#: how to persist signatures in Delta Lake, which has no unsigned types (``find_duplicates``
#: casts prior signatures back): ``pl.col("signature").cast(STORAGE_SIGNATURE_DTYPE)``
STORAGE_SIGNATURE_DTYPE = pl.List(pl.Int64)
_BLOCK = 4096  # shingles per numpy block (the [num_perm x block] uint64 block stays in cache)
_SHIFT = np.uint64(32)
_POLY = np.uint64(0x100000001B3)  # FNV-64 prime as polynomial base for shingle hashes
_BAND_MIX = np.uint64(0x9E3779B97F4A7C15)
_VERIFY_BLOCK = 65536
OUTPUT_SCHEMA = {
    "article_id": pl.String,
    "cluster_id": pl.String,
    "duplicate_of": pl.String,
    "dup_kind": pl.String,
    "dup_similarity": pl.Float64,
}


# --------------------------------------------------------------------------- exact


def text_hash(df: pl.DataFrame, text_col: str = "body") -> pl.DataFrame:
    """``df`` plus ``text_hash``: 32 lower-hex chars, BLAKE2b-128 of the normalised text."""
    norm = df.select(normalise_text_expr(text_col)).to_series().to_list() if df.height else []
    hashes = [hashlib.blake2b(s.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest() for s in norm]
    return df.with_columns(pl.Series("text_hash", hashes, dtype=pl.String))


# --------------------------------------------------------------------------- MinHash


def minhash_params_id(settings: Settings) -> str:
    """Names everything a signature depends on; signatures with different ids are not comparable."""
    return (
        f"minhash-v1:shingle={settings.shingle_size}:perm={settings.num_perm}"
        f":seed={settings.minhash_seed}:minwords={settings.near_dup_min_words}"
    )


def _stable_u64(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    a = np.array([_stable_u64(f"minhash:a:{seed}:{i}".encode()) | 1 for i in range(num_perm)], dtype=np.uint64)
    b = np.array([_stable_u64(f"minhash:b:{seed}:{i}".encode()) for i in range(num_perm)], dtype=np.uint64)
    return a, b


def _finish(x: np.ndarray) -> np.ndarray:
    """Mix a polynomial shingle hash and fold it to 32 bits (as uint64)."""
    with np.errstate(over="ignore"):
        x ^= x >> np.uint64(29)
        x *= np.uint64(0xBF58476D1CE4E5B9)
        x ^= x >> np.uint64(32)
    return x & np.uint64(0xFFFFFFFF)


def _shingle_hashes(df: pl.DataFrame, text_col: str, shingle_size: int, min_words: int):
    """(row of each shingle, 32-bit shingle hash as uint64, rows with a signature); rows ascending.

    Shingles are ``shingle_size`` consecutive tokens *within one paragraph* (``\n``-separated
    line); a paragraph shorter than that is one shingle. So reordering paragraphs leaves
    the shingle set unchanged, and an added chrome line adds one or a few shingles.
    """
    toks = (
        df.lazy()
        .select(
            pl.int_range(pl.len(), dtype=pl.UInt32).alias(ROW),
            normalise_tokens_expr(text_col).str.extract_all(TOKEN_PATTERN + r"|\n").alias("token"),
        )
        .explode("token")
        .drop_nulls("token")
        .collect()
    )
    empty = np.empty(0, np.int64), np.empty(0, np.uint64), np.empty(0, np.int64)
    if toks.height == 0:
        return empty
    rows_all = toks.get_column(ROW).to_numpy().astype(np.int64)
    is_break = (toks.get_column("token") == "\n").to_numpy()
    new_seg = is_break.copy()
    new_seg[1:] |= rows_all[1:] != rows_all[:-1]
    seg_all = np.cumsum(new_seg)
    words = toks.filter(~pl.Series(is_break))
    if words.height == 0:
        return empty
    rows = rows_all[~is_break]
    seg = seg_all[~is_break]
    vocab = words.select(pl.col("token").unique())
    vh = [_stable_u64(t.encode("utf-8", "surrogatepass")) for t in vocab.get_column("token").to_list()]
    h = (
        words.select("token")
        .join(vocab.with_columns(pl.Series("h", vh, dtype=pl.UInt64)), on="token", how="left", maintain_order="left")
        .get_column("h")
        .to_numpy()
    )
    n_tok = np.bincount(rows, minlength=df.height)
    need = max(min_words, shingle_size, 1)
    eligible = np.flatnonzero(n_tok >= need)
    k = shingle_size
    parts_row, parts_x = [], []
    with np.errstate(over="ignore"):
        if h.size >= k:  # full windows inside a paragraph
            n_sh = h.size - k + 1
            x = np.zeros(n_sh, dtype=np.uint64)
            for j in range(k):
                x = x * _POLY + h[j : j + n_sh]
            ok = seg[k - 1 : k - 1 + n_sh] == seg[:n_sh]
            parts_row.append(rows[:n_sh][ok])
            parts_x.append(x[ok])
        # paragraphs shorter than k tokens: one shingle each
        seg_start = np.flatnonzero(np.r_[True, seg[1:] != seg[:-1]])
        seg_len = np.diff(np.r_[seg_start, seg.size])
        for w in range(1, k):
            st = seg_start[seg_len == w]
            if st.size:
                x = np.zeros(st.size, dtype=np.uint64)
                for j in range(w):
                    x = x * _POLY + h[st + j]
                parts_row.append(rows[st])
                parts_x.append(x)
    if not parts_row:
        return np.empty(0, np.int64), np.empty(0, np.uint64), eligible
    srow = np.concatenate(parts_row)
    x = _finish(np.concatenate(parts_x))
    order = np.argsort(srow, kind="stable")  # sorted runs: a linear merge
    srow, x = srow[order], x[order]
    ok = n_tok[srow] >= need
    return srow[ok], x[ok], eligible


def reference_shingles(text: str | None, shingle_size: int) -> set[tuple[str, ...]]:
    """The shingle set MinHash estimates, in plain Python (for tests and benchmarks; slow)."""
    import re

    norm = (text or "").lower().replace("\u2019", "'")
    norm = re.sub(r"'s\b", "", norm)
    out: set[tuple[str, ...]] = set()
    for para in norm.split("\n"):
        toks = pl.Series([para]).str.extract_all(TOKEN_PATTERN)[0].to_list()
        if 0 < len(toks) < shingle_size:
            out.add(tuple(toks))
        out.update(tuple(toks[i : i + shingle_size]) for i in range(len(toks) - shingle_size + 1))
    return out


def minhash_signatures(df: pl.DataFrame, settings: Settings, text_col: str = "body") -> pl.DataFrame:
    """``article_id``, ``signature`` (list[u32] of ``num_perm`` values; null when the text is too short)."""
    num_perm = settings.num_perm
    srow, x, eligible = _shingle_hashes(df, text_col, settings.shingle_size, settings.near_dup_min_words)
    sig = np.full((df.height, num_perm), np.iinfo(np.uint32).max, dtype=np.uint64)
    if x.size:
        a, b = _permutations(num_perm, settings.minhash_seed)
        b_col = b[:, None]
        with np.errstate(over="ignore"):
            for lo in range(0, x.size, _BLOCK):
                hi = min(lo + _BLOCK, x.size)
                block = np.multiply.outer(a, x[lo:hi])
                block += b_col
                block >>= _SHIFT
                r = srow[lo:hi]
                starts = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
                mins = np.minimum.reduceat(block, starts, axis=1)  # [num_perm x docs in block]
                docs = r[starts]
                sig[docs] = np.minimum(sig[docs], mins.T)
    has = np.zeros(df.height, dtype=bool)
    has[eligible] = True
    signature = pl.Series("signature", sig.astype(np.uint32)).reshape((df.height, num_perm)).cast(SIGNATURE_DTYPE)
    return pl.DataFrame({"article_id": df.get_column("article_id"), "signature": signature}).with_columns(
        pl.when(pl.Series(has)).then(pl.col("signature")).otherwise(None).alias("signature")
    )


# --------------------------------------------------------------------------- clustering


def _signature_matrix(sigs: pl.Series, num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """(uint32 [m x num_perm] of the usable signatures, their positions in ``sigs``).

    One copy of the values: the list column's flat buffer is reshaped, not rebuilt per row.
    """
    lens = sigs.list.len().fill_null(0).to_numpy()
    usable = np.flatnonzero(lens == num_perm)
    bad = int(((lens != 0) & (lens != num_perm)).sum())
    if bad:
        LOGGER.warning("find_duplicates: %d signatures of another length ignored", bad)
    if usable.size == 0:
        return np.empty((0, num_perm), np.uint32), usable
    picked = sigs if usable.size == len(sigs) else sigs.gather(usable)
    vals = picked.list.explode().cast(pl.UInt32).to_numpy()
    return np.ascontiguousarray(vals.reshape(usable.size, num_perm)), usable


def _signature_index(frames: list[pl.DataFrame], num_perm: int) -> tuple[pl.DataFrame, np.ndarray]:
    """(``article_id``, ``sig_row``) and the stacked signature matrix; first frame wins per id."""
    ids, mats, offset = [], [], 0
    for f in frames:
        if f is None or f.height == 0:
            continue
        mat, usable = _signature_matrix(f.get_column("signature"), num_perm)
        ids.append(pl.DataFrame({
            "article_id": f.get_column("article_id").cast(pl.String).gather(usable),
            "sig_row": np.arange(offset, offset + usable.size, dtype=np.int64),
        }))
        mats.append(mat)
        offset += usable.size
    if not ids:
        return pl.DataFrame(schema={"article_id": pl.String, "sig_row": pl.Int64}), np.empty((0, num_perm), np.uint32)
    index = pl.concat(ids).unique("article_id", keep="first", maintain_order=True)
    return index, (mats[0] if len(mats) == 1 else np.concatenate(mats))


def _lsh_candidates(sig: np.ndarray, bands: int) -> np.ndarray:
    """Candidate pairs [E x 2] (indices into ``sig``), linear in len(sig): star + chain per bucket.

    Per band, the band's values are hashed to 64 bits and the member index is packed into
    the low bits (``key << member_bits | member``), so one ``np.sort`` of uint64 groups the
    buckets (no argsort). Truncating the key to ``64 - member_bits`` bits can only merge
    buckets by accident; every candidate is verified afterwards.
    """
    m, num_perm = sig.shape
    if m < 2:
        return np.empty((0, 2), np.int64)
    r = num_perm // bands
    if r < 1:
        raise ValueError(f"lsh_bands={bands} > num_perm={num_perm}")
    bits = max(1, int(m - 1).bit_length())
    if bits > 32:
        raise ValueError(f"too many signatures for one LSH pass: {m}")
    member = np.arange(m, dtype=np.uint64)
    low = np.uint64((1 << bits) - 1)
    found = []
    with np.errstate(over="ignore"):
        for band in range(bands):
            key = np.full(m, np.uint64(band + 1) * _BAND_MIX, dtype=np.uint64)
            for j in range(band * r, (band + 1) * r):
                key = key * _POLY + sig[:, j]
            key ^= key >> np.uint64(31)
            packed = (key << np.uint64(bits)) | member
            packed.sort()
            hk = packed >> np.uint64(bits)
            inside = np.flatnonzero(hk[1:] == hk[:-1]) + 1  # positions that continue a bucket
            if inside.size == 0:
                continue
            fm = (packed & low).astype(np.int64)
            new_run = np.ones(m, dtype=bool)
            new_run[inside] = False
            run_first = np.maximum.accumulate(np.where(new_run, np.arange(m), 0))
            found.append(np.stack([fm[run_first[inside]], fm[inside]], axis=1))  # star to the first
            found.append(np.stack([fm[inside - 1], fm[inside]], axis=1))  # chain to the previous
    if not found:
        return np.empty((0, 2), np.int64)
    pairs = np.concatenate(found)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    if pairs.size == 0:
        return pairs.reshape(0, 2)
    pairs.sort(axis=1)
    # unique pairs via one packed uint64 sort
    code = np.unique((pairs[:, 0].astype(np.uint64) << np.uint64(32)) | pairs[:, 1].astype(np.uint64))
    return np.stack([(code >> np.uint64(32)).astype(np.int64), (code & np.uint64(0xFFFFFFFF)).astype(np.int64)], axis=1)


def _similarity(sig: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    out = np.empty(len(pairs), dtype=np.float64)
    for lo in range(0, len(pairs), _VERIFY_BLOCK):
        p = pairs[lo : lo + _VERIFY_BLOCK]
        out[lo : lo + len(p)] = (sig[p[:, 0]] == sig[p[:, 1]]).mean(axis=1)
    return out


def connected_components(n: int, edges: np.ndarray) -> np.ndarray:
    """Component label (smallest member index) per node, for undirected ``edges`` [E x 2]."""
    label = np.arange(n, dtype=np.int64)
    if len(edges) == 0:
        return label
    u, v = edges[:, 0], edges[:, 1]
    while True:
        lu, lv = label[u], label[v]
        lo = np.minimum(lu, lv)
        hi = np.maximum(lu, lv)
        changed = lo != hi
        if not changed.any():
            break
        # hook the larger root onto the smaller one, then jump pointers to the roots
        np.minimum.at(label, hi[changed], lo[changed])
        while True:
            nxt = label[label]
            if np.array_equal(nxt, label):
                break
            label = nxt
    return label


def find_duplicates(
    articles: pl.DataFrame,
    signatures: pl.DataFrame,
    settings: Settings,
    prior: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """One row per input article: article_id, cluster_id, duplicate_of, dup_kind, dup_similarity.

    Signatures live in one uint32 matrix (rows named by ``sig_row``), never in a joined
    list column: memory is the matrix plus the LSH keys, ~1 kB per article.
    """
    ts = pl.Datetime("us", "UTC")
    num_perm = settings.num_perm
    small = [pl.col("article_id").cast(pl.String), pl.col("text_hash").cast(pl.String),
             pl.col("published_at").cast(ts), pl.col("body_chars").cast(pl.Int64)]
    cur = articles.select(small).with_columns(pl.lit(True).alias("is_input"))
    prior_sigs = None
    if prior is not None and prior.height:
        if "signature" in prior.columns:
            keep = pl.col("signature").is_not_null()
            if "signature_params" in prior.columns:
                keep = keep & (pl.col("signature_params") == minhash_params_id(settings))
            prior_sigs = prior.filter(keep).select("article_id", pl.col("signature").cast(SIGNATURE_DTYPE))
        prev = prior.select(small).unique("article_id", keep="first", maintain_order=True)
        prior_ids = prev.select("article_id", pl.lit(True).alias("is_prior"))
        cur = cur.join(prior_ids, on="article_id", how="left").with_columns(pl.col("is_prior").fill_null(False))
        extra = prev.join(cur.select("article_id"), on="article_id", how="anti").with_columns(
            pl.lit(False).alias("is_input"), pl.lit(True).alias("is_prior")
        )
        nodes = pl.concat([cur, extra.select(cur.columns)], how="vertical")
    else:
        nodes = cur.with_columns(pl.lit(False).alias("is_prior"))
    # an input article's own signature first, then the prior version's
    sig_index, mat = _signature_index([signatures.select("article_id", "signature"), prior_sigs], num_perm)
    nodes = nodes.join(sig_index, on="article_id", how="left", maintain_order="left").with_row_index("node")
    n = nodes.height
    if n == 0:
        return pl.DataFrame(schema=OUTPUT_SCHEMA)

    # exact: every member of a text_hash group linked to the group's first node
    exact = (
        nodes.filter(pl.col("text_hash").is_not_null())
        .select("node", pl.col("node").min().over("text_hash").alias("rep"))
        .filter(pl.col("node") != pl.col("rep"))
    )
    edges = [exact.select(pl.col("rep").cast(pl.Int64), pl.col("node").cast(pl.Int64)).to_numpy()]

    # near: LSH over one signature per text_hash group (its first node that has one)
    reps = nodes.filter(pl.col("sig_row").is_not_null()).filter(
        pl.col("text_hash").is_null() | pl.col("text_hash").is_first_distinct()
    )
    rep_nodes = reps.get_column("node").to_numpy().astype(np.int64)
    sig = mat[reps.get_column("sig_row").to_numpy()] if reps.height else np.empty((0, num_perm), np.uint32)
    pairs = _lsh_candidates(sig, settings.lsh_bands)
    if len(pairs):
        sim = _similarity(sig, pairs)
        kept = pairs[sim >= settings.near_dup_threshold]
        edges.append(rep_nodes[kept])
    del sig
    all_edges = np.concatenate([e.reshape(-1, 2) for e in edges]) if edges else np.empty((0, 2), np.int64)
    comp = connected_components(n, all_edges.astype(np.int64))

    nodes = nodes.with_columns(pl.Series("comp", comp))
    sizes = nodes.group_by("comp").agg(pl.len().alias("size"))
    canon = (
        nodes.join(sizes.filter(pl.col("size") > 1), on="comp", how="semi")
        .sort(
            ["comp", "is_prior", "published_at", "body_chars", "article_id"],
            descending=[False, True, False, True, False],
            nulls_last=True,
        )
        .group_by("comp", maintain_order=True)
        .first()
        .select(
            "comp",
            pl.col("article_id").alias("canon_id"),
            pl.col("text_hash").alias("canon_hash"),
            pl.col("sig_row").alias("canon_sig_row"),
        )
    )
    out = nodes.filter(pl.col("is_input")).join(canon, on="comp", how="left")
    # similarity with the canonical, for members where both have a signature
    both = out.select(pl.col("sig_row").is_not_null() & pl.col("canon_sig_row").is_not_null()).to_series()
    sim_col = np.full(out.height, np.nan)
    if both.any():
        pick = out.filter(both)
        pair_rows = np.stack([pick.get_column("sig_row").to_numpy(), pick.get_column("canon_sig_row").to_numpy()], axis=1)
        sim_col[both.to_numpy()] = _similarity(mat, pair_rows.astype(np.int64))
    is_member = pl.col("canon_id").is_not_null() & (pl.col("canon_id") != pl.col("article_id"))
    exact_kind = pl.col("text_hash").is_not_null() & (pl.col("text_hash") == pl.col("canon_hash"))
    result = out.with_columns(pl.Series("_sim", sim_col).fill_nan(None)).select(
        "article_id",
        pl.col("canon_id").alias("cluster_id"),
        pl.when(is_member).then(pl.col("canon_id")).alias("duplicate_of"),
        pl.when(is_member).then(pl.when(exact_kind).then(pl.lit("exact")).otherwise(pl.lit("near"))).alias("dup_kind"),
        pl.when(is_member)
        .then(pl.when(exact_kind).then(pl.lit(1.0)).otherwise(pl.col("_sim")))
        .cast(pl.Float64)
        .alias("dup_similarity"),
    )
    # back in input order
    return (
        articles.select(pl.col("article_id").cast(pl.String))
        .join(result, on="article_id", how="left", maintain_order="left")
        .select(list(OUTPUT_SCHEMA))
    )


__all__ = [
    "text_hash",
    "minhash_signatures",
    "minhash_params_id",
    "find_duplicates",
    "connected_components",
    "reference_shingles",
    "SIGNATURE_DTYPE",
    "STORAGE_SIGNATURE_DTYPE",
]
