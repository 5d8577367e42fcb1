import json

import polars as pl
import pytest

from tasks.publish import changelog, delta_safe, list_versions, published_frame, version_stats, write_version
from validations.schemas import CONTRACT_COLUMNS


def _gold(ids, dup_of=None):
    n = len(ids)
    return pl.DataFrame({
        "article_id": ids, "doc_id": [i.split("-")[0] for i in ids], "source_uri": ["f"] * n,
        "segment": pl.Series([0] * n, dtype=pl.Int32), "title": ["t"] * n, "body": ["body text"] * n,
        "published_at": pl.Series([None] * n, dtype=pl.Datetime("us", "UTC")),
        "page_date": pl.Series([None] * n, dtype=pl.Date), "site": [None] * n, "outlet": ["FNA"] * n,
        "author": [None] * n, "language": ["en"] * n, "tags": [["Syria"]] * n,
        "word_count": pl.Series([2] * n, dtype=pl.Int32), "text_hash": ["0" * 32] * n,
        "duplicate_of": pl.Series(dup_of or [None] * n, dtype=pl.String),
        "entities": [[{"canonical": "Islamic State", "type": "ARMED_GROUP", "mentions": 2}]] * n,
        "q_mean_word_length": [4.5] * n, "meta_title": ["ignored"] * n,
    }, schema_overrides={"site": pl.String, "author": pl.String,
                         "entities": pl.List(pl.Struct({"canonical": pl.String, "type": pl.String, "mentions": pl.UInt32}))})


def test_published_frame_puts_contract_first_and_drops_internal_columns():
    out = published_frame(_gold(["a-0"]), "run1", "rel1")
    assert out.columns[: len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    assert "meta_title" not in out.columns and "entities" in out.columns and "q_mean_word_length" in out.columns
    assert out["release_id"][0] == "rel1"


def test_delta_safe_widens_unsigned_ints_inside_structs():
    out = delta_safe(_gold(["a-0"]))
    assert out.schema["entities"] == pl.List(pl.Struct({"canonical": pl.String, "type": pl.String, "mentions": pl.Int64}))


def test_versions_carry_release_metadata_and_load_by_version(tmp_path):
    table = tmp_path / "articles"
    f1 = published_frame(_gold(["a-0", "b-0"]), "run1", "rel1")
    v0 = write_version(table, [f1], f1.schema, {"release_id": "rel1", "run_id": "run1", "published_articles": 2})
    f2 = published_frame(_gold(["c-0"], dup_of=["a-0"]), "run2", "rel2")
    v1 = write_version(table, [f2], f2.schema, {"release_id": "rel2", "run_id": "run2", "published_articles": 1})
    assert (v0, v1) == (0, 1)
    versions = list_versions(table)
    assert [v["run_id"] for v in versions] == ["run1", "run2"]
    assert versions[1]["published_articles"] == 1 and versions[1]["rows_added"] == 1
    assert pl.read_delta(str(table), version=0).height == 2
    assert pl.read_delta(str(table)).height == 3
    stats = version_stats(table, 1)
    assert stats["articles"] == 3 and stats["duplicates"] == 1 and stats["languages"] == {"en": 3}
    log = changelog(table, 1)
    assert "articles: 2 -> 3 (+1)" in log and "duplicates: 0 -> 1 (+1)" in log


def test_list_versions_of_missing_table_is_empty(tmp_path):
    assert list_versions(tmp_path / "none") == []
