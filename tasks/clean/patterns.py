"""Regular expressions shared by the cleaner and ``tasks.enrich.metadata``.

All patterns are for polars (the Rust ``regex`` crate: no look-around, no
back-references). Date patterns are written to find a date *inside* a line.
"""

from __future__ import annotations

MONTHS_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTHS_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
#: French, German, Spanish, Russian and Arabic (Levantine and Egyptian names) months -> month number (dates on non-English pages)
MONTHS_OTHER = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7, "آب": 8,
    "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7,
    "أغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Russian: the genitive of dates ("27 марта 2016") and the nominative of headers ("Март 2016")
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
    "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7, "август": 8,
    "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
}
_OTHER = "|".join(sorted(MONTHS_OTHER, key=len, reverse=True))
MONTH = rf"(?:{MONTHS_FULL}|{MONTHS_ABBR}|{_OTHER})\.?"
WEEKDAY_LATIN = (
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|"
    r"[Ll]unes|[Mm]artes|[Mm]iércoles|[Jj]ueves|[Vv]iernes|[Ss]ábado|[Dd]omingo"
)
#: weekdays in scripts an ASCII word boundary does not see (Arabic, Russian)
WEEKDAY_OTHER = (
    r"الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد|"
    r"[Пп]онедельник|[Вв]торник|[Сс]реда|[Сс]реду|[Чч]етверг|[Пп]ятница|[Пп]ятницу|[Сс]уббота|[Сс]убботу|[Вв]оскресенье"
)
WEEKDAY = rf"(?:{WEEKDAY_LATIN}|{WEEKDAY_OTHER})\.?"

#: "22 June 2016", "14 July 2020" (also glued after letters: "GMT14 July 2020"), "19. Februar 2019",
#: "14 de marzo de 2017"
DATE_DMY = rf"(\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?({MONTH}),?\s+(?:de\s+)?(\d{{4}})"
#: "Sep 10, 2017", "June 3 2017", "Sept. 10th, 2017"
DATE_MDY = rf"({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})"
#: "2017-09-10"
DATE_ISO = r"(\d{4})-(\d{1,2})-(\d{1,2})"
#: "22/06/2018", "22.06.2018", "6-22-2018"
DATE_NUM = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
#: "10 months ago", "an hour ago" (also glued to an icon name: "access_time10 months ago")
DATE_REL = r"(?i)(\d{1,3}|(?-u:\b)an?|(?-u:\b)one)\s+(second|minute|hour|day|week|month|year)s?\s+ago(?-u:\b)"

DATE_ANY = rf"(?i:{DATE_DMY}|{DATE_MDY}|{DATE_ISO}|{DATE_NUM})"
TIME_CORE = r"\d{1,2}(?::|h)\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|ET|PT|MSK|IRST)(?-u:\b)|\s*\p{Lu}\p{Ll}+\s+[Tt]ime(?-u:\b))?(?:\s*[+-]\d{2}:?\d{2})?(?:\s*Uhr(?-u:\b))?"
TIME = rf"(?i){TIME_CORE}"  # "14:27", "2:05 pm GMT", French "11h20"
#: words that may surround a date on a date line ("Posted on", "Updated:", "GMT", "Publié le ... à")
DATE_CUE_WORDS = (
    r"(?i)(?-u:\b)(?:posted|published|originally|updated|last|modified|on|at|date|time|am|pm|gmt|utc|local|"
    r"est|edt|bst|cet|et|pt|am|pm|the|of|uhr|um|erschienen|aktualisiert|stand|de|actualizado|publicado|el|a|las|broadcast|aired|"
    r"received|revised|accepted|online)(?-u:\b)"
    r"|(?i)\b(?:publié|publiée|le|mis|à|jour|mise|veröffentlicht|آخر|تحديث|نشر|في|опубликовано|обновлено|дата|публикации|в|мск)\b"
)
#: an explicit publication cue before a date
PUBLISHED_CUE = (
    r"(?i)^(?:posted|published|(?:first|originally) published|updated|last updated|date|broadcast|aired|erschienen|aktualisiert|publicado|actualizado)(?-u:\b)"
    r"|(?i)^publiée? le\s|(?i)^veröffentlicht\s|(?i)^(?:опубликовано|обновлено|дата публикации)\s*:?\s"
    # a paper's history line: "Received 21 April 2017; Accepted 30 August 2017; Published online 6 October 2017"
    r"|(?i)^received\s.{4,40}[;,]\s*(?:revised\s.{4,40}[;,]\s*)?accepted\s"
)
#: Material-Icons ligature names scraped as text ("access_time", "folder_open")
ICON_TOKEN = r"(?-u:\b)[a-z]+(?:_[a-z]+)+"

#: "By Jane Doe", "Written by ...", "Author: ..."
BYLINE = (
    r"^(?:[Bb]y|BY|[Ww]ritten by|[Pp]osted by|[Rr]eported by|[Aa]uthor|[Pp]ar|[Ii]nterview(?: by)?|[Ss]tory by|[Ww]ords by|"
    r"[Tt]ext(?: by)?|[Pp]ropos recueillis par|[Uu]n entretien (?:de|avec)|[Rr]eporting by|[Vv]on|[Pp]or|[Hh]osted by|[Hh]ost\s*:|"
    r"[Тт]екст|[Аа]втор|[Бб]еседовал[аи]?|[Cc]urated by|[Ss]ummary by|[Cc]ompiled by)\s*:?\s+(\p{Lu}.{1,80})$"
    # Arabic: "بقلم" (by), "كتب" (wrote), "تحرير" (edited by), "حوار" (interview by), "إعداد" (prepared by)
    r"|^(?:بقلم|كتب|كتبت|تحرير|حوار|إعداد)\s*:?\s+(\p{L}.{1,60})$"
)
#: "Local Editor", "Staff Writer", "Middle East Correspondent"
#: (also "Legal affairs columnist": the role in lower case after a capital)
BYLINE_ROLE = (
    r"^(?:\p{Lu}[\p{L}'.-]*\s+){0,3}(?:Editor|Correspondent|Reporter|Writer|Staff|Desk|Contributor|Columnist|Bureau)s?$"
    r"|^\p{Lu}\p{Ll}+(?:\s+\p{Ll}+){0,2}\s+(?:editor|correspondent|reporter|writer|contributor|columnist)$"
    # an office signing a government statement: "Office of the Spokesperson"
    r"|^Office of the (?:Spokesperson|Spokesman|Press Secretary|Spokeswoman)$"
)
#: "Source: Al-Ahed News", "Courtesy of ...", "(Reporting by ...)", "From: Ministry of Defence"
CREDIT = (
    # ("Source" needs its colon or parentheses: "Source headlines (5 of 214)" on an aggregator is a list header,
    # "Sources would not say ..." a sentence)
    r"^\(?(?:(?:[Ss]ources?|SOURCES?)\s*(?::\s*|\()|(?:[Cc]ourtesy(?: of)?|[Vv]ia|[Oo]riginally (?:published|appeared) (?:at|on|by|in)|"
    r"[Rr]eprinted (?:from|with permission of)|[Cc]ontributed by|[Dd]elivered by|(?:[Aa]dditional )?[Rr]eporting by|"
    r"[Ww]riting by|[Ee]diting by|[Ff]act-checked by|H/T|[Hh]at tip|المصدر|[Ии]сточник|"
    r"(?:[Vv]ideo|[Ff]ootage) courtesy(?: of)?|[Ff]ootage(?: from)?)\s*(?::\s*|\s+)|"
    # the desk editor a state-media page names under the story ("Editor: Guo Lina", "Edited by Li Na")
    r"(?:[Ee]ditors?|EDITOR|[Rr]esponsible editor|[Ee]ditor-in-charge|[Рр]едактор):\s*|[Ee]dited by\s+|From:\s*)(.{2,160}?)\)?$"
)
#: a portal's credit for a partner's story: "Global Press Wire · 4 min read" (group 1: the partner)
READ_TIME_CREDIT = r"^(\p{Lu}[^·•|]{1,60}?)\s*[·•|]\s*\d{1,3}\s*min(?:ute)?s?\s+read$"
#: a wire sign-off on its own line ("Reuter", "REUTER", "AFP")
SIGNOFF = r"^(?:[—–-]\s*)?\(?(?:(?i:reuters?)|AFP|AP|AAP|UPI|dpa|Xinhua|IRNA|FNA|TASS|EFE)\)?$"
#: one to three bare names ("Daniel Tan", "Tetsuo Hanamura, Kaori Ishida", "Jane Doe and John Smith"):
#: a byline only next to a date line in the head
_NAME = r"\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.)?(?:\s+(?:van |de |al-|bin )?\p{Lu}[\p{Ll}'’-]+){1,2}"
BARE_NAMES = rf"^{_NAME}(?:(?:,\s*|\s+and\s+|\s*&\s*){_NAME}){{0,2}}$"
#: a paper's author list, each name with its affiliation mark ("Sarah Lind1*, Omar Haddad2")
FOOTNOTED_AUTHORS = rf"^{_NAME}\d{{1,2}}\*?(?:(?:,\s*|\s+and\s+|\s*&\s*){_NAME}\d{{1,2}}\*?){{0,7}}$"
#: an affiliation line under it ("2 Centre for Middle East Security, American University of Kurdistan")
AFFILIATION_LINE = r"^\d{1,2}\s+\p{Lu}.{0,150}(?-u:\b)(?:University|Institute|Centre|Center|Department|School|College|Academy|Faculty)(?-u:\b)"
#: a name signing the article off on the line after its last paragraph, with a dash or an affiliation:
#: "— Gail Hensley", "Chris Nolan, Channel 9 Eyewitness News", "Sabine Kortmann" (group 1: the name)
SIGNOFF_NAME = (
    rf"^(?:[—–-]\s*)?({_NAME})(?:,\s+[\p{{Lu}}\d][\p{{L}}\d&'’.-]*(?:\s+(?:[\p{{Lu}}\d&][\p{{L}}\d&'’.-]*|of|the|for)){{0,5}})?$"
)
#: a name (or an agency's acronym) and the place it files from: "Lucía Montero | Madrid", "EFE | Algeciras (Cádiz)"
NAME_AND_PLACE = rf"^(?:{_NAME}|\p{{Lu}}{{2,6}}|\p{{Lu}}\p{{Ll}}+ Press)\s*[|·]\s*\p{{Lu}}[\p{{L}} ().,'’-]{{1,40}}$"
#: a bare name and its affiliation: "Priya Natarajan, MD, Department of Emergency Medicine, University of Arizona"
NAME_WITH_AFFILIATION = (
    rf"^{_NAME},\s+.{{0,100}}(?i:(?-u:\b)(?:md|phd|professor|department|university|institute|college|school|hospital|"
    r"cent(?:re|er)|correspondent|editor|reporter|writer|staff|specialist|fellow|director|researcher|columnist|contributor|"
    r"spokesperson|spokesman|spokeswoman)(?-u:\b)).{0,100}$"
)
#: the marker an infinite-scroll page prints before the next article ("NEXT STORY ▼", "Up next", "— NEXT FACT CHECK —")
NEXT_ARTICLE = (
    r"(?i)^[▼▾↓⬇—–\s-]*(?:keep scrolling\W+)?(?:up next|next|read next|next (?:\w+ )?(?:story|article|news|post|release|item|check|"
    r"report|column|dispatch|piece|brief|entry|feature|update|bulletin|statement|letter|explainer)(?: (?:on|from) (?:the )?\p{L}+(?: \p{L}+){0,2})?|"
    r"keep scrolling (?:for|to) (?:the )?next (?:\w+ )?\w+|next in \p{L}[\p{L} &]{1,30}|"
    r"article suivant|à suivre|nächster artikel|siguiente noticia|следующая (?:новость|статья)|следующий материал|المقال التالي|الخبر التالي|"
    r"loading (?:the )?next (?:story|article|release|post|report|column)\W*)[\s▼▾↓⬇:…—–›»→-]*$"
)
#: a web-archive capture URL: its 14-digit stamp is the page's crawl date ("web.archive.org/web/20170215094412/...")
WAYBACK_STAMP = r"web\.archive\.org/web/(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?"
#: a wire sign-off glued to the end of the last paragraph ("... said.  REUTER")
SIGNOFF_INLINE = r"\s+(?:REUTER|Reuter)$"
#: "Tags: Syria, Iran", "Filed under: ...", "Topics: ..."
TAGS_PREFIX = (
    r"(?i)^(?:tags?|tagged(?: with)?|topics?|keywords?|filed under|categories|category|related topics|labels|mots[- ]clés|themen|temas|etiquetas|schlagw(?:ö|oe)rter|теги|метки|темы|الكلمات المفتاحية|وسوم)\s*[:\-]\s*(.+)$|"
    # a blog's "Filed under A, B | Tagged c, d" without colons
    r"(?i)^filed under\s+([^|:]{2,120}\|\s*tagged\s+.+)$"
)
#: "MOSCOW (Sputnik) —", "SALVADOR, Feb 26 -", "WASHINGTON, March 3 (Reuters) -"
DATELINE = (
    r"^((?:\p{Lu}[\p{Lu}\p{M}.'’-]+(?:\s+\p{Lu}[\p{Lu}\p{M}.'’-]+){0,3})"
    rf"(?:,\s*(?:\p{{Lu}}[\p{{L}}.]+\s*){{0,3}})?(?:,\s*{MONTH}\s+\d{{1,2}})?"
    r"\s*(?:\([^)]{2,40}\))?"
    # a capitalised city with its agency ("Paris (AFP) -", "Beirut (Reuters) —")
    r"|\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){0,2}\s*\((?:\p{Lu}{2,6}|\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?)\))\s*[—–-]{1,2}\s+"
)
#: "... told FNA", "... told Sputnik"
TOLD_AGENCY = r"(?-u:\b)told\s+(?:the\s+)?(\p{Lu}[\p{Lu}\p{L}-]{1,20}(?:\s+(?:News(?:\s+Agency)?|TV))?)(?-u:\b)"
#: "Alahednews:" at the start of a line (the agency's name glued as a prefix)
AGENCY_PREFIX = r"^(\p{Lu}[\p{L}]{2,20}news):"

URL = (
    r"(?i)(?:https?://|www\.)\S+|(?-u:\b)[a-z0-9.-]+\.(?:com|org|net|co\.uk|ir|ru|info|news|gov|edu|tv|io|us)(?-u:\b)(?:/\S*)?"
    r"|[^\s@]+@[^\s@]+\.[a-z]{2,}|(?:^|\s)[@#][A-Za-z0-9_]+|pic\.twitter\.com/\S+"
)

#: a person presented by role: a name of ``{names}`` capitalised words, then "<verb> a / an / the ...
#: <role>" ("Jane Doe is a writer and a fellow at ...", "— John Roe is the author of ...")
_PERSON_ROLE_TEMPLATE = (
    r"^(?:[—–-]\s*)?\p{{Lu}}[\p{{L}}.'’-]*(?:\s+\p{{Lu}}[\p{{L}}.'’-]*){{{names}}},?\s+(?:{verbs})\s+(?:an?|the)\s+"
    r"(?:[^.;]{{0,80}}?\s)?(?i:journalist|writer|author|editor|columnist|contributor|reporter|blogger|professor|"
    r"founder|fellow|commentator|analyst|graduate|host|correspondent|researcher|scholar)s?(?-u:\b)"
)
#: an author biography closing a page (``author_bio`` rule, together with a promotion)
AUTHOR_BIO = _PERSON_ROLE_TEMPLATE.format(names="0,3", verbs="is|was|has been")
#: an author tagline (the ``author_bio`` field): a two-word name at least, present tense only
#: ("X was the founder of ..." closes news stories in Reuters-21578)
AUTHOR_TAGLINE = _PERSON_ROLE_TEMPLATE.format(names="1,3", verbs="is|has been")

#: the holder named by a copyright footer ("© 2014-2019 Truth Unbound. All rights reserved.",
#: "Copyright © 2018 The Circuit Ledger · Privacy", "© Le Courrier du Soir 2017 - Toute reproduction ...")
COPYRIGHT_HOLDER = (
    r"(?i:^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{2,4})?\s*,?\s*)?)"
    r"(\p{Lu}[\p{L}&'’-]*(?:\s+(?:\p{Lu}[\p{L}&'’-]*|\d{1,3}(?-u:\b)|&|of|the|du|del|des|de|el|la|le|et|al-\p{L}+)){0,5})"
)
#: "TechPulse Asia © 2019": the holder before the sign
COPYRIGHT_HOLDER_BEFORE = r"^(\p{Lu}[\p{L}&'’-]*(?:\s+\p{L}[\p{L}&'’-]*){0,4})\s+(?:©|\(c\))\s*\d{4}"
