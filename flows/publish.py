"""publish subflow: gold -> a new Delta version, after the nothing-lost gate."""

from __future__ import annotations

import time

import polars as pl
from prefect import flow, get_run_logger

from flows.reporting import merge_counts, publish_stage_report, stage_summary
from tasks.clean_tasks import save_template_history
from tasks.enrich_tasks import save_signatures
from tasks.publish import code_version, release_id
from tasks.publish_tasks import commit_articles, commit_quarantine, prepare_shard, write_reports
from tasks.quarantine import QUARANTINE_SCHEMA
from tasks.settings import Settings
from tasks.staging import RunPaths, read_shards, write_json
from validations.expectations import publish_view
from validations.gate import GateFailed, dataset_gate

STAGE = "publish"


@flow(name="publish", flow_run_name="publish-{run_id}")
def publish_flow(run_id: str, gold_shards: list[str], bronze_shards: list[str], ingest: dict, settings: dict) -> dict:
    """Check that every document is accounted for, then commit articles and quarantine."""
    log = get_run_logger()
    t0 = time.perf_counter()
    cfg = Settings.from_dict(settings)
    paths = RunPaths(cfg.data_dir, run_id)
    release = release_id(run_id)
    keys = [f"{i:05d}" for i in range(len(gold_shards))]
    prepared = [f.result() for f in (prepare_shard.submit(k, s, run_id, release, str(cfg.data_dir))
                                     for k, s in zip(keys, gold_shards))]
    shards = [p["shard"] for p in prepared]

    # nothing lost: inputs reconcile at ingest, and every bronze document ends somewhere
    unaccounted_inputs = ingest["rows_in"] - ingest["rows_out"] - ingest["quarantined_total"] - ingest["already_ingested"]
    if unaccounted_inputs:
        raise GateFailed(STAGE, [f"{unaccounted_inputs} input record(s) neither ingested, quarantined nor already known"])
    q_paths = paths.quarantine_shards()
    quarantine = read_shards(q_paths) if q_paths else pl.DataFrame(schema=QUARANTINE_SCHEMA)
    published = read_shards(shards, ["doc_id", "duplicate_of"])
    view = publish_view(read_shards(bronze_shards, ["doc_id"]), published, quarantine.filter(pl.col("stage") != "ingest"))
    gate = dataset_gate(view, STAGE, run_id, paths.reports_dir,
                        parameters={"bronze_documents": view.height, "articles_to_publish": published.height}).as_dict()

    q_by_rule = counts_by_rule_all(quarantine)
    meta = {
        "release_id": release, "run_id": run_id, "code_version": code_version(),
        "input_records": ingest["rows_in"], "input_documents": ingest["rows_out"],
        "already_ingested": ingest["already_ingested"], "published_articles": published.height,
        "quarantined_rows": quarantine.height, "quarantined_by_rule": q_by_rule,
        "duplicates": int(published["duplicate_of"].is_not_null().sum()) if published.height else 0,
        "reports_dir": str(paths.reports_dir.resolve()),
        "data_docs": gate["data_docs"],
    }
    version = commit_articles(shards, run_id, str(cfg.data_dir), meta)
    q_version = commit_quarantine(run_id, str(cfg.data_dir), {**meta, "articles_version": version})
    reports = write_reports(run_id, str(cfg.data_dir), version, meta)
    save_template_history(run_id, str(cfg.data_dir))
    save_signatures(run_id, settings, shards)
    release_meta = {**meta, "version": version, "quarantine_version": q_version, **reports}
    write_json(release_meta, paths.reports_dir / "release.json")
    log.info("publish: version %d of %s (%d articles, %d quarantined)", version, paths.articles_table,
             published.height, quarantine.height)
    summary = stage_summary(
        STAGE, run_id, rows_in=sum(p["rows"] for p in prepared) + sum(sum(p["quarantined"].values()) for p in prepared),
        rows_out=published.height, quarantined=merge_counts(*(p["quarantined"] for p in prepared)),
        seconds=time.perf_counter() - t0, shards=shards, gate=gate, version=version,
        outcomes=dict(view.group_by("outcome").len().iter_rows()), release=release_meta,
    )
    publish_stage_report(summary, paths)
    return summary


def counts_by_rule_all(quarantine: pl.DataFrame) -> dict[str, int]:
    """Quarantined rows per ``stage/rule``."""
    if quarantine.is_empty():
        return {}
    keyed = quarantine.select((pl.col("stage") + "/" + pl.col("rule")).alias("rule"))
    return dict(keyed.group_by("rule").len().sort("len", descending=True).iter_rows())
