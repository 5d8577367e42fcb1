"""Multi-article pages: a date line after a finished article starts a new one."""

from clean_synth import PARA, PARA2, PARA3, clean


def test_second_dateline_starts_a_new_article():
    text = "\n\n".join([
        "First Story Headline About Talks", "12 March 2017", PARA, PARA2,
        "Sun Sep 10, 2017 9:16AM", PARA3, PARA2 + " Indeed.",
    ])
    a = clean([text]).articles
    assert a["n_segments"].to_list() == [2, 2]
    assert a["segment"].to_list() == [0, 1]
    assert a["published_text"].to_list() == ["12 March 2017", "Sun Sep 10, 2017 9:16AM"]
    assert a["article_id"][1].endswith("-1")
    assert PARA3 in a["body"][1] and PARA3 not in a["body"][0]


def test_headline_before_the_date_belongs_to_the_new_article():
    text = "\n\n".join([PARA, PARA2, "Second Story About the Oil Market", "June 3, 2017", PARA3, PARA + " Again."])
    a = clean([text]).articles
    assert a.height == 2
    assert a["title"][1] == "Second Story About the Oil Market"


def test_no_split_without_body_on_both_sides():
    text = "\n\n".join(["Headline Of The Day", PARA, "June 3, 2017", PARA2])
    assert clean([text]).articles.height == 1


def test_comment_timestamps_do_not_split():
    text = "\n\n".join(["Headline Of The Day", PARA, PARA2, "June 3, 2017 at 5:12 pm", PARA3, PARA])
    assert clean([text]).articles.height == 1
