"""Run a costly expression (a regex, a window) on the few rows that need it, not on every unit.

Polars evaluates every branch of ``when / then`` on all rows, so a regex guarded by a cheap test
still scans the whole frame; these helpers filter first and scatter the result back by row.
"""

from __future__ import annotations

import numpy as np
import polars as pl


def flag_rows(units: pl.DataFrame, where: pl.Expr, cond: pl.Expr) -> pl.Series:
    """A boolean column: ``cond`` on the rows ``where`` selects, False elsewhere."""
    # (lazy: only the columns ``where`` and ``cond`` read are filtered, not the whole frame)
    hits = units.lazy().with_row_index("_i").filter(where).filter(cond).select("_i").collect()["_i"].to_numpy()
    flags = np.zeros(units.height, dtype=bool)
    flags[hits] = True
    return pl.Series(flags)


def update_rows(units: pl.DataFrame, where: pl.Expr, step, columns: list[str]) -> pl.DataFrame:
    """``units`` with ``columns`` replaced, on the rows ``where`` selects, by ``step(subset)``
    (a frame -> frame function keeping the subset's rows and order)."""
    some = units.with_row_index("_i").filter(where)
    if some.height == 0:
        return units
    done = step(some.drop("_i"))
    idx = some["_i"]
    return units.with_columns(units[c].scatter(idx, done[c]) for c in columns)

