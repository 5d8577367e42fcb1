"""``corpus``: run the pipeline, list and inspect published versions.

    corpus run [INPUT ...] [--data-dir DIR] [--shard-size N]
    corpus versions [--data-dir DIR]
    corpus show VERSION [--data-dir DIR]
    corpus evaluate [--split dev|test] [--out PATH] [--check]

Errors are printed as one line on stderr (exit 1); ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

_QUIET_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LOG_PRINTS": "true",
    # the first start of the temporary server creates its database: 20 s is too short on a busy 2-core box
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
}


class CliError(Exception):
    """A user-facing error: printed as one line."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="corpus", description="News-corpus ETL: ingest -> clean -> enrich -> publish.")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the pipeline and publish a new dataset version")
    run.add_argument("inputs", nargs="*", help="files or directories (.txt pages, .csv/.jsonl/.parquet tables); default: data/raw/sample")
    run.add_argument("--data-dir", default="data", help="where staging/, published/ and reports/ live (default: ./data)")
    run.add_argument("--shard-size", type=int, help="documents per task (default 10000)")
    run.add_argument("--run-id", help="explicit run id (default: derived from the start time)")
    run.add_argument("--text-column", help="text column of tabular inputs (default: text/content/body/...)")
    run.add_argument("--languages", help="comma-separated languages to publish (default: all)")
    run.add_argument("--json", action="store_true", help="print the summary as JSON")

    versions = sub.add_parser("versions", help="list published versions with their release metadata")
    versions.add_argument("--data-dir", default="data")
    versions.add_argument("--json", action="store_true")

    show = sub.add_parser("show", help="counts and report paths of one version")
    show.add_argument("version", type=int)
    show.add_argument("--data-dir", default="data")
    show.add_argument("--json", action="store_true")
    sub.add_parser("evaluate", add_help=False, help="measure cleaning and metadata extraction against the labelled set "
                   "(corpus evaluate --help for options)")
    return p


def cmd_evaluate(argv: list[str]) -> int:
    from benchmarks.evaluate import main as evaluate_main

    return evaluate_main(argv)


def cmd_run(args) -> int:
    missing = [p for p in args.inputs if not Path(p).exists()]
    if missing:
        raise CliError(f"input not found: {', '.join(missing)}")
    if args.shard_size is not None and args.shard_size < 1:
        raise CliError("--shard-size must be at least 1")
    from flows.pipeline import pipeline

    if not args.debug:
        _quiet_tracebacks()
    langs = [x.strip() for x in args.languages.split(",") if x.strip()] if args.languages else None
    state = pipeline(
        inputs=args.inputs or None, data_dir=args.data_dir, shard_size=args.shard_size, run_id=args.run_id,
        text_column=args.text_column, publish_languages=langs, return_state=True,
    )
    if not state.is_completed():
        exc = state.result(raise_on_failure=False)
        cause = str(exc) if isinstance(exc, BaseException) else (state.message or state.name)
        raise CliError(f"run failed, nothing published (previous version stays current): {cause}")
    summary = state.result()
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print(_format_summary(summary))
    return 0


def _format_summary(s: dict) -> str:
    lines = [
        f"run {s['run_id']} finished in {s['seconds']}s",
        f"  input records       {s['input_records']} ({s['already_ingested']} already in the dataset)",
        f"  documents in        {s['documents_in']}",
        f"  articles published  {s['articles_published']} ({s['duplicates']} marked duplicate)",
        f"  quarantined         {sum(s['quarantined_by_rule'].values())}",
    ]
    lines += [f"    {rule:<40} {n}" for rule, n in s["quarantined_by_rule"].items()]
    if s["version"] is None:
        lines.append("  new version         none (nothing new to publish)")
    else:
        lines.append(f"  new version         {s['version']} of {s['table']}")
    lines.append(f"  reports             {s['reports_dir']}")
    return "\n".join(lines)


def cmd_versions(args) -> int:
    from tasks.publish import list_versions

    table = Path(args.data_dir) / "published" / "articles"
    versions = list_versions(table)
    if not versions:
        raise CliError(f"no published versions under {table}")
    if args.json:
        print(json.dumps(versions, indent=2, default=str))
        return 0
    print(f"{'version':>7}  {'timestamp':<25}  {'release':<18}  {'run id':<22}  {'published':>9}  {'quarantined':>11}  {'dups':>5}  code")
    for v in versions:
        print(f"{v['version']:>7}  {v['timestamp']:<25}  {v.get('release_id', '-'):<18}  {v.get('run_id', '-'):<22}  "
              f"{v.get('published_articles', v.get('rows_added', '-')):>9}  {v.get('quarantined_rows', '-'):>11}  "
              f"{v.get('duplicates', '-'):>5}  {v.get('code_version', '-')}")
    return 0


def cmd_show(args) -> int:
    from tasks.publish import list_versions, version_stats

    table = Path(args.data_dir) / "published" / "articles"
    versions = {v["version"]: v for v in list_versions(table)}
    if args.version not in versions:
        known = ", ".join(map(str, sorted(versions))) or "none"
        raise CliError(f"version {args.version} not found in {table} (versions: {known})")
    meta = versions[args.version]
    stats = version_stats(table, args.version)
    out = {"version": args.version, "table": str(table), "release": meta, "totals_as_of_version": stats}
    if args.json:
        print(json.dumps(out, indent=2, default=str))
        return 0
    print(f"version {args.version} of {table}")
    for key in ("release_id", "run_id", "code_version", "timestamp"):
        print(f"  {key:<22} {meta.get(key, '-')}")
    print("  this run:")
    for key in ("input_records", "input_documents", "already_ingested", "published_articles", "duplicates", "quarantined_rows"):
        print(f"    {key:<20} {meta.get(key, '-')}")
    for rule, n in (meta.get("quarantined_by_rule") or {}).items():
        print(f"      {rule:<38} {n}")
    print("  table as of this version:")
    for key in ("articles", "documents", "duplicates", "outlets", "words"):
        print(f"    {key:<20} {stats[key]}")
    print(f"    languages            {', '.join(f'{k} {v}' for k, v in stats['languages'].items())}")
    print("  reports:")
    for key in ("reports_dir", "data_docs", "dataset_card", "changelog"):
        print(f"    {key:<20} {meta.get(key, '-')}")
    return 0


COMMANDS = {"run": cmd_run, "versions": cmd_versions, "show": cmd_show}


class _NoTracebacks(logging.Filter):
    """Prefect logs a failed run's traceback; on the console keep its first and last line."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info, record.exc_text = None, None
        msg = record.getMessage()
        if "Traceback (most recent call last)" in msg:
            head = msg.split("Traceback (most recent call last)")[0].strip()
            record.msg, record.args = f"{head} {msg.strip().splitlines()[-1]}", ()
        return True


def _quiet_tracebacks() -> None:
    from prefect.logging.configuration import ensure_logging_setup

    ensure_logging_setup()
    loggers = [logging.getLogger()] + [
        logging.getLogger(name) for name in list(logging.root.manager.loggerDict) if name.startswith("prefect")
    ]
    for logger in loggers:
        for handler in logger.handlers:
            if not any(isinstance(f, _NoTracebacks) for f in handler.filters):
                handler.addFilter(_NoTracebacks())


def main(argv: list[str] | None = None) -> int:
    for key, value in _QUIET_ENV.items():
        os.environ.setdefault(key, value)
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["evaluate"]:  # its options belong to benchmarks.evaluate
        return cmd_evaluate(argv[1:])
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # one clear line for every error unless --debug
        if args.debug:
            raise
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"error: {msg}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
