"""Line features and the first (feature-only) classification."""

import polars as pl

from tasks.clean.features import add_features, add_stopwords, feature_class
from tasks.clean.lines import build_units

from clean_synth import PARA, bronze


def features(texts):
    units, _ = build_units(bronze(texts))
    return feature_class(add_features(add_stopwords(units)))


def test_running_text_is_good_menu_is_short():
    f = features([f"{PARA}\nHome News Sport Weather\nOil prices"])
    assert f["fclass"].to_list() == ["good", "short", "short"]
    assert f["stop_density"][0] > 0.3 and f["stop_density"][1] == 0


def test_link_density_blocks_good():
    f = features(["See https://example.com/a/very/long/path/to/some/page/that/goes/on and the rest of it here"])
    assert f["link_density"][0] > 0.5 and f["fclass"][0] != "good"


def test_short_sentence_is_near_and_headline_is_headline_like():
    f = features(["He declined to comment on the plan.\nRussian Warplanes Destroy Targets in Syria"])
    assert f["fclass"][0] == "near"
    assert f["headline_like"].to_list() == [False, True]


def test_language_is_chosen_per_document():
    de = ("Die Regierung hat am Dienstag erklärt, dass sie ihre Haltung in dieser Frage nicht ändern wird "
          "und dass die Gespräche mit den anderen Parteien noch einige Wochen dauern werden.")
    f = features([PARA, de])
    assert f.select("_d", "lang").unique().sort("_d")["lang"].to_list() == ["en", "de"]
    assert f.filter(pl.col("_d") == 1)["fclass"][0] == "good"


def test_unknown_language_falls_back_to_length_and_punctuation():
    zh = "这是一个很长的句子，" * 12 + "。"
    f = features([zh + "."])
    assert not f["lang_ok"][0]
    assert f["fclass"][0] == "good"


def test_french_date_line_with_times_and_cues_is_a_date_line():
    import polars as pl
    from tasks.clean.dates import add_date_features

    units = pl.DataFrame({"_d": [0, 0], "u": [0, 1], "text": [
        "Publié le 27/03/2016 à 11h20 | Mis à jour le 27/03/2016 à 18h05",
        "Le 27/03/2016 les forces ont repris la ville après trois semaines de combats",
    ]}).with_columns(pl.col("text").str.split(" ").list.len().alias("n_tokens"))
    got = add_date_features(units)
    assert got["is_date_line"].to_list() == [True, False]
    assert got["published_cue"].to_list() == [True, False]
