"""Which task runner the stage subflows use, chosen by settings (not by code changes).

* default: a thread pool of one worker per core plus one (polars releases the GIL, so shards
  run in parallel without pickling; the extra worker fills the gaps while another holds the
  GIL in Python code: 8x benchmark 131.7 s -> 125.7 s on 2 cores). Bounded on purpose:
  Prefect's default pool is unbounded, which ran every shard of a stage at once (memory grew
  with the corpus, each task slowed down);
* ``CORPUS_DASK_ADDRESS=tcp://scheduler:8786``: shards run on that Dask cluster;
* ``CORPUS_DASK_ADDRESS=local``: a temporary local Dask cluster (testing the cluster path).
"""

from __future__ import annotations

import os

from prefect.task_runners import ThreadPoolTaskRunner

from tasks.settings import Settings


def task_runner(settings: Settings):
    address = settings.dask_address.strip()
    if not address:
        return ThreadPoolTaskRunner(max_workers=workers(settings, threads=True))
    from prefect_dask import DaskTaskRunner

    if address == "local":
        kwargs = {"n_workers": workers(settings), "threads_per_worker": 1, "processes": True}
        return DaskTaskRunner(cluster_class="distributed.LocalCluster", cluster_kwargs=kwargs)
    return DaskTaskRunner(address=address)


def workers(settings: Settings, threads: bool = False) -> int:
    """Shards processed at once: the setting, else one per core (plus one for threads)."""
    return settings.workers or (os.cpu_count() or 2) + int(threads)


def describe(settings: Settings) -> str:
    address = settings.dask_address.strip()
    if not address:
        return f"threads ({workers(settings, threads=True)} workers)"
    return "Dask local cluster" if address == "local" else f"Dask cluster at {address}"
