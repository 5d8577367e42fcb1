"""prefect.yaml deploys against a real Prefect API, with its schedule and parameters."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PREFECT = str(Path(sys.executable).parent / "prefect")


@pytest.mark.usefixtures("prefect_api")
def test_prefect_yaml_deploys_nightly_schedule_on_process_pool():
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}
    for cmd in (["work-pool", "create", "corpus-pool", "--type", "process", "--overwrite"], ["--no-prompt", "deploy", "--all"]):
        done = subprocess.run([PREFECT, *cmd], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    with get_client(sync_client=True) as client:
        nightly = client.read_deployment_by_name("corpus-pipeline/nightly")
        on_demand = client.read_deployment_by_name("corpus-pipeline/on-demand")
    assert nightly.work_pool_name == "corpus-pool" and on_demand.work_pool_name == "corpus-pool"
    assert [(s.schedule.cron, s.schedule.timezone, s.active) for s in nightly.schedules] == [("0 2 * * *", "UTC", True)]
    assert nightly.parameters == {"inputs": ["data/raw/incoming"], "data_dir": "data", "shard_size": 5000}
    assert on_demand.schedules == [] and on_demand.parameters["inputs"] == ["data/raw/sample"]
    assert nightly.entrypoint == "flows/pipeline.py:pipeline"
