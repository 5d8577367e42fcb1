"""The whole pipeline under a real Prefect API, real GX and real Delta commits."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import SAMPLE

pytestmark = pytest.mark.usefixtures("prefect_api")

CHROME_MARKERS = [
    "Islamic Invitation Turkey", "Total: 139", "Shawwal", "Scroll Up", "Leave a Reply", "You are commenting using",
    "Connecting to %s", "Fill in your details", "Listen Live", "Get short URL", "Community standards",
    "Please Wait", "Add to favorites", "// -0.07", "US Indecisiveness Driving Mid East Allies",
    "Dozens of Terrorists Killed by Syrian Army", "Russia Versus ISIL in Syria (618)", "0 165", "Log Out",
]


def run(inputs, data_dir: Path, **kw):
    from flows.pipeline import pipeline

    return pipeline(inputs=[str(p) for p in inputs], data_dir=str(data_dir), return_state=True, **kw)


def table(data_dir: Path, version: int | None = None) -> pl.DataFrame:
    return pl.read_delta(str(data_dir / "published" / "articles"), version=version)


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory, seeds_dir):
    data_dir = tmp_path_factory.mktemp("seeds") / "data"
    state = run([seeds_dir], data_dir)
    assert state.is_completed(), state.message
    df = table(data_dir).with_columns(pl.col("source_uri").str.split("/").list.last().str.slice(0, 3).alias("seed"))
    return state.result(), df, data_dir


def _seed(df: pl.DataFrame, seed: str) -> pl.DataFrame:
    return df.filter(pl.col("seed") == seed).sort("segment")


def test_seeds_publish_version_zero_with_every_document_accounted_for(seeds_run):
    summary, df, data_dir = seeds_run
    assert summary["version"] == 0 and summary["documents_in"] == 5
    assert set(df["seed"]) == {"000", "001", "002", "003", "004"}
    assert df.columns[:16] == ["article_id", "doc_id", "source_uri", "segment", "title", "body", "published_at",
                               "page_date", "site", "outlet", "author", "language", "tags", "word_count",
                               "text_hash", "duplicate_of"]


def test_page_with_two_articles_yields_two(seeds_run):
    _, df, _ = seeds_run
    two = _seed(df, "001")
    assert two.height == 2
    assert two["title"][0] == "Russo-Syrian alliance inflicts “biggest defeat of ISIS in 3 years”"
    assert two["published_at"][1].date() == date(2017, 9, 10)
    assert "Rouhani" in two["body"][1] and "Rouhani" not in two["body"][0]


def test_no_chrome_line_survives_in_any_body(seeds_run):
    _, df, _ = seeds_run
    for marker in CHROME_MARKERS:
        hits = df.filter(pl.col("body").str.contains(marker, literal=True))
        assert hits.is_empty(), f"{marker!r} survived in {hits['seed'].to_list()}"


def test_titles_dates_and_outlets_where_the_page_states_them(seeds_run):
    _, df, _ = seeds_run
    s000, s002, s003, s004 = (_seed(df, s).row(0, named=True) for s in ("000", "002", "003", "004"))
    assert s000["title"] == "ISIL’s Defeats in Fallujah, Aleppo, Raqqa Changes Regional Power Balance"
    assert s002["title"] == "ISIL Left with Only 34 Bases in Iraq, Syria"
    assert s003["title"] == "Shamkhani: The Liberation of Deir Ezzor Dealt the Final Blow to the Remnants of Daesh in Syria"
    # publication dates, not the crawl dates printed in the page header
    assert s000["published_at"].date() == date(2016, 6, 22) and s000["page_date"] == date(2018, 6, 23)
    assert s002["published_at"].date() == date(2015, 11, 21) and s002["page_date"] == date(2018, 6, 18)
    assert s003["published_at"] is None  # "10 months ago" with no anchor date
    assert s004["published_at"] is None and s004["page_date"] == date(2020, 7, 14)  # a header clock
    assert (s000["outlet"], s002["outlet"], s003["outlet"], s004["outlet"]) == ("FNA", "FNA", "Al-Ahed News", "Sputnik")
    assert all(lang == "en" for lang in df["language"])


def test_stage_reports_and_data_docs_exist(seeds_run):
    summary, _, data_dir = seeds_run
    reports = Path(summary["reports_dir"])
    assert (reports / "data_docs" / "index.html").exists()
    for stage in ("ingest", "clean", "enrich", "publish"):
        assert (data_dir / "staging" / summary["run_id"] / stage / "manifest.json").exists()
        assert any((reports / "gx_results" / stage).rglob("*.json")), stage
    assert (reports / "dataset_card.md").read_text().startswith("# News corpus — version 0")


@pytest.fixture(scope="module")
def sample_runs(tmp_path_factory):
    """Sample corpus, then the same again, then one new page."""
    root = tmp_path_factory.mktemp("sample")
    data_dir = root / "data"
    first = run([SAMPLE], data_dir)
    assert first.is_completed(), first.message
    again = run([SAMPLE], data_dir)
    assert again.is_completed(), again.message
    extra = root / "extra"
    extra.mkdir()
    (extra / "new.txt").write_text(
        "Army Engineers Reopen the Palmyra Road\n\n3 March 2019\n\n"
        "Army engineers reopened the desert road to Palmyra on Sunday after clearing mines left by Daesh, "
        "the governor said, adding that buses would run again from Homs within a week.\n\n"
        "Residents who fled in 2015 have begun returning to the eastern districts, where water and power "
        "were restored last month, according to the provincial council.\n"
    )
    third = run([SAMPLE, extra], data_dir)
    assert third.is_completed(), third.message
    return data_dir, first.result(), again.result(), third.result()


def test_sample_run_accounts_for_every_input(sample_runs):
    data_dir, first, _, _ = sample_runs
    n_files = len(list(SAMPLE.glob("*.txt")))
    assert first["input_records"] == n_files
    q = pl.read_delta(str(data_dir / "published" / "quarantine"))
    assert "duplicate_input" in q["rule"].to_list()  # the byte-identical page
    assert "body:has_article_text" in q["rule"].to_list()  # the page that is only chrome
    published_docs = table(data_dir, 0)["doc_id"].n_unique()
    ingest_q = q.filter(pl.col("stage") == "ingest").height
    doc_q = q.filter(pl.col("stage") != "ingest").filter(~pl.col("doc_id").is_in(table(data_dir, 0)["doc_id"].implode()))["doc_id"].n_unique()
    assert published_docs + doc_q + ingest_q == n_files


def test_rerun_with_same_input_adds_no_rows_and_no_version(sample_runs):
    data_dir, first, again, _ = sample_runs
    assert again["version"] is None and again["documents_in"] == 0
    assert again["already_ingested"] == first["documents_in"] + sum(
        n for rule, n in first["quarantined_by_rule"].items() if rule.startswith(("clean/", "enrich/", "publish/")))
    assert table(data_dir, 0)["article_id"].is_unique().all()


def test_new_input_adds_a_version_and_version_zero_still_loads(sample_runs):
    data_dir, first, _, third = sample_runs
    assert third["version"] == 1 and third["documents_in"] == 1
    v0, v1 = table(data_dir, 0), table(data_dir, 1)
    assert v1.height == v0.height + 1
    assert v0.height == first["articles_published"]
    assert v1.filter(~pl.col("article_id").is_in(v0["article_id"].implode()))["title"].to_list() == [
        "Army Engineers Reopen the Palmyra Road"]


def test_sample_duplicates_point_at_published_articles(sample_runs):
    data_dir, *_ = sample_runs
    df = table(data_dir)
    dups = df.filter(pl.col("duplicate_of").is_not_null())
    assert dups.height >= 1  # the near-duplicate repost on another site
    assert dups["duplicate_of"].is_in(df["article_id"].implode()).all()


def test_dataset_level_failure_fails_the_run_and_publishes_nothing(tmp_path, sample_runs):
    data_dir_src, *_ = sample_runs
    data_dir = tmp_path / "data"
    shutil.copytree(data_dir_src / "published", data_dir / "published")
    before = table(data_dir)
    garbled = tmp_path / "garbled"
    garbled.mkdir()
    for i in range(4):  # an export in a legacy code page with a wrong declared encoding: every file needs repair
        (garbled / f"g{i}.txt").write_bytes(("Le ministère a annoncé la libération de la ville numéro %d. " % i * 30).encode("cp1252"))
    # a run id ending in digits once broke GX (it parsed "...Z-4061" as a UTC offset)
    state = run([garbled], data_dir, run_id="20261121T083126Z-4061")
    assert state.is_failed()
    with pytest.raises(Exception, match=r"ingest gate failed: GX expect_column_values_to_be_null\(decode_note\)"):
        state.result()
    from tasks.publish import list_versions

    assert [v["version"] for v in list_versions(data_dir / "published" / "articles")] == [0, 1]
    assert table(data_dir).equals(before)
    assert table(data_dir, 0).height > 0


def test_prefect_api_shows_named_stage_runs_and_their_artifacts(seeds_run):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey, FlowRunFilter, FlowRunFilterName

    summary, _, _ = seeds_run
    rid = summary["run_id"]
    names = [f"pipeline-{rid}"] + [f"{s}-{rid}" for s in ("ingest", "clean", "enrich", "publish")]
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(flow_run_filter=FlowRunFilter(name=FlowRunFilterName(any_=names)))
        assert sorted(r.name for r in runs) == sorted(names)
        assert all(r.state.is_completed() for r in runs)
        stage_run_ids = {r.id for r in runs if not r.name.startswith("pipeline-")}
        for stage in ("ingest", "clean", "enrich", "publish"):
            arts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[f"{stage}-report", f"{stage}-counts"])))
            mine = [a for a in arts if a.flow_run_id in stage_run_ids]
            assert sorted(a.type for a in mine) == ["markdown", "table"], stage
            table = next(a for a in mine if a.type == "table")
            assert "rows in" in str(table.data) and "duration" in str(table.data)


# a recurring site line no rule knows (disclaimers have a rule of their own): only template evidence removes it
SITE_LINE = "Cedar Ridge Daily is printed every morning at the old mill on Water Street by a small team of volunteers."


def _page(i: int) -> str:
    towns = ["Homs", "Hama", "Idlib", "Raqqa", "Tartus", "Daraa"]
    town = towns[i % len(towns)]
    return (
        f"Council in {town} Approves Plan Number {i} for Water Repairs\n\n"
        f"The municipal council in {town} approved a repair plan on day {i} of the session, officials said on Monday. "
        f"Engineers expect pumps in {town} to work again within {i + 2} weeks, and the governor promised funds.\n\n"
        f"Residents of {town} have waited {i + 3} months for regular water, a local trader told reporters, "
        "adding that prices of bottled water had doubled since the winter.\n\n"
        f"{SITE_LINE}\n"
    )


def test_template_history_lets_a_small_later_batch_drop_site_boilerplate(tmp_path):
    site = tmp_path / "cedar-ridge"
    site.mkdir()
    for i in range(5):
        (site / f"p{i}.txt").write_text(_page(i))
    data_dir = tmp_path / "data"
    assert run([site], data_dir).is_completed()
    assert not table(data_dir)["body"].str.contains(SITE_LINE, literal=True).any()

    (site / "p9.txt").write_text(_page(9))  # one new page: no template evidence within its own run
    state = run([site], data_dir)
    assert state.is_completed() and state.result()["documents_in"] == 1
    new = table(data_dir, 1).filter(pl.col("source_uri").str.ends_with("p9.txt"))
    assert new.height == 1 and SITE_LINE not in new["body"][0]

    # control: without the history the same single page keeps the line
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "p9.txt").write_text(_page(9))
    assert run([alone], tmp_path / "fresh").is_completed()
    assert SITE_LINE in table(tmp_path / "fresh")["body"][0]


def test_near_duplicate_of_an_article_in_an_earlier_version_is_marked(tmp_path):
    paras = [
        f"Paragraph {i}: the reconstruction committee in Deir ez-Zor met on Tuesday to review progress on bridge "
        f"number {i}, which engineers said would reopen to traffic after {i + 3} weeks of repairs funded by donors."
        for i in range(6)
    ]
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir(), later.mkdir()
    (first / "a.txt").write_text("Bridges of Deir ez-Zor Reopen One by One\n\n" + "\n\n".join(paras) + "\n")
    edited = paras[3:] + paras[:3]  # reordered, one sentence changed, reposted elsewhere
    edited[1] = edited[1].replace("met on Tuesday", "gathered on Wednesday")
    (later / "b.txt").write_text("Deir ez-Zor bridges reopen\n\n" + "\n\n".join(edited) + "\n")
    data_dir = tmp_path / "data"
    assert run([first], data_dir).is_completed()
    assert run([later], data_dir).is_completed()
    v0, v1 = table(data_dir, 0), table(data_dir)
    repost = v1.filter(pl.col("source_uri").str.ends_with("b.txt")).row(0, named=True)
    assert repost["duplicate_of"] == v0["article_id"][0] and repost["dup_kind"] == "near"


def test_same_flows_run_their_shards_on_a_dask_cluster(tmp_path, seeds_dir, monkeypatch, seeds_run):
    monkeypatch.setenv("CORPUS_DASK_ADDRESS", "local")
    monkeypatch.setenv("CORPUS_WORKERS", "2")
    data_dir = tmp_path / "data"
    state = run([seeds_dir], data_dir, shard_size=2)  # 3 shards spread over 2 worker processes
    assert state.is_completed(), state.message
    _, threaded, _ = seeds_run
    dask = table(data_dir)
    cols = ["article_id", "title", "body", "published_at", "outlet", "duplicate_of"]
    assert dask.select(cols).sort("article_id").equals(threaded.select(cols).sort("article_id"))
