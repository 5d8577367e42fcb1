"""prefect.yaml against a real Prefect API: deploy, schedule, and a process worker running it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import REPO

PREFECT = str(Path(sys.executable).parent / "prefect")


def _prefect(*args: str, env: dict) -> str:
    done = subprocess.run([PREFECT, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"prefect {' '.join(args)}:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.mark.usefixtures("prefect_api")
def test_deploy_then_a_process_worker_runs_the_on_demand_deployment(tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "CORPUS_REPO_DIR": str(REPO)}
    _prefect("work-pool", "create", "corpus-pool", "--type", "process", "--overwrite", env=env)
    _prefect("--no-prompt", "deploy", "--all", env=env)
    with get_client(sync_client=True) as client:
        nightly = client.read_deployment_by_name("corpus-pipeline/nightly")
        on_demand = client.read_deployment_by_name("corpus-pipeline/on-demand")
    assert nightly.work_pool_name == "corpus-pool" and on_demand.work_pool_name == "corpus-pool"
    assert [(s.schedule.cron, s.schedule.timezone, s.active) for s in nightly.schedules] == [("0 2 * * *", "UTC", True)]
    assert nightly.parameters == {"inputs": ["data/raw/incoming"], "data_dir": "data", "shard_size": 10000}
    assert on_demand.schedules == [] and on_demand.parameters["inputs"] == ["data/raw/sample"]
    assert nightly.entrypoint == "flows/pipeline.py:pipeline"

    data_dir = tmp_path / "data"
    _prefect("deployment", "run", "corpus-pipeline/on-demand", "--param", f"data_dir={data_dir}", env=env)
    _prefect("worker", "start", "--pool", "corpus-pool", "--run-once", env=env)
    with get_client(sync_client=True) as client:
        runs = [r for r in client.read_flow_runs() if r.deployment_id == on_demand.id]
    assert len(runs) == 1 and runs[0].state.is_completed(), runs[0].state
    assert pl.read_delta(str(data_dir / "published" / "articles"), version=0).height > 0
