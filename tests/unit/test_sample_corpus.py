"""The synthetic sample corpus (data/raw/sample) and its ground truth stay consistent and original."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from benchmarks.corpora import ENV_VAR, shared_dir

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "raw" / "sample"
KINDS = {"normal", "two_articles", "chrome_only", "exact_duplicate", "near_duplicate", "non_english"}
RUN = 12  # words
#: generic widget / WordPress comment-form lines (not anyone's prose): excluded from the copy check
BOILERPLATE = re.compile(
    r"^(Leave a Reply|Fill in your details below.*|You are commenting using your .*|Google\+ photo|"
    r"Twitter picture|Facebook photo|Cancel|Connecting to %s|Notify me of new comments.*|Scroll Up|"
    r"Listen Live|Get short URL|Please Wait\.\.\.|starAdd to favorites|Community standardsDiscussion)$"
)


@pytest.fixture(scope="module")
def labels() -> dict:
    return yaml.safe_load((SAMPLE / "LABELS.yaml").read_text(encoding="utf-8"))


def pages() -> list[Path]:
    return sorted(SAMPLE.glob("*.txt"))


def lines_of(name: str) -> list[str]:
    return (SAMPLE / name).read_text(encoding="utf-8").split("\n")


def test_every_file_has_labels_and_vice_versa(labels):
    assert 20 <= len(pages()) <= 26
    assert {p.name for p in pages()} == set(labels)


def test_all_kinds_present(labels):
    assert {v["kind"] for v in labels.values()} == KINDS


def test_exact_duplicate_is_byte_identical(labels):
    dups = {k: v["duplicate_of"] for k, v in labels.items() if v["kind"] == "exact_duplicate"}
    assert dups
    for name, original in dups.items():
        assert (SAMPLE / name).read_bytes() == (SAMPLE / original).read_bytes()
        assert labels[name]["articles"] == labels[original]["articles"]


def test_near_duplicate_differs_but_shares_most_text(labels):
    near = {k: v["duplicate_of"] for k, v in labels.items() if v["kind"] == "near_duplicate"}
    assert near
    for name, original in near.items():
        a, b = (set(re.findall(r"\w+", (SAMPLE / f).read_text(encoding="utf-8").lower())) for f in (name, original))
        assert (SAMPLE / name).read_bytes() != (SAMPLE / original).read_bytes()
        assert len(a & b) / len(a | b) > 0.5


@pytest.mark.parametrize("path", pages(), ids=lambda p: p.name)
def test_labels_match_page(path, labels):
    lab = labels[path.name]
    lines = lines_of(path.name)
    groups = [set(lab[k]) for k in ("chrome_lines", "meta_lines", "caption_lines", "subheading_lines")]
    for g in groups:
        assert all(1 <= i <= len(lines) and lines[i - 1].strip() for i in g), "labelled line is blank or out of range"
    chrome, meta, caption, sub = groups
    assert not (chrome & meta or chrome & caption or chrome & sub or meta & caption or meta & sub or caption & sub)
    if lab["kind"] == "chrome_only":
        assert lab["articles"] == []
        assert chrome == {i for i, l in enumerate(lines, 1) if l.strip()}
        return
    assert lab["articles"]
    if lab["kind"] == "two_articles":
        assert len(lab["articles"]) == 2
    for art in lab["articles"]:
        first, last = art["lines"]
        span = [lines[i - 1].strip().replace("\u00a0", " ") for i in range(first, last + 1)]
        assert art["first_body_line"] in span
        assert art["title"] is None or art["title"] in span
        assert art["language"] in {"en", "fr", "ar"}
        for key in ("published", "page_date"):
            assert art[key] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", art[key])


def _words_without_boilerplate(text: str) -> list[str]:
    kept = [line for line in text.split("\n") if not BOILERPLATE.match(line.strip())]
    return re.findall(r"\w+", "\n".join(kept).lower())


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def test_no_page_copies_a_seed():
    base = shared_dir()
    seeds = sorted((base / "seeds").glob("*.txt")) if base else []
    if not seeds:
        pytest.skip(f"seed pages not found: set ${ENV_VAR} to the directory holding seeds/")
    seed_runs = set().union(*(_runs(_words_without_boilerplate(s.read_text(encoding="utf-8", errors="replace"))) for s in seeds))
    for page in pages():
        shared = _runs(_words_without_boilerplate(page.read_text(encoding="utf-8"))) & seed_runs
        assert not shared, f"{page.name} shares a {RUN}-word run with a seed: {' '.join(next(iter(shared)))}"
