"""Metadata lines move out of the body into columns."""

from clean_synth import PARA, PARA2, body_lines, clean, removed


def test_title_date_byline_credit():
    text = "\n\n".join([
        "Example Site Banner", "Government Says Talks Will Go On", "22 June 2016 1:06", "By Jane Doe",
        PARA, PARA2, "Source: Example News Agency",
    ])
    r = clean([text])
    a = r.articles.row(0, named=True)
    assert a["title"] == "Government Says Talks Will Go On"
    assert a["published_text"] == "22 June 2016 1:06"
    assert a["byline"] == "By Jane Doe"
    assert a["credit"] == "Source: Example News Agency"
    assert body_lines(r) == [PARA, PARA2]
    got = removed(r)
    assert got["Example Site Banner"] == "page_header"
    assert got["Government Says Talks Will Go On"] == "field_title"


def test_header_clock_before_the_title_is_the_page_date():
    text = "\n\n".join(["Monday 3 June 2019 | 10:45", "Headline Of The Story Today", "12 May 2017", PARA, PARA2])
    a = clean([text]).articles.row(0, named=True)
    assert a["page_date_text"] == "Monday 3 June 2019 | 10:45"
    assert a["published_text"] == "12 May 2017"


def test_clock_at_the_top_of_a_page_without_title_is_the_page_date():
    text = "\n".join(["21:39 GMT14 July 2020", "Listen Live", "", PARA, "", PARA2])
    a = clean([text]).articles.row(0, named=True)
    assert a["page_date_text"] == "21:39 GMT14 July 2020"
    assert a["published_text"] is None


def test_relative_date_is_kept_as_text():
    text = "\n\n".join(["Headline Of The Story Today", "folder_openWorld... access_time3 hours ago", PARA, PARA2])
    assert clean([text]).articles["published_text"][0] == "3 hours ago"


def test_role_byline_and_tags_line():
    text = "\n\n".join(["Headline Of The Story Today", "Local Editor", PARA, PARA2, "Tags: Syria, Iran, Oil"])
    a = clean([text]).articles.row(0, named=True)
    assert a["byline"] == "Local Editor"
    assert a["tags_line"] == ["Syria", "Iran", "Oil"]


def test_trailing_comma_list_is_tags():
    text = "\n\n".join(["Headline Of The Story Today", PARA, PARA2, "Daesh, Jane Doe, Iran, Syria"])
    assert clean([text]).articles["tags_line"][0].to_list() == ["Daesh", "Jane Doe", "Iran", "Syria"]


def test_dateline_is_cut_from_the_first_paragraph():
    text = "\n\n".join(["Headline Of The Story Today", "MOSCOW (Agency) — " + PARA, PARA2])
    r = clean([text])
    assert r.articles["dateline"][0] == "MOSCOW (Agency)"
    assert body_lines(r)[0] == PARA
    wire = clean(["SALVADOR, Feb 26 - " + PARA + "\n\n" + PARA2])
    assert wire.articles["dateline"][0] == "SALVADOR, Feb 26"


def test_wire_signoff_is_a_credit():
    r = clean([PARA + "\n\n" + PARA2 + "\n Reuter\n&#3;"])
    assert r.articles["credit"][0] == "Reuter"
    assert removed(r)["&#3;"] == "wire_control"


def test_meta_title_wins_and_is_the_fallback():
    text = "\n\n".join(["Site Name Here Today", "The Real Headline Of This Story", PARA, PARA2])
    r = clean([text], meta_title=["The Real Headline of this story"])
    assert r.articles["title"][0] == "The Real Headline Of This Story"
    r2 = clean([PARA + "\n\n" + PARA2], meta_title=["  Title &amp; More "])
    assert r2.articles["title"][0] == "Title & More"


def test_breadcrumb_repeating_the_title_goes():
    title = "Officials Say The Talks Will Continue Next Week"
    text = "\n\n".join([f"NEWS... World: {title}", title, "3 hours ago", PARA, PARA2])
    r = clean([text])
    assert r.articles["title"][0] == title
    assert removed(r)[f"NEWS... World: {title}"] == "title_repeat"


def test_cued_date_under_a_standfirst_is_the_publication_date():
    text = "\n\n".join([
        "Headline Of The Story Today", PARA, "By Jane Doe",
        "Publié le 14/02/2019 à 09h05 | Mis à jour le 14/02/2019 à 17h40", PARA2,
    ])
    a = clean([text]).articles.row(0, named=True)
    assert a["published_text"].startswith("Publié le 14/02/2019")
    # without the cue, a date line that deep in the article stays where it is
    plain = "\n\n".join(["Headline Of The Story Today", PARA, PARA2, "14/02/2019", PARA])
    assert clean([plain]).articles["published_text"][0] is None


def test_archive_month_selector_is_never_the_title():
    text = "\n\n".join([
        "Blog Archives Select Month… March, 2019 February, 2019 January, 2019 December, 2018",
        "Council Approves The New Budget Plan", PARA, PARA2,
    ])
    assert clean([text]).articles["title"][0] == "Council Approves The New Budget Plan"


def test_long_first_line_headline_beats_a_short_verse_line():
    title = "When The River Rose Over The Old Town Last Spring We Stayed … And Nobody Came Back To Count Us After All Of It"
    verses = ["The water came at night", "We carried what we could", "And no one wrote it down"]
    text = "\n".join([title, *verses, "", PARA, "", PARA2])
    assert clean([text]).articles["title"][0] == title


def test_deck_sentence_above_the_title_stays_in_the_body():
    deck = "I am tired of being told that the town and its people are the problem"
    text = "\n\n".join(["Subscribe to Example News for FREE", deck, "Close The Old Bridge Now", PARA, PARA2])
    r = clean([text], meta_title=["Close The Old Bridge Now"])
    assert r.articles["title"][0] == "Close The Old Bridge Now"
    assert body_lines(r) == [deck, PARA, PARA2]


def test_short_banner_above_the_title_is_page_header():
    text = "\n\n".join(["Example Poetry Online", "Close The Old Bridge Now", PARA, PARA2])
    r = clean([text], meta_title=["Close The Old Bridge Now"])
    assert removed(r)["Example Poetry Online"] == "page_header"
    assert body_lines(r) == [PARA, PARA2]


def test_bare_short_date_in_the_head_is_a_date_line_not_parsed():
    text = "\n\n".join(["Close The Old Bridge Now", "3-6-16", PARA, PARA2])
    r = clean([text])
    assert removed(r)["3-6-16"] == "date_line"
    assert r.articles["published_text"][0] is None  # two-digit year: never guessed
    assert body_lines(r) == [PARA, PARA2]
