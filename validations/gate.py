"""The gate between stages.

* ``row_gate``: the stage's pandera model on a collected shard. Rows failing a
  row-level check leave for quarantine (rule = ``column:check``); a missing
  column, a wrong dtype or a uniqueness breach is a dataset-level failure.
* ``dataset_gate``: the stage's Great Expectations checkpoint on the stage view;
  its results and Data Docs go under the run's report folder. Any failed
  expectation raises ``GateFailed`` naming it, which fails the stage.
"""

from __future__ import annotations

import os
import threading
from datetime import datetime, timezone
from dataclasses import dataclass, field
from pathlib import Path

import pandera.polars as pa
import polars as pl

from tasks.quarantine import empty as empty_quarantine
from tasks.quarantine import quarantine_rows
from validations.schemas import STAGE_MODELS

GX_PROJECT = Path(__file__).resolve().parent
_DATASET_LEVEL_CHECKS = {"field_uniqueness", "multiple_fields_uniqueness", "column_in_dataframe", "column_in_schema"}
_gx_lock = threading.Lock()  # the GX context reads process-wide environment settings


class GateFailed(RuntimeError):
    """A dataset-level check failed; the message names each failed check."""

    def __init__(self, stage: str, failures: list[str], docs: str | None = None):
        self.stage, self.failures, self.docs = stage, failures, docs
        where = f" (Data Docs: {docs})" if docs else ""
        super().__init__(f"{stage} gate failed: " + "; ".join(failures) + where)


def row_gate(df: pl.DataFrame, stage: str, run_id: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Split ``df`` into (rows that meet the stage contract, quarantine rows for the rest)."""
    model = STAGE_MODELS[stage]
    try:
        model.validate(df, lazy=True)
        return df, empty_quarantine()
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    dataset_level = cases.filter(pl.col("index").is_null() | pl.col("check").is_in(list(_DATASET_LEVEL_CHECKS)))
    if dataset_level.height:
        msgs = [
            f"{r['column']}: {r['check']} (got {str(r['failure_case'])[:80]})"
            for r in dataset_level.unique(["column", "check"], maintain_order=True).iter_rows(named=True)
        ]
        raise GateFailed(stage, [f"pandera {model.__name__}: {m}" for m in msgs])
    per_row = (
        cases.with_columns(
            (pl.col("column") + pl.lit(":") + pl.col("check")).alias("rule"),
            (
                pl.col("column") + pl.lit(" failed ") + pl.col("check") + pl.lit(" (value: ")
                + pl.col("failure_case").cast(pl.String).str.slice(0, 80).fill_null("null") + pl.lit(")")
            ).alias("why"),
        )
        .group_by("index", maintain_order=True)
        .agg(pl.col("rule").first(), pl.col("why").str.join("; ").alias("reason"))
        .with_columns(pl.col("index").cast(pl.UInt32))
    )
    indexed = df.with_row_index("index")
    bad = indexed.join(per_row, on="index", how="inner")
    good = indexed.join(per_row.select("index"), on="index", how="anti").drop("index")
    q = quarantine_rows(bad, stage=stage, rule=pl.col("rule"), reason=pl.col("reason"), run_id=run_id)
    return good, q


@dataclass
class GateReport:
    stage: str
    success: bool
    evaluated: int
    failed: list[str] = field(default_factory=list)
    data_docs: str | None = None

    def as_dict(self) -> dict:
        return {"stage": self.stage, "success": self.success, "expectations": self.evaluated,
                "failed": self.failed, "data_docs": self.data_docs}


def dataset_gate(view: pl.DataFrame, stage: str, run_id: str, reports_dir: Path,
                 parameters: dict | None = None, raise_on_failure: bool = True) -> GateReport:
    """Run the stage's GX checkpoint on ``view``; Data Docs under ``reports_dir/data_docs``."""
    with _gx_lock:
        os.environ["GX_ANALYTICS_ENABLED"] = "false"
        os.environ["CORPUS_GX_RESULTS_DIR"] = str((reports_dir / "gx_results").resolve())
        os.environ["CORPUS_DATA_DOCS_DIR"] = str((reports_dir / "data_docs").resolve())
        import great_expectations as gx
        from great_expectations.core.run_identifier import RunIdentifier

        ctx = gx.get_context(mode="file", project_root_dir=str(GX_PROJECT))
        result = ctx.checkpoints.get(stage).run(
            batch_parameters={"dataframe": view.to_pandas()},
            expectation_parameters=parameters or {},
            # GX parses run names as dates ("...Z-4061" becomes a bad UTC offset): prefix it
            run_id=RunIdentifier(run_name=f"run-{run_id}", run_time=datetime.now(timezone.utc)),
        )
        docs = str((reports_dir / "data_docs" / "index.html").resolve())
    failed, evaluated = [], 0
    for run_result in result.run_results.values():
        for res in run_result.results:
            evaluated += 1
            if not res.success:
                cfg = res.expectation_config
                col = cfg.kwargs.get("column")
                observed = (res.result or {}).get("observed_value", (res.result or {}).get("unexpected_percent"))
                failed.append(f"{cfg.type}({col or 'table'}) observed {observed!r}"
                              + (f": {res.exception_info.get('exception_message')}" if res.exception_info.get("raised_exception") else ""))
    report = GateReport(stage, bool(result.success), evaluated, failed, docs)
    if raise_on_failure and not report.success:
        raise GateFailed(stage, [f"GX {f}" for f in failed], docs)
    return report
