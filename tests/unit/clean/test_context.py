"""Neighbour context: subheadings stay, short lines among chrome go, related-link runs."""

from clean_synth import PARA, PARA2, PARA3, body_lines, clean, removed


def test_subheading_between_paragraphs_stays():
    r = clean(["\n\n".join(["Headline Of The Story", PARA, "Oil prices", PARA2, "Regional terror on its last legs", PARA3])])
    assert "Oil prices" in body_lines(r) and "Regional terror on its last legs" in body_lines(r)


def test_subheading_after_a_caption_stays():
    cap = "The minister arrives at the meeting in the capital. (Photo by Agency)"
    r = clean(["\n\n".join(["Headline Of The Story", PARA, cap, "Oil prices", PARA2])])
    assert "Oil prices" in body_lines(r)
    assert removed(r)[cap] == "photo_caption"


SHARE_BAR = "Share on Facebook | Tweet | Email"


def _mid_article(*mid: str):
    return clean(["\n\n".join(["Headline Of The Story", PARA, PARA2, SHARE_BAR, *mid, PARA3, PARA + " Again."])])


def test_subheading_after_one_interruption_between_paragraphs_stays():
    r = _mid_article("Oman plays broker")
    assert "Oman plays broker" in body_lines(r)
    assert removed(r)[SHARE_BAR] == "widget"


def test_short_lines_after_an_introducer_or_in_capitals_still_go():
    # "RELATED:" / "Related stories" introduce the headline after them: a related link, no subheading
    assert removed(_mid_article("RELATED:", "Oman Plays Broker"))["Oman Plays Broker"] == "context_short"
    assert removed(_mid_article("Related stories", "Oman Plays Broker Again"))["Oman Plays Broker Again"] == "context_short"
    # a box's header in capitals, or a line ending with a colon, is no subheading either
    assert removed(_mid_article("JOIN OUR READERS"))["JOIN OUR READERS"] == "context_short"
    assert removed(_mid_article("Oman plays broker:"))["Oman plays broker:"] == "context_short"


def test_short_lines_between_chrome_go():
    r = clean(["\n\n".join(["Headline Of The Story", PARA, PARA2, "Share this:", "Something Short", "Scroll Up"])])
    assert removed(r)["Something Short"] == "context_short"
    assert body_lines(r) == [PARA, PARA2]


def test_trailing_list_without_evidence_stays():
    items = ["Arsenal v Chelsea", "Leeds v Wigan", "Derby v Reading"]
    r = clean(["\n\n".join(["Headline Of The Story", PARA, PARA2, *items])])
    assert body_lines(r)[-3:] == items


def test_related_links_after_chrome_go():
    links = [
        "Officials Warn of New Floods in the North",
        "Oil Prices Rise as Talks in Vienna Stall Again",
        "New Report Says Economy Grew Faster Than Expected",
    ]
    r = clean(["\n\n".join(["Headline Of The Story", PARA, PARA2, "Topics in the News (12)", *links, "Scroll Up"])])
    assert {removed(r)[l] for l in links} == {"related_links"}
    assert body_lines(r) == [PARA, PARA2]


def test_chrome_only_page_yields_one_empty_article():
    r = clean(["Home\nWorld\nSport\nScroll Up\nListen Live"])
    assert r.articles.height == 1
    assert r.articles["body"][0] == "" and r.articles["lines_kept"][0] == 0


def test_head_line_between_banner_and_first_paragraph_stays():
    # a byline / credit / greeting after the page banner, before the article's first paragraph
    for line in ("Authored by Jane Doe via Example Report", "Hello everyone,", "James Roe"):
        r = clean(["\n\n".join(["Subscribe to Example News for FREE", line, PARA, PARA2])])
        assert line in r.articles["body"][0] or r.articles["title"][0] == line, line
        assert removed(r).get(line) != "context_short"


def test_one_word_menu_items_after_a_banner_still_go():
    r = clean(["\n\n".join(["Subscribe to Example News for FREE", "Home", "World", "Politics", PARA, PARA2])])
    assert removed(r)["World"] == "context_short" and removed(r)["Politics"] == "context_short"
    assert body_lines(r) == [PARA, PARA2]


def test_title_case_headline_closing_the_article_is_closing_headline():
    teaser = "Barrels Removed From The Old Mill Contained Parts Of Three Missing Boats"
    r = clean(["\n\n".join(["Headline Of The Story", PARA, PARA2, PARA3, teaser])])
    assert removed(r)[teaser] == "closing_headline"
    assert body_lines(r) == [PARA, PARA2, PARA3]


def test_sign_offs_subheadings_and_wire_legends_closing_or_inside_stay():
    for last in ("Welcome the spring and blessed be, Ellen",  # a sentence-case sign-off
                 "UNC - UNCHANGED DP - DELAYED PRICING",  # all capitals: a wire table legend
                 "(See The Spotlight Index For The Full Table)"):  # a parenthesis
        r = clean(["\n\n".join(["Headline Of The Story", PARA, PARA2, last])])
        assert last in body_lines(r), last
    sub = "What The Council Decided On Tuesday Night"  # a subheading: text follows it
    r = clean(["\n\n".join(["Headline Of The Story", PARA, PARA2, sub, PARA3])])
    assert sub in body_lines(r)
