"""Cross-document template evidence: map (template_stats), reduce (merge_template_stats), mark."""

import polars as pl

from tasks.clean import STATS_SCHEMA, clean_documents, merge_template_stats, template_stats
from tasks.settings import Settings

from clean_synth import PARA, PARA2, PARA3, bronze, removed

BANNER = "Islamic Invitation Example"
FOOTER = "All the news that fits, since the day before yesterday"


def article(i: int) -> str:
    # every page has its own story
    story = f"In story number {i} the council said on Monday that it would meet again in {2000 + i} to decide the matter."
    return "\n\n".join([BANNER, f"Headline number {i} of the day", story, f"{PARA} ({i})", FOOTER])


def test_stats_columns_and_source_totals():
    b = bronze([article(i) for i in range(4)], source_key="site.example")
    st = template_stats(b)
    assert dict(st.schema) == STATS_SCHEMA
    total = st.filter(pl.col("fp").is_null())
    assert total.rows() == [("site.example", None, 4, 4)]
    banner = st.filter(pl.col("fp") == "islamic invitation example")
    assert banner["n_docs"].item() == 4 and banner["n_texts"].item() == 4


def test_merge_sums_shards_and_is_a_valid_part():
    parts = [template_stats(bronze([article(i) for i in range(k, k + 3)], source_key="s")) for k in (0, 3)]
    merged = merge_template_stats(parts)
    assert merged.filter(pl.col("fp").is_null())["n_docs"].item() == 6
    again = merge_template_stats([merged, template_stats(bronze([article(9)], source_key="s"))])
    assert again.filter(pl.col("fp") == "islamic invitation example")["n_docs"].item() == 7
    pruned = merge_template_stats([merged], min_texts=2)
    assert pruned.filter(pl.col("fp").is_not_null())["n_texts"].min() >= 2


def test_recurring_lines_removed_as_template():
    b = bronze([article(i) for i in range(6)], source_key="site.example")
    r = clean_documents(b, merge_template_stats([template_stats(b)]), Settings())
    got = removed(r)
    assert got[BANNER] == "template" and got[FOOTER] == "template"
    assert all(PARA in body for body in r.articles["body"])


def test_templates_are_per_source():
    b = pl.concat([bronze([article(0)], source_key=f"site{i}") for i in range(6)])
    r = clean_documents(b, merge_template_stats([template_stats(b)]), Settings())
    assert "template" not in r.removed_lines["rule"].to_list()


def test_reposted_story_sentences_are_not_templates():
    """Nine copies of one story (different chrome) share their sentences: one article, not a template."""
    texts = [f"Site banner {i}\n\n{PARA}\n\n{PARA2}\n\n{PARA3}\n\nShare on network {i}" for i in range(9)]
    b = bronze(texts, source_key="aggregator.example")
    st = template_stats(b)
    assert st.filter(pl.col("fp").is_null())["n_texts"].item() == 1
    r = clean_documents(b, merge_template_stats([st]), Settings())
    assert "template" not in r.removed_lines["rule"].to_list()
    assert all(PARA in body for body in r.articles["body"])


def test_prose_needs_a_higher_share():
    # a recurring prose line no rule knows (a disclaimer would be caught by the ``disclaimer`` rule)
    disclaimer = ("Our reporters have covered the towns of the valley for many years and they visit "
                  "each of them at least once in every season of the year.")
    texts = [article(i) + ("\n\n" + disclaimer if i < 3 else "") for i in range(20)]
    b = bronze(texts, source_key="s")
    tpl = merge_template_stats([template_stats(b)])
    # the template rule itself (the line model, on by default, re-decides template_partial lines)
    kept = clean_documents(b, tpl, Settings(line_model=False))  # 3/20 = 15% < prose share 30%
    assert disclaimer not in removed(kept)
    gone = clean_documents(b, tpl, Settings(template_prose_min_share=0.1, line_model=False))
    assert removed(gone)[disclaimer] == "template_partial"  # on < template_anchor_min_share of pages


def test_empty_inputs():
    empty = bronze([]).head(0)
    assert template_stats(empty).height == 0
    assert merge_template_stats([]).height == 0


def test_candidate_templates_keep_only_lines_that_can_fire_and_the_totals():
    from tasks.clean.templates import candidate_templates

    merged = pl.DataFrame({
        "source_key": ["s"] * 4 + ["t"] * 2,
        "fp": [None, "banner", "twice", "rare", None, "banner"],
        "n_docs": [100, 90, 2, 4, 10, 3],
        "n_texts": [100, 90, 2, 4, 10, 3],
    })
    out = candidate_templates(merged, Settings(template_min_docs=3, template_min_share=0.05, template_prose_min_share=0.3))
    kept = set(zip(out["source_key"], out["fp"]))
    # 'twice' is under min_docs, 'rare' under 5% of s's 100 articles; t's banner is on 30% of t
    assert kept == {("s", None), ("s", "banner"), ("t", None), ("t", "banner")}


def test_merge_accepts_lazy_parts_and_sums_them():
    from tasks.clean.templates import merge_stats

    part = pl.DataFrame({"source_key": ["s", "s"], "fp": [None, "x"], "n_docs": [2, 2], "n_texts": [2, 2]})
    out = merge_stats([part.lazy(), part.lazy()])
    assert out.sort("fp", nulls_last=True)["n_texts"].to_list() == [4, 4]
