"""The enrich stage's composition: routing to quarantine and joining duplicate marks."""

import polars as pl

from tasks.enrich import DUP_COLUMNS, apply_duplicates, route_articles, word_count
from tasks.settings import Settings
from validations.expectations import enrich_view


def _gold():
    return pl.DataFrame({
        "article_id": ["a-0", "b-0", "c-0", "d-0"],
        "language": ["en", "fr", "en", "en"],
        "quality_flags": [[], [], ["too_short"], ["low_stop_word_ratio"]],
        "body": ["one two three", "un deux", "x", "y z"],
    })


def test_route_by_language_setting_and_quarantining_flags():
    kept, aside = route_articles(_gold(), Settings(publish_languages=("en",), quarantine_quality_flags=("too_short",)))
    assert kept["article_id"].to_list() == ["a-0", "d-0"]  # a flag not in the setting only annotates
    reasons = dict(zip(aside["article_id"], aside["rule"]))
    assert reasons == {"b-0": "language_not_published", "c-0": "quality:too_short"}
    assert "fr not in publish_languages en" in aside.filter(pl.col("article_id") == "b-0")["reason"][0]


def test_all_languages_published_by_default():
    kept, aside = route_articles(_gold(), Settings(quarantine_quality_flags=()))
    assert kept.height == 4 and aside.is_empty()


def test_word_count():
    assert word_count(pl.DataFrame({"body": ["a b  c\nd", ""]}))["word_count"].to_list() == [4, 0]


def test_apply_duplicates_replaces_placeholders():
    gold = pl.DataFrame({"article_id": ["a-0", "b-0"], "cluster_id": [None, None], "duplicate_of": [None, None],
                         "dup_kind": [None, None], "dup_similarity": [None, None]},
                        schema_overrides={"cluster_id": pl.String, "duplicate_of": pl.String, "dup_kind": pl.String,
                                          "dup_similarity": pl.Float64})
    dups = pl.DataFrame({"article_id": ["a-0", "b-0"], "cluster_id": ["a-0", "a-0"], "duplicate_of": [None, "a-0"],
                         "dup_kind": [None, "near"], "dup_similarity": [None, 0.9]})
    out = apply_duplicates(gold, dups)
    assert out["duplicate_of"].to_list() == [None, "a-0"] and out["cluster_id"].to_list() == ["a-0", "a-0"]


def test_enrich_view_flags_dangling_and_inconsistent_duplicates():
    gold = pl.DataFrame({
        "article_id": ["a-0", "b-0", "c-0", "d-0"], "doc_id": ["a", "b", "c", "d"], "language": ["en"] * 4,
        "language_score": [0.9] * 4, "published_at": [None] * 4, "page_date": [None] * 4, "word_count": [5] * 4,
        "text_hash": ["0" * 32] * 4, "duplicate_of": [None, "a-0", "zz-0", "a-0"],
        "cluster_id": ["a-0", "a-0", "zz-0", "b-0"], "dup_kind": [None, "near", "exact", "near"],
    })
    view = enrich_view(gold.lazy(), pl.Series(["old-0"])).collect()
    assert view["duplicate_resolves"].to_list() == [True, True, False, True]
    assert view["cluster_consistent"].to_list() == [True, True, True, False]


def test_low_confidence_language_becomes_und_under_default_settings():
    from tasks.enrich.language import detect_language, language_codes

    table = "Net profit 1,234 vs 987\\nRevs 45.6 mln vs 40.1 mln\\nNine mths 3.4 vs 2.9"
    prose = "The council said on Monday that the water pumps would be repaired within two weeks."
    out = detect_language(pl.DataFrame({"body": [table, prose]}), min_score=Settings().language_min_score)
    assert out["language"].to_list() == ["und", "en"]
    assert {"en", "fr", "ar", "und"} <= set(language_codes())


def test_keywords_use_the_whole_runs_document_frequencies():
    from tasks.enrich import finish_articles, merge_doc_freqs
    from tasks.enrich.keywords import document_frequencies

    dup_cols = {"cluster_id": pl.String, "duplicate_of": pl.String, "dup_kind": pl.String, "dup_similarity": pl.Float64}
    text = ("In Syria the old bridge over the river reopened today. Officials in Syria said the bridge deck was "
            "repaired, and traffic across Syria resumed while the bridge authority counted trucks leaving Syria.")
    shard_a = pl.DataFrame({"article_id": ["a-0"], "body": [text]})
    shard_a = shard_a.with_columns(pl.lit(None, t).alias(c) for c, t in dup_cols.items())
    shard_b = pl.DataFrame({"article_id": [f"b{i}-0" for i in range(10)],
                            "body": [f"Syria news item {i} about talks." for i in range(10)]})
    merged = merge_doc_freqs([document_frequencies(shard_a), document_frequencies(shard_b)], min_df=1)
    no_dups = pl.DataFrame({"article_id": ["a-0"]}, schema_overrides={}).with_columns(
        pl.lit(None, t).alias(c) for c, t in dup_cols.items())
    run_wide = finish_articles(shard_a, no_dups, merged, n_docs=11)["keywords"][0].to_list()
    shard_only = finish_articles(shard_a, no_dups, document_frequencies(shard_a), n_docs=1)["keywords"][0].to_list()
    assert shard_only[0] == "syria"  # 4 mentions vs 3, when the shard is all there is
    assert run_wide.index("bridge") < run_wide.index("syria")  # syria is common across the run
    assert merge_doc_freqs([document_frequencies(shard_b)])["term"].to_list() != []  # df >= 2 kept


def test_phase_one_term_counts_give_the_same_keywords():
    from tasks.enrich import finish_articles, keyed_term_counts
    from tasks.enrich.keywords import document_frequencies

    gold = pl.DataFrame({
        "article_id": ["a", "b", "c"],
        "body": ["Deir Ezzor airport shelled. Deir Ezzor airport holds.", "Palmyra museum reopens to visitors.",
                 "Raqqa dam repaired; the Raqqa dam feeds the city."],
    }).with_columns(*(pl.lit(None, t).alias(c) for c, t in DUP_COLUMNS.items()))
    dups = pl.DataFrame({"article_id": ["c", "a", "b"]}).with_columns(
        *(pl.lit(None, t).alias(c) for c, t in DUP_COLUMNS.items()))
    dfreq = document_frequencies(gold)
    fresh = finish_articles(gold, dups, dfreq, n_docs=3)
    reused = finish_articles(gold, dups, dfreq, n_docs=3, counts=keyed_term_counts(gold))
    assert fresh["keywords"].to_list() == reused["keywords"].to_list()
    assert "deir ezzor" in fresh["keywords"][0].to_list()
    assert document_frequencies(gold, counts=keyed_term_counts(gold)).sort("term").equals(dfreq.sort("term"))
