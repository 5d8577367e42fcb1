"""Shared fixtures: where ../shared is, a real Prefect API (test harness) with its own home."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Isolated Prefect home and no telemetry, before prefect is imported anywhere.
_PREFECT_HOME = tempfile.mkdtemp(prefix="corpus-prefect-home-")
atexit.register(shutil.rmtree, _PREFECT_HOME, ignore_errors=True)
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "raw" / "sample"


def shared_path(*parts: str) -> Path:
    """A path under the shared material, or skip the test saying how to provide it."""
    from benchmarks.corpora import shared_dir

    root = shared_dir()
    if root is None or not root.joinpath(*parts).exists():
        pytest.skip(f"shared material {'/'.join(parts) or '.'} not found: set NEWS_SHARED_DIR to the folder holding seeds/ and corpora/")
    return root.joinpath(*parts)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return shared_path("seeds")


@pytest.fixture(scope="session")
def prefect_api():
    """A real, temporary Prefect API for the whole session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d
