"""The pipeline flow: ingest -> clean -> enrich -> publish, one subflow per stage.

A stage's gate raising ``GateFailed`` fails its subflow and this flow; nothing is
published and the previous dataset version stays current.
"""

from __future__ import annotations

import time
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from flows.clean import clean_flow
from flows.enrich import enrich_flow
from flows.ingest import ingest_flow
from flows.publish import publish_flow
from flows.runtime import describe, task_runner
from tasks.publish_tasks import commit_quarantine
from tasks.settings import REPO_ROOT, Settings
from tasks.staging import RunPaths, new_run_id, write_json

DEFAULT_INPUT = REPO_ROOT / "data" / "raw" / "sample"


def _run_id() -> str:
    """The run id: the ``run_id`` parameter, else derived from the flow run's start time and id."""
    given = (flow_run.get_parameters() or {}).get("run_id")
    if given:
        return given
    start = flow_run.get_scheduled_start_time()
    return new_run_id(start).rsplit("-", 1)[0] + "-" + str(flow_run.get_id())[:4]


def _run_name() -> str:
    return f"pipeline-{_run_id()}"


@flow(name="corpus-pipeline", flow_run_name=_run_name, log_prints=True)
def pipeline(
    inputs: list[str] | None = None,
    data_dir: str = "data",
    shard_size: int | None = None,
    run_id: str | None = None,
    text_column: str | None = None,
    publish_languages: list[str] | None = None,
) -> dict:
    """Run every stage on ``inputs`` (files or directories; default: the sample corpus)."""
    log = get_run_logger()
    t0 = time.perf_counter()
    run_id = _run_id()
    cfg = Settings.from_env(
        data_dir=Path(data_dir), shard_size=shard_size,
        publish_languages=tuple(publish_languages) if publish_languages is not None else None,
    )
    settings = cfg.to_dict()
    inputs = [str(Path(p)) for p in (inputs or [DEFAULT_INPUT])]
    paths = RunPaths(cfg.data_dir, run_id)
    log.info("run %s: %s -> %s", run_id, ", ".join(inputs), paths.articles_table)

    log.info("shard tasks run on %s", describe(cfg))
    ingest, clean, enrich, publish = (
        f.with_options(task_runner=task_runner(cfg)) for f in (ingest_flow, clean_flow, enrich_flow, publish_flow)
    )
    stages: dict[str, dict] = {}
    stages["ingest"] = ingest(run_id, inputs, settings, text_column)
    if stages["ingest"]["rows_out"] == 0:
        if stages["ingest"]["quarantined_total"]:
            commit_quarantine(run_id, str(cfg.data_dir), {"run_id": run_id, "articles_version": None})
        log.info("nothing new to publish: every input document is already accounted for or quarantined")
        return _summary(run_id, stages, t0, paths, version=None)
    stages["clean"] = clean(run_id, stages["ingest"]["shards"], settings)
    stages["enrich"] = enrich(run_id, stages["clean"]["shards"], settings)
    stages["publish"] = publish(run_id, stages["enrich"]["shards"], stages["ingest"]["shards"],
                                     _slim(stages["ingest"]), settings)
    return _summary(run_id, stages, t0, paths, version=stages["publish"]["version"])


def _slim(summary: dict) -> dict:
    return {k: v for k, v in summary.items() if k != "shards"}


def _summary(run_id: str, stages: dict, t0: float, paths: RunPaths, version: int | None) -> dict:
    release = stages.get("publish", {}).get("release", {})
    summary = {
        "run_id": run_id,
        "version": version,
        "table": str(paths.articles_table),
        "input_records": stages["ingest"]["rows_in"],
        "already_ingested": stages["ingest"]["already_ingested"],
        "documents_in": stages["ingest"]["rows_out"],
        "articles_published": release.get("published_articles", 0),
        "duplicates": release.get("duplicates", 0),
        "quarantined_by_rule": release.get("quarantined_by_rule", {}),
        "seconds": round(time.perf_counter() - t0, 2),
        "stage_seconds": {k: v["seconds"] for k, v in stages.items()},
        "reports_dir": str(paths.reports_dir),
    }
    write_json({**summary, "stages": {k: _slim(v) for k, v in stages.items()}}, paths.reports_dir / "run_summary.json")
    return summary
