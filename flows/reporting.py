"""Stage summaries: the manifest on disk and the artifacts people see in the Prefect UI."""

from __future__ import annotations

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from tasks.staging import RunPaths, write_json


def stage_summary(stage: str, run_id: str, *, rows_in: int, rows_out: int, quarantined: dict[str, int],
                  seconds: float, shards: list[str], gate: dict | None = None, **extra) -> dict:
    return {
        "stage": stage, "run_id": run_id, "rows_in": rows_in, "rows_out": rows_out,
        "quarantined": dict(sorted(quarantined.items(), key=lambda kv: -kv[1])),
        "quarantined_total": sum(quarantined.values()), "seconds": round(seconds, 3),
        "shards": shards, "gate": gate, **extra,
    }


def merge_counts(*dicts: dict[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for d in dicts:
        for k, v in (d or {}).items():
            out[k] = out.get(k, 0) + v
    return out


def publish_stage_report(summary: dict, paths: RunPaths) -> None:
    """Write ``manifest.json`` for the stage and post a markdown and a table artifact."""
    stage = summary["stage"]
    write_json(summary, paths.manifest(stage))
    rows = [
        {"metric": "rows in", "value": summary["rows_in"]},
        {"metric": "rows out", "value": summary["rows_out"]},
        {"metric": "quarantined", "value": summary["quarantined_total"]},
        {"metric": "duration (s)", "value": summary["seconds"]},
        {"metric": "shards", "value": len(summary["shards"])},
    ]
    rows += [{"metric": f"quarantined: {rule}", "value": n} for rule, n in summary["quarantined"].items()]
    for key, value in summary.items():
        if isinstance(value, (int, float)) and key not in {"rows_in", "rows_out", "quarantined_total", "seconds"}:
            rows.append({"metric": key.replace("_", " "), "value": value})
    create_table_artifact(key=f"{stage}-counts", table=rows, description=f"{stage} stage, run {summary['run_id']}")
    md = [f"# {stage} — run `{summary['run_id']}`", "", "| metric | value |", "|---|---|"]
    md += [f"| {r['metric']} | {r['value']} |" for r in rows]
    for name, table in summary.items():
        if isinstance(table, dict) and name not in {"quarantined", "gate"} and table:
            md += ["", f"## {name.replace('_', ' ')}", "", "| key | count |", "|---|---|"]
            md += [f"| {k} | {v} |" for k, v in table.items()]
    gate = summary.get("gate") or {}
    if gate:
        md += ["", f"Gate: {'passed' if gate.get('success') else 'FAILED'} — {gate.get('expectations')} expectations",
               f"Data Docs: `{gate.get('data_docs')}`"]
    create_markdown_artifact(key=f"{stage}-report", markdown="\n".join(md), description=f"{stage} stage report")
