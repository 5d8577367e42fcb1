"""Row-subset helpers: a costly expression on the selected rows only, scattered back in place."""

import polars as pl

from tasks.clean.subsets import flag_rows, update_rows


def _frame():
    return pl.DataFrame({"_d": [0, 0, 1, 1, 2], "u": [0, 1, 0, 1, 0], "text": ["a", "bb", "ccc", "dd", "e"]})


def test_flag_rows_is_false_outside_the_selection():
    df = _frame()
    got = flag_rows(df, pl.col("_d") >= 1, pl.col("text").str.len_chars() >= 2)
    assert got.to_list() == [False, False, True, True, False]
    assert got.len() == df.height


def test_update_rows_replaces_only_the_selected_rows_in_place():
    df = _frame()
    out = update_rows(df, pl.col("_d") == 1, lambda sub: sub.with_columns(pl.col("text").str.to_uppercase()), ["text"])
    assert out["text"].to_list() == ["a", "bb", "CCC", "DD", "e"]
    assert out.columns == df.columns


def test_update_rows_without_a_selected_row_returns_the_frame():
    df = _frame()
    assert update_rows(df, pl.col("_d") == 9, lambda sub: sub.clear(), ["text"]).equals(df)
