"""TF-IDF keywords."""

from __future__ import annotations

import polars as pl

from tasks.enrich.keywords import document_frequencies, extract_keywords


def test_keywords_drop_stop_words_and_keep_salient_terms():
    df = pl.DataFrame(
        {
            "body": [
                "The army said the convoy reached Palmyra. The convoy carried flour to Palmyra and the convoy returned.",
                "The council said the budget for schools would rise. The budget vote was delayed.",
            ]
        }
    )
    out = extract_keywords(df, k=3)
    kw0, kw1 = out["keywords"].to_list()
    assert kw0[:2] == ["convoy", "palmyra"]
    assert "budget" in kw1
    for kws in (kw0, kw1):
        assert not {"the", "said", "and", "to", "for"} & set(kws)
        assert len(kws) <= 3


def test_bigram_replaces_its_words():
    text = "Fighting near Deir Ezzor continued. Deir Ezzor airport was shelled. Aid reached Deir Ezzor."
    kws = extract_keywords(pl.DataFrame({"body": [text]}))["keywords"][0].to_list()
    assert kws[0] == "deir ezzor"
    assert "deir" not in kws and "ezzor" not in kws


def test_bigrams_do_not_cross_punctuation():
    text = "They left Aleppo. Convoy trucks came. They left Aleppo. Convoy trucks came."
    kws = extract_keywords(pl.DataFrame({"body": [text]}), k=10)["keywords"][0].to_list()
    assert "aleppo convoy" not in kws
    assert "convoy trucks" in kws


def test_idf_prefers_terms_specific_to_an_article():
    common = "Officials discussed the ceasefire."
    df = pl.DataFrame({"body": [f"{common} Tartus harbour reopened.", f"{common} Hama hospital reopened.", common]})
    out = extract_keywords(df, k=2)
    assert out["keywords"][0].to_list()[0] in {"tartus", "harbour"}
    assert out["keywords"][1].to_list()[0] in {"hama", "hospital"}


def test_external_document_frequencies():
    run = pl.DataFrame({"body": ["Raqqa offensive began.", "Raqqa offensive continued.", "Raqqa offensive ended. Dams."]})
    dfreq = document_frequencies(run)
    out = extract_keywords(run.tail(1), k=1, doc_freq=dfreq, n_docs=run.height)
    assert out["keywords"][0].to_list() in (["dams"], ["ended"])


def test_empty_and_null_bodies_give_empty_lists():
    out = extract_keywords(pl.DataFrame({"body": ["", None, "the and of"]}))
    assert out["keywords"].to_list() == [[], [], []]
    assert out.schema["keywords"] == pl.List(pl.String)
    assert extract_keywords(pl.DataFrame({"body": []}, schema={"body": pl.String})).height == 0


def test_deterministic():
    df = pl.DataFrame({"body": ["alpha beta gamma delta epsilon zeta eta theta iota kappa"]})
    a = extract_keywords(df, k=4)["keywords"][0].to_list()
    assert a == sorted(a) and len(a) == 4
