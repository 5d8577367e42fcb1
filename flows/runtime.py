"""Which task runner the stage subflows use, chosen by settings (not by code changes).

* default: a thread pool (polars releases the GIL, so shards run in parallel without pickling);
* ``CORPUS_DASK_ADDRESS=tcp://scheduler:8786``: shards run on that Dask cluster;
* ``CORPUS_DASK_ADDRESS=local``: a temporary local Dask cluster (testing the cluster path).
"""

from __future__ import annotations

from prefect.task_runners import ThreadPoolTaskRunner

from tasks.settings import Settings


def task_runner(settings: Settings):
    address = settings.dask_address.strip()
    if not address:
        return ThreadPoolTaskRunner(max_workers=settings.workers or None)
    from prefect_dask import DaskTaskRunner

    if address == "local":
        kwargs = {"n_workers": settings.workers or 2, "threads_per_worker": 1, "processes": True}
        return DaskTaskRunner(cluster_class="distributed.LocalCluster", cluster_kwargs=kwargs)
    return DaskTaskRunner(address=address)


def describe(settings: Settings) -> str:
    address = settings.dask_address.strip()
    if not address:
        return f"threads ({settings.workers or 'auto'} workers)"
    return "Dask local cluster" if address == "local" else f"Dask cluster at {address}"
