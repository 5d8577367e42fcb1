"""Batched language identification (py3langid's model, applied to a whole frame)."""

from __future__ import annotations

import polars as pl
import pytest

from tasks.enrich.language import detect_language, identify, reference_classify

FRENCH = (
    "Le ministère de la Défense a annoncé mardi que les forces gouvernementales avaient repris "
    "le contrôle de plusieurs villages situés au nord de la ville, après des combats violents."
)
ARABIC = (
    "أعلنت وزارة الدفاع يوم الثلاثاء أن القوات الحكومية استعادت السيطرة على عدة قرى شمال المدينة "
    "بعد معارك عنيفة استمرت أياما."
)
ENGLISH = (
    "The defence ministry announced on Tuesday that government forces had retaken several villages "
    "north of the city after days of heavy fighting."
)
GERMAN = "Das Verteidigungsministerium teilte am Dienstag mit, dass die Regierungstruppen mehrere Dörfer zurückerobert haben."
RUSSIAN = "Министерство обороны сообщило во вторник, что правительственные войска вернули контроль над несколькими деревнями."


def test_languages_of_paragraphs():
    df = pl.DataFrame({"body": [FRENCH, ARABIC, ENGLISH, GERMAN, RUSSIAN]})
    out = detect_language(df)
    assert out["language"].to_list() == ["fr", "ar", "en", "de", "ru"]
    assert out.schema["language_score"] == pl.Float64
    assert all(0.5 < s <= 1.0 for s in out["language_score"])


def test_empty_and_undecidable_are_und_with_null_score():
    df = pl.DataFrame({"body": ["", None, "   \n ", "12 345 678 -- 2016/06/22", "!!!"]})
    out = detect_language(df)
    assert out["language"].to_list() == ["und"] * 5
    assert out["language_score"].null_count() == 5


def test_min_score_turns_low_confidence_into_und():
    out = detect_language(pl.DataFrame({"body": ["Syria Iraq Russia"]}), min_score=0.999)
    assert out["language"][0] == "und"


def test_batched_scores_equal_py3langid_classify():
    texts = [FRENCH, ENGLISH, GERMAN, RUSSIAN, ENGLISH * 40, "ISIL FIGHTERS RETREAT AS ARMY ADVANCES ON THE CITY"]
    langs, scores = identify(texts)
    for text, lang, score in zip(texts, langs, scores):
        ref_lang, ref_score = reference_classify(text)
        assert lang == ref_lang
        assert score == pytest.approx(ref_score, abs=1e-4)


def test_order_and_other_columns_preserved_across_chunks():
    bodies = [ENGLISH, FRENCH] * 1500  # more than one internal chunk
    df = pl.DataFrame({"article_id": [str(i) for i in range(len(bodies))], "body": bodies})
    out = detect_language(df)
    assert out["article_id"].to_list() == df["article_id"].to_list()
    assert out["language"].to_list() == ["en", "fr"] * 1500


def test_custom_text_column():
    out = detect_language(pl.DataFrame({"title": [FRENCH]}), text_col="title")
    assert out["language"][0] == "fr"


def test_candidate_languages_restrict_and_renormalise():
    text = "ACME CORP 4TH QTR NET Shr 1.23 dlrs vs 1.10 dlrs Net 4.5 mln vs 3.9 mln Revs 120.0 mln"
    free = detect_language(pl.DataFrame({"body": [text, FRENCH]}))
    only = detect_language(pl.DataFrame({"body": [text, FRENCH]}), langs=("en", "fr"))
    assert set(only["language"]) <= {"en", "fr"}
    assert only["language"][1] == "fr"
    assert only["language_score"].null_count() == 0
    # fewer candidates: the winner's share can only grow
    assert only["language_score"][1] >= free["language_score"][1] - 1e-9
    with pytest.raises(ValueError):
        detect_language(pl.DataFrame({"body": [text]}), langs=("xx",))
