"""Pipeline settings: one frozen dataclass, overridable from the environment.

Every field can be set with an environment variable ``CORPUS_<FIELD>`` (upper
case), e.g. ``CORPUS_SHARD_SIZE=5000``; list fields take comma-separated values.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    # --- orchestration
    data_dir: Path = Path("data")
    #: documents per shard task. A shard's clean and enrich calls cost ~0.45 s whatever its size (polars
    #: planning of ~400 eager steps, and ~100 regexes recompiled per call: polars keeps 32 per thread), so
    #: shards are large: 10,000 / 8 MiB against 5,000 / 4 MiB gave 1,463 against 1,332 docs/s at 8x on
    #: 2 cores, peak RSS 1.50 against 1.28 GB (two benchmarks.run measurements minutes apart, 2026-12-02)
    shard_size: int = 10000
    #: ... and at most this many bytes of input text per shard (0 = rows only): memory per
    #: shard task follows bytes, not rows (see ``tasks.ingest.plan_shards``)
    shard_bytes: int = 8 * 2**20
    #: shard tasks running at once per stage (0 = one per core, plus one on threads); memory ~ workers x shard bytes
    workers: int = 0
    #: Dask scheduler address for the shard tasks ("" = local threads, "local" = a temporary LocalCluster)
    dask_address: str = ""

    # --- clean
    #: a line seen on at least this many distinct documents of one source is a template candidate
    template_min_docs: int = 3
    #: ... and on at least this share of that source's documents
    template_min_share: float = 0.05
    #: ... but a prose sentence (long, sentence-like) must be on at least this share (boilerplate
    #: sentences such as disclaimers recur on most pages; a reposted story's sentences do not)
    template_prose_min_share: float = 0.3
    #: a template line on at least this share of the source's pages is site chrome that also
    #: condemns the short lines around it (below it is only removed itself)
    template_anchor_min_share: float = 0.3
    #: a page is split into several articles only with at least this many body paragraphs on each side
    segment_min_good: int = 2
    #: a page showing an error / maintenance message holds no article when it has at most this many
    #: body paragraphs besides (its remaining lines are removed as ``no_article``)
    non_article_max_good: int = 2
    #: the learned line classifier (``tasks.clean.classifier``, weights in ``tasks/clean/data/line_model.json``)
    #: decides the soft cases (context / partial-template removals and kept lines); hard rules stay authoritative.
    #: Off by default: it ties the rules in cross-validation on the dev labels and keeps one chrome line of the
    #: chrome-only sample page (see benchmarks/train_line_model.py)
    line_model: bool = False

    # --- enrich: language
    #: below this probability the language is "und": number tables and very short texts
    #: otherwise get arbitrary low-confidence labels (pcm, vo, la)
    language_min_score: float = 0.3
    #: bytes of each body the language model reads (1024 vs 2048: 3 of 24,454 shared-corpus
    #: labels differ, 1.45x faster)
    language_max_bytes: int = 1024
    #: languages that are published; others are quarantined (empty = publish all)
    publish_languages: tuple[str, ...] = ()

    # --- enrich: quality (Gopher / C4 / FineWeb style); a flag is raised when a bound is crossed
    min_words: int = 30
    max_words: int = 100_000
    min_mean_word_length: float = 3.0
    max_mean_word_length: float = 10.0
    max_symbol_word_ratio: float = 0.1
    min_stop_word_ratio: float = 0.06
    max_dup_line_fraction: float = 0.3
    max_dup_paragraph_fraction: float = 0.3
    max_top_2gram_fraction: float = 0.2
    max_non_alpha_word_fraction: float = 0.2
    max_top_3gram_fraction: float = 0.18
    max_top_4gram_fraction: float = 0.16
    #: share of non-empty lines ending in terminal punctuation (FineWeb line_punct_ratio)
    min_terminal_punct_line_fraction: float = 0.12
    max_ellipsis_line_fraction: float = 0.3
    max_bullet_line_fraction: float = 0.9
    #: quality flags that send an article to quarantine (others only annotate it)
    quarantine_quality_flags: tuple[str, ...] = ("too_short",)

    # --- enrich: near-duplicates (MinHash + LSH)
    shingle_size: int = 5
    num_perm: int = 112
    lsh_bands: int = 14
    near_dup_threshold: float = 0.7
    minhash_seed: int = 1
    #: articles with fewer normalised words get no MinHash signature (exact matching only)
    near_dup_min_words: int = 20

    # --- enrich: entities
    #: extra gazetteer files (YAML/CSV) merged with the built-in one
    gazetteer_paths: tuple[Path, ...] = ()

    def with_overrides(self, **kwargs) -> "Settings":
        """A copy with the given (non-None) fields replaced."""
        return dataclasses.replace(self, **{k: v for k, v in kwargs.items() if v is not None})

    def to_dict(self) -> dict:
        """JSON-safe form (Prefect stores flow parameters as JSON)."""
        out = {}
        for k, v in dataclasses.asdict(self).items():
            if isinstance(v, Path):
                v = str(v)
            elif isinstance(v, tuple):
                v = [str(x) for x in v]
            out[k] = v
        return out

    @classmethod
    def from_dict(cls, data: dict) -> "Settings":
        """Inverse of ``to_dict``; unknown keys are an error."""
        kinds = {f.name: f for f in dataclasses.fields(cls)}
        unknown = set(data) - set(kinds)
        if unknown:
            raise ValueError(f"unknown settings: {sorted(unknown)}")
        values = {}
        for k, v in data.items():
            default = kinds[k].default
            if isinstance(default, Path):
                v = Path(v)
            elif isinstance(default, tuple):
                v = tuple(Path(x) for x in v) if k.endswith("_paths") else tuple(v)
            values[k] = v
        return cls(**values)

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Defaults, then ``CORPUS_*`` environment variables, then explicit overrides."""
        values = {}
        for f in dataclasses.fields(cls):
            raw = os.environ.get(f"CORPUS_{f.name.upper()}")
            if raw is None:
                continue
            values[f.name] = _parse(f, raw)
        return cls(**values).with_overrides(**overrides)


def _parse(f: dataclasses.Field, raw: str):
    default = f.default if f.default is not dataclasses.MISSING else None
    if isinstance(default, bool):
        return raw.lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    if isinstance(default, Path):
        return Path(raw)
    if isinstance(default, tuple):
        items = tuple(x.strip() for x in raw.split(",") if x.strip())
        return tuple(Path(x) for x in items) if f.name.endswith("_paths") else items
    return raw


DEFAULT = Settings()
