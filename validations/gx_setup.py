"""Write the GX suites, validation definitions and checkpoints into the file context.

    python -m validations.gx_setup          # regenerate validations/gx/ from expectations.py
    python -m validations.gx_setup --check  # exit 1 if the files in git drifted from the code
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

GX_ROOT = Path(__file__).resolve().parent / "gx"
STAGES = ("ingest", "clean", "enrich", "publish")
GENERATED = ("expectations", "validation_definitions", "checkpoints")


def _prepare_env(tmp: str) -> None:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("CORPUS_GX_RESULTS_DIR", str(Path(tmp) / "results"))
    os.environ.setdefault("CORPUS_DATA_DOCS_DIR", str(Path(tmp) / "docs"))


def build() -> None:
    """(Re)create every stage's suite, validation definition and checkpoint."""
    with tempfile.TemporaryDirectory() as tmp:
        _prepare_env(tmp)
        import great_expectations as gx

        from validations.expectations import suite_expectations

        ctx = gx.get_context(mode="file", project_root_dir=str(GX_ROOT.parent))
        source = ctx.data_sources.get("pipeline")
        for stage in STAGES:
            suite = gx.ExpectationSuite(name=stage, expectations=suite_expectations()[stage])
            suite = ctx.suites.add_or_update(suite)
            batch = source.get_asset(stage).get_batch_definition("whole")
            vd = ctx.validation_definitions.add_or_update(gx.ValidationDefinition(name=stage, data=batch, suite=suite))
            ctx.checkpoints.add_or_update(
                gx.Checkpoint(
                    name=stage,
                    validation_definitions=[vd],
                    actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs")],
                    result_format="SUMMARY",
                )
            )


def _snapshot() -> dict[str, object]:
    out = {}
    for sub in GENERATED:
        for f in sorted((GX_ROOT / sub).glob("*.json")):
            data = json.loads(f.read_text())
            out[f"{sub}/{f.name}"] = _strip_ids(data)
    return out


def _strip_ids(obj):
    if isinstance(obj, dict):
        return {k: _strip_ids(v) for k, v in obj.items() if k not in {"id", "notes"}}
    if isinstance(obj, list):
        return [_strip_ids(v) for v in obj]
    return obj


def in_sync() -> bool:
    """True when the committed GX files equal what ``build()`` writes (ids ignored)."""
    before = _snapshot()
    saved = {p: p.read_bytes() for sub in GENERATED for p in (GX_ROOT / sub).glob("*.json")}
    try:
        build()
        return _snapshot() == before
    finally:
        for sub in GENERATED:
            for p in (GX_ROOT / sub).glob("*.json"):
                if p not in saved:
                    p.unlink()
        for p, data in saved.items():
            p.write_bytes(data)


if __name__ == "__main__":
    if "--check" in sys.argv:
        ok = in_sync()
        print("GX suites in sync with validations/expectations.py" if ok else "GX suites drifted: run python -m validations.gx_setup")
        sys.exit(0 if ok else 1)
    build()
    print(f"wrote suites, validation definitions and checkpoints under {GX_ROOT}")
