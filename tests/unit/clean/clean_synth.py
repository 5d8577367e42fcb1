"""Helpers for the clean-stage tests: Bronze frames from literal texts (imported as ``clean_synth``)."""

from __future__ import annotations

import datetime as dt
import hashlib

import polars as pl

from tasks.clean import clean_documents, merge_template_stats, template_stats
from tasks.settings import Settings

META = ["url", "meta_title", "meta_date", "meta_domain", "meta_author", "meta_tags"]


def bronze(texts: list[str], source_key: str = "src", **meta: list) -> pl.DataFrame:
    """A Bronze-shaped frame, one document per text (meta columns default to null)."""
    n = len(texts)
    rows = {
        "doc_id": [hashlib.md5(f"{i}:{t}".encode()).hexdigest() for i, t in enumerate(texts)],
        "source_uri": [f"mem://{i}.txt" for i in range(n)],
        "source_format": ["txt"] * n,
        "source_key": [source_key] * n,
        "text": texts,
        "encoding": ["utf-8"] * n,
        "decode_note": [None] * n,
        "n_bytes": [len(t.encode()) for t in texts],
        **{c: meta.get(c, [None] * n) for c in META},
        "run_id": ["test-run"] * n,
        "ingested_at": [dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)] * n,
    }
    schema = {c: pl.String for c in rows} | {"n_bytes": pl.Int64, "ingested_at": pl.Datetime("us", "UTC")}
    return pl.DataFrame(rows, schema=schema)


def clean(texts: list[str], settings: Settings | None = None, with_templates: bool = True, **kw):
    """Run the whole stage (templates over the same frame) on literal texts."""
    b = bronze(texts, **kw)
    templates = merge_template_stats([template_stats(b)]) if with_templates else merge_template_stats([])
    return clean_documents(b, templates, settings or Settings())


def body_lines(result, i: int = 0) -> list[str]:
    return [l for l in result.articles["body"][i].split("\n") if l]


def removed(result) -> dict[str, str]:
    """text -> rule of every removed line."""
    return dict(zip(result.removed_lines["text"], result.removed_lines["rule"]))


PARA = (
    "The minister said on Tuesday that the government would not change its position on the matter, "
    "and that talks with the other parties were expected to continue for several more weeks."
)
PARA2 = (
    "Officials in the capital told reporters that they had been working with their partners to find a way "
    "out of the crisis, which has lasted for more than a year and has hurt the economy."
)
PARA3 = (
    "Analysts said the decision was likely to be welcomed by investors, although some of them warned that "
    "the details of the plan were still not clear and that it could take months to see any effect."
)



def shared_dir():
    """``$NEWS_SHARED_DIR`` or ``<repo>/../shared`` (None if absent)."""
    import os
    from pathlib import Path

    root = Path(os.environ.get("NEWS_SHARED_DIR") or Path(__file__).resolve().parents[3].parent / "shared")
    return root if root.is_dir() else None


def bronze_from_files(paths, source_key: str) -> pl.DataFrame:
    """Bronze rows for text files (doc_id = md5 of the bytes; latin-1 fallback like ingest)."""
    texts, ids = [], []
    for p in paths:
        raw = p.read_bytes()
        try:
            texts.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(raw.decode("latin-1"))
        ids.append(hashlib.md5(raw).hexdigest())
    b = bronze(texts, source_key=source_key)
    return b.with_columns(pl.Series("doc_id", ids), pl.Series("source_uri", [str(p) for p in paths]))
