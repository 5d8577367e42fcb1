"""Document-level non-article pages, footer / syndication rules, list protection, titles (synthetic lines)."""

import polars as pl
import pytest

from clean_synth import PARA, PARA2, PARA3, body_lines, clean, removed


def _rules(result) -> set[str]:
    return set(result.removed_lines["rule"].to_list())


# --- pages: documents holding no article -------------------------------------------------


def test_error_page_yields_empty_body():
    text = "\n\n".join([
        "Ooops... Error 404",
        "Sorry, but the page you are looking for doesn't exist.",
        "You can go to the HOMEPAGE",
    ])
    r = clean([text])
    assert r.articles["body"][0] == ""
    assert r.articles["title"][0] is None


def test_server_down_page_yields_empty_body():
    text = "\n\n".join([
        "The web server is not returning a connection. As a result, the web page is not displaying.",
        "What can I do?",
        "If you are a visitor of this website:",
        "Please try again in a few minutes.",
    ])
    r = clean([text])
    assert r.articles["body"][0] == ""
    assert "no_article" in _rules(r) or set(removed(r).values()) <= {"error_page", "no_article"}


def test_error_word_inside_a_real_article_does_not_empty_it():
    r = clean(["\n\n".join(["A Headline About Something", PARA, "Error", PARA2, PARA3])])
    assert len(body_lines(r)) == 3


def test_teaser_list_page_yields_empty_body():
    text = "\n\n".join([
        "GARDEN NOTES",
        "Spring is coming and the tulips in the old park are already showing their first green leaves..Read more",
    ])
    r = clean([text])
    assert r.articles["body"][0] == ""


def test_single_excerpt_without_read_more_is_kept():
    line = "The committee met again on Monday and most of its members said the plan was not ready to be voted on […]"
    r = clean([line])
    assert "no_article" not in _rules(r)


def test_lone_sidebar_headline_not_matching_known_title_is_no_article():
    r = clean(["Mayor Opens New Bridge Over The River"], meta_title=["A Completely Different Story Title"])
    assert r.articles["body"][0] == ""
    assert removed(r)["Mayor Opens New Bridge Over The River"] in {"no_article", "off_topic"}


def test_lone_headline_matching_known_title_is_the_title():
    r = clean(["Mayor Opens New Bridge Over The River"], meta_title=["Mayor Opens New Bridge Over The River"])
    assert r.articles["title"][0] == "Mayor Opens New Bridge Over The River"


# --- pages: a text that is not the titled article (off_topic) ------------------------------------

_TITLE = "Starbucks Places Photo Of Mayor On Cafe Floor"


def test_text_sharing_no_word_with_its_title_is_off_topic():
    other = "Olympic Committee Buckles to Pressure... Makes 2018 Games Completely Unfair There's been a major change"
    r = clean([other], meta_title=[_TITLE])
    assert r.articles["body"][0] == ""
    assert set(removed(r).values()) == {"off_topic"}


def test_article_repeating_one_title_word_is_not_off_topic():
    text = "\n\n".join([PARA, "The mayor later said the photograph had been a joke.", PARA2])
    r = clean([text], meta_title=[_TITLE])
    assert "off_topic" not in _rules(r)
    assert len(body_lines(r)) == 3


def test_title_words_match_by_prefix_and_case():
    # "PLACES" ~ "placed" (5-letter prefix), across case
    text = "\n\n".join([PARA, "Someone placed it there overnight, staff said.", PARA2])
    r = clean([text], meta_title=[_TITLE])
    assert "off_topic" not in _rules(r)


@pytest.mark.parametrize(
    "title, url",
    [
        ("Freedom Daily Courier", "https://www.freedomdailycourier.com/2017/05/x"),  # the site's name
        ("Mayor Speaks", None),  # fewer than three content words
        (None, None),  # no title known
    ],
)
def test_uninformative_titles_are_not_used(title, url):
    if title:  # the same title does flag this text when it is not the site's name
        assert "off_topic" in _rules(clean(["\n\n".join([PARA, PARA2])], meta_title=["Freedom Daily Courier Today"]))
    r = clean(["\n\n".join([PARA, PARA2])], meta_title=[title], url=[url])
    assert "off_topic" not in _rules(r)
    assert len(body_lines(r)) == 2


# --- rules: trailing syndication / promo / about boxes ----------------------------------------


def _page(*tail: str) -> str:
    return "\n\n".join(["A Headline About Something Important", PARA, PARA2, PARA3, *tail])


@pytest.mark.parametrize(
    "line, rule",
    [
        ("The post A Headline About Something Important appeared first on Example Daily.", "syndication"),
        ("This article has been contributed by Example Plan. Visit www.exampleplan.com for more.", "syndication"),
        ("Example.com is an independent news agency devoted to reporting on the region.", "about_org"),
        ("For entire article click link", "call_to_action"),
        ("Phone Safety For Travellers is a post from Example Watch – News For Everyone", "syndication"),
        ("See an error in this article? Send us a correction", "call_to_action"),
        ("How insane is this? Get the word out – share this post on Facebook and Twitter.", "call_to_action"),
        ("Your ads will be inserted here by Easy Plugin for AdSense.", "ad_label"),
        ("The views expressed in this opinion article are solely those of their author.", "disclaimer"),
        ("This content may be freely reproduced in full or in part with full attribution and a link.", "disclaimer"),
        ("I receive a small commission when you purchase an item through my links, at no additional cost to you.",
         "disclaimer"),
        ("All posts are opinions meant to foster comment under the fair use doctrine in Sec. 107 of the Code.",
         "disclaimer"),
        ("Comment Policy: Please keep comments relevant to the topic of the post.", "disclaimer"),
        ("External links are provided for reference purposes. Example News is not responsible for the content of "
         "external Internet sites.", "disclaimer"),
        ("Featured image by Jane Doe", "photo_caption"),
        ("SOURCE", "link_residue"),
        ("Read More!", "widget"),
        ("Featured image from file", "photo_caption"),
        ("========= Multi-Author AdSense ========= Skipped due to there being 3 ads on this page", "ad_label"),
    ],
)
def test_footer_line_rules(line, rule):
    r = clean([_page(line)])
    assert removed(r).get(line) == rule
    assert len(body_lines(r)) == 3


@pytest.mark.parametrize(
    "line",
    [
        "The mayor said the error in the budget was a mistake that would be corrected within a week.",
        "Google's AdSense business grew by a third last year, the company said on Tuesday in a statement.",
        "The report is a post-mortem from the inquiry into the collapse of the old bridge last spring.",
        "The views expressed by the senator on Tuesday were criticised by members of both parties.",
        "The court said the photographs could be reproduced by newspapers without asking the family first.",
        "The satirical magazine was founded in 1961 and still sells about a quarter of a million copies.",
        "Users share their photos on these sites more than anywhere else, the survey of 2,000 adults found.",
        "Users share their photos with friends as long as the author of each picture agrees, the company said.",
        # a poll in the text, not a poll widget's results
        "The Republican candidate has 45% to Clinton's 42% in the Monmouth University poll, within its margin of error.",
    ],
)
def test_lines_resembling_the_footer_rules_stay(line):
    r = clean(["\n\n".join(["A Headline About Something Important", PARA, line, PARA2, PARA3])])
    assert line in body_lines(r)


def test_promo_link_inside_body():
    line = "Browse more detail information about the Widget Market at: http://www.example-reports.com/123"
    r = clean(["\n\n".join(["A Headline About Something", PARA, line, PARA2, PARA3])])
    assert removed(r).get(line) == "promo_link"
    assert len(body_lines(r)) == 3


def test_person_bio_is_not_about_org():
    line = "Jane Roe is the editor of Example magazine, which covers the impact of technology on media."
    r = clean([_page(line)])
    assert removed(r)[line] == "field_author_bio"  # the author's tagline: metadata, not the publisher's box
    assert r.articles["author_bio"][0] == line


def test_about_box_at_page_end_is_footer_block():
    about = (
        "Based in a small town, Example Widgets brings a rich background of engineering and manufacturing "
        "to the design of its products, which are sold in many countries."
    )
    r = clean([_page("About Example Widgets", about)])
    rules = removed(r)
    assert rules["About Example Widgets"] == "footer_block"
    assert rules[about] == "footer_block"
    assert len(body_lines(r)) == 3


def test_about_subheading_followed_by_much_body_is_kept():
    r = clean(["\n\n".join(["A Headline About Something", PARA, "About the Deal", PARA2, PARA3, PARA])])
    assert "About the Deal" in body_lines(r)


def test_video_player_residue_is_removed():
    line = "JUST WATCHED Senator speaks about the vote Replay More Videos ... MUST WATCH Senator speaks 01:23"
    r = clean(["\n\n".join(["A Headline About Something", PARA, line, PARA2, PARA3])])
    assert removed(r).get(line) == "video_residue"


def test_share_counter_with_decimal_is_widget():
    r = clean([_page("4.4k SHARES Facebook Twitter")])
    assert removed(r).get("4.4k SHARES Facebook Twitter") == "widget"


@pytest.mark.parametrize(
    "line, rule",
    [
        ("Partager sur Facebook Partager sur Twitter Envoyer par e-mail", "social_prompt"),
        ("Partager Imprimer", "widget"),
        ("Accueil > International > Monde", "menu_bar"),
        ("Lire aussi :", "related_header"),
        ("© Le Journal 2021 – Tous droits réservés", "copyright"),
        ("شارك الخبر: فيسبوك تويتر واتساب", "widget"),
        ("أخبار ذات صلة", "related_header"),
    ],
)
def test_french_and_arabic_chrome(line, rule):
    r = clean([_page(line)])
    assert removed(r).get(line) == rule


# --- context: lists introduced by a colon ---------------------------------------------------


def test_list_after_colon_introducer_is_kept_before_chrome():
    items = ["Alpha Devices Inc.", "Beta Semiconductor", "Gamma Corp"]
    text = "\n\n".join([
        "A Headline About Something", PARA, PARA2,
        "Following are the key players covered in this market research report:", *items,
        "https://www.example.com/purchase/report/123456",
    ])
    r = clean([text])
    body = body_lines(r)
    assert all(i in body for i in items)
    assert "Following are the key players covered in this market research report:" in body


def test_short_lines_between_body_and_chrome_without_introducer_still_go():
    text = "\n\n".join(["A Headline About Something", PARA, PARA2, "Alpha", "Beta", "Share this:", "Facebook"])
    r = clean([text])
    assert "Alpha" not in body_lines(r)


# --- fields: titles --------------------------------------------------------------------------


def test_site_banner_above_header_chrome_is_not_the_title():
    text = "\n".join([
        "The Daily Example",
        "Home  >  World  >  Europe",
        "This website uses cookies to ensure you get the best experience. Learn more | Got it!",
        "",
        "Ministers Agree On New Budget After Long Talks",
        "",
        PARA, "", PARA2, "", PARA3,
    ])
    r = clean([text])
    assert r.articles["title"][0] == "Ministers Agree On New Budget After Long Talks"


def test_recurring_headline_followed_by_date_is_the_title():
    """A headline listed as a related link on other pages (template_partial) stays this page's title."""
    head = "Army Retakes Border Town After Week Of Fighting"
    pages = []
    for i in range(30):
        body = f"Paragraph {i}: " + PARA
        tail = [head] if i % 8 == 0 and i else []
        pages.append("\n\n".join([f"Unrelated Story Number {i} Headline Here", "Sun Aug 27, 2017 6:41PM", body, PARA2, *tail]))
    pages.append("\n\n".join([head, "Sun Aug 27, 2017 6:41PM", "Unique opening: " + PARA3, "Second: " + PARA]))
    r = clean(pages)
    last = r.articles.filter(pl.col("doc_id") == r.articles["doc_id"][-1])
    assert last["title"][0] == head
    assert last["published_text"][0] == "Sun Aug 27, 2017 6:41PM"


def test_arabic_headline_is_a_title_candidate():
    title = "الجيش يستعيد السيطرة على المدينة بعد معارك عنيفة"
    body = (
        "أعلنت القيادة العامة للجيش اليوم استعادة السيطرة الكاملة على المدينة بعد معارك عنيفة مع التنظيم "
        "استمرت عدة أيام في المنطقة الشرقية من البلاد."
    )
    r = clean(["\n\n".join([title, "السبت 14 تشرين الأول 2017 - 19:30", body, body + " وقال مصدر عسكري إن الوحدات دخلت المدينة."])])
    assert r.articles["title"][0] == title
    assert r.articles["published_text"][0] == "السبت 14 تشرين الأول 2017 - 19:30"


def test_lone_headline_wrapped_from_known_title_is_not_no_article():
    r = clean(["Mayor Opens New Bridge Over The River"], meta_title=["Mayor Opens New Bridge Over The River And Closes Old One"])
    assert "no_article" not in _rules(r)


# --- pages: an author / contributor profile by its address (profile_page) --------------------------


@pytest.mark.parametrize(
    "url",
    ["https://example.com/author/jane-doe/", "https://example.com/contributor/pages/20/405/bio.html",
     "https://example.com/authors/jane-doe/page/2"],
)
def test_profile_address_holds_no_article(url):
    r = clean(["\n\n".join(["Jane Doe", PARA, PARA2])], url=[url])
    assert r.articles["body"][0] == ""
    assert set(removed(r).values()) <= {"profile_page", "field_title"}
    assert "profile_page" in _rules(r)


@pytest.mark.parametrize(
    "url",
    ["https://example.com/author/jane/why-the-city-council-voted-against-the-plan",  # an article slug
     "https://example.com/writers-guild-strike-ends-after-five-months",  # "writers" is not a path segment
     "https://example.com/tag/floods/page/2/"],  # tag archives are not judged by address
)
def test_article_and_archive_addresses_are_not_profiles(url):
    r = clean(["\n\n".join(["Jane Doe", PARA, PARA2])], url=[url])
    assert "profile_page" not in _rules(r)
    assert len(body_lines(r)) == 2


# --- pages: a related / recommended list scraped as the page ---------------------------------------

BLURBS = [
    "Example Cartoons are free to view and download. They cover health, gardens and freedom.",
    "The Example Wellness Center is a non-profit offering nutrition grants to school programs.",
    "Example Reference is a free online database of garden plants and their uses.",
]


def test_page_opening_with_a_recommended_header_and_no_paragraph_is_a_list():
    r = clean(["\n\n".join(["Recommended Resources", *BLURBS])])
    assert r.articles["body"][0] == ""
    assert "no_article" in {removed(r)[b] for b in BLURBS}


def test_related_header_above_a_real_article_keeps_the_article():
    r = clean(["\n\n".join(["Related Posts", *BLURBS, PARA + " " + PARA2, PARA3])])
    assert PARA3 in body_lines(r)


# --- pages: listing entries on a listing address -----------------------------------------------------

ENTRY_A = "The council met again on Monday and most of its members said the plan for the new bridge was not ready…"
ENTRY_B = "Officials in the north said the floods had reached the old town and that more rain was expected this week…"


def test_listing_address_with_two_entries_holds_no_article():
    text = "\n\n".join(["Bridge News", "March 3, 2017", ENTRY_A, "March 2, 2017", ENTRY_B])
    r = clean([text], url=["https://example.com/category/local-news/page/2/"])
    assert r.articles["body"][0] == ""
    assert removed(r)[ENTRY_A] == "no_article" and removed(r)[ENTRY_B] == "no_article"


def test_listing_address_showing_one_post_keeps_it():
    # the WordPress archive showing its latest post: that post's opening is text
    r = clean(["\n\n".join(["Posted on March 3, 2017 by jdoe", PARA, PARA2])], url=["https://example.com/tag/bridges/"])
    assert PARA in body_lines(r)


def test_two_entries_on_an_article_address_are_not_a_listing():
    text = "\n\n".join(["Bridge News", "March 3, 2017", ENTRY_A, "March 2, 2017", ENTRY_B])
    r = clean([text], url=["https://example.com/2017/03/03/council-delays-the-vote-on-the-new-bridge/"])
    assert "no_article" not in _rules(r)


@pytest.mark.parametrize(
    "url, listing",
    [("https://example.com/", True), ("https://example.com/?p=123", False),
     ("https://example.com/tag/dennis-kucinich/page/2/", True), ("https://example.com/articlelist/Media%20and%20Culture", True),
     ("https://example.com/category/news/council-delays-the-vote-on-the-new-bridge", False),
     ("http://www.cnn.com/2016/09/23/politics/index.html", False)],
)
def test_listing_addresses(url, listing):
    from tasks.clean.pages import is_listing_url

    assert pl.DataFrame({"u": [url]}).select(is_listing_url(pl.col("u")))["u"][0] is listing
