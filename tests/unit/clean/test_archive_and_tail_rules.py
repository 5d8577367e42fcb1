"""Author archives, copyright tails, ad slots and the other forms the shared corpora's real pages showed
(2026-12-02, fourth session): each rule removes its form, and the look-alike article text stays."""

import polars as pl
import pytest

from tasks.clean.features import add_features, add_stopwords, feature_class
from tasks.clean.lines import build_units

from clean_synth import PARA, PARA2, PARA3, body_lines, bronze, clean, removed

HEAD = "A Headline About Something Important"


def _archive(name: str, n_entries: int) -> str:
    teasers = [
        "Who among us has not been caught at one time or another holding papers it would be unwise to be seen with?",
        "Take some world-class cars, add a day on a race track learning to drive them, and what do you get in the end?",
        "It has just about everything you could ask for, including a dashboard that talks back to you in the morning.",
        "Do you have twenty thousand or so burning a hole in your pocket that you would like to spend on two speakers?",
    ]
    parts = [name, f"{name} writes about cars and gadgets for several magazines.", f"Most Recent Articles by {name}:"]
    for i in range(n_entries):
        # each entry opens a post with two or three paragraphs: as long as an article's, and in a row
        parts += [f"Jun {20 - i}, 2008 — {name}", teasers[i % len(teasers)], PARA, PARA2][: 4 if i % 2 else 3]
    return "\n\n".join(parts)


def test_author_archive_page_is_no_article():
    r = clean([_archive("Jim Bray", 4)])
    assert r.articles["body"][0] == ""
    assert set(r.removed_lines.filter(pl.col("text").str.starts_with("Who among"))["rule"]) == {"no_article"}


def test_a_name_signing_two_dated_bylines_is_no_archive():
    # an article's dated byline in its head and again in its footer
    text = "\n\n".join([HEAD, "Jun 20, 2008 — Jim Bray", PARA, PARA2, PARA3, "Jun 20, 2008 — Jim Bray"])
    r = clean([text])
    assert "no_article" not in set(r.removed_lines["rule"])
    assert {PARA, PARA2, PARA3} <= set(body_lines(r))


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement - story continues below",
        "Story continues below advertisement",
        "Article continues after this ad",
        "Story Continued Below",
    ],
)
def test_ad_slot_markers(line):
    r = clean(["\n\n".join([HEAD, PARA, line, PARA2, PARA3])])
    assert removed(r).get(line) == "ad_label"
    assert len(body_lines(r)) == 3


NOTICE = (
    "©2015 Jane Doe, http://www.janedoe.example, All Rights Reserved. Permission is given to share this message "
    "as long as it is posted in its entirety, nothing is changed, and the author's name and website are included."
)
PROMO = (
    "Jane Doe is a best-selling author who brings forth messages of healing and offers workshops, private sessions "
    "and retreats in the Bay Area; to receive her messages, go to her website and ask to be added to the list."
)


def test_everything_after_a_closing_copyright_notice_is_footer():
    offer = "Receive the next book of messages from Jane:"
    r = clean(["\n\n".join([HEAD, PARA, PARA2, PARA3, NOTICE, offer, PROMO])])
    rules = removed(r)
    assert rules[NOTICE] == "copyright"
    assert rules[offer] == "footer_block"
    assert rules[PROMO] in ("footer_block", "field_author_bio")
    assert len(body_lines(r)) == 3


def test_copyright_notice_near_the_top_cuts_nothing():
    r = clean(["\n\n".join([HEAD, PARA, NOTICE, PARA2, PARA3, PARA])])
    assert removed(r).get(NOTICE) == "copyright"
    assert len(body_lines(r)) == 4


def test_network_name_between_paragraphs_is_a_subheading():
    how_to = (
        "The site lets its users download a copy of their data from the settings page, which takes a few minutes "
        "and produces an archive of every post, photo and message they have shared over the years."
    )
    r = clean(["\n\n".join([HEAD, PARA, "Facebook", how_to, PARA2])])
    assert "Facebook" in body_lines(r)


def test_network_names_in_a_row_are_share_buttons():
    r = clean(["\n\n".join([HEAD, PARA, PARA2, PARA3, "Facebook", "Twitter"])])
    assert removed(r).get("Facebook") == "widget" and removed(r).get("Twitter") == "widget"


def test_a_comment_labelled_with_the_authors_name_is_no_bio():
    comment = ("Makow comment: the writer describes the way men and women lived for most of history, and what "
               "has changed since then in the way they are taught to see each other.")
    bio = "Makow is a writer and the author of several books about society, which he sells on his website."
    r = clean(["\n\n".join([HEAD, PARA, PARA2, PARA3, comment])], meta_author=["Henry Makow"])
    assert comment in body_lines(r)
    r = clean(["\n\n".join([HEAD, PARA, PARA2, PARA3, bio])], meta_author=["Henry Makow"])
    assert r.articles["author_bio"][0] == bio


def _headline_like(texts):
    units, _ = build_units(bronze(texts))
    return feature_class(add_features(add_stopwords(units)))["headline_like"].to_list()


def test_long_sentence_trailing_off_is_prose_not_a_headline():
    cut = "In a downside surprise, the regional factory survey slumped in January, extending its fall to the biggest since 2006…"
    title = "Syrian Army Retakes Key Town From Militants As Russian Jets Pound Their Positions Near The Ancient City…"
    assert _headline_like([f"{cut}\n{title}"]) == [False, True]


def test_short_post_between_site_banners_keeps_its_text():
    lines = [
        "In a downside surprise, the regional factory survey slumped in January, extending its fall to the biggest since 2006…",
        "The number of employees and the average workweek plunged as expectations for new orders tumbled to their weakest…",
    ]
    banner = "Headline: Bitcoin & Blockchain Searches Exceed Trump! Blockchain Stocks Are Next!"
    others = ["\n\n".join([f"Another Story Number {i}", banner, f"{PARA} It was day {i} of the talks.", PARA2])
              for i in range(6)]  # the banner recurs on the site's other pages: a template line
    r = clean(["\n\n".join(["Survey Suffers Biggest Drop Since 2006", banner, *lines]), *others])
    assert removed(r).get(banner) == "template"
    assert body_lines(r, 0) == lines


@pytest.mark.parametrize(
    "line, rule",
    [
        ("Read more great articles here: https://www.example-news.com", "promo_link"),
        ("Royalty Free Photo", "photo_caption"),
        ("Featured image a screen-grab", "photo_caption"),
        ("You can read this piece, then “Comment & Share” at one or more of the following places…", "social_prompt"),
        ("Join Our Movement And Share This Article Now! 3.6k SHARES SHARE ON FACEBOOK SHARE ON TWITTER", "social_prompt"),
    ],
)
def test_tail_forms(line, rule):
    r = clean(["\n\n".join([HEAD, PARA, PARA2, PARA3, line])])
    assert removed(r).get(line) == rule
    assert len(body_lines(r)) == 3


def test_wordpress_not_found_text_is_an_error_page():
    line = "It looks like nothing was found at this location. Maybe try a search?"
    r = clean([line])
    assert removed(r).get(line) == "error_page"
    assert r.articles["body"][0] == ""
