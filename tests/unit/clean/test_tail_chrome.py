"""Generalised chrome around the article's end, and the metadata next to it that must survive.

Each rule has a positive case (the line goes, under its rule's name) and a negative case
(a body or metadata line that looks alike stays). All examples are invented.
"""

import polars as pl
import pytest

from tasks.clean import clean_documents, merge_template_stats, template_stats
from tasks.settings import Settings

from clean_synth import PARA, PARA2, PARA3, body_lines, bronze, clean, removed
from test_features import features

HEAD = "A Headline About Something Important"


def page(*tail: str, head: tuple[str, ...] = ()) -> str:
    return "\n\n".join([*head, HEAD, PARA, PARA2, PARA3, *tail])


# --------------------------------------------------------------------------- bare URLs and lead-ins


def test_bare_url_after_the_body_is_kept():
    url = "https://www.example.org/2017/05/a-story-about-the-council-meeting"
    r = clean([page(url)])
    assert url not in removed(r)
    assert body_lines(r)[-1] == url


def test_reference_urls_after_a_lead_in_survive_a_chrome_line():
    refs = ["https://www.example.org/report/2017", "https://en.example.net/wiki/Council_Meeting"]
    lead = "Further sources for this story:"
    r = clean([page("Subscribe to our newsletter today", lead, *refs)])
    got = removed(r)
    assert got["Subscribe to our newsletter today"] == "social_prompt"
    assert lead not in got and not any(u in got for u in refs)
    assert body_lines(r)[-3:] == [lead, *refs]


def test_urls_after_a_related_header_still_go():
    links = ["https://www.example.org/other-story-one", "https://www.example.org/other-story-two"]
    r = clean([page("Related Articles", *links)])
    got = removed(r)
    assert got["Related Articles"] == "related_header"
    assert all(got.get(u) == "context_short" for u in links)


def test_colon_lead_in_is_near_a_bare_label_is_short():
    f = features(["Watch the full interview below:\nMenu:\nHome News Sport"])
    assert f["fclass"].to_list() == ["near", "short", "short"]


def test_lead_in_before_an_embed_survives_the_widgets_after_it():
    lead = "Watch the full interview below:"
    tweet = "What a night for the team pic.twitter.com/AbCdEf123"
    r = clean([page(lead, tweet, "Share this:", "Like this:")])
    assert lead in body_lines(r)
    assert removed(r)["Share this:"] == "widget"


# --------------------------------------------------------------------------- calls to action, credits


@pytest.mark.parametrize(
    "line, rule",
    [
        ("For more details on the range, please visit the company's official website.", "promo_link"),
        ("To learn more about these products, please visit their website.", "promo_link"),
        ("Click to WATCH: Something Surprising Happens In The Capital", "call_to_action"),
        ("If you would like to contribute an essay, please read our submission rules here.", "call_to_action"),
        ("Featured image via Example Photo Agency", "photo_caption"),
        ("(Image via: Example City Museum)", "photo_caption"),
        ("Photo courtesy of the Example family", "photo_caption"),
        ("No. of Pages: 120", "report_sales"),
        ("Price of Report: $1500 (Single User License)", "report_sales"),
        ("Recommended Resources", "related_header"),
    ],
)
def test_tail_chrome_line(line, rule):
    r = clean([page(line)])
    assert removed(r).get(line) == rule
    assert body_lines(r) == [PARA, PARA2, PARA3]


@pytest.mark.parametrize(
    "sentence",
    [
        "She said she would visit the website of the ministry every morning until the vote.",
        "The price of the report was not disclosed, and the agency declined to say who had paid for it.",
        "The image via satellite showed the storm moving north towards the coast on Tuesday night.",
        "Officials said they were not sure whether the plan would work here.",
    ],
)
def test_body_sentences_like_those_lines_stay(sentence):
    r = clean(["\n\n".join([HEAD, PARA, sentence, PARA2])])
    assert sentence in body_lines(r)


def test_authorship_credit_is_not_a_syndication_footer():
    credit = "This article was written by Jane Doe and originally published at Example Blog."
    promo = "This article was originally published at Example Blog. Visit example.org for more news."
    r = clean([page(promo, head=(credit,))])
    got = removed(r)
    assert got.get(credit) != "syndication"
    assert got[promo] == "syndication"


# --------------------------------------------------------------------------- about boxes


def test_about_header_with_an_appositive_opens_the_footer_box():
    header = "About Acme Tools, a Widget Group Company:"
    about = ("Founded in 1990, the group designs and makes tools for builders and sells them in forty countries "
             "through a network of dealers and its own shops.")
    r = clean([page(header, about)])
    got = removed(r)
    assert got[header] == "footer_block" and got[about] == "footer_block"
    assert body_lines(r) == [PARA, PARA2, PARA3]


ORG = ("The Example Institute is an independent Freedonian public policy research and educational organization "
       "with offices in three cities and ties to a network of partners.")


def test_about_organisation_paragraph_followed_only_by_chrome():
    # two chrome lines after it: not among the last two units, but no running text follows
    r = clean([page(ORG, "Follow the Example Institute on Twitter | Like us on Facebook", "Scroll Up")])
    assert removed(r)[ORG] == "about_org"
    assert body_lines(r) == [PARA, PARA2, PARA3]


def test_about_organisation_sentence_inside_the_article_stays():
    text = "\n\n".join([HEAD, PARA, ORG, PARA2, PARA3, "Scroll Up"])
    r = clean([text])
    assert ORG in body_lines(r)


def test_clause_is_not_an_organisation_description():
    clause = "Smith is the only leader to have attacked the news media in public this year, his critics said."
    r = clean([page(clause, "Scroll Up")])
    assert clause in body_lines(r)


# --------------------------------------------------------------------------- templates, wire garbage


def test_recurring_byline_is_not_a_template():
    byline = "Posted on by jdoe"
    docs = [
        "\n\n".join([byline, f"Story {i}: the council met on day {i} and voted on plan {i} again.",
                     f"{PARA} ({i})", "Scroll Up Banner Text Example"])
        for i in range(6)
    ]
    b = bronze(docs, source_key="blog.example")
    r = clean_documents(b, merge_template_stats([template_stats(b)]), Settings())
    got = r.removed_lines.filter(pl.col("text") == byline)["rule"].to_list()
    assert "template" not in got and "template_partial" not in got
    assert set(r.removed_lines.filter(pl.col("text") == "Scroll Up Banner Text Example")["rule"]) == {"template"}


def test_wire_transmission_garbage_is_cut_out_of_a_wrapped_paragraph():
    lines = [
        "COUNCIL NAMES NEW CHIEF",
        "    LONDON, April 7 - The city council said on Tuesday it had",
        "named a new chief executive to run its finances from next",
        "zx&#127;zzq&#127;zzk&#127;zxz&#127;zzq&#127;zz 7",
        "    The council said the appointment would take effect at the",
        "start of next month and that the post had been vacant for a year.",
        " REUTER",
    ]
    r = clean(["\n".join(lines)])
    rules = dict(zip(r.removed_lines["line_no"], r.removed_lines["rule"]))
    assert rules.get(4) == "wire_garbage"
    assert 2 not in rules and 5 not in rules
    assert "named a new chief executive" in r.articles["body"][0]


def test_promotional_author_bio_closing_the_page_is_removed():
    from clean_synth import PARA, PARA2, body_lines, clean, removed

    bio = ("Jane Doe is a writer and a fellow at the Example Institute. Her new book on river towns is out "
           "this spring, and she tweets @janedoe.")
    r = clean(["\n\n".join(["Council Approves The New Budget Plan", PARA, PARA2, PARA, bio])])
    # out of the body, into the author_bio column (the author_bio rule found it: promotional)
    assert removed(r)[bio] == "field_author_bio"
    assert r.articles["author_bio"][0] == bio
    assert body_lines(r) == [PARA, PARA2, PARA]


def test_one_sentence_tagline_goes_to_author_bio_and_bio_like_body_text_stays():
    from clean_synth import PARA, PARA2, body_lines, clean

    tagline = "Jane Doe is the editor of the Example Lifestyle website, which covers river towns."
    r = clean(["\n\n".join(["Council Approves The New Budget Plan", PARA, PARA2, PARA, tagline])])
    assert tagline not in body_lines(r) and r.articles["author_bio"][0] == tagline
    # a person introduced early in the article is the story, not a bio
    early = ("John Roe is a reporter who covered the floods for years. He wrote a book about them and "
             "follows the river on Twitter every morning.")
    r = clean(["\n\n".join(["Council Approves The New Budget Plan", early, PARA, PARA2, PARA])])
    assert early in body_lines(r)
    assert r.articles["author_bio"][0] is None


def test_closing_paragraphs_opening_with_the_known_author_are_author_bio():
    from clean_synth import PARA, PARA2, body_lines, clean

    bio1 = "Joe Example has written over 100 poems and two plays. He was born in Ohio."
    middle = "His practice bats were used on a late-night television show for years."
    bio2 = "Example also played semi-pro baseball for three seasons."
    text = "\n\n".join(["Council Approves The New Budget Plan", PARA, PARA2, bio1, middle, bio2])
    r = clean([text], meta_author=["Joe Example"])
    assert body_lines(r) == [PARA, PARA2]  # a bio is one block: the paragraph between goes with it
    assert r.articles["author_bio"][0] == "\n\n".join([bio1, middle, bio2])
    # without the author known, the same paragraphs are text
    r = clean([text])
    assert bio2 in body_lines(r)
    # a one-word author name is not matched (too weak)
    r = clean([text], meta_author=["Example"])
    assert bio2 in body_lines(r)


# --- promo_tail: an appeal to the reader after the article, scored on line features --------------

APPEAL = "Spread the word! LIKE and SHARE this article or leave a comment to help others find it."
OFFER = "Get your copy of the new cookbook today: now 50% off with free shipping at example.com!"


@pytest.mark.parametrize(
    "line", [APPEAL, OFFER, "Make sure to share this on Facebook if you think it is time the town took action."]
)
def test_reader_appeal_closing_the_page_is_promo_tail(line):
    r = clean([page(line)])
    assert removed(r)[line] == "promo_tail"
    assert body_lines(r) == [PARA, PARA2, PARA3]


def test_promo_score_counts_features_and_ignores_reported_speech():
    from tasks.clean.rules import promo_score

    lines = [
        APPEAL,  # reader address: imperative, "share"/"comment", "!", capitals
        "“You have to understand, this would never happen here! Share it,” the mayor said.",  # quoted speech
        "SHARE TRADING IN EXAMPLE GROUP SUSPENDED PENDING AN OFFER",  # no reader address: the market "share"
        "If you trade your freedom for security, the terrorists win.",  # one feature only
        "As the interview ended, he wrote on Twitter: “Sleep well, see you at the debate!” and left.",  # a quotation
    ]
    scores = pl.DataFrame({"text": lines}).select(promo_score())["text"].to_list()
    assert scores[0] >= 3 and scores[1:] == [0, 0, 1, 0]


def test_reader_appeal_in_the_first_half_or_followed_by_the_article_stays():
    # an appeal opening a long article is the writer's, not the page's
    r = clean(["\n\n".join([HEAD, APPEAL, PARA, PARA2, PARA3, PARA, PARA2, PARA3, PARA])])
    assert APPEAL in body_lines(r)
    # more than PROMO_TAIL_UNITS kept units after it: it is inside the article
    r = clean(["\n\n".join([HEAD, PARA, PARA2, APPEAL, PARA3, PARA, PARA2, PARA3, PARA, PARA2])])
    assert APPEAL in body_lines(r)
