"""One test per rule of ``tasks.clean.rules``: the line goes, under that rule's name, and the body stays."""

import pytest

from clean_synth import PARA, PARA2, PARA3, body_lines, clean, removed


def page(*chrome_tail: str, head: tuple[str, ...] = ()) -> str:
    return "\n\n".join([*head, "A Headline About Something Important", PARA, PARA2, PARA3, *chrome_tail])


@pytest.mark.parametrize(
    "line, rule",
    [
        ("Scroll Up", "widget"),
        ("Listen Live", "widget"),
        ("Get short URL", "widget"),
        ("Please Wait...", "widget"),
        ("Community standardsDiscussion", "widget"),
        ("starAdd to favorites", "widget"),
        ("12k SHARES SHARE THIS STORY", "widget"),
        ("Follow us on Twitter for the latest updates", "social_prompt"),
        ("Subscribe to our newsletter today", "social_prompt"),
        ("Related Articles", "related_header"),
        ("You may also like:", "related_header"),
        ("Website is Down For Maintenance", "error_page"),
        ("404 Not Found", "error_page"),
        ("We use cookies to improve your experience. By continuing to use this site you agree.", "cookie_notice"),
        ("Copyright © 2017 Example Media. All rights reserved.", "copyright"),
        ("Russia Versus ISIL in Syria (618)", "topic_counter"),
        ("1,234 views", "counter"),
        ("0 165", "numbers_only"),
        ("// -0.072745", "js_residue"),
        ("var x = function() { return 1; };", "js_residue"),
        ("* * *", "symbols_only"),
        # two links on a line are link chrome; one bare URL alone is not (tests/unit/clean/test_tail_chrome.py)
        ("https://www.example.com/some/long/path https://www.example.com/other/path", "link_dense"),
        ("NEWSWorldWorld MiddleEast", "menu_glue"),
    ],
)
def test_tail_rule(line, rule):
    r = clean([page(line)])
    assert removed(r).get(line) == rule
    assert len(body_lines(r)) == 3


@pytest.mark.parametrize(
    "line, rule",
    [
        ("The president meets his counterpart in the capital on Sunday. (Photo by IRNA)", "photo_caption"),
        ("President Trump with aides ( REUTERS/Jonathan Ernst )", "photo_caption"),
        ("Image caption: A crowd gathered outside", "photo_caption"),
        ("Great rally tonight! pic.twitter.com/AbC123xyz", "tweet_embed"),
        ("— Jane Doe (@janedoe) June 3, 2017", "tweet_embed"),
        ("Advertisement", "ad_label"),
        ("READ MORE: Officials Say Talks Will Continue", "read_more"),
        ("To download the full report click here for details", "call_to_action"),
    ],
)
def test_inline_rule_inside_body(line, rule):
    text = "\n\n".join(["A Headline About Something", PARA, line, PARA2, PARA3])
    r = clean([text])
    assert removed(r).get(line) == rule
    assert len(body_lines(r)) == 3


def test_tweet_text_before_its_signature_goes_too():
    tweet = "Such a great day with great people"
    sig = "— Jane Doe (@janedoe) June 3, 2017"
    r = clean(["\n\n".join(["Headline Of The Story", PARA, tweet, sig, PARA2, PARA3])])
    assert removed(r)[tweet] == "tweet_embed" and removed(r)[sig] == "tweet_embed"


def test_repeated_caption_line():
    cap = "Iran's president meets his counterpart in Astana on Sunday"
    r = clean(["\n".join(["Headline Of The Story", "", PARA, "", cap, cap, "", PARA2, "", PARA3])])
    rules = r.removed_lines.filter(r.removed_lines["text"] == cap)["rule"].to_list()
    assert "repeated_line" in rules


def test_comment_form_block_from_start_to_end_marker():
    form = ["Leave a Reply", "Fill in your details below or click an icon to log in:",
            "You are commenting using your WordPress.com account. Log Out / Change )",
            "Google+ photo", "Connecting to %s"]
    r = clean([page(*form)])
    got = removed(r)
    assert got["Leave a Reply"] == "comment_block"
    assert got["Google+ photo"] == "comment_block"
    assert got["Connecting to %s"] == "comment_form"
    assert len(body_lines(r)) == 3


def test_comment_section_start_before_the_body_does_not_eat_the_page():
    r = clean(["\n\n".join(["Comments (3)", "A Headline About Something", PARA, PARA2])])
    assert len(body_lines(r)) == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "Shares in the company rose 5% after the announcement, and analysts said more gains were likely.",
        "The BBC said the programme had been watched by more than ten million people on Sunday evening.",
        "The firm has signed up 2 million subscribers to its Asymmetric Digital Subscriber Line service.",
        "Follow-up talks with the unions are expected to take place next week in the capital, officials said.",
        "404 people were evacuated from the building, the fire service said.",
        "More to follow.",
    ],
)
def test_negative_control_sentences_survive(sentence):
    r = clean(["\n\n".join(["A Headline About Something", PARA, sentence, PARA2])])
    assert sentence in body_lines(r)
    assert r.removed_lines.filter(r.removed_lines["text"] == sentence).height == 0


def test_a_rule_never_fires_past_its_word_cap():
    from tasks.clean.rules import RULES

    cap = max(most for name, _, _, most in RULES if name == "copyright")  # (a long reuse notice has its own entry)
    short = "Copyright © 2017 Example Media. All rights reserved."
    long = short + " " + " ".join(["The paper was founded by its readers and is still owned by them today."] * 8)
    assert len(long.split()) > cap
    got = removed(clean([page(short)]))
    assert got[short] == "copyright"
    assert long not in removed(clean([page(long)]))
