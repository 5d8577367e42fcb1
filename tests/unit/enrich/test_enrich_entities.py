"""Gazetteer loading and Aho-Corasick entity tagging."""

from __future__ import annotations

import pickle

import polars as pl
import pytest

from tasks.enrich.entities import find_mentions, load_gazetteer, tag_entities


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def canon(gaz, text: str) -> list[str]:
    return find_mentions([text], gaz)["canonical"].to_list()


def entities_of(gaz, text: str) -> dict[str, int]:
    out = tag_entities(pl.DataFrame({"body": [text]}), gaz)
    return {e["canonical"]: e["mentions"] for e in out["entities"][0]}


def test_isis_isil_daesh_islamic_state_are_one_canonical(gaz):
    for alias in ["ISIS", "ISIL", "Daesh", "Islamic State", "islamic state", "Islamic State of Iraq and the Levant", "DAESH"]:
        assert canon(gaz, f"Fighters of {alias} withdrew.") == ["Islamic State"], alias
    assert gaz.entity("Islamic State").wikidata == "Q2429253"
    out = tag_entities(pl.DataFrame({"body": ["ISIL and Daesh and ISIS."]}), gaz)
    assert out["entities"][0].to_list() == [{"canonical": "Islamic State", "type": "ARMED_GROUP", "mentions": 3}]
    assert out["entity_ids"][0].to_list() == ["Q2429253"]


def test_is_only_in_unambiguous_contexts(gaz):
    assert canon(gaz, "Officials say this IS true.") == []
    assert canon(gaz, "this is true") == []
    assert canon(gaz, "IS militants attacked the town.") == ["Islamic State"]
    assert canon(gaz, "the so-called Islamic State group (IS) lost ground") == ["Islamic State", "Islamic State"]
    assert canon(gaz, "is militants") == []  # case-sensitive


def test_word_boundaries(gaz):
    assert canon(gaz, "Iranian and Syrian officials") == []
    assert canon(gaz, "Assad's forces near Iran.") == ["Bashar al-Assad", "Iran"]
    assert canon(gaz, "the anti-ISIS campaign") == ["Islamic State"]
    assert canon(gaz, "a US-made rifle, us, bus, USA") == ["United States", "United States"]


def test_longest_match_wins_and_no_nested_double_count(gaz):
    assert canon(gaz, "The Free Syrian Army met the Syrian Democratic Forces.") == [
        "Free Syrian Army",
        "Syrian Democratic Forces",
    ]
    assert canon(gaz, "President Bashar al-Assad") == ["Bashar al-Assad"]
    assert canon(gaz, "Supreme National Security Council") == ["Supreme National Security Council"]


def test_spelling_variants_of_places_and_people(gaz):
    for name in ["Deir ez-Zor", "Deir Ezzor", "Deir Ezzur", "Deir al-Zour", "deir ez zor", "Deir Ez-Zor"]:
        assert canon(gaz, f"in {name} today") == ["Deir ez-Zor"], name
    for name in ["Sergei Shoigu", "Sergey Shoigu", "Shoigu"]:
        assert canon(gaz, f"{name} visited") == ["Sergei Shoigu"], name
    for name in ["Hashd al-Shaabi", "Popular Mobilization Units", "PMU", "Hash Al-Shaabi"]:
        assert canon(gaz, f"the {name} advanced") == ["Popular Mobilization Units"], name
    assert canon(gaz, "Jabhat al-Nusra") == ["Jabhat al-Nusra"]
    assert canon(gaz, "Hayat Tahrir al-Sham") == ["Hayat Tahrir al-Sham"]  # a separate canonical
    assert canon(gaz, "Al-Ahed and Fars News Agency (FNA) and Press TV") == [
        "Al-Ahed", "Fars News Agency", "Fars News Agency", "Press TV",
    ]


def test_typographic_apostrophe_and_hyphen_variants(gaz):
    assert canon(gaz, "Hay’at Tahrir al‑Sham") == ["Hayat Tahrir al-Sham"]


def test_case_sensitive_acronyms(gaz):
    assert canon(gaz, "reported by AP and RT") == ["Associated Press", "RT"]
    assert canon(gaz, "an ap story, rt") == []
    assert canon(gaz, "turkey for dinner in Turkey") == ["Turkey"]
    assert canon(gaz, "Shares fell after the FSA fined the bank") == []
    assert canon(gaz, "FSA rebels withdrew") == ["Free Syrian Army"]


def test_tag_entities_columns_order_and_empty_rows(gaz):
    df = pl.DataFrame({"article_id": ["a", "b", "c"], "body": ["Putin met Assad in Damascus. Putin left.", "", None]})
    out = tag_entities(df, gaz)
    assert out.columns == ["article_id", "body", "entities", "entity_ids"]
    assert out.schema["entities"] == pl.List(
        pl.Struct({"canonical": pl.String, "type": pl.String, "mentions": pl.UInt32})
    )
    first = out["entities"][0].to_list()
    assert first[0] == {"canonical": "Vladimir Putin", "type": "PERSON", "mentions": 2}
    assert {e["canonical"] for e in first} == {"Vladimir Putin", "Bashar al-Assad", "Damascus"}
    assert out["entity_ids"][0].to_list() == ["Q7747", "gaz:bashar_al_assad", "Q3766"]
    assert out["entities"][1].to_list() == [] and out["entities"][2].to_list() == []
    assert out["entity_ids"].null_count() == 0


def test_user_yaml_and_csv_extend_the_gazetteer(tmp_path, gaz):
    y = tmp_path / "extra.yaml"
    y.write_text(
        "entities:\n"
        "  - canonical: Islamic State\n    aliases: [Daech]\n"
        "  - canonical: Sheikh Maqsoud\n    type: gpe\n    aliases: [Sheikh Maqsoud, Sheikh Maksoud]\n",
        encoding="utf-8",
    )
    c = tmp_path / "more.csv"
    c.write_text(
        "canonical,type,aliases,wikidata,case_sensitive\n"
        "Khan Shaykhun,GPE,Khan Sheikhoun;Khan Shaykhun,,\n"
        "Jaysh al-Izza,ARMED_GROUP,Jaish al-Izza,,JAI\n",
        encoding="utf-8",
    )
    g = load_gazetteer([y, c])
    assert len(g) == len(gaz) + 3
    assert canon(g, "Daech fled Sheikh Maksoud for Khan Sheikhoun with JAI and jai") == [
        "Islamic State", "Sheikh Maqsoud", "Khan Shaykhun", "Jaysh al-Izza",
    ]
    assert g.entity("Sheikh Maqsoud").type == "GPE"
    assert g.entity("Islamic State").wikidata == "Q2429253"  # merged, not replaced
    # a directory of files works too
    assert len(load_gazetteer([tmp_path])) == len(g)


def test_alias_conflict_goes_to_later_file_and_is_reported(tmp_path):
    y = tmp_path / "conflict.yaml"
    y.write_text("- canonical: Daesh Media Office\n  type: MEDIA\n  aliases: [Daesh]\n", encoding="utf-8")
    g = load_gazetteer([y])
    assert canon(g, "Daesh said") == ["Daesh Media Office"]
    assert any("Daesh" in c for c in g.conflicts)


def test_later_file_wins_even_when_extending_an_earlier_entity(tmp_path):
    # "Nusra" belongs to Jabhat al-Nusra in the built-in file, listed after Islamic State;
    # a user file that extends Islamic State with it must win
    y = tmp_path / "reassign.yaml"
    y.write_text("- canonical: Islamic State\n  aliases: [Nusra]\n", encoding="utf-8")
    g = load_gazetteer([y])
    assert canon(g, "Nusra fighters") == ["Islamic State"]
    assert canon(g, "Jabhat al-Nusra fighters") == ["Jabhat al-Nusra"]
    assert any("Nusra" in c for c in g.conflicts)


def test_missing_user_file_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_gazetteer([tmp_path / "nope.yaml"])


def test_gazetteer_pickles_for_workers(gaz):
    g2 = pickle.loads(pickle.dumps(gaz))
    assert canon(g2, "ISIL") == ["Islamic State"]


def test_offsets_are_char_offsets_in_original_text(gaz):
    text = "Ünïcode first: then İstanbul and ISIL’s men, then Raqqa."
    m = find_mentions([text], gaz)
    assert [text[s:e] for s, e in zip(m["start"], m["end"])] == ["ISIL", "Raqqa"]
