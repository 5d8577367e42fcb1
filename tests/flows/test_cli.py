"""The `corpus` command: summaries, versions, show, and one-line errors."""

from __future__ import annotations

import json

import pytest

from flows.cli import main
from tests.conftest import SAMPLE


def test_missing_input_is_one_line_error(capsys, tmp_path):
    assert main(["run", str(tmp_path / "nope"), "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"error: input not found: {tmp_path / 'nope'}"


def test_versions_without_a_table_is_one_line_error(capsys, tmp_path):
    assert main(["versions", "--data-dir", str(tmp_path)]) == 1
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.usefixtures("prefect_api")
def test_run_then_versions_then_show(capsys, tmp_path):
    data_dir = tmp_path / "data"
    assert main(["run", str(SAMPLE), "--data-dir", str(data_dir), "--shard-size", "7"]) == 0
    out = capsys.readouterr().out
    assert "new version         0 of" in out and "articles published" in out and "ingest/duplicate_input" in out

    assert main(["versions", "--data-dir", str(data_dir), "--json"]) == 0
    versions = json.loads(capsys.readouterr().out)
    assert [v["version"] for v in versions] == [0]
    assert versions[0]["input_records"] == len(list(SAMPLE.glob("*.txt")))
    assert versions[0]["code_version"].startswith("0.1.0")

    assert main(["show", "0", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "data_docs" in out and "dataset_card" in out and "languages" in out

    assert main(["show", "7", "--data-dir", str(data_dir)]) == 1
    assert "version 7 not found" in capsys.readouterr().err
