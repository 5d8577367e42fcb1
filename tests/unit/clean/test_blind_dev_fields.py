"""Header fields and widgets met on the blind set's dev outlets (invented text, same shapes):
dated bylines, a headline under a promo sentence, share counts, labelled share bars,
multi-item counters, the copyright holder as site name, French cookie and "Lire aussi" lines,
a capitalised-city dateline, an "Updated" clock above the headline."""

import pytest

from clean_synth import PARA, PARA2, PARA3, body_lines, clean, removed


@pytest.mark.parametrize("line, name", [
    ("Posted on October 4, 2017 by Rex Calloway", "by Rex Calloway"),
    ("September 9, 2014 by Marcus Feld", "by Marcus Feld"),
    ("By Jane Doe | March 3, 2017", "By Jane Doe"),
    ("Publié le 3 mars 2017 par Élodie Marchand", "par Élodie Marchand"),
])
def test_a_dated_byline_is_the_date_and_the_byline(line, name):
    text = "\n\n".join(["Site Banner Here", "Ministers Agree To Extend The Ceasefire Talks", line, PARA, PARA2])
    a = clean([text]).articles.row(0, named=True)
    assert a["title"] == "Ministers Agree To Extend The Ceasefire Talks"
    assert a["published_text"] == line
    assert a["byline"] == name
    assert body_lines(clean([text])) == [PARA, PARA2]


def test_a_sentence_naming_a_date_and_a_person_is_not_a_dated_byline():
    line = "On March 3, 2017 the talks were led by Jane Doe and two other envoys from the capital."
    a = clean(["\n\n".join(["Ministers Agree To Extend The Ceasefire Talks", PARA, line, PARA2])]).articles.row(0, named=True)
    assert a["byline"] is None
    assert line in a["body"]


def test_headline_below_a_promo_sentence_is_still_the_title():
    promo = "Big platforms are hiding independent media, so bookmark this site and join our mailing list today."
    text = "\n\n".join(["Home | World | Deep State | Money | Health | Video", promo, "Home » World", "Secret Flights Moved Commanders Out Of The City",
                        "Posted on October 4, 2017 by Rex Calloway", PARA, PARA2, PARA3])
    a = clean([text]).articles.row(0, named=True)
    assert a["title"] == "Secret Flights Moved Commanders Out Of The City"
    assert a["byline"] == "by Rex Calloway"


def test_a_sentence_with_two_numbers_and_a_share_word_stays():
    line = "Shares fell 12 percent to 388 pence after the results were published on Tuesday morning in London."
    r = clean(["\n\n".join(["Ministers Agree To Extend The Ceasefire Talks", PARA, line, PARA2])])
    assert line in body_lines(r)


def test_french_cookie_notice_and_lire_aussi_link_are_chrome():
    cookie = ("Le Journal et ses partenaires utilisent des cookies pour assurer le fonctionnement du site et "
              "mesurer l'audience.")
    lire = "Lire aussi :   Irak : la lente reconstruction de la vieille ville"
    r = clean(["\n\n".join([cookie, "Syrie : la ville tombe aux mains des forces locales", PARA, lire, PARA2])])
    got = removed(r)
    assert got[cookie] == "cookie_notice"
    assert got[" ".join(lire.split())] == "read_more"


@pytest.mark.parametrize("footer, name", [
    ("© 2014–2019 Truth Unbound. All rights reserved. | About | Contact", "Truth Unbound"),
    ("© 2019 The Circuit Ledger · Privacy Policy · Contact · Powered by WordPress", "The Circuit Ledger"),
    ("© Le Courrier du Soir 2017 - Toute reproduction interdite sans autorisation", "Le Courrier du Soir"),
    # the legal form is dropped
    ("© 2019 The Patriot Sentinel LLC. All rights reserved.", "The Patriot Sentinel"),
    ("Copyright © 2018 Example Media Ltd | Privacy", "Example Media"),
])
def test_the_copyright_footer_names_the_site(footer, name):
    text = "\n\n".join(["Ministers Agree To Extend The Ceasefire Talks", PARA, PARA2, footer])
    assert clean([text]).articles["site_name"][0] == name


def test_a_photo_credit_inside_the_article_does_not_name_the_site():
    text = "\n\n".join(["Ministers Agree To Extend The Ceasefire Talks", PARA, "© AFP", PARA2, PARA3, PARA, PARA2, PARA3, PARA])
    assert clean([text]).articles["site_name"][0] is None


def test_capitalised_city_dateline_with_agency():
    text = "\n\n".join(["Grève à la SNCF : une journée noire", "Paris (AFP) - " + PARA, PARA2])
    a = clean([text]).articles.row(0, named=True)
    assert a["dateline"] == "Paris (AFP)"
    assert a["body"].startswith(PARA[:20])


def test_updated_clock_above_the_headline_is_the_page_date():
    text = "\n\n".join(["Updated Wednesday, May 30, 2018 | 14:20 EDT", "Gut Microbes Help Set The Daily Clock",
                        "April 11, 2018", PARA, PARA2])
    a = clean([text]).articles.row(0, named=True)
    assert a["page_date_text"].startswith("Updated Wednesday")
    assert a["published_text"] == "April 11, 2018"


def test_a_breaking_news_ticker_is_chrome_not_the_title():
    ticker = "BREAKING | Minister says the border crossing will reopen next week after talks"
    text = "\n\n".join([ticker, "Monday, 18 February 2019 | 16:05 GMT+3", "Talks On The Border Crossing End Without A Deal",
                        "04.06.2018 - 23:10", PARA, PARA2])
    r = clean([text])
    a = r.articles.row(0, named=True)
    assert removed(r)[ticker] == "ticker"
    assert a["title"] == "Talks On The Border Crossing End Without A Deal"
    assert a["published_text"] == "04.06.2018 - 23:10"


def test_a_bare_name_next_to_the_date_line_is_the_byline():
    text = "\n\n".join(["START-UPS", "Grab Buys The Regional Business Of Its Rival", "Daniel Tan", "Mar 26, 2018 · 5 min read",
                        PARA, PARA2])
    a = clean([text]).articles.row(0, named=True)
    assert a["title"] == "Grab Buys The Regional Business Of Its Rival"
    assert a["byline"] == "Daniel Tan"
    assert a["published_text"] == "Mar 26, 2018 · 5 min read"


def test_a_caption_closing_with_its_credit_is_not_the_title():
    caption = "A driver waits for a fare outside a mall on Orchard Road. Photo: Example Daily"
    text = "\n\n".join(["Grab Buys The Regional Business Of Its Rival", caption, PARA, PARA2])
    assert clean([text]).articles["title"][0] == "Grab Buys The Regional Business Of Its Rival"


def test_the_standfirst_under_the_headline_is_not_the_title():
    deck = "Soldiers from the two allies move along the line that separates the two zones from the town, the ministry says"
    text = "\n\n".join(["Home › Diplomacy", "Troops Begin First Joint Patrols Around The Town", deck,
                        "01.11.2018 - 14:27", PARA, PARA2])
    a = clean([text]).articles.row(0, named=True)
    assert a["title"] == "Troops Begin First Joint Patrols Around The Town"
    assert deck in a["body"]


def test_a_next_story_marker_starts_a_new_article():
    text = "\n\n".join(["First Story Headline About The Budget", "March 3, 2018", PARA, PARA2, "▼ NEXT STORY ▼",
                        "Second Story Headline About The Strike", "Sharon Lim", "Sep 24, 2018 · 4 min read", PARA3, PARA])
    arts = clean([text]).articles
    assert arts.height == 2
    assert arts["title"].to_list() == ["First Story Headline About The Budget", "Second Story Headline About The Strike"]
    assert arts["byline"][1] == "Sharon Lim"


def test_a_closing_agency_signoff_with_a_dash_is_the_credit():
    text = "\n\n".join(["Ministers Agree To Extend The Ceasefire Talks", PARA, PARA2, "— AFP"])
    assert clean([text]).articles["credit"][0] == "— AFP"


def test_byline_and_date_under_a_standfirst_are_metadata():
    deck = ("Russia, Mexico and nine other countries outside the group agreed to cut output for six months, "
            "the first such deal since 2001.")
    text = "\n\n".join(["ENERGY", "Producers Seal First Joint Output Cut In Years", deck,
                        "By Faisal Al Harthy, Senior Energy Correspondent", "Published: Sat 10 Dec 2016, 11:48 PM", PARA, PARA2])
    r = clean([text])
    a = r.articles.row(0, named=True)
    assert a["byline"] == "By Faisal Al Harthy, Senior Energy Correspondent"
    assert a["published_text"].startswith("Published: Sat 10 Dec 2016")
    assert body_lines(r) == [deck, PARA, PARA2]


@pytest.mark.parametrize("line", ["Interview: Zeynep Kılıç", "Interview by Sofia Marinetti",
                                  "Propos recueillis par Thomas Lefebvre", "Story by Cody Lindgren"])
def test_interview_and_story_bylines(line):
    text = "\n\n".join(["The Key To The Whole Operation, An Expert Says", line, "24.02.2017 - 11:30", PARA, PARA2])
    assert clean([text]).articles["byline"][0] == line


def test_a_header_strip_opening_with_the_date_gives_the_page_date():
    strip = "Wednesday 20 February 2019 · 15 Jumada Al Akhirah 1440 · Dubai 24°C Clear"
    text = "\n\n".join(["GULF DAILY", strip, "Home | Gulf | Business | Energy | World | Opinion | Sport",
                        "Producers Seal First Joint Output Cut In Years", "10 December 2016", PARA, PARA2])
    a = clean([text]).articles.row(0, named=True)
    assert a["page_date_text"] == strip
    assert a["published_text"] == "10 December 2016"


def test_site_name_from_a_holder_before_the_sign_and_from_the_masthead():
    a = "\n\n".join(["Ministers Agree To Extend The Ceasefire Talks", PARA, PARA2, "TechPulse Asia © 2019"])
    assert clean([a]).articles["site_name"][0] == "TechPulse Asia"
    # the footer names the publisher, the masthead (a line on every page) the site
    pages = ["\n\n".join(["GULF MONITOR DAILY", f"Headline Number {i} About The Oil Markets", p, PARA2,
                          "© 2019 Gulf Monitor Media Group FZ-LLC"]) for i, p in enumerate([PARA, PARA3, PARA + " Again."])]
    assert clean(pages).articles["site_name"].to_list() == ["Gulf Monitor Daily"] * 3


def test_photo_gallery_and_counter_widgets_are_not_titles():
    text = "\n\n".join(["Turkish Troops Push Into The Valley From Five Axes", "PHOTO GALLERY · 14 photos",
                        "5,630 views   Share 211   Tweet 97   Send", PARA, PARA2])
    r = clean([text])
    assert r.articles["title"][0] == "Turkish Troops Push Into The Valley From Five Axes"
    assert set(removed(r).values()) >= {"widget"}


@pytest.mark.parametrize("line, rule", [
    ("‹ Previous  1  2  3  4  5  …  36  Next ›", "pagination"),
    ("« Newer Posts   1   2   3   …   48   Older Posts »", "pagination"),
    ("The Friday Ledger: one email a week with the stories worth your time, straight to your inbox.", "newsletter"),
    ("Our editors' pick of the week, every Friday morning. No spam, unsubscribe at any time.", "newsletter"),
    ("You have read 3 of your 5 free stories this month. Register for free to keep reading without limits.", "paywall"),
    ("Il vous reste 58 % de cet article à lire. La suite est réservée aux abonnés.", "paywall"),
    ("The Sentinel is 100% reader-supported. Chip in $5 today and keep us independent.", "donation_appeal"),
    ("Disclaimer: This article is for general information only and is not tax advice.", "disclaimer"),
    ("Opinions expressed by contributors are their own and do not necessarily reflect those of the site.", "disclaimer"),
    ("Imran Qureshi / Gulf Monitor", "photo_caption"),
    ("Credit: Lindqvist Institute of Technology", "photo_caption"),
    ("Share 212   Tweet 97   WhatsApp", "widget"),
    ("Cite This Page:", "widget"),
    ("Share 2.1K | Tweet 388 | Gab | Pin", "widget"),
    ("Partager   Facebook   Twitter   Courriel", "widget"),
    ("Réagir 41", "widget"),
    ("12.7K views | 143 comments", "counter"),
    ("SPREAD THIS BEFORE THE CENSORS GET TO IT: Facebook | Twitter | Gab | VK | Email", "social_prompt"),
    ("Skip to main content", "widget"),
    ("Report a typo", "widget"),
    ("Download the data: licences, flights and lot numbers, 2014–2016 (CSV, 48 KB)", "widget"),
    ("You may republish this investigation online or in print under our licence. Keep the byline and a link.", "disclaimer"),
    ("Desert Dispatch runs on reader support. To get each dispatch by email, subscribe below.", "donation_appeal"),
])
def test_site_furniture_rules(line, rule):
    text = "\n\n".join(["Ministers Agree To Extend The Ceasefire Talks", PARA, line, PARA2, PARA3])
    assert removed(clean([text])).get(" ".join(line.split())) == rule


@pytest.mark.parametrize("line", [
    "He said the numbers 1 2 3 were read out before the next vote was taken by the committee.",
    "The bank said it would make a contribution to the fund in the next quarter, its chairman said.",
    "Subscribers to the service rose by a third in the quarter, the company said on Tuesday.",
])
def test_look_alike_body_lines_stay(line):
    r = clean(["\n\n".join(["Ministers Agree To Extend The Ceasefire Talks", PARA, line, PARA2])])
    assert line in body_lines(r)


@pytest.mark.parametrize("line", ["Oups ! Cette page est introuvable.", "404: This page went off the grid",
                                  "We couldn’t find what you were looking for. The link may be old."])
def test_error_page_lines(line):
    assert removed(clean(["\n\n".join([line, "Home | News | Sport"])])).get(line) == "error_page"


def _entry(i: int) -> list[str]:
    return [f"Court Case Number {i} Goes To The Judges This Week",
            f"By Cole Brannigan | March {i + 1}, 2019 | {i * 7} Comments",
            "The justices turned away a last-minute request from the groups, leaving owners with weeks to comply.",
            "Keep Reading »"]


def test_a_tag_page_of_dated_teasers_holds_no_article():
    text = "\n\n".join(["Tag: Second Amendment", *(line for i in range(1, 5) for line in _entry(i))])
    r = clean([text])
    assert r.articles["body"][0] == ""
    assert "no_article" in set(removed(r).values())


def test_a_dated_listing_without_a_header_holds_no_article():
    entries = [[f"Start-Up Number {i} Raises Money For Its Warehouses", "The round was led by a trading house, its first bet.",
                f"Aditi Menon · Apr {i}, 2019 · 3 min read"] for i in range(1, 5)]
    r = clean(["\n\n".join(line for e in entries for line in e)])
    assert r.articles["body"][0] == ""


def test_a_list_of_dated_maturities_in_an_article_stays():
    text = "\n".join(["CANADA LAUNCHES BOND ISSUE", "", "OTTAWA, March 2 - Canada will offer a four-part bond issue tomorrow.",
                      "The issue will consist of four maturities:", "- 8 pct bonds due July 1, 1990,",
                      "- 8-1/4 pct bonds due March 1, 1994,", "- 8-1/4 pct bonds due March 1, 1997,", "- 8-1/2 pct bonds due June 1, 2011."])
    assert "8-1/2 pct bonds due June 1, 2011." in clean([text]).articles["body"][0]


def test_the_standfirst_under_the_title_survives_page_chrome_around_it():
    deck = "Ground forces cross the border at dawn after overnight air and artillery strikes, the military says"
    text = "\n\n".join(["Home | Turkey | Operations | Diplomacy", "Troops Push Into The Valley From Five Axes", deck,
                        "21.01.2018 - 18:40", "1,987 views   Share 76   Tweet 33   Send", PARA, PARA2])
    assert deck in clean([text]).articles["body"][0]


def test_the_absolute_date_wins_over_a_relative_one_on_the_same_line():
    text = "\n\n".join(["Bank Stuns Markets With Shift To Negative Rates", "JANUARY 29, 2016 / 3:41 PM / 3 YEARS AGO", PARA, PARA2])
    assert clean([text]).articles["published_text"][0] == "JANUARY 29, 2016 / 3:41 PM / 3 YEARS AGO"


@pytest.mark.parametrize("line", ["October 16, 2018 · Published in Vol. 12, No. 42",
                                  "Published August 3, 2016 · Vol. 10, No. 31"])
def test_a_line_opening_with_a_date_and_a_separator_is_the_date_line(line):
    text = "\n\n".join(["A Helpline Counsellor On Farm Stress And The Harvest", "Interview by Tom Eriksen", line, PARA, PARA2])
    assert clean([text]).articles["published_text"][0] == line


@pytest.mark.parametrize("line, byline", [("Elena Marsh · Sep 3, 2017", "Elena Marsh")])
def test_name_and_date_is_a_dated_byline(line, byline):
    text = "\n\n".join(["Mailbag: The Town, The Refugees, And How I Work", line, PARA, PARA2])
    assert clean([text]).articles["byline"][0] == byline


def test_a_section_label_and_date_is_not_a_byline():
    text = "\n\n".join(["Mailbag: The Town, The Refugees, And How I Work", "World News · Sep 3, 2017", PARA, PARA2])
    assert clean([text]).articles["byline"][0] is None


@pytest.mark.parametrize("line", ["Tetsuo Hanamura, Kaori Ishida",
                                  "Priya Natarajan, MD, Department of Emergency Medicine, University of Arizona"])
def test_names_beside_the_date_line_are_the_byline(line):
    text = "\n\n".join(["Heat Illness In The Fields Is Preventable", line, "Published August 3, 2016", PARA, PARA2])
    a = clean([text]).articles.row(0, named=True)
    assert a["byline"] == line
    assert a["title"] == "Heat Illness In The Fields Is Preventable"


@pytest.mark.parametrize("line", ["Rural Health Weekly | Print version", "Read this story in Bosnian →"])
def test_links_to_other_versions_are_widgets_not_titles(line):
    text = "\n\n".join([line, "Heat Illness In The Fields Is Preventable", "Published August 3, 2016", PARA, PARA2])
    r = clean([text])
    assert removed(r)[line] == "widget"
    assert r.articles["title"][0] == "Heat Illness In The Fields Is Preventable"


def test_a_footer_naming_the_author_is_not_the_site_name():
    pages = ["\n\n".join(["Desert Dispatch", f"Dispatch Number {i} From The Old City", "Elena Marsh · Sep 3, 2017", p, PARA2,
                          "© 2019 Elena Marsh"]) for i, p in enumerate([PARA, PARA3, PARA + " Again."])]
    assert clean(pages).articles["site_name"].to_list() == ["Desert Dispatch"] * 3


def test_a_site_tagline_beside_the_date_is_not_a_byline():
    text = "\n\n".join(["Council Adopts Budget With A Tax Increase", "Serving Larch Creek, Logan Flats and the Upper Nicola since 1962",
                        "Jun 21, 2019", PARA, PARA2])
    assert clean([text]).articles["byline"][0] is None


def test_responses_to_this_article_open_the_comment_section():
    text = "\n\n".join(["Ministers Agree To Extend The Ceasefire Talks", PARA, PARA2, "4 responses to this article",
                        "Randy O.: Good interview. Share it at the sale barn.", "Add your response"])
    got = removed(clean([text]))
    assert got["4 responses to this article"] == "comment_block"
    assert got["Randy O.: Good interview. Share it at the sale barn."] == "comment_block"


@pytest.mark.parametrize("line", ["CME LIVE/FEEDER CATTLE VOLUME ISSUED", "The other arranger/dealer is Salomon Brothers Inc.",
                                  "(PREVIOUS CLOSE421.50/422.00)"])
def test_wire_table_lines_are_no_credits_or_widgets(line):
    # found by comparing every Reuters / BBC removal with the session's start: these had become chrome
    got = removed(clean(["\n\n".join(["Ministers Agree To Extend The Ceasefire Talks", PARA, line, PARA2, PARA3])]))
    assert got.get(line) not in ("photo_caption", "widget")


def test_a_german_page_header_dates_byline_tags_and_widgets():
    def page(title, para):
        return "\n\n".join([
            "Der Morgenbote", "Dienstag, 19. Februar 2019 | 07:48 Uhr", "Bielefeld 3 °C, Nebel",
            title, "04.12.2015, 12:37 Uhr", "Von Jens Haberland, Berlin",
            "Teilen Twittern Mailen", para, "Lesen Sie auch: Kommentar – Ein Mandat mit vielen offenen Fragen", PARA2, PARA3,
            "Themen: Bundeswehr, Syrien, Bundestag", "1.342 Mal gelesen",
            "Wir nutzen Cookies und ähnliche Technologien, um unser Angebot für Sie zu verbessern.",
        ])
    # three pages of the site: the masthead is its template
    r = clean([page("Bundestag schickt Tornados nach Syrien", PARA), page("Rat stoppt Pläne für die Altstadt", PARA + " Mehr."),
               page("Neue Busspur an der Herforder Straße", PARA + " Dazu.")])
    a = r.articles.row(0, named=True)
    assert a["title"] == "Bundestag schickt Tornados nach Syrien"
    assert a["published_text"] == "04.12.2015, 12:37 Uhr"
    assert a["page_date_text"] == "Dienstag, 19. Februar 2019 | 07:48 Uhr"
    assert a["byline"] == "Von Jens Haberland, Berlin"
    assert a["tags_line"] == ["Bundeswehr", "Syrien", "Bundestag"]
    rm = removed(r)
    assert rm["Bielefeld 3 °C, Nebel"] == "weather"
    assert rm["Teilen Twittern Mailen"] == "widget"
    assert rm["1.342 Mal gelesen"] == "counter"
    assert rm["Lesen Sie auch: Kommentar – Ein Mandat mit vielen offenen Fragen"] == "read_more"
    assert rm["Wir nutzen Cookies und ähnliche Technologien, um unser Angebot für Sie zu verbessern."] == "cookie_notice"
    assert body_lines(r)[0] == PARA  # (the later paragraphs repeat on every page here: template)


@pytest.mark.parametrize("line", ["34° Clear H 48° L 29°", "Dubai 24°C", "Bielefeld 3 °C, Nebel"])
def test_weather_widgets(line):
    assert removed(clean(["\n\n".join(["Headline Of The Story", PARA, PARA2, line])]))[line] == "weather"


def test_a_temperature_in_a_sentence_is_no_weather_widget():
    line = "Temperatures reach 45°C in Basra"
    assert line in body_lines(clean(["\n\n".join(["Headline Of The Story", PARA, line, PARA2, PARA3])]))


def test_nachster_artikel_starts_the_next_article():
    text = "\n\n".join(["Erste Meldung des Tages im Rat", PARA, PARA2, "Nächster Artikel", "Zweite Meldung aus dem Rathaus", PARA3, PARA])
    arts = clean([text]).articles
    assert arts.height == 2 and arts["title"].to_list() == ["Erste Meldung des Tages im Rat", "Zweite Meldung aus dem Rathaus"]


@pytest.mark.parametrize("line", ["— Gail Hensley", "Chris Nolan, Channel 9 Eyewitness News", "Sabine Kortmann"])
def test_a_name_signing_off_after_the_last_paragraph_is_the_byline(line):
    text = "\n\n".join(["Headline Of The Story", PARA, PARA2, PARA3, line, "Tags: Politics, Council"])
    a = clean([text]).articles.row(0, named=True)
    assert a["byline"] == line
    assert line not in a["body"]


@pytest.mark.parametrize("line", ["Related Posts", "Most Popular", "Top Stories"])
def test_a_furniture_header_after_the_last_paragraph_is_no_signoff(line):
    text = "\n\n".join(["Headline Of The Story", PARA, PARA2, PARA3, line, "Tags: Politics, Council"])
    assert clean([text]).articles.row(0, named=True)["byline"] is None


def test_a_copyright_holder_keeps_its_number():
    text = "\n\n".join(["Headline Of The Story", PARA, PARA2, "© 2018 Channel 9 Eyewitness News. A Dunmore Broadcasting station."])
    assert clean([text]).articles.row(0, named=True)["site_name"] == "Channel 9 Eyewitness News"


def _blog_page(title, i, other):
    return "\n\n".join([
        "More    Create Blog  Sign In", "Veterans Watch", "Home    About    Reading List", "",
        f"Monday, October {17 + i}, 2016", "", title, "", *(f"On {w}, {p} {q}" for p, q, w in (
            (PARA, PARA2, ["Monday", "Tuesday", "Friday"][i]), (PARA2, PARA3, ["Kirkuk", "Raqqa", "Sinjar"][i]),
            (PARA3, PARA, ["spring", "summer", "winter"][i]))), "", "Posted by Ray Dunleavy at 10:48 PM",
        "Labels: Iraq, ISIS, Mosul", "5 comments:", "", "Anonymous said...", "Thanks for the straight talk, Top.",
        "October 17, 2016 at 11:31 PM", "Doc Halvorsen said...", "Good list.", "October 18, 2016 at 5:02 AM", "",
        "Post a Comment", "Blog Archive", title, other,
    ])


def test_a_blog_post_its_date_header_title_byline_labels_and_comments():
    titles = ["Mosul: The Big One Finally Kicks Off", "Dabiq Falls And Hardly Anybody Noticed", "Tal Afar Is The City To Watch"]
    pages = [_blog_page(t, i, titles[(i + 1) % 3]) for i, t in enumerate(titles)]
    r = clean(pages)
    assert sorted(r.articles["title"].to_list()) == sorted(titles)
    a = r.articles.filter(r.articles["title"] == titles[0]).row(0, named=True)
    # the title recurs in every page's archive list (template), yet it is this page's title
    assert a["published_text"] == "Monday, October 17, 2016" and a["page_date_text"] is None
    assert a["byline"] == "Posted by Ray Dunleavy at 10:48 PM"
    assert a["tags_line"] == ["Iraq", "ISIS", "Mosul"]
    assert a["site_name"] == "Veterans Watch"
    rm = removed(r)
    assert rm["Anonymous said..."] == "comment_block" and rm["Thanks for the straight talk, Top."] == "comment_block"


def test_a_quote_introduction_is_no_comment_header():
    line = "A Ministry of Defence spokesperson said:"
    assert line in body_lines(clean(["\n\n".join(["Headline Of The Story", PARA, line, PARA2, PARA3])]))


def test_a_cookie_banner_header_is_no_title_and_from_credits_the_publisher():
    text = "\n\n".join([
        "Cookies on the Defence Press Office site",
        "We use a few essential cookies to keep this site working.",
        "Press release", "RAF jets hit Daesh sniper teams and mortar positions in western Mosul",
        "From: Ministry of Defence and The Rt Hon Jane Roe MP", "Published 6 March 2017", PARA, PARA2, PARA3,
        "Published 6 March 2017", "Share this page",
    ])
    r = clean([text])
    a = r.articles.row(0, named=True)
    assert a["title"] == "RAF jets hit Daesh sniper teams and mortar positions in western Mosul"
    assert a["credit"] == "From: Ministry of Defence and The Rt Hon Jane Roe MP"
    assert removed(r)["Cookies on the Defence Press Office site"] == "cookie_notice"
    assert removed(r)["We use a few essential cookies to keep this site working."] == "cookie_notice"
    assert body_lines(r) == [PARA, PARA2, PARA3]  # the closing "Published" line is a date line, not text


def test_a_table_of_contents_goes_its_subheadings_stay():
    text = "\n\n".join(["Headline Of The Story", PARA, "Contents", "Clearing the city", "What happens next",
                        "Clearing the city", PARA2, "What happens next", PARA3])
    r = clean([text])
    assert body_lines(r) == [PARA, "Clearing the city", PARA2, "What happens next", PARA3]
    assert removed(r)["Contents"] == "contents_list"


def test_a_references_list_under_its_header_is_article_text():
    refs = ["YouTube, original upload of the clip (accessed 17/11/2014): https://www.youtube.com/watch?v=abc",
            "Interview with Lars Klevberg, BBC News, 14/11/2014"]
    text = "\n\n".join(["Does this video show a boy braving sniper fire?", PARA, PARA2, PARA3, "Sources", *refs,
                        "Fact-checked by Daniel Brooks", "Share this fact check: Facebook | Twitter | WhatsApp"])
    r = clean([text])
    assert body_lines(r)[-3:] == ["Sources", *refs]
    assert r.articles.row(0, named=True)["credit"] == "Fact-checked by Daniel Brooks"


def test_a_sources_header_alone_or_over_bare_links_is_no_references_list():
    text = "\n\n".join(["Headline Of The Story", PARA, PARA2, "Sources:", "http://www.example.com/a", "Share this:"])
    assert "Sources:" not in body_lines(clean([text]))


def test_a_portal_credit_for_its_partner_and_the_byline_beside_it():
    text = "\n\n".join([
        "Syndica News", "Home   Mail   News   Finance   Sports", "Global Press Wire logo",
        "All 12 boys and their coach brought out of flooded Thai cave", "Nadia Porras and Tomas Whitcomb",
        "Global Press Wire · 4 min read", "Tue, Jul 10, 2018, 9:14 AM EDT", PARA, "Story continues", PARA2, PARA3,
    ])
    r = clean([text])
    a = r.articles.row(0, named=True)
    assert a["title"] == "All 12 boys and their coach brought out of flooded Thai cave"
    assert a["byline"] == "Nadia Porras and Tomas Whitcomb"
    assert a["credit"] == "Global Press Wire · 4 min read"
    assert removed(r)["Global Press Wire logo"] == "widget" and removed(r)["Story continues"] == "widget"
    assert body_lines(r) == [PARA, PARA2, PARA3]


def test_a_role_above_the_title_is_the_masthead_not_the_byline():
    text = "\n\n".join(["FactCheck Desk", "Home | Fact Checks | Syria | Refugees | About us",
                        "Do refugees in Germany receive a free flat?", "By Tomasz Wierzbicki", "Published 22/09/2015",
                        PARA, PARA2, "— NEXT FACT CHECK —", "Are there really five million refugees in Lebanon?",
                        "By Leila Mansour", "Published 02/10/2015", PARA3, PARA + " Again.",
                        "Support independent fact-checking: we never take money from governments."])
    r = clean([text])
    a = r.articles.sort("segment")
    assert a["byline"].to_list() == ["By Tomasz Wierzbicki", "By Leila Mansour"]
    assert a["title"].to_list() == ["Do refugees in Germany receive a free flat?", "Are there really five million refugees in Lebanon?"]
    assert removed(r)["Support independent fact-checking: we never take money from governments."] == "donation_appeal"


@pytest.mark.parametrize("line", [
    "This collection was withdrawn on 30 January 2018.",
    "If you reached this page from a link on another website, please let that site's owner know the address has changed.",
])
def test_withdrawn_page_notices(line):
    assert removed(clean(["\n\n".join(["Operation Updates (2014 to 2016)", line, "View the archived summaries"])]))[line] == "error_page"


def test_german_related_header_comment_count_and_video_residue():
    text = "\n\n".join(["Rat stoppt vorerst Pläne für die Altstadt", "Autoplay: Off", PARA, PARA2, PARA3,
                        "Lesen Sie auch:", "Neue Busspur an der Herforder Straße kommt später",
                        "Kommentare (47)", "Hannes_OWL: Erst fragt man drei Tage, dann schickt man Soldaten."])
    r = clean([text])
    rm = removed(r)
    assert rm["Autoplay: Off"] == "video_residue" and rm["Lesen Sie auch:"] == "related_header"
    assert rm["Hannes_OWL: Erst fragt man drei Tage, dann schickt man Soldaten."] == "comment_block"
    assert body_lines(r) == [PARA, PARA2, PARA3]


def test_a_spanish_header_date_byline_place_tags_and_widgets():
    text = "\n\n".join([
        "Noticias del Sur", "Jueves, 21 de marzo de 2019 | 10:22", "Portada › Internacional › Oriente Próximo", "INTERNACIONAL",
        "Los instructores españoles de Besmaya ya han formado a más de 30.000 soldados",
        "Lucía Montero | Madrid", "14 de marzo de 2017, 10:22 · Actualizado: 14 de marzo de 2017, 13:05",
        "Compartir", "Facebook   Twitter   WhatsApp   Correo", "2.418 lecturas", PARA, PARA2, PARA3,
        "Temas: Irak · Estado Islámico · Ejército de Tierra", "Te puede interesar", "La ministra visita a las tropas en Irak",
        "PUBLICIDAD", "Comentarios (4)", "Para comentar es necesario estar registrado.",
    ])
    r = clean([text])
    a = r.articles.row(0, named=True)
    assert a["title"] == "Los instructores españoles de Besmaya ya han formado a más de 30.000 soldados"
    assert a["byline"] == "Lucía Montero | Madrid"
    assert a["published_text"].startswith("14 de marzo de 2017")
    assert a["page_date_text"] == "Jueves, 21 de marzo de 2019 | 10:22"
    assert body_lines(r) == [PARA, PARA2, PARA3]


def test_a_place_before_the_date_makes_a_date_line():
    text = "\n\n".join(["Headline Of The Interview Today", "Por Carmen Lozano", "Sevilla, 17 de enero de 2019, 07:30", PARA, PARA2])
    a = clean([text]).articles.row(0, named=True)
    assert a["published_text"] == "Sevilla, 17 de enero de 2019, 07:30" and a["byline"] == "Por Carmen Lozano"


AR_PARAS = [
    "وقال قائد ميداني لمراسلنا إن وحدات الجيش العربي السوري تقدمت خلال الساعات الماضية على محاور عدة في محيط المدينة "
    "وسيطرت على عدد من التلال الحاكمة بعد معارك عنيفة مع مسلحي التنظيم الذين فروا باتجاه البادية تاركين أسلحتهم",
    "وأضاف المصدر أن وحدات الهندسة باشرت تفكيك العبوات الناسفة والألغام التي زرعها الإرهابيون في الطرقات والمنازل "
    "تمهيدا لعودة الأهالي إلى أحيائهم في أقرب وقت ممكن بعد انتهاء عمليات التمشيط بشكل كامل",
    "وكانت طائرات الشحن قد أسقطت خلال فترة الحصار آلاف الأطنان من المواد الغذائية والطبية للأهالي المحاصرين في "
    "الأحياء الشرقية من المدينة التي عانت من نقص حاد في الغذاء والدواء طوال سنوات",
]


def test_arabic_running_text_is_good_and_its_subheadings_stay():
    text = "\n\n".join(["الجيش العربي السوري يكسر حصار داعش عن مدينة دير الزور", "الثلاثاء ٥ أيلول ٢٠١٧ - ١٦:٤٠",
                        AR_PARAS[0], AR_PARAS[1], "الأهالي يحتفلون في الشوارع", AR_PARAS[2], "تحرير: سامر الحلبي"])
    r = clean([text])
    a = r.articles.row(0, named=True)
    assert "الأهالي يحتفلون في الشوارع" in body_lines(r)
    assert a["byline"] == "تحرير: سامر الحلبي"
    assert a["published_text"] == "الثلاثاء ٥ أيلول ٢٠١٧ - ١٦:٤٠"


def test_a_tabloid_capitals_headline_over_its_standfirst_and_read_more_links():
    paras = [f"{w} {p}" for w, p in zip(["Today", "Later", "Meanwhile", "Finally"], [PARA, PARA2, PARA3, PARA])]
    text = "\n\n".join([
        "THE DAILY KLAXON", "News Sport TV & Showbiz Money Motors", "EXCLUSIVE",
        "FROZEN HELL: MUM AND TWO TOTS TRAPPED 14 HOURS ON SNOWBOUND MOTORWAY AS STORM BITES",
        "Shivering kids shared their last biscuit at 3am while rescuers crept along the stricken carriageway",
        "By Callum Reid, Scottish News Reporter", "6:02, 1 Mar 2018 | Updated: 11:40, 1 Mar 2018",
        paras[0], paras[1], "Read More", "WHITE-OUT WARNING Forecasters say blast will last until Sunday",
        paras[2], paras[3], "Read More", "SNOW JOKE Bride's photos wrecked as blizzard hits church steps",
        "© Klaxon Media Limited 2018. Registered in England No. 08812245.",
    ])
    r = clean([text])
    a = r.articles.row(0, named=True)
    # "Read More" buttons and dates: no listing page, since the paragraphs run three and more in a row
    assert a["title"] == "FROZEN HELL: MUM AND TWO TOTS TRAPPED 14 HOURS ON SNOWBOUND MOTORWAY AS STORM BITES"
    assert body_lines(r)[0].startswith("Shivering kids") and paras[3] in body_lines(r)


def test_a_name_with_a_role_under_the_title_is_the_byline():
    text = "\n\n".join(["Condemning the Bombings in Homs", "Elena R. Marsh, Spokesperson", "Washington, DC",
                        "February 21, 2016", PARA, PARA2])
    assert clean([text]).articles.row(0, named=True)["byline"] == "Elena R. Marsh, Spokesperson"


def test_a_dateline_sentence_naming_a_department_is_no_byline():
    line = "New York, April 9 - The U.S. Agriculture Department said"
    text = "\n\n".join(["GRAIN EXPORTS RISE", line, PARA, PARA2])
    assert clean([text]).articles.row(0, named=True)["byline"] is None


def test_a_podcast_episode_header_player_and_sponsor_read():
    text = "\n\n".join([
        "Frontline Podcast | Printable transcript", "Ep. 34 — Debaltseve: The Town the Ceasefire Forgot",
        "Broadcast 26.02.2015", "Host: Hannah Okafor. Guest: Pavlo Hrytsenko, photographer.",
        "▶ Play   00:00 / 51:12   1x", "Listen on Apple Podcasts · Spotify · Stitcher · RSS", PARA,
        "Thanks to our sponsor, Tern Satellite Messenger: two-way texting from anywhere on the planet.", PARA2, PARA3,
        "Our transcripts are made by machine and corrected by our producers. Please check against the audio before quoting.",
    ])
    r = clean([text])
    a = r.articles.row(0, named=True)
    assert a["title"] == "Ep. 34 — Debaltseve: The Town the Ceasefire Forgot"
    assert a["published_text"] == "Broadcast 26.02.2015" and a["byline"].startswith("Host: Hannah Okafor")
    assert body_lines(r) == [PARA, PARA2, PARA3]


def test_a_headline_opening_with_an_emoji_is_a_title():
    text = "\n\n".join(["🔴 Palmyra back under government control after three-week push", PARA, PARA2])
    assert clean([text]).articles.row(0, named=True)["title"] == "🔴 Palmyra back under government control after three-week push"


def test_a_post_stamped_at_its_foot_is_dated_by_that_stamp():
    text = "\n\n".join(["🔴 Palmyra back under government control after three-week push", PARA, PARA2, PARA3,
                        "✍️ Karim Haddad, Homs desk", "27.03.2016 at 12:06", "👁 23.9K · edited", "Share   Copy link   Report"])
    a = clean([text]).articles.row(0, named=True)
    assert a["published_text"] == "27.03.2016 at 12:06"


def test_a_date_ending_a_wrapped_sentence_is_no_foot_stamp():
    text = "\n".join(["GRAIN EXPORTS RISE", "", PARA, "", PARA2 + " between February 1, 1985 and", "April 2, 1987",
                       "    Mellon said it had no comment because it had not yet seen the suit."])
    a = clean([text]).articles.row(0, named=True)
    assert a["published_text"] is None


# ---- round 6 dev outlets: Russian state media, a newsletter platform, a video site, a paywalled paper,
# ---- a wiki news site, an English-language state broadcaster (invented text, same shapes)

RU1 = ("После почти трёх недель боёв правительственные войска при поддержке авиации вошли в город, и к вечеру "
       "над его центром был поднят флаг, о чём сообщили в штабе группировки.")
RU2 = ("По словам военных, отступая, боевики оставили на улицах много мин, поэтому жителей просят пока не "
       "возвращаться в свои дома без разрешения сапёров.")
RU3 = ("В министерстве добавили, что в ближайшие дни в город направят группу специалистов, которые должны "
       "оценить ущерб и начать разминирование дорог.")


def test_a_russian_page_header_byline_credit_and_footer():
    text = "\n\n".join([
        "Русский вестник", "Понедельник, 28 марта 2016 | 09:41 МСК", "Главная → В мире → Ближний Восток",
        "Сирийская армия вошла в город после трёх недель боёв", "27 марта 2016, 14:05", "Обновлено: 27 марта 2016, 19:12",
        "Просмотров: 18 734", "Текст: Андрей Захарченко, обозреватель отдела «В мире»", RU1,
        "Читайте также: Минобороны сообщило о выводе части авиагруппы", RU2, RU3, "Источник: ТАСС",
        "Теги: Сирия, армия, авиация", "9 215 просмотров",
        "При полном или частичном использовании материалов ссылка на «Русский вестник» обязательна.",
    ])
    # (three pages of the site: its banner and menu are template)
    others = ["\n\n".join(["Русский вестник", f"Вторник, {d} марта 2016 | 10:02 МСК", "Главная → В мире → Ближний Восток",
                             f"Сапёры начали разминирование дорог к городу номер {d}", f"{d} марта 2016, 11:40",
                             RU3 + f" Номер {d}.", RU1 + f" Номер {d}."]) for d in (29, 30)]
    r = clean([text, *others])
    a = r.articles.row(0, named=True)
    assert a["title"] == "Сирийская армия вошла в город после трёх недель боёв"
    assert a["published_text"] == "27 марта 2016, 14:05" and a["page_date_text"].startswith("Понедельник, 28 марта 2016")
    assert a["byline"].startswith("Текст: Андрей Захарченко") and a["credit"] == "Источник: ТАСС"
    assert body_lines(r) == [RU1, RU2, RU3]
    got = removed(r)
    assert got["Читайте также: Минобороны сообщило о выводе части авиагруппы"] == "read_more"
    assert got["9 215 просмотров"] == "counter" and got["Просмотров: 18 734"] == "counter"
    assert got["При полном или частичном использовании материалов ссылка на «Русский вестник» обязательна."] == "copyright"


def test_a_comment_section_ends_at_the_next_article_marker():
    text = "\n\n".join([
        "Thousands Of Fighters May Return Home, Experts Warn", "2017-05-12 16:20:05", PARA, PARA2, "Source: CGN",
        "Editor: Li Na", "Comments (0)", "NEXT ARTICLE", "Leaders Call For Closer Security Cooperation At Summit",
        "2017-06-10 09:15:48 Beijing Time", PARA3, PARA,
    ])
    r = clean([text])
    assert r.articles.height == 2
    second = r.articles.row(1, named=True)
    assert second["title"] == "Leaders Call For Closer Security Cooperation At Summit"
    assert second["published_text"] == "2017-06-10 09:15:48 Beijing Time"
    assert body_lines(r, 1) == [PARA3, PARA]
    first = r.articles.row(0, named=True)
    assert first["byline"] is None and removed(r)["Editor: Li Na"] == "field_credit"


def test_camel_case_platforms_make_a_share_line():
    assert removed(clean(["\n\n".join(["Leaders Call For Closer Security Cooperation", "WeChat   Weibo   +", PARA, PARA2])]))[
        "WeChat Weibo +"] == "widget"


@pytest.mark.parametrize("line, rule", [
    ("Now playing", "video_residue"),
    ("Listen to this dispatch", "video_residue"),
    ("Sponsored: this video is supported by Halden Travel Insurance", "ad_label"),
    ("This clip is brought to you by Halden Travel Insurance", "ad_label"),
    ("Keep reading with a 7-day free trial", "paywall"),
    ("This dispatch is for paid subscribers", "paywall"),
    ("You have 1 free article left this month.", "paywall"),
    ("Already a subscriber? Sign in to continue", "paywall"),
    ("Start my subscription", "paywall"),
    ("Thanks for reading Front Line Letters! This one is free to read. Forward it to someone who should see it.", "social_prompt"),
    ("This page was last edited on 14 July 2018, at 11:02.", "widget"),
    ("Text is available under the Creative Commons Attribution 2.5 licence; additional terms may apply.", "copyright"),
])
def test_players_paywalls_newsletter_and_wiki_footers(line, rule):
    r = clean(["\n\n".join(["Leaders Call For Closer Security Cooperation At Summit", PARA, line, PARA2, PARA3])])
    assert removed(r)[line] == rule
    assert body_lines(r) == [PARA, PARA2, PARA3]


def test_a_wiki_sources_list_is_text_and_its_related_news_is_not():
    src = '"Coalition reports 14 strikes near the city ahead of ground push" — Atlantic Defence Journal, June 6, 2017'
    rel = "May 28, 2017: Troops close in on the Old City"
    text = "\n\n".join(["Fighters Push Into The City As Air Strikes Intensify", PARA, PARA2, "Sources[edit]", src,
                        "Related news[edit]", rel])
    r = clean([text])
    assert "Sources[edit]" in body_lines(r) and src in body_lines(r)
    assert removed(r)["Related news[edit]"] == "related_header" and rel in removed(r)


def test_a_single_author_newsletter_byline_and_outlet():
    pages = []
    for i, title in enumerate(["Back In The Town, The Rubble Is Sorted By Hand", "The Checkpoint And The Men Not Let Through",
                               "From A Rooftop Two Kilometres Away"]):
        pages.append("\n\n".join(["Front Line Letters", "Subscribe", title, "Tamsin Harlow", f"Apr {10 + i}, 2015",
                                  [PARA, PARA2, PARA3][i] + f" Number {i}.", [PARA2, PARA3, PARA][i] + f" Number {i}.",
                                  "© 2019 Tamsin Harlow"]))
    r = clean(pages)
    for row in r.articles.iter_rows(named=True):
        assert row["byline"] == "Tamsin Harlow"
        assert row["site_name"] == "Front Line Letters"


def test_the_masthead_under_a_skip_link_names_the_site():
    pages = ["\n\n".join(["Skip to main content", "The Midland Gazette", f"Council Backs Plan Number {i} For Town Centre",
                          PARA + f" Number {i}.", PARA2 + f" Number {i}.", "© 2019 Midland Gazette Media Ltd"]) for i in range(3)]
    assert set(clean(pages).articles["site_name"].to_list()) == {"The Midland Gazette"}


def test_a_video_pages_deck_and_caption_do_not_make_an_article_before_its_date_line():
    deck = "The alliance says the former stronghold is now fully under its control after a four-month battle."
    caption = "Fighters gather on the pitch of the municipal stadium for the declaration, 20 October 2017."
    text = "\n\n".join(["Fighters Declare The City Free At A Ceremony In Its Stadium", deck, "Now playing", caption,
                        "20/10/2017 · 14:10 GMT", PARA, PARA2, PARA3])
    r = clean([text])
    assert r.articles.height == 1
    assert r.articles.row(0, named=True)["title"] == "Fighters Declare The City Free At A Ceremony In Its Stadium"


def test_a_title_naming_its_date_above_the_plain_date_line():
    text = "\n\n".join(["Print this transcript", "Department Press Briefing - October 19, 2017", "Elena R. Marsh",
                        "Spokesperson", "October 19, 2017", PARA, PARA2, PARA3])
    r = clean([text])
    a = r.articles.row(0, named=True)
    assert a["title"] == "Department Press Briefing - October 19, 2017"
    assert a["published_text"] == "October 19, 2017"
    assert removed(r)["Print this transcript"] == "widget"


def test_a_page_clock_with_a_label_is_no_dated_title():
    text = "\n\n".join(["Tuesday 5 March 2019 - 28 Jumada al-Akhirah 1440 | Visitors today: 1,902",
                        "Army Launches Dawn Of The Hills Operation Against The Militants", "March 4, 2019", PARA, PARA2])
    assert clean([text]).articles.row(0, named=True)["title"] == "Army Launches Dawn Of The Hills Operation Against The Militants"


# ---- round 7 dev outlets: a web-archive capture, government statements, a headline aggregator, an op-ed site

def test_a_wayback_capture_toolbar_is_chrome_and_its_stamp_is_the_page_date():
    toolbar = ["The Wayback Machine - http://web.archive.org/web/20170215094412/http://www.example-herald.co.uk/news/world/1",
               "47 captures", "5 Nov 2016 - 3 Jan 2019", "JAN FEB MAR", "About this capture", "COLLECTED BY",
               "Collection: Alexa Crawls", "TIMESTAMPS"]
    text = "\n\n".join([*toolbar, "THE HERALD", "Iraqi Troops Break Into The Eastern Districts Of The City",
                        "By Martin Aldous, Defence Correspondent", "Published: 18:32 GMT, Friday 4 November 2016",
                        PARA, PARA2, PARA3, "NEXT ARTICLE ›", "Lifeboat Crew Rescue Three Walkers Cut Off By The Tide",
                        "Published: 17:48 BST, Tuesday 22 September 2015", PARA3 + " Again.", PARA + " Again.",
                        PARA2 + " Again."])
    r = clean([text])
    a = r.articles.row(0, named=True)
    assert a["title"] == "Iraqi Troops Break Into The Eastern Districts Of The City"
    assert a["page_date_text"].startswith("The Wayback Machine - http://web.archive.org/web/20170215094412/")
    assert r.articles.height == 2 and r.articles.row(1, named=True)["title"] == "Lifeboat Crew Rescue Three Walkers Cut Off By The Tide"
    got = removed(r)
    assert {got[x] for x in toolbar[1:] if x != "5 Nov 2016 - 3 Jan 2019"} == {"archive_toolbar"}


def test_a_government_statement_header():
    text = "\n\n".join(["READOUT", "Secretary's Call With The Prime Minister On The Coalition Campaign",
                        "Office of the Spokesperson", "October 18, 2017", "For Immediate Release", PARA, PARA2])
    r = clean([text])
    a = r.articles.row(0, named=True)
    assert a["title"] == "Secretary's Call With The Prime Minister On The Coalition Campaign"
    assert a["byline"] == "Office of the Spokesperson" and a["published_text"] == "October 18, 2017"
    assert removed(r)["For Immediate Release"] == "release_label"


def test_an_aggregator_summary_byline_and_its_source_list_header():
    text = "\n\n".join(["Headline Hub", "Home › World › UK politics", "MPs Reject The Deal By 230 Votes In Historic Defeat",
                        "Summary by Headline Hub editors · 16 Jan 2019, 06:30 GMT", PARA, PARA2,
                        "Source headlines (5 of 214)", "Commons crushes the plan as rebels defy the whips", "The Guardian · 2 days ago"])
    a = clean([text]).articles.row(0, named=True)
    assert a["title"] == "MPs Reject The Deal By 230 Votes In Historic Defeat"
    assert a["byline"] == "Summary by Headline Hub editors"
    assert a["credit"] is None


def test_an_op_ed_header_name_above_its_role_and_a_subscribe_price():
    text = "\n\n".join(["The Column Review", "Subscribe from £1 a week    Sign in", "Tuesday 5 March 2019", "OPINION",
                        "Mosul is free. Now comes the harder war", "Owen Pritchard", "Legal affairs columnist",
                        "Tuesday 27 January 2015, 07:00 GMT", PARA, PARA2])
    r = clean([text])
    a = r.articles.row(0, named=True)
    assert a["title"] == "Mosul is free. Now comes the harder war"
    assert a["byline"] == "Owen Pritchard"
    assert removed(r)["Subscribe from £1 a week Sign in"] == "paywall"


def test_a_sentence_opening_with_sources_is_no_credit():
    line = "Sources would not say which field the company is considering for the new platform next year."
    r = clean(["\n\n".join(["Oil Company Weighs New Field", PARA, line, PARA2])])
    assert line in body_lines(r)


def test_a_next_in_section_marker_starts_the_next_article():
    text = "\n\n".join(["Probe Slips Into Orbit Around Jupiter After Five-Year Journey", "5 Jul 2016", PARA, PARA2, PARA3,
                        "Next in Science ↓", "Solar Plane Lands, Completing The First Sun-Powered Flight Around The World",
                        "26 Jul 2016", PARA + " Again.", PARA2 + " Again.", PARA3 + " Again."])
    r = clean([text])
    assert r.articles.height == 2
    assert r.articles.row(1, named=True)["title"] == "Solar Plane Lands, Completing The First Sun-Powered Flight Around The World"


# ---- round 8 dev outlets: an academic journal, an e-mail campaign archive, an agency's briefs, a translated mirror

def test_a_journal_article_header():
    text = "\n\n".join([
        "Journal of Conflict Studies", "Open Access", "RESEARCH ARTICLE",
        "Ruling the Ruins: Tax Offices and Civilian Compliance in the East of the City, 2014–2016",
        "Sarah Lind1*, Omar Haddad2", "1 Department of War Studies, University of Aberdeen, UK",
        "2 Centre for Middle East Security, American University of Kurdistan, Duhok, Iraq",
        "Received 21 April 2017; Accepted 30 August 2017; Published online 6 October 2017",
        "Journal of Conflict Studies, Vol. 32, No. 4, pp. 311–334", "Download PDF Cite this article Metrics: 1,204 views",
        PARA, PARA2, PARA3])
    r = clean([text])
    a = r.articles.row(0, named=True)
    assert a["title"] == "Ruling the Ruins: Tax Offices and Civilian Compliance in the East of the City, 2014–2016"
    assert a["byline"] == "Sarah Lind1*, Omar Haddad2"
    assert a["published_text"].startswith("Received 21 April 2017")
    assert removed(r)["Download PDF Cite this article Metrics: 1,204 views"] == "widget"


@pytest.mark.parametrize("line, rule", [
    ("You are receiving this email because you joined a river cleanup or signed up at our site.", "email_footer"),
    ("Our mailing address is:", "email_footer"),
    ("Add us to your address book", "email_footer"),
    ("unsubscribe from this list    update subscription preferences", "email_footer"),
    ("Showing briefs 1-3 of 11 · Page 1 of 4", "pagination"),
    ("Listen to this brief (audio, 3 min) · Add to my feed", "video_residue"),
    ("ABT | printer-friendly version", "widget"),
    ("Show original (Français)", "widget"),
    ("This article was automatically translated from Arabic; errors may occur.", "disclaimer"),
])
def test_email_footers_pagers_and_translation_notices(line, rule):
    r = clean(["\n\n".join(["Volunteers Haul Tonnes Of Trash From The River", PARA, PARA2, PARA3, line])])
    assert removed(r)[" ".join(line.split())] == rule
    assert body_lines(r) == [PARA, PARA2, PARA3]


def test_a_pager_with_first_and_last_links_and_a_share_brief_bar():
    pager = "« First  ‹ Prev  1  2  3  4  Next ›  Last »"
    r = clean(["\n\n".join(["Police Push Into The Market Quarter Of The City", PARA, PARA2, PARA3, "Share brief · Print · Copy link", pager])])
    assert removed(r)[" ".join(pager.split())] == "pagination"
    assert removed(r)["Share brief · Print · Copy link"] == "widget"


# --- round 9 dev outlets (repost portal, columns, sheriff's office, Gulf daily, bullion and wellness blogs)


@pytest.mark.parametrize("marker", ["▼ KEEP SCROLLING — NEXT POST ON THE HUB ▼", "▼ NEXT REPORT ▼", "Next column ▼"])
def test_more_next_article_markers(marker):
    text = "\n\n".join(["First Story Headline About The Budget", "March 3, 2018", PARA, PARA2, marker,
                        "Second Story Headline About The Strike", "Sep 24, 2018", PARA3, PARA])
    assert clean([text]).articles["title"].to_list() == [
        "First Story Headline About The Budget", "Second Story Headline About The Strike"]


def test_a_date_line_just_under_a_marker_split_does_not_split_again():
    # two running-text units (fewer than 60 words) between the marker and the review's date line
    intro = "This is a review of a book that was written about the armed groups of the Sahel and what they have become."
    details = ("It was published in London by a small press in the spring of 2015 and it runs to almost three "
               "hundred pages in all.")
    text = "\n\n".join(["First Story Headline About The Budget", "March 3, 2018", PARA, PARA2, "Next article ›",
                        "A Book About The Sahel And Its Armed Groups", intro, details,
                        "Published online 11 February 2016", PARA3, PARA])
    arts = clean([text]).articles
    assert arts.height == 2
    assert arts["title"][1] == "A Book About The Sahel And Its Armed Groups"


@pytest.mark.parametrize(
    "line, rule",
    [
        ("► PROMOTED: This new rule could erase your credit card balance — check if you qualify", "ad_label"),
        ("SPONSORED CONTENT: Five lessons from a decade of surge production", "ad_label"),
        ("HUB POLL: 64% of Hub readers rate this post TRUE · 23% FALSE · 13% NOT SURE — Vote now!", "widget"),
        ("Download high-resolution booking photo (JPG, 1.1 MB)", "widget"),
        ("← Back to Newsroom", "widget"),
        ("Posts are submitted by Hub members. The Hub does not check them and is not responsible for their content.",
         "disclaimer"),
        ("Sharing this reflection? You are welcome to, for any non-commercial purpose, as long as you name me as the "
         "author.", "disclaimer"),
        ("Booking photo: John Doe, 22, booked March 8, 2016. (County Jail)", "photo_caption"),
        ("Walter Brandt in Brussels. (Columnist Corner file photo)", "photo_caption"),
        # round 10
        ("Was this explainer helpful?", "widget"),
        ("Yes, thanks Not really", "widget"),
        ("hide caption", "widget"),
        ("Dana Whitcomb/WPRN", "photo_caption"),
        ("Replay Up Next Captions off", "video_residue"),
        ("Five volunteers draw these maps. If they are useful to you, back us on Patreon from $2 a month.",
         "donation_appeal"),
        ("$40 helps a returning family fit a front door and windows before the cold comes.", "donation_appeal"),
    ],
)
def test_round9_and_10_chrome_forms(line, rule):
    r = clean(["\n\n".join(["A Headline About Something Important", PARA, line, PARA2, PARA3])])
    assert removed(r).get(line) == rule
    assert len(body_lines(r)) == 3


def test_a_blog_filed_under_line_without_colons_is_the_tags_line():
    line = "Filed under Daily Report, Syria | Tagged gold, silver, Shayrat"
    a = clean(["\n\n".join(["A Headline About Something Important", PARA, PARA2, PARA3, line])]).articles.row(0, named=True)
    assert a["tags_line"] == ["Daily Report", "Syria", "gold", "silver", "Shayrat"]


def test_a_portal_contributor_with_a_handle_is_the_byline():
    line = "Contributor: DeltaPatriot76 | Posted 08/14/2016 at 8:41 PM"
    a = clean(["\n\n".join(["Manbij Falls After Ten-Week Siege", line, PARA, PARA2])]).articles.row(0, named=True)
    assert a["title"] == "Manbij Falls After Ten-Week Siege"
    assert a["byline"] == "Contributor: DeltaPatriot76"


def test_a_long_standfirst_thin_in_stop_words_is_not_the_title():
    deck = "Bahraini pilots flew alongside US, Saudi, Emirati and Jordanian crews in overnight strikes on militant positions"
    text = "\n\n".join(["REGION", "Bahraini jets join first coalition raids in Syria", deck,
                        "Tuesday, 23 September 2014", PARA, PARA2])
    a = clean([text]).articles.row(0, named=True)
    assert a["title"] == "Bahraini jets join first coalition raids in Syria"
    assert deck in a["body"]


# --- round 10 dev outlets (explainers, faith news, Kurdish English outlet, OSINT blog, public radio, small daily)


def test_a_slash_between_title_case_words_is_no_photo_credit():
    for line in ("Central Hudson Gas/Electric Corp", "Consumer Needs/Customer Preference Change"):
        r = clean(["\n\n".join(["A Headline About Something Important", PARA, line, PARA2, PARA3])])
        assert removed(r).get(line) != "photo_caption"


def test_a_not_found_page_of_a_radio_station_is_no_article():
    text = "\n\n".join(["Page Not Found (404)",
                        "We can't seem to find that story. It may have moved when we redesigned our site.",
                        "Try searching our archive, or head back to the newsroom front page.", "Popular Right Now",
                        "County Commissioners Table Vote On Wind Farm Setbacks"])
    r = clean([text])
    assert r.articles["body"][0] == ""
    assert removed(r)["Page Not Found (404)"] == "error_page"


def test_a_comment_counter_beside_the_byline_opens_no_comment_section():
    deck = ("The first of the buses and ambulances carried the wounded and their families to the west as a truce that was "
            "brokered by Russia and Turkey held for a second night in the city.")
    text = "\n\n".join(["Buses Begin Pulling Civilians Out Of The City", deck, "By Nadia Harb", "Posted Dec 15, 2016 at 6:12 PM",
                        "Comments (0)", PARA, PARA2, PARA3])
    assert {PARA, PARA2, PARA3} <= set(body_lines(clean([text])))


def test_keep_scrolling_for_the_next_item_starts_a_new_article():
    text = "\n\n".join(["First Story Headline About The Budget", "March 3, 2018", PARA, PARA2,
                        "Keep scrolling for the next explainer", "Who Are The Forces Fighting In The North?",
                        "March 4, 2018", PARA3, PARA])
    assert clean([text]).articles["title"].to_list() == [
        "First Story Headline About The Budget", "Who Are The Forces Fighting In The North?"]


def test_originally_published_is_the_publication_date_not_last_updated():
    text = "\n\n".join(["A Flood Forecaster On Why This Spring Was Different", "By Marisol Vega",
                        "Originally published April 4, 2019 at 11:00 AM CDT", "Last updated April 5, 2019 at 8:47 AM CDT",
                        PARA, PARA2])
    a = clean([text]).articles.row(0, named=True)
    assert a["published_text"].startswith("Originally published April 4, 2019")
