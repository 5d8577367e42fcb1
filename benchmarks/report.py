"""The benchmark report: one JSON document and its Markdown rendering."""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

STAGES = ("ingest", "clean", "enrich", "publish")
TARGETS = {
    "peer_ratio": ">= 10x datatrove's docs/s per core on quality + dedup",
    "docs_per_s_8x": ">= 1,500 docs/s for the whole pipeline at 8x on 2 cores",
    "overhead_share_8x": "orchestration + gates <= 20% of wall time at 8x",
    "memory_ratio_8x": "peak RSS at 8x <= 1.5 x peak RSS at 1x",
    "time_ratio_8x": "time(8x) / time(1x) <= 8.5",
}


def _v(pkg: str) -> str | None:
    try:
        return version(pkg)
    except PackageNotFoundError:
        return None


def _mem_total_gb() -> float | None:
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        return None
    return None


def _div(a, b, nd=1):
    return round(a / b, nd) if a is not None and b else None


def scale_row(r: dict) -> dict:
    """The figures of one scale's run."""
    docs = r.get("documents")
    mb = (r.get("input_bytes") or 0) / 1e6
    row = {
        "scale": r["scale"], "documents": docs, "replicated_documents": r.get("replicated_documents"),
        "input_mb": round(mb, 1), "ok": bool(r.get("ok")), "error": None if r.get("ok") else str(r.get("error"))[:1500],
        "exit_code": (r.get("process") or {}).get("exit_code"),
    }
    if not r.get("ok") and not r.get("stages"):
        return row
    wall = r.get("pipeline_wall_seconds")
    rb = r.get("run_breakdown") or {}
    summary = r.get("summary") or {}
    proc = r.get("process") or {}
    row.update({
        "wall_seconds": wall,
        "docs_per_s": _div(docs, wall),
        "mb_per_s": _div(mb, wall, 2),
        "peak_rss_mb": proc.get("peak_rss_mb_wait4") or r.get("peak_rss_mb"),
        "peak_tree_rss_mb": proc.get("peak_tree_rss_mb_polled"),
        "process_cpu_seconds": r.get("process_cpu_seconds"),
        "cpu_utilisation": _div(r.get("process_cpu_seconds"), wall, 2),
        "import_seconds": r.get("import_seconds"),
        "api_startup_seconds": r.get("api_startup_seconds"),
        "orchestration_seconds": rb.get("orchestration_seconds"),
        "gate_seconds": rb.get("gate_seconds"),
        "transform_seconds": rb.get("transform_seconds"),
        "prefect_task_engine_seconds": rb.get("prefect_task_engine_seconds"),
        "flow_thread_other_seconds": rb.get("flow_thread_other_seconds"),
        "orchestration_share": rb.get("orchestration_share"),
        "gate_share": rb.get("gate_share"),
        "transform_share": rb.get("transform_share"),
        "overhead_share": round((rb.get("orchestration_share") or 0) + (rb.get("gate_share") or 0), 4) if rb else None,
        "articles_published": summary.get("articles_published"),
        "duplicates": summary.get("duplicates"),
        "quarantined": sum((summary.get("quarantined_by_rule") or {}).values()) if summary else None,
        "quarantined_by_rule": summary.get("quarantined_by_rule"),
        "code": r.get("code"),
        "repeats": r.get("repeats"),
        "prefect_server_rss_mb": r.get("prefect_server_rss_mb_after"),
        "prefect_server_cpu_seconds": proc.get("prefect_server_cpu_seconds"),
        "other_processes_cores_avg": proc.get("other_processes_cores_avg"),
        "load_avg_1min_before": proc.get("load_avg_1min_before"),
    })
    stages = {}
    for s in STAGES:
        b = (r.get("stages") or {}).get(s)
        if not b:
            continue
        m = (r.get("manifests") or {}).get(s) or {}
        w = b["wall_seconds"]
        task_runs = sum(t["runs"] for t in b.get("tasks", {}).values())
        overhead = sum(t["prefect_overhead_seconds"] for t in b.get("tasks", {}).values())
        stages[s] = {
            "wall_seconds": w, "manifest_seconds": m.get("seconds"),
            "rows_in": m.get("rows_in"), "rows_out": m.get("rows_out"), "quarantined": m.get("quarantined_total"),
            "docs_per_s": _div(docs, w), "rows_per_s": _div(m.get("rows_in"), w), "mb_per_s": _div(mb, w, 2),
            "peak_rss_mb": b.get("peak_rss_mb"), "rss_at_start_mb": b.get("rss_at_start_mb"),
            "cpu_seconds": b.get("cpu_seconds"), "cpu_utilisation": _div(b.get("cpu_seconds"), w, 2),
            "transform_seconds": b["transform_seconds"], "gate_seconds": b["gate_seconds"],
            "orchestration_seconds": b["orchestration_seconds"],
            "gate_pandera_seconds": b["gate_pandera_seconds"], "gate_gx_seconds": b["gate_gx_seconds"],
            "gate_datadocs_seconds": b["gate_datadocs_seconds"], "gate_view_seconds": b["gate_view_seconds"],
            "artifacts_seconds": b.get("artifacts_seconds"),
            "prefect_task_engine_seconds": b.get("prefect_task_engine_seconds"),
            "flow_thread_other_seconds": b.get("flow_thread_other_seconds"),
            "task_runs": task_runs, "threads_used": b.get("threads_used"),
            "prefect_overhead_per_task_run_ms": _div(overhead * 1000, task_runs),
            "tasks": b.get("tasks"),
            "enricher_seconds": m.get("enricher_seconds"),
        }
    row["stages"] = stages
    return row


def _target(name: str, measured, ok: bool | None, note: str = "") -> dict:
    return {"name": name, "target": TARGETS[name], "measured": measured,
            "status": "not measured" if ok is None else ("PASS" if ok else "FAIL"), "note": note}


def targets(rows: dict[int, dict], peer: dict | None) -> list[dict]:
    out = []
    c = (peer or {}).get("comparison") or {}
    ratio = c.get("ratio")
    out.append(_target("peer_ratio", f"{ratio}x" if ratio is not None else None, None if ratio is None else ratio >= 10,
                       "datatrove wall time net of JSONL reading, ours on 1 polars thread; "
                       f"blocks-only ratio {c.get('ratio_blocks_only')}x, end-to-end {c.get('ratio_end_to_end')}x"
                       if ratio is not None else ("skipped (--no-peer)" if peer is None else f"failed: {str(c.get('error'))[:200]}")))
    ok_rows = {k: v for k, v in rows.items() if v.get("ok")}
    r8, r1 = ok_rows.get(8), ok_rows.get(1)
    largest = ok_rows[max(ok_rows)] if ok_rows else None
    hint = f"largest measured scale {largest['scale']}x: " if largest else ""
    cores = os.cpu_count()
    out.append(_target("docs_per_s_8x", f"{r8['docs_per_s']} docs/s" if r8 else None,
                       None if not r8 else r8["docs_per_s"] >= 1500,
                       f"{cores} cores" + ("" if r8 else f"; {hint}{largest['docs_per_s']} docs/s" if largest else "")))
    out.append(_target("overhead_share_8x", f"{100 * r8['overhead_share']:.1f}%" if r8 else None,
                       None if not r8 else r8["overhead_share"] <= 0.20,
                       (f"orchestration {100 * r8['orchestration_share']:.1f}% + gates {100 * r8['gate_share']:.1f}%" if r8 else
                        f"{hint}{100 * largest['overhead_share']:.1f}%" if largest else "")))
    if r8 and r1:
        mr = round(r8["peak_rss_mb"] / r1["peak_rss_mb"], 2)
        tr = round(r8["wall_seconds"] / r1["wall_seconds"], 2)
        out.append(_target("memory_ratio_8x", f"{mr}x ({r8['peak_rss_mb']:.0f} / {r1['peak_rss_mb']:.0f} MB)", mr <= 1.5))
        out.append(_target("time_ratio_8x", f"{tr} ({r8['wall_seconds']:.0f} s / {r1['wall_seconds']:.0f} s)", tr <= 8.5))
    else:
        note = ""
        if r1 and largest and largest["scale"] > 1:
            k = largest["scale"]
            note = (f"at {k}x: time ratio {largest['wall_seconds'] / r1['wall_seconds']:.2f} (linear = {k}), "
                    f"memory ratio {largest['peak_rss_mb'] / r1['peak_rss_mb']:.2f}")
        out.append(_target("memory_ratio_8x", None, None, note))
        out.append(_target("time_ratio_8x", None, None, note))
    return out


def scaling(rows: dict[int, dict]) -> dict:
    ok = {k: v for k, v in rows.items() if v.get("ok")}
    if 1 not in ok:
        return {}
    base = ok[1]
    out = {}
    for k, r in sorted(ok.items()):
        out[k] = {
            "time_ratio": round(r["wall_seconds"] / base["wall_seconds"], 2),
            "time_ratio_per_x": round(r["wall_seconds"] / base["wall_seconds"] / k, 2),
            "memory_ratio": round(r["peak_rss_mb"] / base["peak_rss_mb"], 2),
            "docs_per_s": r["docs_per_s"],
            "stage_time_ratio": {s: round(r["stages"][s]["wall_seconds"] / base["stages"][s]["wall_seconds"], 2)
                                 for s in STAGES if s in r.get("stages", {}) and s in base.get("stages", {})
                                 and base["stages"][s]["wall_seconds"]},
            "stage_memory_ratio": {s: round(r["stages"][s]["peak_rss_mb"] / base["stages"][s]["peak_rss_mb"], 2)
                                   for s in STAGES if s in r.get("stages", {}) and s in base.get("stages", {})
                                   and base["stages"][s]["peak_rss_mb"]},
        }
    return out


def build_report(results: dict, corpus: dict, peer: dict | None, profile: dict | None, args, started: datetime,
                 server_startup: float | None = None) -> dict:
    rows = {k: scale_row(r) for k, r in sorted(results.items())}
    if profile and profile.get("html"):
        profile = {**profile, "html": Path(profile["html"]).name, "text": Path(profile["text"]).name}
    argv = " ".join(sys.argv[1:]) if sys.argv and sys.argv[0].endswith("run.py") else None
    return {
        "title": "news-corpus pipeline benchmark",
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "started_at": started.isoformat(timespec="seconds"),
        "command": "python -m benchmarks.run" + (f" {argv}" if argv else ""),
        "options": {k: getattr(args, k, None) for k in ("scales", "limit", "layout", "shard_size", "max_workers", "seed",
                                                        "no_peer", "profile", "peer_limit", "repeats")},
        "machine": {"cpu_count": os.cpu_count(), "memory_gb": _mem_total_gb(), "platform": platform.platform(),
                    "python": sys.version.split()[0],
                    "packages": {p: _v(p) for p in ("prefect", "polars", "pandera", "great-expectations", "deltalake", "pyinstrument")}},
        "prefect_server_startup_seconds": server_startup,
        "corpus": {
            "base": {name: c["count"] for name, c in corpus["base"]["corpora"].items()},
            "base_documents": corpus["base"]["total"],
            "layout": corpus["layout"], "seed": corpus["params"]["seed"], "limit_per_corpus": corpus["params"]["limit"],
            "replication": "replica r of every document: fresh doc_key (~rNN), 2 + words/150 (max 6) random token edits "
                           "(numbers -> other numbers, words -> other corpus words) so content hashes differ; "
                           "replicas are near-duplicates of their originals",
            "scales": {k: {x: v[x] for x in ("documents", "original_documents", "replicated_documents", "input_bytes")}
                       for k, v in corpus["scales"].items()},
        },
        "scales": rows,
        "scaling": scaling(rows),
        "targets": targets(rows, peer),
        "peer": peer,
        "profile": profile,
        "method": METHOD,
    }


METHOD = [
    "Each scale runs in a fresh subprocess (`benchmarks.runner`) with a fresh data dir, calling the real Prefect flow "
    "`flows.pipeline.pipeline` with every gate on, against one temporary Prefect API server shared by the runs "
    "(its start-up is not counted; the server is a separate process and its memory is not in the peak RSS).",
    "Wall time = the `pipeline(...)` call; docs/s = input documents (original + replicated) / wall; MB/s = raw input "
    "bytes / wall. Per stage the same numerators over the stage's wall (the subflow call as the pipeline makes it).",
    "Peak RSS per scale: `wait4()` ru_maxrss of the runner process (pipeline + its threads); per stage: the runner's "
    "RSS sampled every 20 ms and its kernel high-water mark.",
    "Split of wall time, from instrumentation inside the runner (no project code edited): every call of a task "
    "function (`Task.fn`), of Prefect's task engine (`run_task_sync`), of `row_gate` (pandera), `dataset_gate` (GX "
    "checkpoint; Data Docs = GX `UpdateDataDocsAction.run`), of the gate-view builders, of listed flow-body work "
    "(input discovery, ledger and shard reads) and of the UI artifacts is an interval on its thread. At each moment "
    "each busy thread's innermost interval says what it does, and the moment is shared equally among the busy threads "
    "(so 16 task threads on 2 cores do not count 8 times): gates = pandera + GX + Data Docs + views; transforms = "
    "task bodies and flow-body work outside gates; orchestration = Prefect's engine around task functions, the UI "
    "artifacts, and every moment no instrumented work runs (flow thread in Prefect: subflow and task-run creation, "
    "state changes, futures, logging; plus unlisted flow-body code, an upper bound). Prefect's event-loop thread "
    "(API calls, log shipping) is not instrumented: its CPU use while tasks run is not counted as orchestration.",
    "Peer comparison: both sides on the same documents, single process; ours with POLARS_MAX_THREADS=1; datatrove with "
    "LocalPipelineExecutor(tasks=1, workers=1) (MinhashDedupBuckets: 14 tasks, one per bucket, workers=1). "
    "Headline ratio = datatrove wall net of its JSONL reading / ours.",
]


# ---------------------------------------------------------------------- Markdown


def _fmt(x, nd=1):
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:,.{nd}f}"
    if isinstance(x, int):
        return f"{x:,}"
    return str(x)


def _pct(x):
    return "-" if x is None else f"{100 * x:.1f}%"


def _table(header: list[str], rows: list[list]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if i else "---" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return out


def render_markdown(rep: dict, brief: bool = False) -> str:
    md = [f"# Benchmark report — {rep['title']}", ""]
    m = rep["machine"]
    md += [f"Generated {rep['generated_at']} by `{rep['command']}` on {m['cpu_count']} CPU(s), "
           f"{m['memory_gb']} GB RAM, Python {m['python']}, "
           + ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v) + ".", ""]
    md += ["## Targets (reported, not asserted)", ""]
    md += _table(["target", "measured", "status", "note"],
                 [[t["target"], _fmt(t["measured"]), f"**{t['status']}**", t["note"]] for t in rep["targets"]])
    rows = rep["scales"]
    md += ["", "## Whole pipeline per scale", ""]
    md += _table(
        ["scale", "documents (replicated)", "input MB", "wall s", "docs/s", "MB/s", "peak RSS MB", "tree RSS MB",
         "CPU util.", "server CPU s", "other load (cores)", "orchestration", "gates", "transforms", "published",
         "duplicates", "quarantined"],
        [[f"{k}x", f"{_fmt(r['documents'])} ({_fmt(r['replicated_documents'])})", _fmt(r["input_mb"]),
          _fmt(r.get("wall_seconds")), _fmt(r.get("docs_per_s"), 0), _fmt(r.get("mb_per_s"), 2), _fmt(r.get("peak_rss_mb"), 0),
          _fmt(r.get("peak_tree_rss_mb"), 0), _fmt(r.get("cpu_utilisation"), 2), _fmt(r.get("prefect_server_cpu_seconds")),
          _fmt(r.get("other_processes_cores_avg"), 2), _pct(r.get("orchestration_share")),
          _pct(r.get("gate_share")), _pct(r.get("transform_share")), _fmt(r.get("articles_published")),
          _fmt(r.get("duplicates")), _fmt(r.get("quarantined"))] if r.get("wall_seconds") is not None else
         [f"{k}x", _fmt(r["documents"]), _fmt(r["input_mb"]), "FAILED", *[""] * 13]
         for k, r in rows.items()])
    reps = {k: r["repeats"] for k, r in rows.items() if r.get("repeats") and len(r["repeats"]) > 1}
    if reps:
        md += ["", "Repeated runs (the fastest is reported): " + "; ".join(
            f"{k}x " + ", ".join(f"{x['wall_seconds']} s (other load {x['other_processes_cores_avg']})" for x in v)
            for k, v in reps.items()) + "."]
    # the pipeline's sources, not the commit id: a commit of docs during a run changes nothing measured
    codes = {(r.get("code") or {}).get("sources_sha256") for r in rows.values() if r.get("code")}
    if len(codes) > 1:
        md += ["", "**Warning: the pipeline's sources changed between scales** (see `code` per scale in the JSON)."]
    elif codes:
        c = next(iter(rows.values())).get("code") or {}
        md += ["", f"Code: commit {c.get('commit')}, sources (flows/tasks/validations) sha256 {c.get('sources_sha256')}."]
    failed = [(k, r["error"]) for k, r in rows.items() if not r["ok"]]
    for k, err in failed:
        md += ["", f"**{k}x failed:** `{(err or '').splitlines()[0][:400] if err else ''}`"]
    if brief:
        return "\n".join(md) + "\n"

    md += ["", "## Per stage", "",
           "docs/s and MB/s use the run's input documents and raw input bytes over the stage's wall time; rows/s uses "
           "the stage's own input rows. gates = pandera + GX + Data Docs + view building.", ""]
    table = []
    for k, r in rows.items():
        for s, st in (r.get("stages") or {}).items():
            table.append([f"{k}x", s, _fmt(st["wall_seconds"], 2), _fmt(st["rows_in"]), _fmt(st["rows_per_s"], 0),
                          _fmt(st["docs_per_s"], 0), _fmt(st["mb_per_s"], 2), _fmt(st["cpu_seconds"], 1),
                          _fmt(st["peak_rss_mb"], 0),
                          _fmt(st["transform_seconds"], 2), _fmt(st["gate_seconds"], 2), _fmt(st["orchestration_seconds"], 2),
                          _fmt(st["task_runs"]), _fmt(st["prefect_overhead_per_task_run_ms"], 0)])
    md += _table(["scale", "stage", "wall s", "rows in", "rows/s", "docs/s", "MB/s", "CPU s", "peak RSS MB", "transform s",
                  "gates s", "orchestration s", "task runs", "Prefect ms/task run"], table)
    table = []
    for k, r in rows.items():
        for s, st in (r.get("stages") or {}).items():
            table.append([f"{k}x", s, _fmt(st["gate_pandera_seconds"], 2), _fmt(st["gate_gx_seconds"], 2),
                          _fmt(st["gate_datadocs_seconds"], 2), _fmt(st["gate_view_seconds"], 2),
                          _fmt(st["artifacts_seconds"], 2), _fmt(st["prefect_task_engine_seconds"], 2),
                          _fmt(st["flow_thread_other_seconds"], 2)])
    md += ["", "### Gates and orchestration in detail (seconds of wall time)", ""]
    md += _table(["scale", "stage", "pandera (row_gate)", "GX checkpoint", "Data Docs", "gate views", "UI artifacts",
                  "Prefect engine (task threads)", "flow thread, no work measured"], table)
    enr = [(k, r["stages"]["enrich"].get("enricher_seconds")) for k, r in rows.items()
           if (r.get("stages") or {}).get("enrich", {}).get("enricher_seconds")]
    if enr:
        names = list(enr[-1][1])
        md += ["", "### Enrichers (thread-seconds, from the enrich manifest)", ""]
        md += _table(["scale", *names], [[f"{k}x", *[_fmt(e.get(n), 2) for n in names]] for k, e in enr])

    sc = rep.get("scaling") or {}
    if sc:
        md += ["", "## Scaling (relative to 1x)", ""]
        md += _table(["scale", "time ratio", "time ratio / x", "memory ratio", "docs/s",
                      *[f"{s} time" for s in STAGES], *[f"{s} mem" for s in STAGES]],
                     [[f"{k}x", v["time_ratio"], v["time_ratio_per_x"], v["memory_ratio"], _fmt(v["docs_per_s"], 0),
                       *[v["stage_time_ratio"].get(s, "-") for s in STAGES], *[v["stage_memory_ratio"].get(s, "-") for s in STAGES]]
                      for k, v in sc.items()])

    peer = rep.get("peer")
    md += ["", "## Peer: ours vs datatrove (quality signals + MinHash dedup)", ""]
    if not peer:
        md += ["Skipped (`--no-peer`)."]
    else:
        c = peer.get("comparison") or {}
        md += [f"Documents: {peer['documents']:,} ({peer['mb']} MB) — {peer['source']}. Single process, one core.", ""]
        if "error" in c:
            md += [f"Failed: `{str(c['error'])[:600]}`"]
        else:
            o, d = c["ours"], c["datatrove_net_of_reading"]
            de, db = c["datatrove_end_to_end"], c["datatrove_blocks_only"]
            md += _table(
                ["side", "quality docs/s", "dedup docs/s", "quality+dedup docs/s", "seconds"],
                [["ours (1 polars thread)", _fmt(o["quality_docs_s"], 0), _fmt(o["dedup_docs_s"], 0), _fmt(o["quality_dedup_docs_s"], 0), _fmt(o["seconds"], 2)],
                 ["datatrove, net of JSONL reading", _fmt(d["quality_docs_s"], 0), _fmt(d["dedup_docs_s"], 0), _fmt(d["quality_dedup_docs_s"], 0), _fmt(d["seconds"], 2)],
                 ["datatrove, end to end", _fmt(de["quality_docs_s"], 0), _fmt(de["dedup_docs_s"], 0), _fmt(de["quality_dedup_docs_s"], 0), _fmt(de["seconds"], 2)],
                 ["datatrove, blocks only (its stats)", _fmt(db["quality_docs_s"], 0), _fmt(db["dedup_docs_s"], 0), _fmt(db["quality_dedup_docs_s"], 0), _fmt(db["seconds"], 2)]])
            ca = peer.get("comparison_all_threads") or {}
            md += ["", f"**Ratio (ours / datatrove docs/s, quality+dedup): {c['ratio']}x** "
                   f"(quality {c['ratio_quality_net_of_reading']}x, dedup {c['ratio_dedup_net_of_reading']}x; "
                   f"end to end {c['ratio_end_to_end']}x; blocks only {c['ratio_blocks_only']}x). "
                   + (f"Ours on all cores: {ca['ours']['quality_dedup_docs_s']:,.0f} docs/s." if ca.get("ours") else ""), ""]
            dt = peer.get("datatrove") or {}
            steps = dt.get("steps") or {}
            oursteps = (peer.get("ours_1_thread") or {}).get("steps") or {}
            md += ["Step times (s): ours " + ", ".join(f"{k} {v}" for k, v in oursteps.items())
                   + "; datatrove " + ", ".join(f"{k} {v['seconds']}" for k, v in steps.items()) + ".", ""]
            ours1 = peer.get("ours_1_thread") or {}
            md += [f"Results: ours flags {ours1.get('flagged_documents')} documents and marks duplicates "
                   f"{ours1.get('duplicates_by_kind')}; datatrove's MinHash removes {dt.get('minhash_removed_documents')} "
                   f"documents (datatrove {dt.get('datatrove_version')}, spaCy {dt.get('spacy_version')}).", ""]
        md += ["What ours does that datatrove does not:", ""] + [f"- {x}" for x in peer.get("ours_does_more", [])]
        md += ["", "What datatrove does that ours does not:", ""] + [f"- {x}" for x in peer.get("datatrove_does_more", [])]

    prof = rep.get("profile")
    md += ["", "## Profile of the slowest stage", ""]
    if not prof:
        md += ["Not run (pass `--profile`)."]
    elif prof.get("error"):
        md += [f"Failed: `{str(prof['error'])[:400]}`"]
    else:
        hs = prof["hot_spots"]
        md += [f"Stage **{prof['stage']}** at {prof['scale']}x, pyinstrument on every task run and the flow thread "
               f"(task threads {prof['task_thread_seconds']} s, flow thread {prof['flow_thread_seconds']} s; "
               f"idle waits {hs['idle_seconds']} s excluded from the percentages). Samples are wall time per thread: "
               "with more shard threads than cores, code that holds the GIL (Python loops, small numpy calls) is "
               "over-weighted against code that releases it (polars `collect`). "
               f"Full profile: [{prof['html']}]({prof['html']}), text: [{prof['text']}]({prof['text']}).", ""]
        md += ["Self time:", ""]
        md += _table(["%", "s", "function", "where"],
                     [[h["percent"], h["seconds"], f"`{h['function']}`", f"`{h['location']}`"] for h in hs["self"][:12]])
        md += ["", "Project functions, inclusive time:", ""]
        md += _table(["%", "s", "function", "where"],
                     [[h["percent"], h["seconds"], f"`{h['function']}`", f"`{h['location']}`"] for h in hs["project"][:12]])

    corpus = rep["corpus"]
    lim = corpus["limit_per_corpus"]
    base = ", ".join(f"{k} {v:,}" for k, v in corpus["base"].items())
    md += ["", "## Corpus", "",
           f"Base: {corpus['base_documents']:,} documents ({base}), written by `benchmarks.corpora.prepare_inputs` "
           "(BBC as .txt pages, Reuters and FakeNewsNet as JSONL, FakeNewsCorpus as CSV)"
           + ("" if lim is None else f", at most {lim} per corpus") + ".",
           f"Scaled copies (**replicated**, layout `{corpus['layout']}`, seed {corpus['seed']}): {corpus['replication']}.", ""]
    md += ["## Method", ""] + [f"- {x}" for x in rep["method"]]
    return "\n".join(md) + "\n"
