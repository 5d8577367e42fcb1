"""Loaders for the shared reference corpora, with their ground truth.

The corpora live outside the repository, in ``$NEWS_SHARED_DIR`` (default
``<repo>/../shared``), under ``corpora/<name>/`` with a PROVENANCE.md each.
Every loader returns one row per source document with the columns of
``CORE_SCHEMA`` (plus a few corpus-specific extras):

- ``corpus``, ``doc_key``: a stable id (``bbc/tech/132``, ``reuters/<NEWID>``,
  ``fakenewsnet/BuzzFeed_Fake_12``, ``fakenewscorpus/<id>``);
- ``text``: the document text as the pipeline would ingest it (newlines
  normalised to ``\\n``; noise such as Reuters' ``&#3;`` kept on purpose);
- ground truth where the corpus has it: ``title``, ``date`` (raw source
  string), ``published_at`` (UTC), ``url``, ``domain`` (lower-case, no
  ``www.``), ``authors`` (``", "``-joined), ``label`` (credibility label:
  fake/real, FakeNewsCorpus ``type``), ``category`` (topic: BBC section,
  Reuters TOPICS ``;``-joined).

``prepare_inputs`` writes the corpora in the product's input formats (txt,
JSONL, CSV), keeping ``doc_key`` so results can be joined back.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import polars as pl

ENV_VAR = "NEWS_SHARED_DIR"
REPO_ROOT = Path(__file__).resolve().parent.parent
CORPORA = ("bbc", "reuters", "fakenewsnet", "fakenewscorpus")
CORPUS_DIRS = {
    "bbc": "bbc-fulltext",
    "reuters": "reuters21578",
    "fakenewsnet": "fakenewsnet-v1",
    "fakenewscorpus": "fakenewscorpus-sample",
}
UTC_TS = pl.Datetime("us", "UTC")
CORE_SCHEMA = {
    "corpus": pl.String,
    "doc_key": pl.String,
    "text": pl.String,
    "title": pl.String,
    "date": pl.String,
    "published_at": UTC_TS,
    "url": pl.String,
    "domain": pl.String,
    "authors": pl.String,
    "label": pl.String,
    "category": pl.String,
    "source_path": pl.String,
}
#: URL shorteners seen in FakeNewsNet ``url``/``source``, used only when no canonical link resolves them
SHORTENERS = {"politi.co": "politico.com", "cnn.it": "cnn.com", "abcn.ws": "abcnews.go.com"}


# --------------------------------------------------------------------------- locations


def shared_dir() -> Path | None:
    """``$NEWS_SHARED_DIR`` if set, else ``<repo>/../shared``; None if the directory is missing."""
    raw = os.environ.get(ENV_VAR)
    path = Path(raw).expanduser() if raw else REPO_ROOT.parent / "shared"
    return path if path.is_dir() else None


def require_shared(*parts: str) -> Path:
    """The path ``<shared>/<parts...>``; FileNotFoundError naming the env var if absent."""
    base = shared_dir()
    if base is None:
        raise FileNotFoundError(
            f"shared directory not found: set ${ENV_VAR} (default {REPO_ROOT.parent / 'shared'})"
        )
    path = base.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist (shared dir from ${ENV_VAR} or default)")
    return path


def corpus_dir(name: str) -> Path:
    """``<shared>/corpora/<dir of corpus name>``."""
    return require_shared("corpora", CORPUS_DIRS[name])


# --------------------------------------------------------------------------- helpers


def _latin1_fallback(err: UnicodeDecodeError):
    return err.object[err.start : err.end].decode("latin-1"), err.end


codecs.register_error("corpora_latin1", _latin1_fallback)


def decode(raw: bytes) -> str:
    """UTF-8, each invalid byte read as latin-1 (BBC's 0xA3, Reuters' 0xFC); newlines -> ``\\n``."""
    return normalise_newlines(raw.decode("utf-8", "corpora_latin1"))


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalise_domain(url_or_host: str | None) -> str | None:
    """Host of a URL (or a bare host), lower-case, without ``www.``; None if there is none."""
    s = (url_or_host or "").strip().lower()
    if not s:
        return None
    host = urlsplit(s if "//" in s else "//" + s).hostname or ""
    host = re.sub(r"^www\d*\.", "", host.rstrip("."))
    return host or None


def _none_if_empty(value):
    return value if value not in ("", None, []) else None


def _frame(rows: list[dict], extra: dict | None = None) -> pl.DataFrame:
    schema = {**CORE_SCHEMA, **(extra or {})}
    return pl.DataFrame(rows, schema=schema)


# --------------------------------------------------------------------------- BBC


def load_bbc() -> pl.DataFrame:
    """BBC News (2,225 docs): text = whole file; title = its first line; category = folder."""
    root = corpus_dir("bbc") / "bbc"
    rows = []
    for path in sorted(root.glob("*/*.txt")):
        text = decode(path.read_bytes())
        rows.append(
            {
                "corpus": "bbc",
                "doc_key": f"bbc/{path.parent.name}/{path.stem}",
                "text": text,
                "title": text.split("\n", 1)[0].strip() or None,
                "category": path.parent.name,
                "source_path": str(path),
            }
        )
    return _frame(rows)


# --------------------------------------------------------------------------- Reuters

_R_DOC = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_R_ATTR = re.compile(r'(\w+)="([^"]*)"')
_R_TEXT = re.compile(r"<TEXT\b([^>]*)>(.*?)</TEXT>", re.S)
_R_DATE_PARTS = re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?")
_MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}
_R_TAGS = {t: re.compile(rf"<{t}>(.*?)</{t}>", re.S) for t in ("DATE", "TITLE", "DATELINE", "BODY")}
_R_LISTS = {t: re.compile(rf"<{t}>(.*?)</{t}>", re.S) for t in ("TOPICS", "PLACES")}
_R_D = re.compile(r"<D>(.*?)</D>")


def _tag(name: str, s: str) -> str | None:
    m = _R_TAGS[name].search(s)
    return m.group(1) if m else None


def _labels(name: str, s: str) -> str | None:
    m = _R_LISTS[name].search(s)
    return (";".join(_R_D.findall(m.group(1))) or None) if m else None


def parse_reuters_date(raw: str | None) -> datetime | None:
    """``26-FEB-1987 15:01:01.79`` (tolerating double spaces / trailing garbage) -> UTC datetime."""
    m = _R_DATE_PARTS.search(raw or "")
    if not m:
        return None
    d, mon, y, hh, mm, ss, frac = m.groups()
    micro = int((frac or "0").ljust(6, "0"))
    return datetime(int(y), _MONTHS[mon.upper()], int(d), int(hh), int(mm), int(ss), micro, tzinfo=timezone.utc)


def _unescape_title(raw: str) -> str:
    t = raw.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return re.sub(r"\s+", " ", t).strip()


def load_reuters() -> pl.DataFrame:
    """Reuters-21578 (21,578 docs), parsed from SGML with regexes.

    text = TITLE + "\\n" + DATELINE + " " + BODY (so the body starts with its
    dateline, as on the wire), keeping entities/sign-off; BRIEF docs (no body)
    -> the title; UNPROC docs -> the raw TEXT content (tabular wire reports)
    minus its leading ``&#2;``; docs with nothing -> "".
    """
    root = corpus_dir("reuters")
    rows = []
    for path in sorted(root.glob("reut2-*.sgm")):
        src = decode(path.read_bytes())
        for m in _R_DOC.finditer(src):
            attrs = dict(_R_ATTR.findall(m.group(1)))
            doc = m.group(2)
            tm = _R_TEXT.search(doc)
            text_attrs = dict(_R_ATTR.findall(tm.group(1))) if tm else {}
            inner = tm.group(2) if tm else ""
            title_raw = _tag("TITLE", inner)
            dateline = _tag("DATELINE", inner)
            body = _tag("BODY", inner)
            title = title_raw.strip() if title_raw else ""
            if body is not None:
                lead = " ".join(x for x in (dateline or "").split()) if dateline else ""
                body_text = f"{lead} {body}" if lead else body
                text = f"{title}\n{body_text}" if title else body_text
            elif title:
                text = title
            else:
                text = re.sub(r"^\s*&#2;\s*\n?", "", inner)
            date = _tag("DATE", doc)
            rows.append(
                {
                    "corpus": "reuters",
                    "doc_key": f"reuters/{attrs.get('NEWID')}",
                    "text": normalise_newlines(text),
                    "title": _unescape_title(title_raw) if title_raw else None,
                    "date": date,
                    "published_at": parse_reuters_date(date),
                    "category": _labels("TOPICS", doc),
                    "source_path": str(path),
                    "dateline": " ".join(dateline.split()) if dateline else None,
                    "text_type": text_attrs.get("TYPE", "NORM"),
                    "places": _labels("PLACES", doc),
                    "lewissplit": attrs.get("LEWISSPLIT"),
                    "newid": int(attrs["NEWID"]),
                }
            )
    extra = {"dateline": pl.String, "text_type": pl.String, "places": pl.String, "lewissplit": pl.String, "newid": pl.Int64}
    return _frame(rows, extra)


# --------------------------------------------------------------------------- FakeNewsNet


def load_fakenewsnet() -> pl.DataFrame:
    """FakeNewsNet v1 (422 files; 2 zero-byte ones give empty rows, ``parsed`` False).

    text = JSON ``text``; domain from ``canonical_link``, else ``url`` (``source``
    is often a shortener); label fake/real and platform from the path.
    """
    root = corpus_dir("fakenewsnet") / "Data"
    rows = []
    for path in sorted(root.glob("*/*NewsContent/*-Webpage.json")):
        key = path.name.removesuffix("-Webpage.json")
        platform, label = key.split("_")[:2]
        raw = path.read_bytes()
        d = json.loads(decode(raw)) if raw.strip() else {}
        pub = d.get("publish_date")
        ms = pub.get("$date") if isinstance(pub, dict) else None
        domain = normalise_domain(d.get("canonical_link")) or normalise_domain(d.get("url"))
        authors = [a for a in d.get("authors") or [] if a]
        rows.append(
            {
                "corpus": "fakenewsnet",
                "doc_key": f"fakenewsnet/{key}",
                "text": normalise_newlines(d.get("text") or ""),
                "title": _none_if_empty(d.get("title")),
                "date": json.dumps(pub) if pub else None,
                "published_at": datetime.fromtimestamp(ms / 1000, tz=timezone.utc) if ms is not None else None,
                "url": _none_if_empty(d.get("url")),
                "domain": SHORTENERS.get(domain, domain),
                "authors": ", ".join(authors) or None,
                "label": label.lower(),
                "source_path": str(path),
                "platform": platform,
                "canonical_link": _none_if_empty(d.get("canonical_link")),
                "source": _none_if_empty(d.get("source")),
                "publish_date_ms": ms,
                "author_list": authors,
                "parsed": bool(d),
            }
        )
    extra = {
        "platform": pl.String,
        "canonical_link": pl.String,
        "source": pl.String,
        "publish_date_ms": pl.Int64,
        "author_list": pl.List(pl.String),
        "parsed": pl.Boolean,
    }
    return _frame(rows, extra)


# --------------------------------------------------------------------------- FakeNewsCorpus


def load_fakenewscorpus() -> pl.DataFrame:
    """FakeNewsCorpus sample (250 rows): text = ``content``; label = ``type``.

    ``scraped_at`` is a crawl timestamp, not a publication date: ``date`` and
    ``published_at`` stay null. The unnamed leading index column becomes ``row``.
    """
    path = corpus_dir("fakenewscorpus") / "news_sample.csv"
    df = pl.read_csv(path, infer_schema=False).rename({"": "row"})

    def empty_to_null(c: str) -> pl.Expr:
        return pl.when(pl.col(c).str.strip_chars() == "").then(None).otherwise(pl.col(c))

    return df.select(
        corpus=pl.lit("fakenewscorpus"),
        doc_key=pl.lit("fakenewscorpus/") + pl.col("id"),
        text=pl.col("content").fill_null("").str.replace_all("\r\n", "\n", literal=True).str.replace_all("\r", "\n", literal=True),
        title=empty_to_null("title"),
        date=pl.lit(None, pl.String),
        published_at=pl.lit(None, UTC_TS),
        url=empty_to_null("url"),
        domain=pl.col("domain").str.strip_chars().str.to_lowercase().str.replace(r"^www\d*\.", ""),
        authors=empty_to_null("authors"),
        label=empty_to_null("type"),
        category=pl.lit(None, pl.String),
        source_path=pl.lit(str(path)),
        row=pl.col("row").cast(pl.Int64),
        scraped_at=pl.col("scraped_at"),
    )


# --------------------------------------------------------------------------- all corpora

LOADERS = {
    "bbc": load_bbc,
    "reuters": load_reuters,
    "fakenewsnet": load_fakenewsnet,
    "fakenewscorpus": load_fakenewscorpus,
}


def load_corpus(name: str) -> pl.DataFrame:
    """One corpus by name (see ``CORPORA``)."""
    return LOADERS[name]()


def load_all(corpora=CORPORA) -> pl.DataFrame:
    """The given corpora stacked, core columns only."""
    return pl.concat([load_corpus(c).select(list(CORE_SCHEMA)) for c in corpora], how="vertical")


def known_exact_duplicate_groups(df: pl.DataFrame) -> pl.DataFrame:
    """Groups of doc_keys with byte-identical non-empty text: ``canonical`` (smallest key), ``doc_keys``, ``n``."""
    return (
        df.filter(pl.col("text") != "")
        .group_by("text")
        .agg(pl.col("doc_key").sort().alias("doc_keys"))
        .filter(pl.col("doc_keys").list.len() > 1)
        .select(
            canonical=pl.col("doc_keys").list.first(),
            doc_keys=pl.col("doc_keys"),
            n=pl.col("doc_keys").list.len().cast(pl.Int64),
        )
        .sort("canonical")
    )


# --------------------------------------------------------------------------- product inputs


def bbc_doc_key(path: str | Path) -> str:
    """doc_key of a BBC file written by ``prepare_inputs`` (``tech_132.txt`` -> ``bbc/tech/132``)."""
    category, _, number = Path(path).stem.partition("_")
    return f"bbc/{category}/{number}"


def _write_jsonl(path: Path, records) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def prepare_inputs(out_dir: Path, corpora=CORPORA, limit_per_corpus: int | None = None) -> dict:
    """Write the corpora as product inputs under ``out_dir``; return a manifest.

    - bbc -> ``bbc/<category>_<NNN>.txt``, the original bytes (latin-1 byte included);
      doc_key from the file name (``bbc_doc_key``);
    - reuters -> ``reuters.jsonl``: text, title, date, url (null), doc_key;
    - fakenewsnet -> ``fakenewsnet.jsonl``: text, title, url, date (``{"$date": ms}``
      or null, as in the source), authors (list), doc_key;
    - fakenewscorpus -> ``fakenewscorpus.csv``: text, title, url, domain, authors,
      date (empty: scraped_at is not a publication date), doc_key.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest: dict = {"out_dir": str(out_dir), "corpora": {}, "total": 0}
    for name in corpora:
        df = load_corpus(name)
        if limit_per_corpus is not None:
            df = df.head(limit_per_corpus)
        if name == "bbc":
            target = out_dir / "bbc"
            target.mkdir(exist_ok=True)
            for key, src in df.select("doc_key", "source_path").iter_rows():
                _, category, number = key.split("/")
                shutil.copyfile(src, target / f"{category}_{number}.txt")
            fmt = "txt"
        elif name == "reuters":
            target = out_dir / "reuters.jsonl"
            df.select("text", "title", "date", url=pl.lit(None, pl.String), doc_key="doc_key").write_ndjson(target)
            fmt = "jsonl"
        elif name == "fakenewsnet":
            target = out_dir / "fakenewsnet.jsonl"
            _write_jsonl(
                target,
                (
                    {
                        "text": r["text"],
                        "title": r["title"],
                        "url": r["url"],
                        "date": {"$date": r["publish_date_ms"]} if r["publish_date_ms"] is not None else None,
                        "authors": r["author_list"],
                        "doc_key": r["doc_key"],
                    }
                    for r in df.iter_rows(named=True)
                ),
            )
            fmt = "jsonl"
        elif name == "fakenewscorpus":
            target = out_dir / "fakenewscorpus.csv"
            df.select("text", "title", "url", "domain", "authors", "date", "doc_key").write_csv(target)
            fmt = "csv"
        else:
            raise ValueError(f"unknown corpus {name!r}")
        manifest["corpora"][name] = {"path": str(target), "format": fmt, "count": df.height}
        manifest["total"] += df.height
    return manifest
