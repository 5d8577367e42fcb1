import json
from datetime import datetime, timezone

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tasks.ingest import (InputError, content_hash, discover_inputs, domain_of, plan_shards, read_table,
                          read_text_pages, split_known_and_repeated)
from validations.gate import row_gate

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def test_doc_id_is_hash_of_raw_bytes(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"Title\n\nBody text.\n")
    df = read_text_pages([str(f)], "r1", NOW)
    assert df["doc_id"][0] == content_hash(b"Title\n\nBody text.\n")
    assert df["source_format"][0] == "txt" and df["n_bytes"][0] == 18
    assert df["source_key"][0] == str(tmp_path)


def test_invalid_utf8_page_is_decoded_and_recorded(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_bytes(b"Cost \xa3 5 million\n")
    df = read_text_pages([str(f)], "r1", NOW)
    assert df["text"][0] == "Cost £ 5 million\n"
    assert "stray byte" in df["decode_note"][0]


def test_discover_expands_directories_and_reports_unsupported(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("x")
    (tmp_path / "d" / "b.csv").write_text("text\nx\n")
    (tmp_path / "d" / "notes.md").write_text("x")
    plan = discover_inputs([tmp_path / "d"])
    assert [p.rsplit("/", 1)[1] for p in plan.text_files] == ["a.txt"]
    assert [p.rsplit("/", 1)[1] for p in plan.tables] == ["b.csv"]
    assert [p.rsplit("/", 1)[1] for p in plan.unsupported] == ["notes.md"]
    with pytest.raises(InputError, match="input not found"):
        discover_inputs([tmp_path / "nope"])
    with pytest.raises(InputError, match="unsupported input type"):
        discover_inputs([tmp_path / "d" / "notes.md"])


def test_csv_with_metadata_columns(tmp_path):
    f = tmp_path / "x.csv"
    pl.DataFrame({"": [0, 1], "content": ["First article body.", "Second."], "title": ["T1", ""],
                  "url": ["https://www.example.com/a", None], "authors": ["A B", None]}).write_csv(f)
    df = read_table(str(f), "r1", NOW)
    assert df["text"].to_list() == ["First article body.", "Second."]
    assert df["meta_title"].to_list() == ["T1", None]  # empty metadata is null
    assert df["url"][0] == "https://www.example.com/a" and df["meta_author"][0] == "A B"
    assert df["source_key"].to_list() == ["example.com", "csv:x.csv"]
    assert df["source_uri"][1].endswith("x.csv#row=1")
    assert df["doc_id"][0] == content_hash("First article body.".encode())


def test_jsonl_mongo_date_object_and_list_authors_become_text(tmp_path):
    f = tmp_path / "x.jsonl"
    f.write_text(json.dumps({"text": "Body", "publish_date": {"$date": 1483228800000}, "authors": ["A", "B"]}) + "\n")
    df = read_table(str(f), "r1", NOW)
    assert df["meta_date"][0] == '{"$date":1483228800000}'
    assert df["meta_author"][0] == "A, B"


def test_parquet_with_explicit_text_column(tmp_path):
    f = tmp_path / "x.parquet"
    pl.DataFrame({"article_text": ["Hello world"], "date": ["2017-01-02"]}).write_parquet(f)
    with pytest.raises(InputError, match="no text column"):
        read_table(str(f), "r1", NOW)
    df = read_table(str(f), "r1", NOW, text_column="article_text")
    assert df["text"][0] == "Hello world" and df["meta_date"][0] == "2017-01-02"


def test_unreadable_table_is_a_clear_error(tmp_path):
    f = tmp_path / "broken.parquet"
    f.write_bytes(b"not parquet")
    with pytest.raises(InputError, match="broken.parquet: cannot read as parquet"):
        read_table(str(f), "r1", NOW)


def test_known_and_repeated_documents_are_split_out(tmp_path):
    for name, body in [("a.txt", b"same"), ("b.txt", b"same"), ("c.txt", b"other"), ("d.txt", b"old")]:
        (tmp_path / name).write_bytes(body)
    df = read_text_pages(sorted(str(p) for p in tmp_path.iterdir()), "r1", NOW)
    new, known, repeated = split_known_and_repeated(df, pl.Series([content_hash(b"old")]))
    assert sorted(new["source_uri"].str.split("/").list.last().to_list()) == ["a.txt", "c.txt"]
    assert known["source_uri"].str.ends_with("d.txt").all()
    assert repeated["source_uri"].str.ends_with("b.txt").all()
    assert repeated["first_source_uri"].str.ends_with("a.txt").all()


def test_empty_text_rows_are_quarantined_by_the_bronze_gate(tmp_path):
    f = tmp_path / "x.csv"
    pl.DataFrame({"text": ["An article.", "   "]}).write_csv(f)
    good, q = row_gate(read_table(str(f), "r1", NOW), "ingest", "r1")
    assert good.height == 1
    assert q["rule"].to_list() == ["text:has_visible_text"] and q["stage"][0] == "ingest"
    assert q["source_uri"][0].endswith("#row=1")


def test_domain_of_normalises():
    assert domain_of("https://WWW.Example.com/a?b") == "example.com"
    assert domain_of("example.org/path") == "example.org"
    assert domain_of(None) is None


def test_plan_shards_bounds_rows_and_bytes():
    assert plan_shards([1] * 5, max_rows=2, max_bytes=0) == [(0, 2), (2, 4), (4, 5)]
    assert plan_shards([40, 40, 40, 10], max_rows=10, max_bytes=100) == [(0, 2), (2, 4)]
    # an item over the byte bound is a shard of its own, never dropped
    assert plan_shards([5, 500, 5], max_rows=10, max_bytes=100) == [(0, 1), (1, 2), (2, 3)]
    assert plan_shards([], max_rows=3, max_bytes=10) == []


@given(st.lists(st.integers(0, 300), max_size=60), st.integers(1, 8), st.integers(0, 400))
def test_plan_shards_covers_every_item_once_within_bounds(sizes, max_rows, max_bytes):
    ranges = plan_shards(sizes, max_rows, max_bytes)
    assert [i for a, b in ranges for i in range(a, b)] == list(range(len(sizes)))
    for a, b in ranges:
        assert 1 <= b - a <= max_rows
        if max_bytes > 0 and b - a > 1:
            assert sum(sizes[a:b]) <= max_bytes


def test_table_is_sharded_by_text_bytes(tmp_path):
    from tasks.ingest_tasks import ingest_table

    path = tmp_path / "t.csv"
    pl.DataFrame({"text": [f"doc {i} " + "x" * 100 for i in range(10)]}).write_csv(path)
    out = ingest_table.fn("f000", str(path), "r1", str(tmp_path / "data"), None, shard_size=100,
                          shard_bytes=350)
    sizes = [pl.read_parquet(s).height for s in out["shards"]]
    assert sum(sizes) == 10 and max(sizes) == 3 and len(sizes) == 4
