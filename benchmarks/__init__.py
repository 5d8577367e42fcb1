"""Benchmark and evaluation helpers (shared-corpus loaders, measurements); not shipped in the wheel."""
