"""Language identification with py3langid's bundled model, batched over a shard.

py3langid (a fork of langid.py) classifies one text at a time: a Python loop walks
a byte-level DFA to count n-gram features, then a naive-Bayes dot product scores
~140 classes. Here the same model is applied to a whole frame at once:

1. every text is encoded as py3langid does (all-upper text lower-cased, NFC, UTF-8)
   and cut to its first ``max_bytes`` bytes (language is decided by then, and the
   cost is bounded on very long documents);
2. the DFA is walked for *all* documents in lock-step, one numpy gather per byte
   position (documents sorted by length, so step ``t`` only touches the texts
   still running): cost ~ max_bytes numpy calls per chunk instead of one Python
   iteration per byte per document;
3. feature counts become a naive-Bayes score per class: a sparse (document x feature)
   matrix of ``log1p(count)`` times the dense ``P(t|c)`` (scipy's CSR product, ~2x faster
   than gathering the model's rows per (document, feature) pair);
4. scores are normalised exactly as ``LanguageIdentifier(norm_probs=True)`` does
   (``exp(score / sqrt(n_bytes))`` then divided by the sum), so ``language_score``
   is the model's probability of the returned label, in 0..1.

The result equals ``py3langid`` ``classify`` on the same (truncated) text (label and
probability; a unit test checks it), except for the folded labels below.

Label policy: regional varieties are folded into their ISO 639-1 macrolanguage
(``arz``/``ary`` Egyptian/Moroccan Arabic -> ``ar``, ``uzs`` -> ``uz``, ``wuu``/``yue``
-> ``zh``), their probabilities summed. A few classes of the model have no ISO
639-1 code and keep their ISO 639-3 code (e.g. ``ace``, ``kab``, ``pcm``).
``"und"`` (score null) is returned for empty text, text with fewer than
``min_letters`` letters, the model's ``zxx`` class (no linguistic content), and
when the best probability is below ``min_score``.
"""

from __future__ import annotations

import threading
import unicodedata
from typing import Sequence

import numpy as np
import polars as pl
from scipy import sparse

UND = "und"
#: macrolanguage folding: model class -> output label
LABEL_FOLD = {"arz": "ar", "ary": "ar", "uzs": "uz", "wuu": "zh", "yue": "zh", "hbo": "he", "gug": "gn"}
NO_LANGUAGE_CLASSES = {"zxx"}
DEFAULT_MAX_BYTES = 2048
DEFAULT_MIN_LETTERS = 8
_CHUNK_DOCS = 2048

_MODEL = None
_MODEL_LOCK = threading.Lock()


class _Model:
    """The py3langid model as flat numpy arrays, with the class columns folded."""

    def __init__(self) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        self.identifier = ident  # kept for reference checks in tests
        # a view on the model's array (no copy): state -> next state, rows of 256 bytes
        self.nextmove = np.frombuffer(ident.tk_nextmove, dtype=f"u{ident.tk_nextmove.itemsize}")
        self.rowbase = np.asarray(ident.tk_row, dtype=np.int64) << 8
        self.output = np.asarray(ident.tk_output, dtype=np.int32)  # feature id per state, -1: none
        self.ptc = np.asarray(ident.nb_ptc, dtype=np.float32)  # [n_features, n_classes]
        self.pc = np.asarray(ident.nb_pc, dtype=np.float32)
        classes = [str(c) for c in ident.nb_classes]
        labels = [LABEL_FOLD.get(c, c) for c in classes]
        self.labels = list(dict.fromkeys(labels))
        index = {lab: i for i, lab in enumerate(self.labels)}
        # fold matrix: probabilities of classes sharing a label are summed
        fold = np.zeros((len(classes), len(self.labels)), dtype=np.float64)
        for i, lab in enumerate(labels):
            fold[i, index[lab]] = 1.0
        self.fold = fold
        self.no_language = np.array([lab in NO_LANGUAGE_CLASSES for lab in self.labels])


def _model() -> _Model:
    global _MODEL
    if _MODEL is None:
        with _MODEL_LOCK:
            if _MODEL is None:
                _MODEL = _Model()
    return _MODEL


def language_codes() -> list[str]:
    """Every label ``detect_language`` can return (the model's folded classes and ``und``)."""
    return sorted({*(lab for lab in _model().labels if lab not in NO_LANGUAGE_CLASSES), UND})


def _encode(text: str, max_bytes: int) -> bytes:
    """py3langid's encoding (upper-case text lowered, NFC, UTF-8), cut to ``max_bytes`` on a character boundary."""
    text = text[:max_bytes]
    if text.isupper():
        text = text.lower()
    data = unicodedata.normalize("NFC", text).encode("utf-8", errors="surrogatepass")
    if len(data) <= max_bytes:
        return data
    cut = max_bytes
    while cut > 0 and (data[cut] & 0xC0) == 0x80:  # do not split a multi-byte character
        cut -= 1
    return data[:cut]


def _feature_pairs(m: _Model, encoded: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """(document index, feature id) for every feature the DFA emits, all documents in lock-step."""
    n = len(encoded)
    lengths = np.fromiter((len(b) for b in encoded), dtype=np.int64, count=n)
    order = np.argsort(-lengths, kind="stable")
    max_len = int(lengths[order[0]]) if n else 0
    if max_len == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    # byte matrix, one row per byte position (contiguous per step), documents by decreasing length
    buf = np.zeros((n, max_len), dtype=np.uint8)
    for j, i in enumerate(order):
        b = encoded[i]
        if b:
            buf[j, : len(b)] = np.frombuffer(b, dtype=np.uint8)
    steps = np.ascontiguousarray(buf.T)
    sorted_len = lengths[order]
    # active[t] = number of documents longer than t (a prefix, documents being sorted)
    active = np.searchsorted(-sorted_len, -np.arange(max_len), side="left")
    ends = np.cumsum(active)
    # step t writes the feature id (or -1) of sorted documents 0..active[t]-1 to out[ends[t-1]:ends[t]]
    out = np.empty(int(ends[-1]), dtype=m.output.dtype)
    off = np.full(n, m.rowbase[0], dtype=np.int64)  # each document's state, as its row offset in nextmove
    nextmove, rowbase, output = m.nextmove, m.rowbase, m.output
    lo = 0
    for t in range(max_len):
        k = int(active[t])
        s = nextmove[off[:k] + steps[t, :k]]
        np.take(output, s, out=out[lo : lo + k], mode="clip")  # mode="clip": no buffered bounds check
        np.take(rowbase, s, out=off[:k], mode="clip")
        lo += k
    hit = np.flatnonzero(out >= 0)
    if not hit.size:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    pos = hit - np.repeat(ends - active, active)[hit]  # sorted document of each hit
    return order[pos], out[hit]


def _scores(m: _Model, encoded: list[bytes]) -> np.ndarray:
    """Normalised probabilities [n_docs, n_labels]; rows without any feature are all zero."""
    n = len(encoded)
    n_classes = m.ptc.shape[1]
    raw = np.zeros((n, n_classes), dtype=np.float64)
    has_feat = np.zeros(n, dtype=bool)
    docs, feats = _feature_pairs(m, encoded)
    if docs.size:
        counts = sparse.csr_matrix(
            (np.ones(docs.size, dtype=np.float32), (docs, feats)), shape=(n, m.ptc.shape[0])
        )
        counts.sum_duplicates()
        counts.data = np.log1p(counts.data)
        raw += counts @ m.ptc
        has_feat[docs] = True
    raw += m.pc
    nbytes = np.fromiter((len(b) for b in encoded), dtype=np.float64, count=n)
    raw *= (1.0 / np.sqrt(np.maximum(nbytes, 1.0)))[:, None]
    raw -= raw.max(axis=1, keepdims=True)
    np.exp(raw, out=raw)
    raw /= raw.sum(axis=1, keepdims=True)
    probs = raw @ m.fold
    probs[~has_feat] = 0.0
    return probs


def identify(
    texts: list[str | None],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    min_letters: int = DEFAULT_MIN_LETTERS,
    min_score: float = 0.0,
    langs: Sequence[str] | None = None,
) -> tuple[list[str], list[float | None]]:
    """Language label and probability for each text (see module docstring).

    ``langs`` restricts the candidates (output labels, e.g. ``("en", "fr", "ar")``); the
    probabilities are renormalised over them, as py3langid's ``set_languages`` does.
    """
    m = _model()
    labels = np.array(m.labels, dtype=object)
    allowed = None
    if langs:
        unknown = set(langs) - set(m.labels)
        if unknown:
            raise ValueError(f"unknown language label(s): {sorted(unknown)}")
        allowed = np.isin(labels, list(langs))
    out_lang: list[str] = [UND] * len(texts)
    out_score: list[float | None] = [None] * len(texts)
    for lo in range(0, len(texts), _CHUNK_DOCS):
        chunk = texts[lo : lo + _CHUNK_DOCS]
        keep = [i for i, t in enumerate(chunk) if t and _has_letters(t, min_letters)]
        if not keep:
            continue
        encoded = [_encode(chunk[i], max_bytes) for i in keep]
        probs = _scores(m, encoded)
        if allowed is not None:
            probs[:, ~allowed] = 0.0
            total = probs.sum(axis=1, keepdims=True)
            np.divide(probs, total, out=probs, where=total > 0)
        best = probs.argmax(axis=1)
        best_p = probs[np.arange(len(keep)), best]
        for j, i in enumerate(keep):
            p = float(best_p[j])
            if p <= 0.0 or m.no_language[best[j]] or p < min_score:
                continue
            out_lang[lo + i] = labels[best[j]]
            out_score[lo + i] = min(max(p, 0.0), 1.0)
    return out_lang, out_score


def _has_letters(text: str, min_letters: int) -> bool:
    if min_letters <= 0:
        return True
    count = 0
    for ch in text:
        if ch.isalpha():
            count += 1
            if count >= min_letters:
                return True
    return False


def detect_language(
    df: pl.DataFrame,
    text_col: str = "body",
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    min_letters: int = DEFAULT_MIN_LETTERS,
    min_score: float = 0.0,
    langs: Sequence[str] | None = None,
) -> pl.DataFrame:
    """``df`` plus ``language`` (ISO 639-1 where one exists, else 639-3, or ``"und"``) and
    ``language_score`` (Float64 probability of that label, 0..1; null when ``"und"``).

    ``max_bytes``: leading bytes of each text used; ``min_letters``: fewer letters -> ``"und"``;
    ``min_score``: lower best probability -> ``"und"``; ``langs``: candidate labels only.
    Existing ``language``/``language_score`` columns are replaced."""
    texts = df.get_column(text_col).to_list() if df.height else []
    labels, scores = identify(texts, max_bytes=max_bytes, min_letters=min_letters, min_score=min_score, langs=langs)
    return df.with_columns(
        pl.Series("language", labels, dtype=pl.String),
        pl.Series("language_score", scores, dtype=pl.Float64),
    )


def reference_classify(text: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, float]:
    """py3langid's own one-text ``classify`` on the same truncated bytes (for tests/benchmarks)."""
    ident = _model().identifier
    return ident.classify(_encode(text, max_bytes).decode("utf-8"))


__all__ = ["detect_language", "identify", "reference_classify", "UND"]
