"""The evaluation set and the issue's targets, as a regression guard.

The labels (tests/eval/labels) must still fit the shared corpora; the scoring
has unit tests; the evaluation runs once per module and its figures must stay
at or above the targets of the issue ("Cleaning and metadata extraction that
hold on real scraped news, measured"). Tests that need ../shared skip, naming
NEWS_SHARED_DIR, when it is absent; the sample-page part always runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from benchmarks import corpora as C
from benchmarks import evaluate as E

HAVE_SHARED = C.shared_dir() is not None and (C.shared_dir() / "corpora").is_dir()
needs_shared = pytest.mark.skipif(
    not HAVE_SHARED, reason=f"shared corpora not found: set ${C.ENV_VAR} to the directory holding corpora/ (default ../shared)"
)


#: Floors just under today's figures on the shared corpora's test split (held out until 2026-12-02,
#: read since), so a regression fails even where the issue's target has room.
FLOORS = {"chrome_f1_test": 0.94, "title_exact_test": 0.94}


@pytest.fixture(scope="module")
def report() -> dict:
    return E.evaluate()


@pytest.fixture(scope="module")
def corpora() -> dict:
    return {name: C.load_corpus(name) for name in E.LABEL_CORPORA}


def _target(report: dict, name: str) -> dict:
    return next(t for t in report["targets"] if t["name"] == name)


def _misses(report: dict, field: str) -> list[dict]:
    return [m for m in report["sample"]["metadata_misses"] if m["field"] == field]


# --------------------------------------------------------------------------- the labels


def test_label_files_parse_and_use_known_fields():
    labels = E.load_labels()
    assert len(labels) >= 150
    allowed = {"split", "stratum", "n_lines", "sha1", "kind", "title_line", "chrome", "meta", "caption", "ignore",
               "note", "corpus"}
    kinds = {"article", "brief", "unproc", "index_page", "boilerplate_only", "error_page", "empty"}
    for key, e in labels.items():
        assert set(e) <= allowed, key
        assert e["kind"] in kinds, key
        assert e["corpus"] in E.LABEL_CORPORA, key
        assert len(e.get("note") or "") <= 200, f"{key}: keep notes short (and free of corpus text)"


def test_label_mix_and_splits():
    labels = E.load_labels()
    per = {c: [e for e in labels.values() if e["corpus"] == c] for c in E.LABEL_CORPORA}
    assert len(per["fakenewscorpus"]) >= 50 and len(per["fakenewsnet"]) >= 50
    assert len(per["reuters"]) >= 30 and len(per["bbc"]) >= 20
    for c, entries in per.items():
        splits = {e["split"] for e in entries}
        assert splits == {"dev", "test"}, c


@needs_shared
def test_labels_fit_the_corpora(corpora):
    labels = E.load_labels()
    texts = {k: t for df in corpora.values() for k, t in zip(df["doc_key"], df["text"])}
    for key, e in labels.items():
        assert key in texts, f"{key} not in the corpora"
        g = E.gold_lines(e, texts[key])  # raises on drift, blank or overlapping labels
        if e["title_line"] is not None:
            assert g[e["title_line"]] == "meta", key
        if e["kind"] in ("boilerplate_only", "error_page"):
            assert g and set(g.values()) == {"chrome"}, key
        if e["kind"] == "empty":
            assert not g, key


@needs_shared
def test_selection_is_reproducible(corpora):
    from benchmarks.eval_select import select

    sel = select(corpora)
    labels = E.load_labels()
    assert set(sel["doc_key"]) == set(labels)
    for key, split, stratum in sel.select("doc_key", "split", "stratum").iter_rows():
        assert (labels[key]["split"], labels[key]["stratum"]) == (split, stratum), key


@needs_shared
def test_labels_hold_no_corpus_text(corpora):
    """The HARD RULE: corpus texts stay in ../shared; label files carry ids and numbers only."""
    blob = "\n".join(p.read_text(encoding="utf-8") for p in sorted(E.LABEL_DIR.glob("*.yaml")))
    labels = E.load_labels()
    texts = {k: t for df in corpora.values() for k, t in zip(df["doc_key"], df["text"]) if k in labels}
    for key, text in texts.items():
        for line in text.split("\n"):
            line = line.strip()
            if len(line) >= 60:
                assert line[:60] not in blob, f"{key}: a corpus line is copied into the labels"


# --------------------------------------------------------------------------- scoring units


def test_score_line_semantics():
    assert E.score_line("chrome", "widget") == "tp"
    assert E.score_line("chrome", "field_credit") == "tp"  # a sign-off moved to the credit column is out of the body
    assert E.score_line("chrome", None) == "fn"
    assert E.score_line("body", "context_short") == "fp"
    assert E.score_line("body", "field_byline") == "fp"  # body text lost into a column
    assert E.score_line("body", None) == "tn"
    assert E.score_line("meta", "field_title") == "tn"
    assert E.score_line("meta", "title_repeat") == "tn"
    assert E.score_line("meta", None) == "tn"
    assert E.score_line("meta", "template") == "fp"
    assert E.score_line("caption", "photo_caption") is None
    assert E.score_line("ignore", None) is None


def test_prf():
    m = E.prf({"tp": 8, "fp": 2, "fn": 2, "tn": 10})
    assert m["precision"] == pytest.approx(0.8) and m["recall"] == pytest.approx(0.8) and m["f1"] == pytest.approx(0.8)
    assert E.prf({"tn": 5})["f1"] is None


def test_gold_lines_refuses_drift():
    entry = {"n_lines": 3, "sha1": None, "chrome": [3], "meta": [1], "caption": [], "ignore": []}
    assert E.gold_lines(entry, "Title\n\nShare this") == {1: "meta", 3: "chrome"}
    with pytest.raises(ValueError, match="n_lines"):
        E.gold_lines(entry, "Title\n\nShare this\nmore")
    with pytest.raises(ValueError, match="blank"):
        E.gold_lines({**entry, "chrome": [2]}, "Title\n\nShare this")


def test_wrapped_paragraphs_join_wire_copy():
    text = "\n".join([
        "HEADLINE OF A WIRE STORY",
        "CITY, March 2 - The first paragraph of the story is hard",
        "wrapped at about sixty columns by the wire service and it",
        "ends here.",
        "    A second paragraph starts with an indent and also runs",
        "over two lines.",
        " Reuter",
        "&#3;",
    ])
    assert E.wrapped_paragraphs(text) == [[1], [2, 3, 4], [5, 6], [7], [8]]
    assert E.wrapped_paragraphs("one line\n\nanother line") == [[1], [3]]


def test_norm_text_and_domains():
    assert E.norm_text("  “Quoted”\u00a0title &amp; more ") == '"Quoted" title & more'
    assert E.norm_domain("http://politi.co/2dpRUAG") == "politico.com"
    assert E.norm_domain("CNN") == "cnn.com"
    assert E.domains_match("edition.cnn.com", "cnn.com")
    assert not E.domains_match("cnn.com", "nbcnews.com")


def test_justext_baseline_maps_lines():
    prose = ("The committee said on Tuesday that it would review the rules for the election, which had been "
             "criticised by many of the members who were present at the meeting in the capital, and that it would "
             "publish its findings before the end of the year.")
    text = f"Share this\n\n{prose}\n\nLike"
    removed = E.justext_removed(text)
    assert 3 not in removed and 1 in removed and 5 in removed


# --------------------------------------------------------------------------- the targets (regression guard)


def test_sample_pages_chrome(report):
    sm = report["sample"]
    assert sm["chrome"]["ours"]["f1"] >= E.TARGETS["chrome_f1"], sm["errors"]
    assert sm["chrome"]["ours"]["f1"] > sm["chrome"]["justext"]["f1"]


def test_sample_pages_titles(report):
    assert _target(report, "sample_title_exact")["met"], _misses(report, "title")


def test_sample_pages_published_dates(report):
    assert report["sample"]["metadata_available"], "tasks.enrich.metadata.extract_metadata is missing"
    assert _target(report, "sample_published_accuracy")["met"], _misses(report, "published_at")


def test_no_crawl_date_reported_as_published(report):
    assert report["sample"]["metadata_available"], "tasks.enrich.metadata.extract_metadata is missing"
    assert report["sample"]["crawl_date_as_published"] == []
    for mode in ("with_meta", "text_only"):
        if report.get("dates"):
            assert report["dates"][mode].get("fakenewscorpus_crawl_date_as_published", 0) == 0


@needs_shared
def test_chrome_f1_floor_on_the_test_split(report):
    assert report["chrome"]["test"]["all"]["ours"]["f1"] >= FLOORS["chrome_f1_test"]


@needs_shared
def test_title_exact_floor_on_the_test_split(report):
    assert report["title"]["text_only"]["test"]["all"]["rate"] >= FLOORS["title_exact_test"], report["title"]["misses"]


@needs_shared
def test_exact_duplicate_recall_and_sample_repost(report):
    assert _target(report, "exact_duplicate_recall")["met"], report["duplicates"]["corpora"]["exact"]
    assert _target(report, "sample_repost_found")["met"], report["duplicates"]["sample"]
    near = report["duplicates"]["corpora"]["near"]
    assert near["precision"] >= 0.99 and near["recall"] >= 0.95


@needs_shared
def test_chrome_f1_on_the_annotated_set(report):
    t = _target(report, "chrome_f1")
    worst = {}
    for err in report["errors"]:
        worst[err["doc_key"]] = worst.get(err["doc_key"], 0) + 1
    top = sorted(worst.items(), key=lambda kv: -kv[1])[:10]
    assert t["met"], f"chrome F1 {t['value']:.3f} < {t['target']}; most errors in {top}"


@needs_shared
def test_chrome_f1_beats_justext(report):
    assert _target(report, "chrome_f1_above_baseline")["met"]


@needs_shared
def test_bbc_sentences_kept(report):
    t = _target(report, "bbc_sentences_kept")
    assert t["met"], report["bbc"]["worst_docs"]


@needs_shared
def test_bbc_titles(report):
    assert _target(report, "title_exact_bbc_all")["met"]


@needs_shared
def test_title_exact_match(report):
    assert _target(report, "title_exact")["met"], report["title"]["misses"]


@needs_shared
@pytest.mark.parametrize("corpus", ["fakenewsnet", "reuters"])
def test_publication_date_accuracy(report, corpus):
    t = _target(report, f"date_accuracy_{corpus}")
    assert t["value"] is not None, "published_at not produced (tasks.enrich.metadata missing?)"
    assert t["met"], report["dates"]["with_meta"][corpus]


@needs_shared
def test_outlet_accuracy_vs_fakenewsnet_domains(report):
    t = _target(report, "outlet_accuracy")
    assert t["value"] is not None, "site/outlet not produced (tasks.enrich.metadata missing?)"
    assert t["met"], report["outlet"]["with_meta"]["wrong"]


@needs_shared
def test_report_has_no_corpus_text(report, corpora, tmp_path: Path):
    """The report may be committed: it names doc_keys and line numbers, never the texts."""
    import json

    blob = json.dumps(report, default=str)
    labels = E.load_labels()
    texts = {k: t for df in corpora.values() for k, t in zip(df["doc_key"], df["text"]) if k in labels}
    for key, text in texts.items():
        for line in text.split("\n"):
            if len(line.strip()) >= 60:
                assert line.strip()[:60] not in blob, key


def test_main_writes_json_and_markdown(tmp_path: Path, monkeypatch, report):
    monkeypatch.setattr(E, "evaluate", lambda shared=None, split=None: report)
    out = tmp_path / "r.json"
    assert E.main(["--out", str(out)]) == 0
    assert out.exists() and out.with_suffix(".md").exists()
    assert yaml.safe_load(out.read_text())["targets"]


def test_outlet_names_match_their_acronyms():
    assert E.outlet_match("Levant Wire Agency", "LWA")
    assert E.outlet_match("press tv", "Press TV")
    assert not E.outlet_match("Levant Wire Agency (LWA", "LWA")
    assert not E.outlet_match(None, "SANA")


def test_f1_interval_resamples_documents():
    same = [{"tp": 8, "fp": 1, "fn": 1}] * 20
    lo, hi = E.f1_interval(same)
    assert lo == hi == round(16 / 18, 4)  # every resample is the same pooled F1
    mixed = [{"tp": 9, "fp": 0, "fn": 0}] * 10 + [{"tp": 0, "fp": 3, "fn": 6}] * 10
    lo, hi = E.f1_interval(mixed)
    point = 2 * 90 / (2 * 90 + 30 + 60)
    assert lo < point < hi and hi - lo > 0.1
    assert E.f1_interval([]) is None
