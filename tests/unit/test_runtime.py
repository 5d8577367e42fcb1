"""Task runner selection: bounded thread pool by default, Dask by setting."""

import os

from flows.runtime import describe, task_runner, workers
from tasks.settings import Settings


def test_default_thread_pool_is_bounded_by_the_cores():
    runner = task_runner(Settings())
    assert runner._max_workers == (os.cpu_count() or 2) + 1 < 1000  # Prefect's own default is sys.maxsize
    assert workers(Settings(workers=3)) == 3 and task_runner(Settings(workers=3))._max_workers == 3


def test_dask_address_selects_a_dask_runner():
    from prefect_dask import DaskTaskRunner

    assert isinstance(task_runner(Settings(dask_address="tcp://10.0.0.1:8786")), DaskTaskRunner)
    assert describe(Settings(dask_address="local")) == "Dask local cluster"
