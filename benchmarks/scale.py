"""The benchmark corpus: the shared corpora as product inputs, plus replicated copies.

``build_corpus(work_dir, scales, limit)`` writes

    <work>/corpus/base/          prepare_inputs(): bbc/*.txt, reuters.jsonl, fakenewsnet.jsonl, fakenewscorpus.csv
    <work>/corpus/rep-01/ ...    replica r of every base document (same formats and file names)

and returns, per scale k, the input paths: base + rep-01 .. rep-(k-1) (layout ``batches``,
the default: k batches of files as if k nightly drops had arrived), or one directory
``x<k>/`` whose files hold all k copies concatenated (layout ``concat``: k-times bigger
tables, a single txt directory).

A replica of a document gets a fresh id (``doc_key`` + ``~rNN``) and a few random edits
so that its content hash differs: 2 + words/150 (at most 6) tokens are replaced - a number
by another number of the same length, a word (3+ ASCII letters) by another word of the
corpus vocabulary. Replicas are therefore near-duplicates of their original (Jaccard of
5-shingles ~0.9 for a 300-word article), which the report states. Text pages are edited at
the byte level (undecodable bytes are kept, so the decode path does the same work);
documents without any editable token (e.g. empty texts) are copied as they are and end
up as ``duplicate_input`` at ingest, like their originals' repeats.
"""

from __future__ import annotations

import csv
import json
import random
import re
import shutil
import time
from collections import Counter
from pathlib import Path

from benchmarks import corpora as C

MAX_EDITS = 6
_TOKEN = re.compile(r"\d+|[A-Za-z]{3,}")
_WORD = re.compile(r"[a-z]{3,}")
FORMATS = {"bbc": "bbc", "reuters": "reuters.jsonl", "fakenewsnet": "fakenewsnet.jsonl", "fakenewscorpus": "fakenewscorpus.csv"}


def n_edits(n_tokens: int) -> int:
    return min(MAX_EDITS, 2 + n_tokens // 150)


def perturb(text: str, rng: random.Random, vocab: list[str]) -> tuple[str, int]:
    """``text`` with a few tokens replaced; (new text, edits made). ASCII-only tokens, so a
    latin-1 view of raw bytes can be edited and re-encoded byte for byte."""
    spans = [m.span() for m in _TOKEN.finditer(text)]
    if not spans:
        return text, 0
    picks = sorted(rng.sample(range(len(spans)), min(n_edits(len(spans)), len(spans))))
    out, last = [], 0
    for i in picks:
        a, b = spans[i]
        old = text[a:b]
        if old[0].isdigit():
            new = old
            while new == old:
                first = rng.choice("123456789") if len(old) > 1 else rng.choice("0123456789")
                new = first + "".join(rng.choice("0123456789") for _ in range(len(old) - 1))
        else:
            new = old
            while new.lower() == old.lower():
                new = rng.choice(vocab)
            if old[0].isupper():
                new = new.upper() if old.isupper() and len(old) > 1 else new.capitalize()
        out += [text[last:a], new]
        last = b
    out.append(text[last:])
    return "".join(out), len(picks)


def corpus_vocabulary(base: Path, size: int = 5000) -> list[str]:
    """The most frequent lower-case ASCII words of the base inputs (replacement words)."""
    counts: Counter = Counter()
    for path in sorted(base.rglob("*")):
        if path.is_file() and path.suffix in {".txt", ".jsonl", ".csv"}:
            counts.update(_WORD.findall(path.read_text("latin-1")))
    words = [w for w, _ in counts.most_common(size)]
    return words or ["news", "report", "government", "market", "people"]


def _rng(seed: int, replica: int, key: str) -> random.Random:
    return random.Random(f"{seed}:{replica}:{key}")


def write_replica(base: Path, out: Path, replica: int, vocab: list[str], seed: int) -> dict:
    """Replica ``replica`` of every document under ``base`` into ``out`` (same layout)."""
    out.mkdir(parents=True, exist_ok=True)
    stats = {"documents": 0, "edited": 0, "edits": 0}

    def count(edits: int) -> None:
        stats["documents"] += 1
        stats["edited"] += bool(edits)
        stats["edits"] += edits

    if (base / "bbc").is_dir():
        (out / "bbc").mkdir(exist_ok=True)
        for src in sorted((base / "bbc").glob("*.txt")):
            raw = src.read_bytes().decode("latin-1")  # 1 byte = 1 char: bytes survive untouched
            text, edits = perturb(raw, _rng(seed, replica, src.name), vocab)
            (out / "bbc" / src.name).write_bytes(text.encode("latin-1"))
            count(edits)
    for name in ("reuters.jsonl", "fakenewsnet.jsonl"):
        if not (base / name).exists():
            continue
        with (base / name).open(encoding="utf-8") as fin, (out / name).open("w", encoding="utf-8") as fout:
            for line in fin:
                rec = json.loads(line)
                rec["text"], edits = perturb(rec.get("text") or "", _rng(seed, replica, rec["doc_key"]), vocab)
                rec["doc_key"] = f"{rec['doc_key']}~r{replica:02d}"
                fout.write(json.dumps(rec, ensure_ascii=False) + "\n")
                count(edits)
    if (base / "fakenewscorpus.csv").exists():
        with (base / "fakenewscorpus.csv").open(encoding="utf-8", newline="") as fin, \
                (out / "fakenewscorpus.csv").open("w", encoding="utf-8", newline="") as fout:
            reader = csv.DictReader(fin)
            writer = csv.DictWriter(fout, fieldnames=reader.fieldnames)
            writer.writeheader()
            for rec in reader:
                rec["text"], edits = perturb(rec.get("text") or "", _rng(seed, replica, rec["doc_key"]), vocab)
                rec["doc_key"] = f"{rec['doc_key']}~r{replica:02d}"
                writer.writerow(rec)
                count(edits)
    return stats


def _concat(parts: list[Path], out: Path) -> None:
    """One directory holding every copy: txt files side by side, tables appended."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "bbc").mkdir(exist_ok=True)
    for i, part in enumerate(parts):
        for src in sorted((part / "bbc").glob("*.txt")) if (part / "bbc").is_dir() else []:
            shutil.copyfile(src, out / "bbc" / (src.name if i == 0 else f"{src.stem}~r{i:02d}.txt"))
    for name in ("reuters.jsonl", "fakenewsnet.jsonl"):
        with (out / name).open("wb") as fout:
            for part in parts:
                if (part / name).exists():
                    fout.write((part / name).read_bytes())
    with (out / "fakenewscorpus.csv").open("w", encoding="utf-8", newline="") as fout:
        writer = None
        for part in parts:
            if not (part / "fakenewscorpus.csv").exists():
                continue
            with (part / "fakenewscorpus.csv").open(encoding="utf-8", newline="") as fin:
                reader = csv.DictReader(fin)
                if writer is None:
                    writer = csv.DictWriter(fout, fieldnames=reader.fieldnames)
                    writer.writeheader()
                writer.writerows(reader)


def build_corpus(work_dir: Path, scales: list[int], limit: int | None = None, seed: int = 7,
                 layout: str = "batches", corpora=C.CORPORA) -> dict:
    """Write base + replicas (reused when the recorded parameters match); inputs per scale."""
    t0 = time.perf_counter()
    root = Path(work_dir) / "corpus"
    params = {"limit": limit, "seed": seed, "corpora": list(corpora), "max_edits": MAX_EDITS, "version": 2}
    stamp = root / "corpus.json"
    prior = json.loads(stamp.read_text()) if stamp.exists() else {}
    if prior.get("params") != params:
        shutil.rmtree(root, ignore_errors=True)
        prior = {}
    root.mkdir(parents=True, exist_ok=True)
    base = root / "base"
    manifest = prior.get("base")
    if manifest is None or not base.is_dir():
        shutil.rmtree(base, ignore_errors=True)
        manifest = C.prepare_inputs(base, corpora=corpora, limit_per_corpus=limit)
    replicas = prior.get("replicas", {})
    need = max(scales) - 1
    vocab = None
    for r in range(1, need + 1):
        if str(r) in replicas and (root / f"rep-{r:02d}").is_dir():
            continue
        vocab = vocab or corpus_vocabulary(base)
        shutil.rmtree(root / f"rep-{r:02d}", ignore_errors=True)
        replicas[str(r)] = write_replica(base, root / f"rep-{r:02d}", r, vocab, seed)
    stamp.write_text(json.dumps({"params": params, "base": manifest, "replicas": replicas}, indent=2))

    per_scale = {}
    for k in scales:
        parts = [base] + [root / f"rep-{r:02d}" for r in range(1, k)]
        if layout == "concat" and k > 1:
            target = root / f"x{k}"
            if not (target / ".done").exists():
                shutil.rmtree(target, ignore_errors=True)
                _concat(parts, target)
                (target / ".done").write_text("")
            inputs = [target]
        elif layout in ("batches", "concat"):
            inputs = parts
        else:
            raise ValueError(f"unknown layout {layout!r} (batches or concat)")
        docs = manifest["total"] + sum(replicas[str(r)]["documents"] for r in range(1, k))
        per_scale[k] = {
            "scale": k, "inputs": [str(p) for p in inputs], "documents": docs,
            "original_documents": manifest["total"], "replicated_documents": docs - manifest["total"],
            "input_bytes": sum(f.stat().st_size for p in inputs for f in Path(p).rglob("*") if f.is_file() and f.name != ".done"),
        }
    return {"root": str(root), "params": params, "base": manifest, "replicas": replicas, "scales": per_scale,
            "layout": layout, "seconds": round(time.perf_counter() - t0, 2)}
