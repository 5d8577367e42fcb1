"""Gazetteer entity tagging: canonical names for the actors, places and outlets of the conflict.

A :class:`Gazetteer` is a list of entities (``canonical``, ``type``, optional ``wikidata``
id, ``aliases`` matched case-insensitively, ``case_sensitive`` aliases matched with their
exact capitalisation). The built-in one is ``tasks/enrich/data/gazetteer.yaml`` (its
header documents the schema); users add YAML or CSV files (``Settings.gazetteer_paths``
or ``load_gazetteer(extra_paths)``), no code change needed:

- YAML: the same schema (``entities:`` list, or a bare list);
- CSV: columns ``canonical,type,aliases[,wikidata][,case_sensitive]``, list cells
  separated by ``;``.

A later file's entry with the same ``canonical`` (case-insensitive) extends the aliases
and overrides ``type``/``wikidata``; an alias claimed by two entities goes to the later
one (recorded in ``Gazetteer.conflicts``).

Tagging a frame (:func:`tag_entities`) runs **one** Aho-Corasick pass (pyahocorasick) over
the whole shard: all texts, normalised (whitespace -> space, hyphens -> space,
typographic apostrophes -> ``'``; every step length-preserving) and lower-cased, are
joined with ``\\x00`` into one string. The candidate matches then go through numpy
filters: word boundaries on both sides (unless the alias itself starts/ends with a
non-word character, as in ``(IS)``), and, for case-sensitive aliases, an exact compare
with the original capitalisation. Overlapping matches resolve leftmost-longest.
"""

from __future__ import annotations

import csv
import functools
import itertools
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import polars as pl
import yaml

LOGGER = logging.getLogger(__name__)
BUILTIN_GAZETTEER = Path(__file__).resolve().parent / "data" / "gazetteer.yaml"
ENTITY_STRUCT = pl.Struct({"canonical": pl.String, "type": pl.String, "mentions": pl.UInt32})
_SEP = "\x00"
_HYPHENS = "-\u2010\u2011\u2012\u2013"
_APOSTROPHES = "\u2019\u2018\u02bc\u00b4`"
_ALT = re.compile(r"\{([^{}]*)\}")


# --------------------------------------------------------------------------- normalisation


def _normalise_cased(text: str) -> str:
    """Whitespace -> space, hyphens -> space, apostrophes -> ``'``; one char for one char."""
    out = re.sub(r"\s", " ", text)
    out = out.translate(_TRANSLATE)
    return out


_TRANSLATE = {ord(c): " " for c in _HYPHENS} | {ord(c): "'" for c in _APOSTROPHES}


def _normalise_alias(alias: str) -> str:
    return re.sub(r" +", " ", _normalise_cased(unicodedata.normalize("NFC", alias))).strip()


def _lower_same_length(s: str) -> str:
    """``s.lower()``, except that characters whose lower case is longer keep their length."""
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in s)


def _expand(alias: str) -> list[str]:
    """``"IS {militants|fighters}"`` -> ``["IS militants", "IS fighters"]`` (nested braces not supported)."""
    m = _ALT.search(alias)
    if not m:
        return [alias]
    out = []
    for choice in m.group(1).split("|"):
        out.extend(_expand(alias[: m.start()] + choice + alias[m.end() :]))
    return out


def _slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


_WORD_TABLE = np.array([chr(i).isalnum() or chr(i) == "_" for i in range(0x10000)], dtype=bool)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


# --------------------------------------------------------------------------- gazetteer


@dataclass(frozen=True)
class Entity:
    canonical: str
    type: str
    aliases: tuple[str, ...] = ()
    case_sensitive: tuple[str, ...] = ()
    wikidata: str | None = None

    @property
    def entity_id(self) -> str:
        """Wikidata QID when known, else ``gaz:<slug of canonical>``."""
        return self.wikidata or f"gaz:{_slug(self.canonical)}"


@dataclass
class Gazetteer:
    """Entities plus the compiled matcher (built lazily; not pickled, so it ships to workers)."""

    entities: tuple[Entity, ...]
    sources: tuple[str, ...] = ()
    conflicts: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.entities = tuple(self.entities)
        self._compiled = None

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_compiled"] = None
        return state

    def __len__(self) -> int:
        return len(self.entities)

    def entity(self, canonical: str) -> Entity:
        for e in self.entities:
            if e.canonical == canonical:
                return e
        raise KeyError(canonical)

    def resolve(self, alias: str) -> str | None:
        """Canonical name an alias (as written) resolves to, or None."""
        hits = find_mentions([alias], self)
        if hits.height == 1 and hits["start"][0] == 0 and hits["end"][0] == len(alias):
            return hits["canonical"][0]
        return None

    # ---------------------------------------------------------------- compilation
    @property
    def compiled(self) -> "_Compiled":
        if self._compiled is None:
            self._compiled = _Compiled(self)
        return self._compiled


class _Compiled:
    def __init__(self, gaz: Gazetteer) -> None:
        import ahocorasick

        keys: dict[str, int] = {}
        conflicts: list[str] = []
        ci_entity: list[int] = []
        cs_map: list[dict[str, int]] = []

        def pid_of(key: str) -> int:
            if key not in keys:
                keys[key] = len(keys)
                ci_entity.append(-1)
                cs_map.append({})
            return keys[key]

        for ei, ent in enumerate(gaz.entities):
            for alias in ent.aliases:
                for form in _expand(alias):
                    norm = _normalise_alias(form)
                    if not norm:
                        continue
                    key = _lower_same_length(norm)
                    pid = pid_of(key)
                    prev = ci_entity[pid]
                    if prev not in (-1, ei):
                        conflicts.append(
                            f"alias {form!r}: {gaz.entities[prev].canonical!r} -> {ent.canonical!r}"
                        )
                    ci_entity[pid] = ei
            for alias in ent.case_sensitive:
                for form in _expand(alias):
                    norm = _normalise_alias(form)
                    if not norm:
                        continue
                    pid = pid_of(_lower_same_length(norm))
                    prev = cs_map[pid].get(norm)
                    if prev not in (None, ei):
                        conflicts.append(
                            f"case-sensitive alias {form!r}: {gaz.entities[prev].canonical!r} -> {ent.canonical!r}"
                        )
                    cs_map[pid][norm] = ei
        gaz.conflicts.extend(c for c in conflicts if c not in gaz.conflicts)
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for key, pid in keys.items():
            automaton.add_word(key, pid)
        automaton.make_automaton()
        ordered = sorted(keys, key=keys.get)
        self.automaton = automaton
        self.key_len = np.array([len(k) for k in ordered], dtype=np.int64)
        self.word_left = np.array([_is_word_char(k[0]) for k in ordered], dtype=bool)
        self.word_right = np.array([_is_word_char(k[-1]) for k in ordered], dtype=bool)
        self.ci_entity = np.array(ci_entity, dtype=np.int64)
        self.cs_map = cs_map
        self.has_cs = np.array([bool(m) for m in cs_map], dtype=bool)
        self.n_patterns = len(ordered)


def _read_yaml(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if isinstance(data, dict):
        data = data.get("entities") or []
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of entities or an 'entities:' list")
    return data


def _read_csv(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            rec = {(k or "").strip(): (v or "").strip() for k, v in rec.items()}
            rows.append(
                {
                    "canonical": rec.get("canonical"),
                    "type": rec.get("type"),
                    "wikidata": rec.get("wikidata") or None,
                    "aliases": [a.strip() for a in rec.get("aliases", "").split(";") if a.strip()],
                    "case_sensitive": [a.strip() for a in rec.get("case_sensitive", "").split(";") if a.strip()],
                }
            )
    return rows


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _files(paths: Iterable[Path]) -> list[Path]:
    out = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(q for q in p.iterdir() if q.suffix.lower() in {".yaml", ".yml", ".csv"}))
        elif p.exists():
            out.append(p)
        else:
            raise FileNotFoundError(f"gazetteer file not found: {p}")
    return out


def _merge(records: Iterable[tuple[str, dict]]) -> tuple[list[Entity], list[str]]:
    """Entries merged by canonical (case-insensitive); an alias claimed by several entities
    goes to the LAST record that claims it (user files override the built-in one)."""
    merged: dict[str, dict] = {}
    problems: list[str] = []
    owner: dict[tuple[str, str], str] = {}  # (kind, normalised alias form) -> canonical key
    for source, rec in records:
        canonical = (rec.get("canonical") or "").strip()
        if not canonical:
            problems.append(f"{source}: entry without canonical: {rec!r}")
            continue
        key = canonical.casefold()
        cur = merged.setdefault(
            key, {"canonical": canonical, "type": None, "wikidata": None, "aliases": [], "case_sensitive": []}
        )
        if rec.get("type"):
            cur["type"] = str(rec["type"]).strip().upper()
        if rec.get("wikidata"):
            cur["wikidata"] = str(rec["wikidata"]).strip()
        for k in ("aliases", "case_sensitive"):
            for a in _as_list(rec.get(k)):
                for form in _expand(a):
                    norm = _normalise_alias(form)
                    ident = (k, _lower_same_length(norm) if k == "aliases" else norm)
                    prev = owner.get(ident)
                    if prev is not None and prev != key:
                        problems.append(
                            f"{source}: alias {form!r} moves from {merged[prev]['canonical']!r} to {canonical!r}"
                        )
                    owner[ident] = key
                if a not in cur[k]:
                    cur[k].append(a)
    entities = []
    for key, cur in merged.items():
        lists = {}
        for k in ("aliases", "case_sensitive"):
            kept = []
            for a in cur[k]:
                forms = [
                    f
                    for f in _expand(a)
                    if owner.get((k, _lower_same_length(_normalise_alias(f)) if k == "aliases" else _normalise_alias(f)))
                    == key
                ]
                kept.extend(forms)
            lists[k] = tuple(dict.fromkeys(kept))
        if not cur["aliases"] and not cur["case_sensitive"]:
            lists["aliases"] = (cur["canonical"],)
        entities.append(
            Entity(
                canonical=cur["canonical"],
                type=cur["type"] or "MISC",
                aliases=lists["aliases"],
                case_sensitive=lists["case_sensitive"],
                wikidata=cur["wikidata"],
            )
        )
    return entities, problems


def load_gazetteer(extra_paths: Sequence[Path] = (), *, include_builtin: bool = True) -> Gazetteer:
    """The built-in gazetteer merged with user YAML/CSV files (or directories of them), in order."""
    files = ([BUILTIN_GAZETTEER] if include_builtin else []) + _files(extra_paths)
    stamp = tuple((str(p.resolve()), p.stat().st_mtime_ns) for p in files)
    return _load_cached(stamp)


@functools.lru_cache(maxsize=8)
def _load_cached(stamp: tuple[tuple[str, int], ...]) -> Gazetteer:
    records: list[tuple[str, dict]] = []
    for path_s, _ in stamp:
        path = Path(path_s)
        rows = _read_csv(path) if path.suffix.lower() == ".csv" else _read_yaml(path)
        records.extend((path.name, r) for r in rows)
    entities, problems = _merge(records)
    gaz = Gazetteer(entities=tuple(entities), sources=tuple(p for p, _ in stamp), conflicts=list(problems))
    gaz.compiled  # noqa: B018  (compile now: errors surface at load time)
    for c in gaz.conflicts:
        LOGGER.warning("gazetteer: %s", c)
    return gaz


# --------------------------------------------------------------------------- matching


def _prepared_texts(df_or_texts, text_col: str) -> list[str]:
    if isinstance(df_or_texts, pl.DataFrame):
        col = df_or_texts.get_column(text_col)
    else:
        col = pl.Series("t", list(df_or_texts), dtype=pl.String)
    col = (
        col.fill_null("")
        .str.replace_all(r"\s", " ")
        .str.replace_all(f"[{_HYPHENS}]", " ")
        .str.replace_all(f"[{_APOSTROPHES}]", "'")
        .str.replace_all(_SEP, " ", literal=True)
    )
    return col.to_list()


def find_mentions(df_or_texts, gazetteer: Gazetteer, text_col: str = "body") -> pl.DataFrame:
    """Every resolved mention: ``row`` (u32), ``start``/``end`` (char offsets in the text), ``canonical``."""
    comp = gazetteer.compiled
    texts = _prepared_texts(df_or_texts, text_col)
    empty = pl.DataFrame(
        schema={"row": pl.UInt32, "start": pl.Int64, "end": pl.Int64, "canonical": pl.String}
    )
    if not texts:
        return empty
    cased = _SEP.join(texts)
    lower = _lower_same_length(cased)
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    doc_start = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
    flat = np.fromiter(itertools.chain.from_iterable(comp.automaton.iter(lower)), dtype=np.int64)
    if flat.size == 0:
        return empty
    end = flat[0::2] + 1  # exclusive
    pid = flat[1::2]
    start = end - comp.key_len[pid]
    # word boundaries, checked on the lower-cased text (code points via UTF-32)
    n = len(lower)
    cps = np.frombuffer(lower.encode("utf-32-le", errors="surrogatepass"), dtype=np.uint32)

    def is_word(pos: np.ndarray) -> np.ndarray:
        cp = cps[pos]
        out = np.zeros(pos.shape, dtype=bool)
        bmp = cp < 0x10000
        out[bmp] = _WORD_TABLE[cp[bmp]]
        return out

    left_ok = ~comp.word_left[pid] | (start == 0)
    need = ~left_ok
    left_ok[need] = ~is_word(start[need] - 1)
    right_ok = ~comp.word_right[pid] | (end >= n)
    need = ~right_ok
    right_ok[need] = ~is_word(end[need])
    keep = left_ok & right_ok
    start, end, pid = start[keep], end[keep], pid[keep]
    ent = comp.ci_entity[pid].copy()
    # case-sensitive aliases: exact compare with the original capitalisation
    for i in np.flatnonzero(comp.has_cs[pid]).tolist():
        hit = comp.cs_map[pid[i]].get(cased[start[i] : end[i]])
        if hit is not None:
            ent[i] = hit
    ok = ent >= 0
    start, end, ent = start[ok], end[ok], ent[ok]
    if start.size == 0:
        return empty
    # leftmost-longest, non-overlapping
    order = np.lexsort((-(end - start), start))
    start, end, ent = start[order], end[order], ent[order]
    keep_idx = []
    last_end = -1
    for i, (s, e) in enumerate(zip(start.tolist(), end.tolist())):
        if s >= last_end:
            keep_idx.append(i)
            last_end = e
    sel = np.asarray(keep_idx, dtype=np.int64)
    start, end, ent = start[sel], end[sel], ent[sel]
    row = np.searchsorted(doc_start, start, side="right") - 1
    canon = np.array([e.canonical for e in gazetteer.entities], dtype=object)
    return pl.DataFrame(
        {
            "row": row.astype(np.uint32),
            "start": start - doc_start[row],
            "end": end - doc_start[row],
            "canonical": pl.Series(canon[ent].tolist(), dtype=pl.String),
        }
    )


def tag_entities(df: pl.DataFrame, gazetteer: Gazetteer, text_col: str = "body") -> pl.DataFrame:
    """``df`` plus ``entities`` (list of {canonical, type, mentions: u32}, most mentioned first,
    ties by name) and ``entity_ids`` (the entities' ids, same order: Wikidata QID or ``gaz:<slug>``).
    Rows without a match get empty lists (never null)."""
    mentions = find_mentions(df, gazetteer, text_col)
    table = pl.DataFrame(
        {
            "canonical": [e.canonical for e in gazetteer.entities],
            "type": [e.type for e in gazetteer.entities],
            "entity_id": [e.entity_id for e in gazetteer.entities],
        },
        schema={"canonical": pl.String, "type": pl.String, "entity_id": pl.String},
    )
    per_doc = (
        mentions.group_by("row", "canonical")
        .agg(pl.len().cast(pl.UInt32).alias("mentions"))
        .join(table, on="canonical", how="left")
        .sort(["row", "mentions", "canonical"], descending=[False, True, False])
        .group_by("row", maintain_order=True)
        .agg(
            pl.struct("canonical", "type", "mentions").alias("entities"),
            pl.col("entity_id").alias("entity_ids"),
        )
    )
    out = (
        df.drop("entities", "entity_ids", strict=False)
        .with_row_index("__row")
        .join(per_doc, left_on="__row", right_on="row", how="left")
        .sort("__row")
        .drop("__row")
        .with_columns(
            pl.col("entities").fill_null(pl.lit([], dtype=pl.List(ENTITY_STRUCT))).cast(pl.List(ENTITY_STRUCT)),
            pl.col("entity_ids").fill_null(pl.lit([], dtype=pl.List(pl.String))),
        )
    )
    return out


__all__ = ["Entity", "Gazetteer", "load_gazetteer", "tag_entities", "find_mentions", "BUILTIN_GAZETTEER"]
