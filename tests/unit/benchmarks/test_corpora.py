"""The shared-corpus loaders reproduce the counts stated in each corpus's PROVENANCE.md."""

from __future__ import annotations

import json
from functools import lru_cache

import polars as pl
import pytest

from benchmarks import corpora as C

needs_shared = pytest.mark.skipif(
    C.shared_dir() is None or not (C.shared_dir() / "corpora").is_dir(),
    reason=f"shared corpora not found: set ${C.ENV_VAR} to the directory holding corpora/",
)


@lru_cache(maxsize=None)
def load(name: str) -> pl.DataFrame:
    return C.load_corpus(name)


def extra_copies(df: pl.DataFrame) -> int:
    groups = C.known_exact_duplicate_groups(df)
    return int((groups["n"] - 1).sum())


@needs_shared
@pytest.mark.parametrize("name", C.CORPORA)
def test_core_schema_and_unique_keys(name):
    df = load(name)
    for col, dtype in C.CORE_SCHEMA.items():
        assert df.schema[col] == dtype, col
    assert df["doc_key"].n_unique() == df.height
    assert df["doc_key"].str.starts_with(f"{name}/").all()
    assert (df["corpus"] == name).all()
    assert df["text"].null_count() == 0
    assert not df["text"].str.contains("\r", literal=True).any()


@needs_shared
def test_bbc():
    df = load("bbc")
    assert df.height == 2225
    counts = dict(df.group_by("category").len().iter_rows())
    assert counts == {"business": 510, "entertainment": 386, "politics": 417, "sport": 511, "tech": 401}
    assert extra_copies(df) == 98
    texts = dict(df.select("doc_key", "text").iter_rows())
    assert texts["bbc/tech/132"] == texts["bbc/tech/176"]
    assert "£15.8m" in texts["bbc/sport/199"]  # the raw latin-1 byte, decoded
    assert df["title"][0] == texts[df["doc_key"][0]].split("\n")[0]


@needs_shared
def test_reuters():
    df = load("reuters")
    assert df.height == 21578
    assert dict(df.group_by("text_type").len().iter_rows()) == {"NORM": 19043, "BRIEF": 1798, "UNPROC": 737}
    assert df["title"].is_not_null().sum() == 20841
    assert df["dateline"].is_not_null().sum() == 19043
    first = df.row(0, named=True)
    assert first["doc_key"] == "reuters/1" and first["title"] == "BAHIA COCOA REVIEW"
    assert first["text"].startswith("BAHIA COCOA REVIEW\nSALVADOR, Feb 26 - Showers continued")
    assert first["text"].endswith("Reuter\n&#3;")  # wire noise kept for the cleaner
    assert first["date"] == "26-FEB-1987 15:01:01.79"
    assert str(first["published_at"]) == "1987-02-26 15:01:01.790000+00:00"
    assert df.filter(pl.col("doc_key") == "reuters/2")["title"][0].startswith("STANDARD OIL <SRD>")
    assert df["text"].str.contains("ü", literal=True).sum() == 1  # the stray 0xFC byte
    # dirty DATE fields still parse; the one with an impossible hour ("605:12:19") stays null
    assert df["published_at"].null_count() == 1
    assert 200 <= extra_copies(df) <= 262  # 262 duplicate BODYs; some differ by title/dateline


@needs_shared
def test_fakenewsnet():
    df = load("fakenewsnet")
    assert df.height == 422
    assert df["parsed"].sum() == 420
    zero = df.filter(~pl.col("parsed"))
    assert sorted(zero["doc_key"]) == ["fakenewsnet/BuzzFeed_Fake_30", "fakenewsnet/BuzzFeed_Fake_31"]
    assert (zero["text"] == "").all()
    assert dict(df.group_by("label").len().iter_rows()) == {"fake": 211, "real": 211}
    assert df["url"].is_not_null().sum() == 420
    assert df["published_at"].is_not_null().sum() == 303
    assert df["authors"].is_not_null().sum() == 285
    assert df["title"].is_not_null().sum() == 410
    assert (df.filter(pl.col("parsed"))["text"] == "").sum() == 19
    assert extra_copies(df) == 38 - 18  # 38 incl. the 19 empty texts (18 extra copies of "")
    # shorteners never survive as the publisher domain
    assert not df["domain"].is_in(["politi.co", "cnn.it", "abcn.ws"]).any()
    assert df["domain"].str.starts_with("www.").sum() == 0


@needs_shared
def test_fakenewscorpus():
    df = load("fakenewscorpus")
    assert df.height == 250
    assert df["domain"].n_unique() == 29
    assert df["url"].is_not_null().sum() == 250 and df["title"].is_not_null().sum() == 250
    assert df["authors"].is_not_null().sum() == 170
    assert df["date"].null_count() == 250 and df["published_at"].null_count() == 250  # scraped_at is not a date
    assert df["label"].null_count() == 12
    assert df["row"].to_list() == list(range(250))
    groups = C.known_exact_duplicate_groups(df)
    assert groups.height == 4 and extra_copies(df) == 11 and groups["n"].max() == 9


@needs_shared
def test_load_all_stacks_core_columns():
    df = C.load_all(("fakenewsnet", "fakenewscorpus"))
    assert df.columns == list(C.CORE_SCHEMA)
    assert df.height == 422 + 250


def test_known_exact_duplicate_groups_ignores_empty():
    df = pl.DataFrame({"doc_key": ["a", "b", "c", "d", "e"], "text": ["x", "x", "", "", "y"]})
    groups = C.known_exact_duplicate_groups(df)
    assert groups.to_dicts() == [{"canonical": "a", "doc_keys": ["a", "b"], "n": 2}]


def test_normalise_domain():
    assert C.normalise_domain("http://WWW.Example.com/a?b") == "example.com"
    assert C.normalise_domain("example.org") == "example.org"
    assert C.normalise_domain("") is None and C.normalise_domain(None) is None


@needs_shared
def test_prepare_inputs(tmp_path):
    manifest = C.prepare_inputs(tmp_path, limit_per_corpus=5)
    assert manifest["total"] == 20
    assert {k: v["count"] for k, v in manifest["corpora"].items()} == dict.fromkeys(C.CORPORA, 5)

    bbc_files = sorted((tmp_path / "bbc").glob("*.txt"))
    assert [C.bbc_doc_key(p) for p in bbc_files] == load("bbc")["doc_key"].head(5).to_list()
    assert bbc_files[0].read_bytes() == open(load("bbc")["source_path"][0], "rb").read()

    reuters = pl.read_ndjson(tmp_path / "reuters.jsonl")
    assert reuters.columns == ["text", "title", "date", "url", "doc_key"]
    assert reuters["text"].to_list() == load("reuters")["text"].head(5).to_list()

    lines = [json.loads(x) for x in (tmp_path / "fakenewsnet.jsonl").read_text().splitlines()]
    assert list(lines[0]) == ["text", "title", "url", "date", "authors", "doc_key"]
    assert lines[0]["date"] == {"$date": 1474243200000} and lines[0]["authors"] == ["Wendy Gittleson"]

    fnc = pl.read_csv(tmp_path / "fakenewscorpus.csv", infer_schema=False)
    assert fnc.columns == ["text", "title", "url", "domain", "authors", "date", "doc_key"]
    assert fnc["date"].null_count() == 5
    assert fnc["text"].to_list() == load("fakenewscorpus")["text"].head(5).to_list()


def test_require_shared_names_env_var(monkeypatch, tmp_path):
    monkeypatch.setenv(C.ENV_VAR, str(tmp_path / "missing"))
    assert C.shared_dir() is None
    with pytest.raises(FileNotFoundError, match=C.ENV_VAR):
        C.require_shared("corpora")
