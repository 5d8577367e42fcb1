"""A learned line classifier over the cleaner's own evidence (step 6b, after ``context``).

The rules, line features, template shares and context smoothing each give a
verdict on a unit; this module combines them into one probability that the unit
is chrome (``p_chrome``), with an L2-regularised logistic regression trained on
the development split of the evaluation labels and the sample pages
(``benchmarks/train_line_model.py``). Its weights are a small JSON file
(``data/line_model.json``: feature names, weights, threshold, version).

Inference is one polars expression: a weighted sum of the feature columns and a
sigmoid, no per-line Python.

Decision (``apply_line_model``): *hard* evidence stays authoritative — lines
moved into a metadata field, and every rule that is not soft (comment forms,
widgets, wire codes, templates on most pages, no-article pages...). The model
decides only the *soft* units: kept units and those removed by ``SOFT_RULES``
(neighbour context, a partial template, a related-link run). A kept unit is
removed when ``p_chrome >= threshold`` (reason ``line_model``); a unit a soft
rule removed stays removed when ``p_chrome >= threshold_removed`` (reason: its
rule) and is kept otherwise. Both thresholds are chosen by cross-validation.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import polars as pl

from tasks.clean.rules import RULE_KIND

MODEL_PATH = Path(__file__).with_name("data") / "line_model.json"
SOFT_RULES = ["context_short", "context_near", "template_partial", "related_links"]
MODEL_RULE = "line_model"
SEG = ["_d", "seg"]

_rule = pl.col("rule")
_soft = _rule.is_null() | _rule.is_in(SOFT_RULES)
_free = pl.col("field").is_null()
_anchor_rules = [n for n, k in RULE_KIND.items() if k == "anchor" and n not in SOFT_RULES]
_inline_rules = [n for n, k in RULE_KIND.items() if k == "inline" and n not in SOFT_RULES]


def _f(e: pl.Expr) -> pl.Expr:
    return e.cast(pl.Float64).fill_null(0.0)


def _unit_features() -> dict[str, pl.Expr]:
    """Per-unit features (one row's columns only)."""
    t = pl.col("text")
    n_chars = pl.col("n_chars").clip(lower_bound=1)
    last = (pl.col("n_units") - 1).clip(lower_bound=1)
    title_u = pl.col("title_u")
    return {
        "log_chars": _f((pl.col("n_chars") + 1).log()),
        "log_words": _f((pl.col("n_words") + 1).log()),
        "stop_density": _f(pl.col("stop_density")),
        "link_density": _f(pl.col("link_density")),
        "has_link": _f(pl.col("link_chars") > 0),
        "handle": _f(t.str.contains(r"(?:^|\s)[@#]\w")),
        "is_sentence": _f(pl.col("is_sentence")),
        "ends_ellipsis": _f(pl.col("ends_ellipsis")),
        "ends_stop": _f(pl.col("ends_stop")),
        "ends_colon": _f(t.str.contains(r"[:：]$")),
        "starts_upper": _f(pl.col("starts_upper")),
        "headline_like": _f(pl.col("headline_like")),
        "cap_share": _f(pl.col("cap_share")),
        "digit_ratio": _f(t.str.count_matches(r"\d") / n_chars),
        "punct_ratio": _f(t.str.count_matches(r"[^\p{L}\p{N}\s]") / n_chars),
        "upper_ratio": _f(t.str.count_matches(r"\p{Lu}") / n_chars),
        "lang_ok": _f(pl.col("lang_ok")),
        "is_date_line": _f(pl.col("is_date_line")),
        "rel_pos": _f(pl.col("u") / last),
        "is_first": _f(pl.col("u") == 0),
        "is_last": _f(pl.col("u") == pl.col("n_units") - 1),
        "head": _f(pl.col("head")),
        "tail": _f(pl.col("tail")),
        "before_title": _f(title_u.is_not_null() & (pl.col("u") < title_u)),
        "log_from_title": _f(pl.when(title_u.is_not_null() & (pl.col("u") > title_u))
                             .then((pl.col("u") - title_u + 1).log()).otherwise(0.0)),
        "no_title": _f(title_u.is_null()),
        "tpl_share": _f(pl.col("tpl_share")),
        "tpl_any": _f(pl.col("tpl_share") > 0),
        "good": _f(pl.col("fclass") == "good"),
        "near": _f(pl.col("fclass") == "near"),
        "r_context_short": _f(_rule.eq_missing("context_short")),
        "r_context_near": _f(_rule.eq_missing("context_near")),
        "r_template_partial": _f(_rule.eq_missing("template_partial")),
        "r_related_links": _f(_rule.eq_missing("related_links")),
        "log_units": _f((pl.col("n_units") + 1).log()),
        "domain_mention": _f(t.str.contains(r"(?i)(?-u:\b)[a-z0-9-]+\.(?:com|org|net|info|co\.uk|us|tv)(?-u:\b)")),
        "money": _f(t.str.contains(r"[$£€]\s?\d")),
        "second_person": _f(t.str.contains(r"(?i)(?-u:\b)(?:you|your)(?-u:\b)")),
    }


def _state() -> pl.Expr:
    """0 kept good, 1 kept other, 2 hard chrome (anchor), 3 transparent (field / inline), 4 soft removal."""
    return (
        pl.when(pl.col("field").is_not_null() | _rule.is_in(_inline_rules).fill_null(False)).then(3)
        .when(_rule.is_in(_anchor_rules).fill_null(False)).then(2)
        .when(_rule.is_not_null()).then(4)
        .when(pl.col("fclass") == "good").then(0)
        .otherwise(1)
    )


def line_features(units: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """``units`` with one Float64 column ``lf_<name>`` per feature; returns (table, names)."""
    unit = _unit_features()
    units = units.with_columns(*(e.alias(f"lf_{k}") for k, e in unit.items()), _state().alias("_st"))
    names = list(unit)
    neigh: dict[str, pl.Expr] = {}
    for k in (1, 2):
        for side, sh in (("prev", k), ("next", -k)):
            st = pl.col("_st").shift(sh).over(SEG)
            neigh[f"{side}{k}_good"] = _f(st == 0)
            neigh[f"{side}{k}_hard"] = _f(st == 2)
            neigh[f"{side}{k}_soft"] = _f(st == 4)
            neigh[f"{side}{k}_none"] = _f(st.is_null())
    # the nearest non-transparent neighbour on each side (as ``context`` sees it: fields and inline removals skipped)
    opaque = pl.when(pl.col("_st") != 3).then(pl.col("_st"))
    for side, e in (("prev", opaque.shift(1).forward_fill()), ("next", opaque.shift(-1).backward_fill())):
        st = e.over(SEG)
        neigh[f"{side}_ctx_good"] = _f(st == 0)
        neigh[f"{side}_ctx_hard"] = _f(st == 2)
        neigh[f"{side}_ctx_none"] = _f(st.is_null())
    g = _f(pl.col("_st") == 0)
    hard = _f(pl.col("_st") == 2)
    g_cum = g.cum_sum().over(SEG)
    doc = {
        "log_good_before": (g_cum - g + 1).log(),
        "log_good_after": (g.sum().over(SEG) - g_cum + 1).log(),
        "doc_good_share": g.mean().over("_d"),
        "doc_hard_share": hard.mean().over("_d"),
        # hard chrome within 3 units on either side
        "hard_near": _f(hard.rolling_max(7, center=True, min_samples=1).over(SEG)),
    }
    units = units.with_columns(*(e.alias(f"lf_{k}") for k, e in (neigh | doc).items()))
    return units.drop("_st"), names + list(neigh) + list(doc)


@lru_cache(maxsize=4)
def _load(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_model(path: Path | str | None = None) -> dict:
    """The model JSON: ``{"version", "features", "weights", "bias", "threshold", ...}``."""
    model = _load(str(path or MODEL_PATH))
    if len(model["features"]) != len(model["weights"]):
        raise ValueError("line model: features and weights differ in length")
    return model


def score_expr(model: dict) -> pl.Expr:
    """sigmoid(bias + sum w_i * lf_i) as one expression (weights on the raw feature scale)."""
    z = pl.lit(float(model["bias"]))
    for name, w in zip(model["features"], model["weights"]):
        if w:
            z = z + pl.col(f"lf_{name}") * float(w)
    return (1.0 / (1.0 + (-z).exp())).alias("p_chrome")


def score_lines(units: pl.DataFrame, model: dict | None = None) -> pl.DataFrame:
    """``units`` plus ``p_chrome`` (Float64 in 0..1); the feature columns are dropped again."""
    model = model or load_model()
    feats, names = line_features(units)
    missing = set(model["features"]) - set(names)
    if missing:
        raise ValueError(f"line model: unknown features {sorted(missing)}")
    return feats.with_columns(score_expr(model)).drop(f"lf_{n}" for n in names)


def decide(units: pl.DataFrame, threshold: float, threshold_removed: float | None = None) -> pl.DataFrame:
    """Apply the decision rule to scored units (``p_chrome``): only soft, unfielded units change.

    A kept unit is removed at ``p_chrome >= threshold``; a unit a soft rule removed stays removed at
    ``p_chrome >= threshold_removed`` (default: ``threshold``).
    """
    soft = _soft & _free
    t_rm = threshold if threshold_removed is None else threshold_removed
    remove = pl.col("p_chrome") >= pl.when(_rule.is_null()).then(pl.lit(threshold)).otherwise(pl.lit(t_rm))
    return units.with_columns(
        pl.when(~soft).then(_rule)
        .when(remove).then(pl.coalesce(_rule, pl.lit(MODEL_RULE)))
        .otherwise(None).alias("rule")
    )


def apply_line_model(units: pl.DataFrame, model: dict | None = None) -> pl.DataFrame:
    """Score every unit and let the model decide the soft ones (see the module docstring)."""
    if units.height == 0:
        return units.with_columns(pl.lit(None, pl.Float64).alias("p_chrome"))
    model = model or load_model()
    return decide(score_lines(units, model), float(model["threshold"]),
                  float(model.get("threshold_removed", model["threshold"])))
