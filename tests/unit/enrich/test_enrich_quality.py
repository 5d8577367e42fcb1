"""Quality signals and flags on crafted good and bad texts."""

from __future__ import annotations

import polars as pl
import pytest

from enrich_synth import article
from tasks.enrich.quality import QUALITY_FLAGS, quality_signals
from tasks.settings import Settings

S = Settings()


def flags(text: str | None, **cols) -> list[str]:
    df = pl.DataFrame({"body": [text], **{k: [v] for k, v in cols.items()}}, schema_overrides={"body": pl.String})
    return quality_signals(df, S)["quality_flags"][0].to_list()


def signals(text: str) -> dict:
    return quality_signals(pl.DataFrame({"body": [text]}), S).row(0, named=True)


def test_clean_article_has_no_flags():
    assert flags(article(1)) == []


def test_too_short_and_empty():
    assert flags("Army enters the town.") == ["too_short"]
    assert flags("") == ["too_short"]
    assert flags(None) == ["too_short"]


def test_duplicate_lines_and_paragraphs_by_chars():
    text = article(2, n_paragraphs=3) + "\n" + "\n".join(["Subscribe to our newsletter for daily updates from the region."] * 12)
    s = signals(text)
    assert s["q_dup_line_fraction"] > S.max_dup_line_fraction
    assert s["q_dup_paragraph_fraction"] > S.max_dup_paragraph_fraction
    f = flags(text)
    assert "high_dup_lines" in f and "high_dup_paragraphs" in f


def test_blank_line_paragraphs():
    para = "The convoy reached the town after a long delay at the checkpoint on the highway."
    text = "\n\n".join([para + "\nA first line.", para + "\nA second line.", para + "\nA third line."])
    s = signals(text)
    assert s["q_dup_paragraph_fraction"] == 0.0  # the blocks differ
    assert s["q_dup_line_fraction"] > 0.3  # the repeated line does not


def test_repeated_ngrams():
    text = " ".join(["breaking news from the front"] * 30)
    f = flags(text)
    assert {"high_top_2gram", "high_top_3gram", "high_top_4gram"} <= set(f)
    assert signals(text)["q_top_2gram_fraction"] <= 1.0


def test_symbols_and_non_alpha_words():
    text = " ".join(["#breaking ... 2017 12:30 ## -- 45% …"] * 10)
    f = flags(text)
    assert "high_symbol_ratio" in f
    assert "high_non_alpha_words" in f


def test_stop_word_ratio_english_only():
    keywords = " ".join(f"Syria{i} Iraq{i} Russia{i} Aleppo{i} Mosul{i} army{i}." for i in range(10))
    assert "low_stop_word_ratio" in flags(keywords)
    french = (
        "Les forces armées ont repris plusieurs villages au nord de la ville après des combats violents. "
        "Le ministère a confirmé la nouvelle mardi soir dans un communiqué officiel publié à Damas."
    ) * 2
    assert "low_stop_word_ratio" in flags(french)  # no language column: English assumed
    assert "low_stop_word_ratio" not in flags(french, language="fr")
    assert "low_stop_word_ratio" in flags(keywords, language="en")


def test_mean_word_length_bounds():
    assert "low_mean_word_length" in flags(" ".join(["a b c d e f g h i j"] * 5) + ".")
    assert "high_mean_word_length" in flags(" ".join(["internationalisation counterterrorism"] * 20) + ".")


def test_terminal_punctuation_ellipsis_and_bullets():
    menu = "\n".join(f"Home News World Sport Video page {i}" for i in range(40))
    assert "low_terminal_punctuation" in flags(menu)
    ell = "\n".join(f"Read more about the battle for the city in part {i} of the series..." for i in range(40))
    assert "high_ellipsis_lines" in flags(ell)
    bullets = "\n".join(f"• the army took village number {i} after a short fight." for i in range(40))
    assert "high_bullet_lines" in flags(bullets)


def test_no_space_languages_skip_word_checks():
    zh = "叙利亚政府军周二宣布收复了该市北部的几个村庄，此前经过了数天的激烈战斗。" * 4
    f = flags(zh, language="zh")
    assert "too_short" not in f and "high_mean_word_length" not in f


def test_columns_types_and_flags_never_null():
    df = pl.DataFrame({"body": [article(3), "", None, "x"]})
    out = quality_signals(df, S)
    assert out.schema["quality_flags"] == pl.List(pl.String)
    assert out["quality_flags"].null_count() == 0
    assert out.schema["q_word_count"] == pl.Int32
    for c in out.columns:
        if c.startswith("q_") and c not in ("q_word_count", "q_char_count"):
            assert out.schema[c] == pl.Float64, c
    assert set(out["quality_flags"].explode().drop_nulls()) <= set(QUALITY_FLAGS)


def test_thresholds_come_from_settings():
    text = article(4)
    assert "too_short" not in flags(text)
    strict = S.with_overrides(min_words=10_000)
    out = quality_signals(pl.DataFrame({"body": [text]}), strict)
    assert "too_short" in out["quality_flags"][0].to_list()


def test_recomputing_replaces_columns():
    df = quality_signals(pl.DataFrame({"body": [article(5)]}), S)
    again = quality_signals(df, S)
    assert again.columns == df.columns


@pytest.mark.parametrize("n", [1, 50, 300])
def test_row_order_preserved(n):
    bodies = [article(i) if i % 3 else "short" for i in range(n)]
    out = quality_signals(pl.DataFrame({"body": bodies}), S)
    assert out["body"].to_list() == bodies
    assert [("too_short" in f) for f in out["quality_flags"].to_list()] == [i % 3 == 0 for i in range(n)]
