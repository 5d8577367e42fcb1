"""In-process instrumentation of one pipeline run (used by ``benchmarks.runner``).

Nothing in flows/ or tasks/ is edited: the benchmark process wraps, before the run,

* each stage subflow as the pipeline flow calls it (``flows.pipeline.<stage>_flow``):
  the stage window, outer wall time (Prefect subflow set-up/tear-down included);
* every Prefect task's function (``Task.fn``) of ``tasks.*_tasks``: task work;
* ``prefect.task_engine.run_task_sync``: a task run as Prefect executes it (engine + fn);
* the gates: ``validations.gate.row_gate`` (pandera), ``dataset_gate`` (Great
  Expectations checkpoint), GX's ``UpdateDataDocsAction.run`` (Data Docs, nested in the
  checkpoint) and the stage-view builders ``validations.expectations.*_view`` (their
  lazy result is collected inside the timer: the gate's input);
* flow-body work that is not a task (input discovery, ledger reads, shard reads) and the
  UI artifacts (``publish_stage_report``).

Each call appends an interval (kind, stage, name, t0, t1, thread). The stage's wall time
is then split by ``attribute``: at each moment every busy thread's innermost interval
says what it does (gate, transform, Prefect engine), and the moment is shared equally
among the busy threads, so 16 task threads on 2 cores are not counted 16 times; moments
with no instrumented work are orchestration (Prefect on the flow thread: subflow and
task-run creation, state changes, futures, logging, and any flow-body code not listed).

A sampler thread reads this process's RSS every ``rss_interval`` seconds; per stage the
peak is the larger of the sampled maximum and the kernel high-water mark when it rose
during the stage.
"""

from __future__ import annotations

import functools
import sys
import threading
import time
from dataclasses import dataclass, field

STAGES = ("ingest", "clean", "enrich", "publish")
GATE_KINDS = ("gate_pandera", "gate_gx", "gate_datadocs", "gate_view")
WORK_KINDS = ("task", "flow_work") + GATE_KINDS


def _status_kb(field_name: str) -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss_mb() -> float:
    return _status_kb("VmRSS") / 1024


def hwm_mb() -> float:
    return _status_kb("VmHWM") / 1024


@dataclass
class Recorder:
    intervals: list = field(default_factory=list)
    stage_windows: dict = field(default_factory=dict)
    stage: str | None = None
    rss_interval: float = 0.02
    rss_peak: dict = field(default_factory=dict)
    rss_start: dict = field(default_factory=dict)
    stage_cpu: dict = field(default_factory=dict)
    profiler_hooks: dict = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    # ------------------------------------------------------------------ recording
    def timed(self, kind: str, name: str, fn, after=None):
        rec = self

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            stage = rec.stage
            t0 = time.perf_counter()
            try:
                out = fn(*args, **kwargs)
                if after is not None:
                    out = after(out)
                return out
            finally:
                rec.intervals.append((kind, stage, name, t0, time.perf_counter(), threading.get_ident()))

        wrapper.__benchmark_wrapped__ = True
        return wrapper

    def stage_call(self, stage: str, subflow):
        return _TimedFlow(self, stage, subflow)

    def _stage_wrapper(self, stage: str, subflow):
        rec = self

        def wrapper(*args, **kwargs):
            rec.stage = stage
            rec.rss_start[stage] = rss_mb()
            rec.rss_peak[stage] = rec.rss_start[stage]
            hwm0 = hwm_mb()
            hook = rec.profiler_hooks.get(stage)
            if hook:
                hook("start")
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                return subflow(*args, **kwargs)
            finally:
                t1 = time.perf_counter()
                rec.stage_cpu[stage] = time.process_time() - c0
                if hook:
                    hook("stop")
                hwm1 = hwm_mb()
                if hwm1 > hwm0:
                    rec.rss_peak[stage] = max(rec.rss_peak[stage], hwm1)
                rec.stage_windows[stage] = (t0, t1)
                rec.stage = None

        return wrapper

    def start_sampler(self) -> None:
        def loop():
            while not self._stop.wait(self.rss_interval):
                st = self.stage
                if st is not None:
                    cur = rss_mb()
                    if cur > self.rss_peak.get(st, 0.0):
                        self.rss_peak[st] = cur

        threading.Thread(target=loop, name="rss-sampler", daemon=True).start()

    def stop_sampler(self) -> None:
        self._stop.set()

    # ------------------------------------------------------------------ analysis
    def breakdown(self, stage: str) -> dict:
        """Partition of the stage's wall time (seconds) + thread-second sums per kind."""
        if stage not in self.stage_windows:
            return {}
        w0, w1 = self.stage_windows[stage]
        wall = w1 - w0
        mine = [iv for iv in self.intervals if iv[1] == stage or (iv[1] is None and w0 <= iv[3] < w1)]

        def union(kinds) -> float:
            return _union_length([(max(t0, w0), min(t1, w1)) for k, _, _, t0, t1, _ in mine if k in kinds])

        shares = attribute(mine, w0, w1)
        out = {
            "wall_seconds": round(wall, 4),
            **{f"{k}_seconds": round(v, 4) for k, v in shares.items()},
            "busy_union_seconds": round(union(WORK_KINDS), 4),
        }
        sums: dict[str, float] = {}
        counts: dict[str, int] = {}
        tasks: dict[str, dict] = {}
        for k, _, name, t0, t1, _ in mine:
            sums[k] = sums.get(k, 0.0) + (t1 - t0)
            counts[k] = counts.get(k, 0) + 1
            if k in ("task", "engine"):
                t = tasks.setdefault(name, {"runs": 0, "fn_seconds": 0.0, "engine_seconds": 0.0})
                if k == "task":
                    t["runs"] += 1
                    t["fn_seconds"] += t1 - t0
                else:
                    t["engine_seconds"] += t1 - t0
        for t in tasks.values():
            t["prefect_overhead_seconds"] = round(max(t["engine_seconds"] - t["fn_seconds"], 0.0), 4)
            t["fn_seconds"] = round(t["fn_seconds"], 4)
            t["engine_seconds"] = round(t["engine_seconds"], 4)
        out["thread_seconds"] = {k: round(v, 4) for k, v in sorted(sums.items())}
        out["calls"] = dict(sorted(counts.items()))
        out["tasks"] = tasks
        out["threads_used"] = len({iv[5] for iv in mine if iv[0] == "task"})
        out["cpu_seconds"] = round(self.stage_cpu.get(stage, 0.0), 3)
        out["peak_rss_mb"] = round(self.rss_peak.get(stage, 0.0), 1)
        out["rss_at_start_mb"] = round(self.rss_start.get(stage, 0.0), 1)
        return out


class _TimedFlow:
    """Stands in for a stage's Prefect flow: calls are timed as the stage window;
    ``with_options`` (the pipeline picks the task runner that way) keeps the timing."""

    def __init__(self, rec: Recorder, stage: str, flow):
        self._rec, self._stage, self._flow = rec, stage, flow
        self._call = rec._stage_wrapper(stage, flow)

    def __call__(self, *args, **kwargs):
        return self._call(*args, **kwargs)

    def with_options(self, *args, **kwargs):
        return _TimedFlow(self._rec, self._stage, self._flow.with_options(*args, **kwargs))

    def __getattr__(self, name):
        return getattr(self._flow, name)


#: what each interval kind counts as, when it is the innermost interval running on a thread
CATEGORY = {
    "gate_pandera": "gate", "gate_gx": "gate", "gate_datadocs": "gate", "gate_view": "gate",
    "task": "transform", "flow_work": "transform",
    "engine": "orchestration", "artifacts": "orchestration",
}


def attribute(intervals, w0: float, w1: float) -> dict[str, float]:
    """Split the wall time [w0, w1] by what the threads were doing (processor sharing).

    Per thread, the innermost open interval says what it does (a gate inside a task is
    gate time; Prefect's engine outside the task function is orchestration). Each
    moment is shared equally among the threads doing something; a moment when no
    instrumented thread works is orchestration (the flow thread in Prefect, API calls,
    futures, unlisted flow-body code). The parts add up to the wall time even when
    many task threads share two cores.
    """
    events = []
    for i, (kind, _stage, _name, t0, t1, tid) in enumerate(intervals):
        a, b = max(t0, w0), min(t1, w1)
        if b > a and kind in CATEGORY:
            events.append((a, 1, i, tid, kind))
            events.append((b, 0, i, tid, kind))
    events.sort(key=lambda e: (e[0], e[1]))
    acc = {"gate_pandera": 0.0, "gate_gx": 0.0, "gate_datadocs": 0.0, "gate_view": 0.0, "task": 0.0, "flow_work": 0.0,
           "engine": 0.0, "artifacts": 0.0, "none": 0.0}
    stacks: dict[int, list[tuple[int, str]]] = {}
    last = w0
    for t, is_start, i, tid, kind in events:
        if t > last:
            active = [st[-1][1] for st in stacks.values() if st]
            if active:
                share = (t - last) / len(active)
                for k in active:
                    acc[k] += share
            else:
                acc["none"] += t - last
            last = t
        st = stacks.setdefault(tid, [])
        if is_start:
            st.append((i, kind))
        else:
            for j in range(len(st) - 1, -1, -1):
                if st[j][0] == i:
                    del st[j]
                    break
    acc["none"] += max(w1 - last, 0.0)
    gate = acc["gate_pandera"] + acc["gate_gx"] + acc["gate_datadocs"] + acc["gate_view"]
    return {
        "gate": gate, "transform": acc["task"] + acc["flow_work"],
        "orchestration": acc["engine"] + acc["artifacts"] + acc["none"],
        "gate_pandera": acc["gate_pandera"], "gate_gx": acc["gate_gx"], "gate_datadocs": acc["gate_datadocs"],
        "gate_view": acc["gate_view"], "prefect_task_engine": acc["engine"], "artifacts": acc["artifacts"],
        "flow_thread_other": acc["none"],
    }


def _union_length(spans) -> float:
    total, end = 0.0, None
    cur0 = None
    for a, b in sorted(s for s in spans if s[1] > s[0]):
        if end is None or a > end:
            if end is not None:
                total += end - cur0
            cur0, end = a, b
        else:
            end = max(end, b)
    if end is not None:
        total += end - cur0
    return total


# ---------------------------------------------------------------------- installation


def _replace_everywhere(original, replacement, prefixes=("flows.", "tasks.", "validations.")) -> list[str]:
    """Rebind every module-level name bound to ``original`` in the project's modules."""
    hits = []
    for modname, mod in list(sys.modules.items()):
        if mod is None or not modname.startswith(prefixes):
            continue
        for attr, value in list(vars(mod).items()):
            if value is original:
                setattr(mod, attr, replacement)
                hits.append(f"{modname}.{attr}")
    return hits


def install(rec: Recorder) -> dict:
    """Wrap the pipeline's stages, tasks, gates and flow-body calls; returns what was wrapped."""
    import importlib

    import polars as pl
    import prefect.task_engine as engine
    from prefect.tasks import Task

    import flows.pipeline as pipeline_mod
    import validations.expectations as expectations
    import validations.gate as gate

    wrapped: dict[str, list[str]] = {"stages": [], "tasks": [], "gates": [], "flow_work": []}

    # stages, as the pipeline flow calls them
    for stage in STAGES:
        attr = f"{stage}_flow"
        setattr(pipeline_mod, attr, rec.stage_call(stage, getattr(pipeline_mod, attr)))
        wrapped["stages"].append(attr)

    # task bodies
    for modname in ("tasks.ingest_tasks", "tasks.clean_tasks", "tasks.enrich_tasks", "tasks.publish_tasks"):
        mod = importlib.import_module(modname)
        for attr, value in vars(mod).items():
            if isinstance(value, Task) and not getattr(value.fn, "__benchmark_wrapped__", False):
                value.fn = rec.timed("task", value.name, value.fn)
                wrapped["tasks"].append(value.name)

    # Prefect's engine around each task run (thread pool and direct calls)
    original_engine = engine.run_task_sync

    @functools.wraps(original_engine)
    def run_task_sync(*args, **kwargs):
        task = kwargs.get("task") or (args[0] if args else None)
        name = getattr(task, "name", "?")
        stage = rec.stage
        hook = rec.profiler_hooks.get(("task", stage))
        if hook:
            hook("start")
        t0 = time.perf_counter()
        try:
            return original_engine(*args, **kwargs)
        finally:
            rec.intervals.append(("engine", stage, name, t0, time.perf_counter(), threading.get_ident()))
            if hook:
                hook("stop")

    engine.run_task_sync = run_task_sync

    # gates
    wrapped["gates"] += _replace_everywhere(gate.row_gate, rec.timed("gate_pandera", "row_gate", gate.row_gate))
    wrapped["gates"] += _replace_everywhere(gate.dataset_gate, rec.timed("gate_gx", "dataset_gate", gate.dataset_gate))
    try:
        from great_expectations.checkpoint.actions import UpdateDataDocsAction

        UpdateDataDocsAction.run = rec.timed("gate_datadocs", "update_data_docs", UpdateDataDocsAction.run)
        wrapped["gates"].append("UpdateDataDocsAction.run")
    except ImportError:  # pragma: no cover - GX layout changed
        pass

    def collect_lazy(out):
        return out.collect().lazy() if isinstance(out, pl.LazyFrame) else out

    for name in ("ingest_view", "clean_view", "enrich_view", "publish_view"):
        fn = getattr(expectations, name, None)
        if fn is not None:
            wrapped["gates"] += _replace_everywhere(fn, rec.timed("gate_view", name, fn, after=collect_lazy))

    # flow-body work outside tasks, and the UI artifacts
    flow_calls = {
        "tasks.ingest": ("discover_inputs",),
        "tasks.ledger": ("known_doc_ids", "prior_article_ids", "prior_canonicals"),
        "tasks.staging": ("read_shards", "write_parquet", "write_json"),
        "tasks.publish": ("release_id", "code_version"),
    }
    for modname, names in flow_calls.items():
        mod = importlib.import_module(modname)
        for name in names:
            fn = getattr(mod, name, None)
            if fn is None:
                continue
            # only rebind the copies imported by flow modules: inside tasks they are already task work
            timed = rec.timed("flow_work", name, fn)
            for fmod in [m for n, m in sys.modules.items() if n.startswith("flows.") and m is not None]:
                if getattr(fmod, name, None) is fn:
                    setattr(fmod, name, timed)
                    wrapped["flow_work"].append(f"{fmod.__name__}.{name}")
    import flows.publish as publish_flow_mod
    import flows.reporting as reporting

    if hasattr(publish_flow_mod, "counts_by_rule_all"):
        publish_flow_mod.counts_by_rule_all = rec.timed("flow_work", "counts_by_rule_all", publish_flow_mod.counts_by_rule_all)
        wrapped["flow_work"].append("flows.publish.counts_by_rule_all")
    _replace_everywhere(reporting.publish_stage_report,
                        rec.timed("artifacts", "publish_stage_report", reporting.publish_stage_report), prefixes=("flows.",))
    return wrapped
