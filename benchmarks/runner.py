"""One measured pipeline run, in its own process (``benchmarks.run`` starts one per scale).

    python -m benchmarks.runner --inputs DIR [DIR ...] --data-dir D --run-id R --out metrics.json
                                [--shard-size N] [--profile-stage STAGE --profile-out PREFIX]

Runs the real Prefect flow ``flows.pipeline.pipeline`` (every gate on) against the Prefect
API named by ``PREFECT_API_URL`` (or a temporary server this process starts, whose start-up
is timed apart), instrumented as described in ``benchmarks.instrument``; writes one JSON
with the run's summary, the stage manifests, the per-stage breakdown and memory figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import threading
import time
import traceback
from pathlib import Path

for _k, _v in {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", "GX_ANALYTICS_ENABLED": "false",
               "PREFECT_LOGGING_LEVEL": os.environ.get("PREFECT_LOGGING_LEVEL", "WARNING")}.items():
    os.environ.setdefault(_k, _v)

from benchmarks.instrument import STAGES, Recorder, hwm_mb, install, rss_mb  # noqa: E402


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--inputs", nargs="+", required=True)
    p.add_argument("--data-dir", required=True)
    p.add_argument("--run-id", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--shard-size", type=int)
    p.add_argument("--profile-stage", choices=STAGES)
    p.add_argument("--profile-out", help="path prefix of the profile files (.html, .txt, .json)")
    return p


class StageProfiler:
    """pyinstrument on one stage: the flow thread and every task run on the runner's threads."""

    def __init__(self, interval: float = 0.005):
        from pyinstrument import Profiler

        self._Profiler = Profiler
        self.interval = interval
        self.flow_sessions: list = []
        self.task_sessions: list = []
        self._local = threading.local()
        self._lock = threading.Lock()

    def _hook(self, bucket: list):
        def hook(event: str) -> None:
            stack = getattr(self._local, "stack", None)
            if stack is None:
                stack = self._local.stack = []
            if event == "start":
                if any(p is not None for p in stack):  # a task run called in the flow thread: already profiled
                    stack.append(None)
                    return
                prof = self._Profiler(interval=self.interval, async_mode="disabled")
                stack.append(prof)
                prof.start()
            else:
                prof = stack.pop()
                if prof is None:
                    return
                session = prof.stop()
                with self._lock:
                    bucket.append(session)

        return hook

    def hooks(self, stage: str) -> dict:
        return {stage: self._hook(self.flow_sessions), ("task", stage): self._hook(self.task_sessions)}

    @staticmethod
    def _combine(sessions):
        from pyinstrument.session import Session

        out = None
        for s in sessions:
            out = s if out is None else Session.combine(out, s)
        return out

    def write(self, prefix: str, stage: str) -> dict:
        from pyinstrument.renderers import ConsoleRenderer, HTMLRenderer

        from benchmarks.profiling import hot_spots

        flow_s = self._combine(self.flow_sessions)
        task_s = self._combine(self.task_sessions)
        both = self._combine([s for s in (flow_s, task_s) if s is not None])
        prefix_path = Path(prefix)
        prefix_path.parent.mkdir(parents=True, exist_ok=True)
        html = prefix_path.with_suffix(".html")
        html.write_text(HTMLRenderer().render(both))
        text = [f"pyinstrument profile of the '{stage}' stage (one pipeline run; every task run and the flow thread).",
                "Time on the task-runner threads and on the flow thread are added up (thread-seconds);",
                "the flow thread mostly waits on futures while tasks run.", ""]
        for title, session in (("TASK RUNS (task-runner threads)", task_s), ("FLOW THREAD (subflow body)", flow_s)):
            if session is None:
                continue
            text += ["=" * 100, f"{title}: {session.duration:.2f} s", "=" * 100,
                     ConsoleRenderer(unicode=False, color=False, time="percent_of_total",
                                     processor_options={"show_regex": None}).render(session)]
        spots = hot_spots(both)
        text += ["=" * 100, "HOT SPOTS (self time, all threads, idle waits excluded)", "=" * 100]
        text += [f"{h['percent']:6.1f}%  {h['seconds']:8.2f} s  {h['function']}  ({h['location']})" for h in spots["self"]]
        text += ["", "PROJECT FUNCTIONS (inclusive time, all threads, idle waits excluded)"]
        text += [f"{h['percent']:6.1f}%  {h['seconds']:8.2f} s  {h['function']}  ({h['location']})" for h in spots["project"]]
        txt = prefix_path.with_suffix(".txt")
        txt.write_text("\n".join(text) + "\n")
        return {"stage": stage, "html": str(html), "text": str(txt), "hot_spots": spots,
                "task_thread_seconds": round(task_s.duration, 2) if task_s else 0.0,
                "flow_thread_seconds": round(flow_s.duration, 2) if flow_s else 0.0}


def _ensure_api() -> float:
    """Start (or reach) the Prefect API before the clock starts; seconds it took."""
    from prefect.client.orchestration import get_client

    t0 = time.perf_counter()
    with get_client(sync_client=True) as client:
        err = client.api_healthcheck()
        if err is not None:
            raise RuntimeError(f"Prefect API not healthy: {err}")
    return time.perf_counter() - t0


def code_version() -> dict:
    """Commit and a hash of the pipeline's sources as imported (flows, tasks, validations)."""
    import hashlib
    import subprocess

    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for d in ("flows", "tasks", "validations"):
        for f in sorted((root / d).rglob("*")):
            if f.is_file() and f.suffix in {".py", ".yaml", ".yml", ".json", ".csv"} and "__pycache__" not in f.parts:
                h.update(str(f.relative_to(root)).encode())
                h.update(f.read_bytes())
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
                                timeout=10).stdout.strip() or None
    except (OSError, subprocess.TimeoutExpired):
        commit = None
    return {"commit": commit, "sources_sha256": h.hexdigest()[:16]}


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out: dict = {"ok": False, "pid": os.getpid(), "argv": sys.argv[1:], "env": {
        "PREFECT_API_URL": os.environ.get("PREFECT_API_URL"),
        "PREFECT_TASKS_RUNNER_THREAD_POOL_MAX_WORKERS": os.environ.get("PREFECT_TASKS_RUNNER_THREAD_POOL_MAX_WORKERS"),
        "CORPUS_WORKERS": os.environ.get("CORPUS_WORKERS"),
        "POLARS_MAX_THREADS": os.environ.get("POLARS_MAX_THREADS"),
        "cpu_count": os.cpu_count(),
    }}
    out["code"] = code_version()
    t_import = time.perf_counter()
    import flows.pipeline  # noqa: F401  (imports every stage, GX, pandera, polars)
    import great_expectations  # noqa: F401
    out["import_seconds"] = round(time.perf_counter() - t_import, 2)
    out["rss_after_import_mb"] = round(rss_mb(), 1)

    rec = Recorder()
    out["wrapped"] = install(rec)
    profiler = None
    if args.profile_stage:
        profiler = StageProfiler()
        rec.profiler_hooks.update(profiler.hooks(args.profile_stage))

    out["api_startup_seconds"] = round(_ensure_api(), 2)
    from flows.pipeline import pipeline

    rec.start_sampler()
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    try:
        state = pipeline(inputs=args.inputs, data_dir=args.data_dir, run_id=args.run_id,
                         shard_size=args.shard_size, return_state=True)
        out["state"] = state.name
        out["ok"] = bool(state.is_completed())
        if out["ok"]:
            out["summary"] = state.result()
        else:
            exc = state.result(raise_on_failure=False)
            out["error"] = str(exc)[:2000] if isinstance(exc, BaseException) else (state.message or state.name)
    except BaseException as exc:  # the report must say why a scale failed
        out["error"] = f"{type(exc).__name__}: {exc}"[:2000]
        out["traceback"] = traceback.format_exc()[-4000:]
    t1 = time.perf_counter()
    rec.stop_sampler()
    out["pipeline_wall_seconds"] = round(t1 - t0, 3)
    out["process_cpu_seconds"] = round(time.process_time() - cpu0, 2)
    out["peak_rss_mb"] = round(hwm_mb(), 1)
    out["ru_maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    data_dir = Path(args.data_dir)
    out["manifests"] = {}
    for stage in STAGES:
        m = _read_json(data_dir / "staging" / args.run_id / stage / "manifest.json")
        if m is not None:
            m.pop("shards", None)
            if isinstance(m.get("release"), dict):
                m["release"] = {k: v for k, v in m["release"].items() if not isinstance(v, (list, dict))}
            out["manifests"][stage] = m
    out["run_summary"] = _read_json(data_dir / "reports" / args.run_id / "run_summary.json")
    out["stages"] = {s: rec.breakdown(s) for s in STAGES if s in rec.stage_windows}
    windows = [w for w in rec.stage_windows.values()]
    from benchmarks.instrument import attribute

    wall = t1 - t0
    split = attribute([iv for iv in rec.intervals if t0 <= iv[3] <= t1], t0, t1)
    out["run_breakdown"] = {
        "wall_seconds": round(wall, 3),
        "stage_wall_seconds": round(sum(b - a for a, b in windows), 3),
        **{f"{k}_seconds": round(v, 3) for k, v in split.items()},
        "gate_share": round(split["gate"] / wall, 4) if wall else None,
        "transform_share": round(split["transform"] / wall, 4) if wall else None,
        "orchestration_share": round(split["orchestration"] / wall, 4) if wall else None,
    }
    if profiler is not None and args.profile_out:
        try:
            out["profile"] = profiler.write(args.profile_out, args.profile_stage)
        except Exception as exc:  # a broken profile must not lose the measurements
            out["profile_error"] = f"{type(exc).__name__}: {exc}"
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=2, default=str))
    return 0 if out["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
