"""The learned line classifier (tasks.clean.classifier) on synthetic units."""

from __future__ import annotations

import polars as pl
import pytest

from tasks.clean import classifier as clf
from tasks.clean import clean_units, merge_template_stats, template_stats
from tasks.settings import Settings

import clean_synth

TEXTS = [
    "A headline about the harbour works\n"
    "By Jane Doe\n"
    "The city council approved the new harbour works on Tuesday after a long debate about the costs.\n"
    "Share this:\n"
    "Officials said the work would start in the spring and would take about two years to complete.\n"
    "Related\n"
    "Another story about something else entirely\n"
    "Leave a Reply\n"
    "Your email address will not be published.\n",
    "Short page\n\nOnly two lines here, and the second one is a sentence with some words in it.\n",
]


def _units(line_model: bool = False) -> pl.DataFrame:
    b = clean_synth.bronze(TEXTS)
    units, *_ = clean_units(b, merge_template_stats([template_stats(b)]), Settings(), line_model=line_model)
    return units


def test_weights_load_and_match_features():
    model = clf.load_model()
    assert model["version"] >= 1
    assert len(model["features"]) == len(model["weights"]) > 10
    assert 0.0 < model["threshold"] < 1.0
    _, names = clf.line_features(_units())
    assert set(model["features"]) <= set(names)


def test_scores_in_unit_interval_and_shape_kept():
    units = _units()
    scored = clf.score_lines(units)
    assert scored.height == units.height
    assert scored.columns == [*units.columns, "p_chrome"]
    p = scored["p_chrome"]
    assert p.null_count() == 0
    assert ((p >= 0) & (p <= 1)).all()
    assert not any(c.startswith("lf_") for c in scored.columns)


def test_empty_units():
    out = clf.apply_line_model(_units().head(0))
    assert out.height == 0 and "p_chrome" in out.columns


def test_decision_respects_hard_rules_and_fields():
    units = clf.score_lines(_units())
    is_hard = pl.col("rule").is_not_null() & ~pl.col("rule").is_in(clf.SOFT_RULES)
    is_soft = pl.col("field").is_null() & ~is_hard
    assert units.filter(is_hard).height > 0 and units.filter(pl.col("field").is_not_null()).height > 0
    soft_mask = units.select(is_soft.fill_null(False)).to_series()
    for p, soft_removed in ((0.0, False), (1.0, True)):  # the model saying "all body" / "all chrome"
        forced = clf.decide(units.with_columns(pl.lit(p).alias("p_chrome")), threshold=0.5)
        # hard-ruled and fielded units keep exactly their rule, whatever the score
        assert forced.filter(~soft_mask)["rule"].to_list() == units.filter(~soft_mask)["rule"].to_list()
        soft = forced.filter(soft_mask)
        assert soft.height > 0
        if soft_removed:
            assert soft["rule"].null_count() == 0
        else:
            assert soft["rule"].null_count() == soft.height


def test_soft_removal_names_model_or_soft_rule():
    units = clf.score_lines(_units())
    forced = clf.decide(units.with_columns(pl.lit(1.0).alias("p_chrome")), threshold=0.5)
    was_kept = units["rule"].is_null() & units["field"].is_null()
    assert set(forced.filter(was_kept)["rule"].to_list()) == {clf.MODEL_RULE}


def test_score_expr_is_weighted_sum_sigmoid():
    df = pl.DataFrame({"lf_a": [0.0, 1.0, -2.0], "lf_b": [1.0, 0.0, 3.0]})
    model = {"features": ["a", "b"], "weights": [2.0, -1.0], "bias": 0.5, "threshold": 0.5}
    p = df.select(clf.score_expr(model))["p_chrome"].to_list()
    import math
    expect = [1 / (1 + math.exp(-(0.5 + 2 * a - b))) for a, b in zip(df["lf_a"], df["lf_b"])]
    assert p == pytest.approx(expect)


def test_setting_gates_the_model():
    b = clean_synth.bronze(TEXTS)
    tpl = merge_template_stats([template_stats(b)])
    off, *_ = clean_units(b, tpl, Settings(line_model=False))
    on, *_ = clean_units(b, tpl, Settings(line_model=True))
    assert "p_chrome" not in off.columns
    assert "p_chrome" in on.columns
    assert on.height == off.height
    # the widget and comment-form lines are removed either way (hard rules)
    gone_on = set(on.filter(pl.col("rule").is_not_null())["text"].to_list())
    assert {"Share this:", "Your email address will not be published."} <= gone_on
