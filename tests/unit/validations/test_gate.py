import polars as pl
import pytest

from tasks.ingest import content_hash
from validations.expectations import ingest_view, publish_view
from validations.gate import GateFailed, dataset_gate, row_gate
from validations.gx_setup import in_sync


def _bronze(texts, notes=None):
    from datetime import datetime, timezone
    n = len(texts)
    return pl.DataFrame({
        "doc_id": [content_hash(t.encode() + bytes([i])) for i, t in enumerate(texts)],
        "source_uri": [f"f{i}.txt" for i in range(n)], "source_format": ["txt"] * n, "source_key": ["k"] * n,
        "text": texts, "encoding": ["utf-8"] * n, "decode_note": notes or [None] * n,
        "n_bytes": [len(t) for t in texts], "url": [None] * n, "meta_title": [None] * n, "meta_date": [None] * n,
        "meta_domain": [None] * n, "meta_author": [None] * n, "meta_tags": [None] * n, "run_id": ["r"] * n,
        "ingested_at": [datetime(2026, 1, 1, tzinfo=timezone.utc)] * n,
    }, schema_overrides={c: pl.String for c in ["decode_note", "url", "meta_title", "meta_date", "meta_domain", "meta_author", "meta_tags"]})


def test_row_level_failure_goes_to_quarantine_with_rule_and_reason():
    good, q = row_gate(_bronze(["an article", "  "]), "ingest", "r")
    assert good.height == 1
    row = q.row(0, named=True)
    assert row["rule"] == "text:has_visible_text" and "has_visible_text" in row["reason"] and row["run_id"] == "r"


def test_missing_column_is_a_dataset_level_failure():
    with pytest.raises(GateFailed, match="column_in_dataframe"):
        row_gate(_bronze(["a"]).drop("source_key"), "ingest", "r")


def test_wrong_dtype_is_a_dataset_level_failure():
    with pytest.raises(GateFailed, match="dtype"):
        row_gate(_bronze(["a"]).with_columns(pl.col("n_bytes").cast(pl.String)), "ingest", "r")


def test_duplicate_ids_fail_the_stage_rather_than_quarantine_both():
    df = _bronze(["a", "b"])
    with pytest.raises(GateFailed, match="field_uniqueness"):
        row_gate(df.with_columns(pl.lit(df["doc_id"][0]).alias("doc_id")), "ingest", "r")


def test_gx_gate_passes_and_builds_data_docs(tmp_path):
    report = dataset_gate(ingest_view(_bronze(["one", "two"]).lazy()).collect(), "ingest", "r1", tmp_path)
    assert report.success and report.evaluated >= 5
    assert (tmp_path / "data_docs" / "index.html").exists()
    assert any((tmp_path / "gx_results").rglob("*.json"))


def test_gx_gate_failure_names_the_expectation(tmp_path):
    view = ingest_view(_bronze(["one", "two", "three"], notes=["bad"] * 3).lazy()).collect()
    with pytest.raises(GateFailed, match=r"expect_column_values_to_be_null\(decode_note\)"):
        dataset_gate(view, "ingest", "r1", tmp_path)


def test_publish_view_flags_a_lost_document(tmp_path):
    bronze = pl.DataFrame({"doc_id": ["a", "b", "c"]})
    published = pl.DataFrame({"doc_id": ["a"], "duplicate_of": [None]}, schema_overrides={"duplicate_of": pl.String})
    quarantine = pl.DataFrame({"doc_id": ["b"], "reason": ["empty"]})
    view = publish_view(bronze, published, quarantine)
    assert dict(zip(view["doc_id"], view["outcome"])) == {"a": "published", "b": "quarantined", "c": "lost"}
    with pytest.raises(GateFailed, match="accounted"):
        dataset_gate(view, "publish", "r1", tmp_path, parameters={"bronze_documents": 3, "articles_to_publish": 1})


def test_committed_gx_suites_match_the_code():
    assert in_sync(), "run: python -m validations.gx_setup"
