"""The documented rule set: chrome that line features and templates miss.

Each rule is (name, condition, kind). ``kind`` says how a removed line weighs on
its neighbours in ``tasks.clean.context``:

- ``anchor``: page chrome (widgets, comment forms, counters...): short lines
  next to it are suspect too;
- ``inline``: something embedded in the body (a caption, a tweet, an ad label, a
  repeated line): the lines around it are judged as if it were not there, so a
  subheading after a photo caption survives.

Rules are conditions on one unit's text and features; the first matching rule
in ``RULES`` order names the removal. ``comment_block`` is the one block rule: a
comment-section start after the article body removes everything up to an
end marker (WordPress "Connecting to %s") or the end of the page.
"""

from __future__ import annotations

import re

import numpy as np
import polars as pl

from tasks.clean.lines import GARBAGE
from tasks.clean.features import running_text
from tasks.clean.patterns import AUTHOR_BIO, DATE_ANY, NEXT_ARTICLE
from tasks.clean.subsets import flag_rows, update_rows

t = pl.col("text")
n_words = pl.col("n_words")

#: words of share / follow / navigation / player widgets (lower case)
WIDGET_WORDS = sorted(set("""
share shares shared sharing tweet retweet email e-mail mail print printer pdf facebook twitter whatsapp
telegram reddit linkedin pinterest tumblr vk google youtube instagram flipboard pocket digg stumbleupon
messenger subscribe subscribed subscription unsubscribe newsletter newsletters follow like comment comments
reply replies login logout log sign signin signup register menu home search next previous prev back top
scroll read related listen live watch video videos audio radio podcast loading wait please favorites
favourites favorite favourite bookmark add save copy link links url short get discussion discussions
standards community skip navigation rss feed permalink embed download app donate contact privacy policy
terms cookies cookie accept settings view views click trending popular latest headlines posts post
continue reading tags story star rate rating ratings font size text increase decrease toggle close open
whatsapp viber sms gmail yahoo outlook hide show all more less expand collapse print-friendly translate
gab pin mewe parler minds send gallery photos slideshow whats linked tube wechat weibo qq
cite citation citations metrics altmetric brief briefs
teilen twittern mailen drucken create blog continues continued
compartir tuitear enviar correo imprimir
spotify stitcher soundcloud itunes podcasts apple mp3 mb
""".split()))
#: connectors allowed in a widget line ("Follow us on Twitter", "Add to favorites")
WIDGET_CONNECTORS = sorted(set("to on us the this our in with for and a of by me my your via up now here it".split()))

COMMENT_START = (
    r"(?i)^(?:leave a (?:reply|comment)|post a comment|add (?:a |new |your )?comment|join the (?:discussion|conversation)|"
    r"\d+ (?:comments?|responses?|replies|thoughts|commentaires|kommentare|comentarios)(?: (?:on|to) .*)?|"
    r"(?:comments?|commentaires|kommentare|comentarios)(?: \(\d+\))?|discussion|deja (?:tu|un) comentario|"
    r"you must be logged in to post a comment\.?|what do you think\?|have your say)$"
)
#: a comment's header: "Anonymous said...", "Doc Halvorsen says:" (a name or handle: no "The minister says:")
COMMENT_HEADER = (
    r"^[\p{L}\d_ .'’-]{1,40} said(?:\.\.\.|…)$"
    r"|^(?:\p{Lu}[\p{L}\d_.'’-]*|[\p{Ll}\d]*[\d_][\p{L}\d_]*)(?:\s+\p{Lu}[\p{L}\d_.'’-]*){0,2} (?i:says|wrote):$"
)
COMMENT_END = r"(?i)^(?:connecting to %s|notify me of new (?:posts|comments) (?:via|by) e-?mail\.?|post comment|submit comment)$"
COMMENT_LINE = (
    r"(?i)^(?:you are commenting using your(?-u:\b)|fill in your details below|log out\s*/\s*change|"
    r"notify me of (?:new|follow-up)|your email address will not be published|required fields are marked|"
    r"cancel reply|connecting to %s|(?:name|email|website)\s*\*?$)"
)
ERROR_PAGE = (
    r"(?i)^(?:website is (?:down|under) (?:for )?maintenance|(?:(?:page|file) )?not found|(?:404|403|500|503)(?-u:\b).{0,30}(?:not found|forbidden|error|unavailable)|"
    r"(?:o+ps\W*)?error(?: \d{3})?|main error mes+age here|more description here|access denied|service unavailable|"
    r"(?:(?:we'?re |we are )?sorry,? (?:but )?)?(?:the|this) page (?:you (?:are|were) looking for|(?:could not|cannot|can't) be found|does not exist|doesn'?t exist|is no longer available).*|"
    # WordPress themes' not-found text: "It looks like nothing was found at this location. Maybe try a search?"
    r"(?:it )?(?:looks|seems) like nothing (?:was )?found(?: (?:at|in) this location| here)?.*|nothing found\W*|"
    r"we(?:'re| are) (?:currently )?(?:down|undergoing) (?:for )?(?:scheduled )?maintenance.*|under construction|"
    r"the requested url .{1,300} was not found on this server\.?|.{0,40}server at \S+ port \d+|"
    r"(?:the )?web ?(?:server|site|page) is (?:down|not (?:returning|responding|available|displaying)).*|"
    r"please try again (?:later|in a (?:few|couple of) (?:minutes|moments))\.?|if you are (?:a visitor|the owner) of this (?:web)?site:?|"
    r"you can (?:go|return) (?:back )?to the home ?page.*|(?:this )?(?:account|site|domain) (?:has been )?suspended.*|"
    r"(?:this )?domain (?:name )?(?:is )?(?:for sale|expired|parked).*|"
    r"404\W.{0,60}|(?:we )?(?:couldn['’]?t|could not|can['’]?t|cannot) (?:seem to )?find (?:what|the page|that page|the article|that story|that article|the story|that post|the post).*|"
    r"(?:page|file|story|article) not found\W*(?:\(?(?:404|410)\)?)?\W*|"
    r"(?:o+ups\W*)?(?:cette|la) page (?:est )?(?:introuvable|n'existe (?:pas|plus)).*|"
    r"l'article que vous cherchez.*|la page que vous (?:cherchez|demandez).*|"
    # a withdrawn / moved page: "This collection was withdrawn on 30 January 2018."
    r"(?:this|the) (?:page|collection|article|story|document|post|publication) (?:was|has been|is) (?:now )?"
    r"(?:withdrawn|removed|archived|deleted|moved)(?-u:\b).{0,60}|if you (?:reached|came to|followed a link to) this page .*|"
    r"the (?:video|clip|page|article|story|file) you (?:tried|are trying|were trying|requested|wanted) to (?:watch|view|access|reach|open|play) .*)$"
)
COOKIE = (
    r"(?i)(?:we use cookies|this (?:web)?site uses cookies|uses cookies to|by continuing to (?:use|browse)|"
    r"utilisation (?:de|des) cookies|(?:utilis|dépos)\w* (?:des |de )?cookies|en poursuivant votre navigation|acceptez l'utilisation|ملفات تعريف الارتباط|"
    r"accept (?:all )?cookies|cookie (?:policy|settings|preferences|consent)|we use (?:\w+ ){1,3}cookies|utiliza cookies|usamos cookies|(?:we|partners) (?:\w+ ){0,2}use (?:\w+ ){0,3}cookies|"
    r"(?:essential|optional|necessary|analytics) cookies|^cookies on (?:the |this )?.{0,50}(?:site|website)$|wir (?:nutzen|verwenden) cookies|"
    r"(?:nutzt|verwendet) cookies)"
)
SOCIAL_PROMPT = (
    r"(?i)^(?:please )?(?:follow us|like us|find us|join us|connect with us|share (?:this|on|via)|"
    r"subscribe (?:to|for|now|today)|sign up (?:for|to)|get (?:our|the latest|daily|free) .{0,40}(?:newsletter|updates|alerts|email)|"
    r"click to (?:share|email|print)|(?:download|get) (?:our|the) app|support (?:us|our)|donate)(?-u:\b)|"
    # a newsletter's closing call: "Thanks for reading X! ... Forward it to someone who should see it."
    r"(?i)^thanks for reading(?-u:\b).{0,80}[.!]\s.{0,120}(?-u:\b)(?:share|forward|pass it on|subscribe|sign up)(?-u:\b)|"
    # "You can Read this piece, then “Comment & Share” at one or MORE of the following places…"
    r"(?i)(?-u:\b)(?:comment|share)(?-u:\b).{0,40}(?-u:\b)(?:at|on|in|via) (?:(?:one|any|all) or (?:more|all) of |any of |all of )?"
    r"the following (?:places|sites|platforms|networks)(?-u:\b)|"
    r"(?i)je m'inscris|inscrivez-vous|abonnez-vous|suivez-nous|partager sur|تابعونا|شارك(?:وا)? الخبر|اشترك"
)
RELATED_HEADER = (
    r"(?i)^(?:related(?: articles| posts| stories| news| content| coverage| items)?|read (?:more|also|next)|"
    r"see also|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|more (?:from|stories|news|on|in)(?-u:\b).{0,40}|"
    r"recommended(?: for you| articles| stories| reading| resources| links| videos)?|trending(?: now| stories)?|popular(?: posts| stories| now)?|"
    r"most (?:read|popular|viewed|shared)|also (?:read|on)(?-u:\b).{0,40}|further reading|editor'?s picks?|"
    r"don'?t miss|what to read next|top stories|latest (?:news|stories|posts)|"
    r"(?:à )?lire aussi|voir aussi|sur le même sujet|articles similaires|lesen sie auch|mehr zum thema|das könnte sie auch interessieren|te puede interesar|lo más leído|читайте также|смотрите также|по теме|новости по теме|самое читаемое|أخبار ذات صلة|اقرأ أيضا|اقرأ أيضاً|مواضيع ذات صلة)\s*:?\s*(?:\[edit\])?$"
)
READ_MORE = (
    r"(?i)^(?:read more|related|also read|see also|more|watch|video|listen|recommended|(?:à )?lire aussi|voir aussi|"
    r"lesen sie auch|mehr zum thema|читайте также|смотрите также)\s*[:|>»]\s*\S"
)
PHOTO_CAPTION = (
    r"(?i)(?:\((?:photo|image|picture|pic|photograph|file photo|credit|screenshot|screengrab|video)(?: by| credit| source| via| courtesy(?: of)?|:)[^)]*\)\s*$|"
    r"^(?:featured |header |top |cover |main )?(?:image|photo|picture|pic|photograph)s?\s+(?:via|courtesy(?: of)?|credit)\s*:?\s+\S.{0,100}$|"
    # "Featured image by Gage Skidmore", "Featured image from file" (the featured / header image only: "Photo by"
    # opens sentences of the text too)
    r"^(?:featured|header|cover|top) (?:image|photo|picture)s?\s+(?:by|from|is|a|an)\s+\S.{0,100}$|"
    # a stock-image credit: "Royalty Free Photo", "Stock image"
    r"^(?:royalty[- ]free|stock|file|archive) (?:photo|image|picture)s?\W*$|"
    r"\(\s*[A-Z]{2,}/[^)]+\)\s*$|"
    r"^(?:photo|image|picture|image caption|image copyright|photo credit|file photo|featured image|caption|credit|фото)\s*:|"
    # a credit in parentheses closing the caption: "Walter Brandt in Brussels. (Columnist Corner file photo)"
    r"\([^()0-9]{0,60}(?-u:\b)(?:photo|image|picture|photograph)s?\)\s*$|"
    # a labelled kind of photo: "Booking photo: Dustin Lee Varga, 22, booked March 8, 2016.", "Staff photo: ..."
    r"^(?:booking|staff|handout|courtesy|archive|family|police|submitted|contributed|pool|wire)\s+(?:photo|image|picture)\s*:\s*\S|"
    # a photographer's credit on its own line: "Imran Qureshi / Gulf Monitor"
    # or "Dana Whitcomb/WPRN" (case-sensitive, a name in title case first: "CME LIVE/FEEDER CATTLE" headlines of
    # Reuters tables are no credits)
    r"(?-i:^\p{Lu}\p{Ll}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]+){1,2}(?:\s+/\s+\p{Lu}[\p{L}&.'’ -]{1,40}|/\p{Lu}{2,}[\p{Lu}&.]*))$|"
    r"(?-u:\b)(?:getty images|ap photo|afp photo|shutterstock|epa-efe)(?-u:\b)[^.]*$|"
    # "A driver waits outside a mall. Photo: TechPulse Asia": a caption closing with its credit
    r"[.!?]\s+(?:photo|image|picture|photograph|credit)s?\s*:\s*[^.]{2,60}$)"
)
#: a newsletter pitch: "... in your inbox every Friday morning", "No spam, unsubscribe at any time"
NEWSLETTER_PITCH = (
    r"(?i)(?-u:\b)(?:in(?:to)? your inbox|to your inbox|unsubscribe at any time|no spam(?-u:\b)|one email an? (?:day|week|morning)|"
    r"sign up for (?:our|the) (?:\w+ )?(?:newsletter|briefing|digest)|dans votre (?:boîte|messagerie)|"
    r"chaque (?:jour|matin|semaine|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b.{0,80}(?:l'essentiel|sélection|newsletter|lettre))"
)
#: an e-mail campaign's footer, read as a web page ("View this email in your browser", "Our mailing address is:")
EMAIL_FOOTER = (
    r"(?i)^(?:you (?:are receiving|received|got|are getting) this (?:e-?mail|message|newsletter)(?-u:\b).*|"
    r"you signed up for .{1,80}(?-u:\b)(?:at|on|via|through) .*|our mailing address is\s*:?|add us to your address book|"
    r"want to change how you receive these e-?mails\?.*|you can update your preferences or unsubscribe.*|"
    r"view this e-?mail in (?:your|a) (?:web )?browser|forward (?:this e-?mail )?to a friend|"
    r"(?:unsubscribe(?: from this list)?|update (?:your |subscription )?preferences)(?:\s*[|·]?\s*(?:unsubscribe(?: from this list)?|update (?:your |subscription )?preferences))*)$"
)
#: a paywall / metered-access prompt
PAYWALL = (
    r"(?i)(?-u:\b)(?:of your \d+ free (?:stories|articles)|free (?:stories|articles) (?:left|remaining|this month)|"
    r"(?:is|are) reserved for (?:\S+ ){0,4}(?:members|subscribers)|(?:members|subscribers) get (?:unlimited|full) access|"
    r"(?:subscribe|register|sign in|log in) (?:\S+ ){0,3}to (?:continue|keep) reading|you(?:'re| are) reading .{1,40} for free|"
    r"to read the (?:rest|full (?:story|article))|réservée? aux abonnés|il vous reste \d+ ?% de cet article|"
    r"keep reading with a (?:\d+-day )?free trial|(?:this|the) (?:post|dispatch|story|article|episode|newsletter|piece|issue) is for (?:paid )?(?:subscribers|members)|"
    r"^paid (?:subscribers|members)(?-u:\b).{0,120}(?:free (?:trial|week|month)|subscribe|upgrade)|"
    r"^you have \d+ free (?:articles?|stories|story) (?:left|remaining)|^already a (?:subscriber|member)\W|"
    r"^start (?:my|your) (?:free )?(?:subscription|trial)\W*$|^subscribe (?:now |today )?(?:from|for) (?:just |only )?[£$€]\d|(?:£|\$|€)\d[\d.,]*\s*(?:a|per|/)\s*(?:month|week|year)(?-u:\b).{0,40}cancel (?:at )?any ?time)"
)
#: a donation appeal: "Chip in $5 today", "100% reader-supported"
DONATION = (
    r"(?i)(?-u:\b)(?:chip in \$?\d+|reader-(?:supported|funded)|donate (?:now|today)|runs on reader support|funded by (?:its )?readers|"
    r"support (?:our|independent) (?:journalism|reporting|work|fact-checking|media|news)|become a (?:patron|supporting member)|"
    r"(?:we )?never take money from|back us on patreon|support us on patreon)(?-u:\b)|"
    # a price tag on a gift: "$40 helps a returning family fit a front door", "£10 buys a winter blanket"
    r"(?i)^[$£€]\d+(?:\.\d{2})? (?:helps|buys|provides|pays for|feeds|gives)(?-u:\b)"
)
#: page navigation: "‹ Previous 1 2 3 … 36 Next ›", "« Newer Posts 1 2 3 … 48 Older Posts »"
PAGINATION = (
    r"(?i)^(?:[«‹<]\s*)?(?:(?:previous|prev|newer posts|older posts|page précédente|précédent)\s*)?[\s|]*\d+(?:(?:[\s|…]|\.{3})+\d+)+[\s|]*"
    r"(?:(?:next|older posts|newer posts|page suivante|suivant)\s*)?(?:[»›>]\s*)?$|"
    # "« First  ‹ Prev  1  2  3  4  Next ›  Last »"
    r"(?i)^(?:(?:[«‹<»›>|…]|first|last|prev(?:ious)?|next)\s*)+(?:\d{1,4}\s+){2,}(?:(?:[«‹<»›>|…]|first|last|next)\s*)*$|"
    # "Showing briefs 1-3 of 11 · Page 1 of 4", "Page 2 of 3"
    r"(?i)^(?:showing (?:\w+ )?\d+\s*[-–]\s*\d+ of \d+(?:\s*[·|•]\s*)?)?(?:page \d+ of \d+)?\W*$"
)
#: a link to another version of the page: "Rural Health Weekly | Print version", "Read this story in Bosnian →"
PAGE_VERSION = (
    r"(?i)(?:^|[|·•]\s*)(?:print(?:er)?[- ]?(?:friendly(?: version| page)?|version|edition)|version imprimable|versión (?:para )?imprimir)\s*$|"
    # a machine translation's switch back: "Show original (Français)"
    r"^show (?:the )?original(?:\s*\([^)]{1,20}\))?$|"
    r"^(?:read|lire|leer) (?:this (?:story|article)|cet article|este artículo) (?:in|en) \p{L}+\W*$|"
    # accessibility, print, correction and download links
    r"^skip to (?:the )?(?:main )?(?:content|navigation|menu)$|^print this (?:page|article|story|transcript|release|post)(?:\s*\|.*)?$|"
    # a wiki's page history note: "This page was last edited on 14 July 2018, at 11:02."
    r"^this page was last (?:edited|modified|updated) on .{4,60}$|"
    r"^(?:report (?:a typo|an error)|suggest a correction|republish this (?:story|article|investigation))$|"
    r"^download (?:the )?(?:data|pdf|report|full report|file)\b.{0,80}\((?:csv|pdf|xlsx?|zip)[^)]*\)$"
)
#: a press release's distribution label: "For Immediate Release", "EMBARGOED UNTIL 00:01 GMT"
RELEASE_LABEL = r"(?i)^(?:for immediate release|for release (?:on|at) .{1,40}|embargoed(?: until| till)? .{1,40}|not for publication before .{1,40})\W*$"
#: a web archive's toolbar above a captured page (the Wayback Machine's: "47 captures", "COLLECTED BY", the
#: month strip "JAN FEB MAR", "About this capture")
ARCHIVE_TOOLBAR = (
    r"(?i)^(?:the wayback machine\s*[-–—]\s*https?://\S+|\d[\d,]* captures?|about this capture|collected by|"
    r"collection\s*:\s*.{1,60}|timestamps|crawl data (?:given|donated) to the (?:internet )?archive .*|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)){1,11})$"
)
#: a citation widget: "Cite This Page:", "MLA APA Chicago"
CITE_WIDGET = r"(?i)^(?:cite this (?:page|article|story)|how to cite(?: this (?:article|page))?|mla\s+apa\s+chicago(?:\s+harvard)?)\s*:?$"
#: a photo-gallery widget: "PHOTO GALLERY · 14 photos", "View gallery (8 images)"
GALLERY = r"(?i)^(?:(?:photo|image|video)s? gallery|view (?:the )?gallery)(?:\W+\d+\s+(?:photos|images|pictures))?\W*$"
#: a news ticker above the page: "BREAKING | Minister says ...", "Breaking News: ..." (another story's headline)
#: ("BREAKING: ..." with a colon opens many pages' own headlines, so a plain "BREAKING" needs a bar)
TICKER = (
    r"^(?:(?:BREAKING|Breaking|JUST IN|Just [Ii]n|URGENT|FLASH|DERNIÈRE MINUTE|Dernière minute|عاجل)\s*[|›»]|"
    r"(?:BREAKING NEWS|Breaking [Nn]ews)\s*[|:–—-])\s*\S"
)
TWEET = r"pic\.twitter\.com/\w+|^[—–-]\s*.{1,80}\(@\w{1,15}\)\s+\p{L}+\.? \d{1,2}, \d{4}$"
#: a podcast's sponsor read: "Thanks to our sponsor, X: ...", "This episode is brought to you by X"
SPONSOR_READ = (
    r"(?i)(?:^thanks to (?:our|today's) sponsors?(?-u:\b)|this episode is (?:brought to you|sponsored|supported|made possible) by|"
    r"(?:this|the) (?:video|clip|segment|coverage|podcast|series) is (?:brought to you|sponsored|supported|presented|made possible) by)"
)
#: an embedded video player's text ("JUST WATCHED ... Replay More Videos ... MUST WATCH", "▶ Play", "Now playing")
VIDEO_RESIDUE = (
    r"(?i)^[▶►]\s*play(?-u:\b)|^just watched(?-u:\b)|replay more videos(?-u:\b)|^must watch(?-u:\b).{0,200}\d{1,2}:\d{2}$|^autoplay\s*:?\s*(?:on|off)$|"
    r"(?i)^(?:now playing|playing next)\W*$|(?i)^(?:(?:replay|up next|captions? (?:on|off)|mute|unmute|full ?screen|share)\s*){2,}$|(?i)^listen to this (?:article|story|post|dispatch|episode|piece|report|brief)(?:\W.*)?$"
)
AD_LABEL = (
    r"(?i)^(?:advertisement|advertising|sponsored(?: content| links?)?|promoted(?: content| stories)?|ad|ads by \w+|publicité|anzeige|publicidad|إعلان|реклама|"
    # "Advertisement - story continues below", "Story continues below advertisement", "Article continues after this ad"
    r"(?:(?:advertisement|advertising|ad)\s*[-–—:|]*\s*)?(?:the )?(?:story|article|text|content) continue[sd]? "
    r"(?:below|after (?:the |this )?(?:advertisement|ad))(?: (?:the |this )?advertisement)?\W*)$|"
    # ad-plugin residue: placeholders and debug notes ("Your ads will be inserted here by Easy Plugin for AdSense.",
    # "==== Multi-Author AdSense ==== Skipped due to ...")
    r"(?i)(?-u:\b)ads will be inserted here(?-u:\b)|^\W*(?:[\w-]+\s+){0,3}adsense\W*$|^=+\s*[\w -]*adsense"
)
#: a link to a file, with its type and size
DOWNLOAD_LINK = r"(?i)\((?:pdf|jpe?g|png|gif|tiff?|docx?|xlsx?|pptx?|zip|mp3|mp4|csv)\s*[,·|]?\s*\d[\d.,]*\s*[kmg]i?b\)\W*$"
#: a reader poll's words (with two percentages or more on the line: its results)
POLL = r"(?i)^\W*(?:[\p{L}']+\s+){0,2}poll\s*:|(?-u:\b)(?:vote now|cast your vote|have your say|tell us what you think)(?-u:\b)"
#: a labelled advert among the teasers: "► PROMOTED: This new rule could erase your credit card balance"
AD_TEASER = r"(?i)^\W*(?:promoted|sponsored(?: content| post| story)?|paid (?:content|post)|partner content|advertorial|ad)\s*[:|·]\s*\S"
JS_RESIDUE = (
    r"^(?://|/\*|<!--|\$\(|jQuery|var |let |const |function\s*\(|document\.|window\.|googletag|\(adsbygoogle|"
    r"<script|<div|<iframe|[{}])|\}\)?;?$|=\s*function(?-u:\b)|\w\([^()]*\);$"
)
_COUNT_ITEM = (
    r"(?:(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d[\d,.]*[km]?)\s+(?:views?|comments?|shares?|likes?|reads?|replies|votes?|reactions?|réactions?|vues|commentaires?|"
    r"mal gelesen|aufrufe|lecturas|comentarios|просмотр(?:ов|а)?|комментари(?:ев|я|й))|"
    r"(?:views?|comments?|shares?|likes?|reads?|просмотров|комментариев)\s*:?\s*(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d[\d,.]*[km]?)|\d+ min(?:ute)?s? read)"
)
#: a weather widget: a temperature among place names and conditions only ("Bielefeld 3 °C, Nebel",
#: "34°  Clear  H 48° L 29°"); a sentence with a temperature has lower-case words
_TEMP = r"-?\d{1,3}\s?°\s?[CF]?"
WEATHER = rf"^(?:\p{{Lu}}[\p{{L}}.'-]*\s+){{0,3}}{_TEMP}(?:[\s,|/·]+(?:\p{{Lu}}\p{{L}}*|{_TEMP}|-?\d{{1,3}}))*\s*$"
#: "12 comments", "Views: 1,204", "4,982 views | 61 comments"
COUNTER = rf"(?i)^{_COUNT_ITEM}(?:\s*[|•·,/]\s*{_COUNT_ITEM})*$"
#: a labelled share bar: "Spread this before the censors get to it: Facebook | Twitter | Gab | Email"
_SHARE_SITE = (
    r"(?:facebook|twitter|gab|vk|e-?mail|whatsapp|telegram|reddit|linkedin|pinterest|pin|tumblr|print|courriel|messenger|flipboard|"
    r"mewe|parler|minds|sms|copy link|wechat|weibo|qq|ok|вконтакте|одноклассники)"
)
#: share buttons closing an appeal: "... Share This Article Now! 3.6k SHARES SHARE ON FACEBOOK SHARE ON TWITTER"
SHARE_ON_BAR = rf"(?i)(?:share (?:on|via) {_SHARE_SITE}\W*){{2,}}$"
SHARE_BAR = rf"(?i):\s*{_SHARE_SITE}(?:(?:\s*[|•·,/]\s*|\s+){_SHARE_SITE}){{2,}}\s*$"
TOPIC_COUNTER = r"^[^().\d]{3,80}\s\(\d{1,6}\)$"
#: site disclaimers and notices (the guide's "site disclaimers"): opinion disclaimers, satire notices,
#: warranty and fair-use notices, reproduction permissions, affiliate disclosures, comment policies
DISCLAIMER = (
    r"(?i)transcripts? (?:is|are) (?:made|generated|produced|created) by (?:machine|software|computer)|"
    r"(?:was|has been|is) (?:automatically|machine)[- ]translated(?-u:\b)|translated by (?:a )?machine(?-u:\b)|"
    r"check (?:it )?against the audio before quoting|"
    r"(?:views|opinions|statements) expressed (?:in this|here|herein|by (?:the )?(?:authors?|contributors?|writers?|guests?))"
    r"[^.]{0,120}(?-u:\b)(?:are|do not|does not|don't)(?-u:\b)|"
    r"(?-u:\b)do(?:es)? not necessarily (?:reflect|represent) (?:those|the (?:views?|opinions?|positions?|polic(?:y|ies)))(?-u:\b)|"
    r"^disclaimer\s*:|(?-u:\b)(?:is|are) not (?:intended as )?(?:tax|legal|financial|medical|investment) advice(?-u:\b)|"
    r"(?-u:\b)(?:does|do) not provide (?:medical|legal|financial|tax|investment) advice(?-u:\b)|ne remplacen?t? en aucun cas|"
    r"(?-u:\b)sponsors? (?:do|does) not (?:see|approve|review|influence)(?-u:\b)|"
    r"(?-u:\b)(?:is|are) (?:a work of )?satir(?:e|ical)(?-u:\b).{0,80}(?:fiction|entertainment|not (?:real|true|meant))|"
    r"for entertainment purposes only|(?-u:\b)makes? no (?:representations?|warrant(?:y|ies))(?-u:\b)|"
    r"(?-u:\b)cannot make any warrant|fair use (?:notice|doctrine|act)|copyrighted material the use of which|"
    r"(?-u:\b)sec(?:tion|\.)? 107 of|"
    r"(?-u:\b)you (?:may|can) (?:freely )?re-?publish(?-u:\b).{0,120}(?:licen[cs]e|credit|byline|link)|"
    r"(?-u:\b)(?:may|can) be (?:freely )?(?:re-?produced|re-?published|re-?posted|copied|distributed|shared)(?-u:\b)"
    r".{0,100}(?:attribution|link back|a link|credit|unaltered|in (?:its )?entirety)|"
    r"please (?:copy|share) (?:and share )?this article as long as|"
    # a reuse permission: "Sharing this reflection? You are very welcome to, for any non-commercial purpose, as long
    # as you name me as the author and include a link back"
    r"(?-u:\b)(?:shar(?:e|ing)|reproduc\w*|republish\w*|repost\w*|reprint\w*)(?-u:\b)[^.]{0,100}(?-u:\b)(?:as long as|provided(?: that)?)"
    r" you (?:\w+ ){0,2}?(?:name|credit|cite|link|include|attribute|mention|keep)(?-u:\b)|"
    r"(?-u:\b)affiliate links?(?-u:\b)|(?-u:\b)commission (?:if|when) you (?:buy|purchase|click)|"
    r"(?-u:\b)at no (?:additional|extra) cost to you|^comment(?:ing|s)? policy\s*:|"
    r"(?-u:\b)(?:is|are) not responsible for the content of (?:external|third[- ]party|linked)(?-u:\b)|"
    # a user-content portal's notice: "... does not check submissions before they go live and is not responsible for their content."
    r"(?-u:\b)(?:is|are) not responsible for (?:their|its|the) (?:content|accuracy|views|opinions)(?-u:\b)|"
    r"(?-u:\b)(?:posts|articles|stories|submissions|content) (?:is|are) (?:submitted|posted|contributed) by (?:our )?(?:members|users|readers)(?-u:\b)"
)
COPYRIGHT = (
    r"(?i)^(?:©|\(c\)\s*(?:\d{4}|copyright)|copyright\s*(?:©|\(c\)|\d{4}))|all rights reserved|tous droits réservés|جميع الحقوق محفوظة|"
    r"все права защищены|"
    # reuse notices and a media outlet's registration line ("Reproduction ... without written permission is prohibited",
    # "При использовании материалов ссылка на ... обязательна", "Свидетельство о регистрации СМИ ...")
    r"(?:reproduction|republication|redistribution)(?-u:\b).{0,80}(?:prohibited|forbidden|without (?:the )?(?:prior |express )?(?:written )?permission)|"
    # a licence line: "Text is available under the Creative Commons Attribution 2.5 licence"
    r"^(?:all )?(?:text|content|material)s? (?:is|are) (?:available|released|licensed|published) under (?:the |a )?(?:creative commons|cc[- ]by|gnu|open)|"
    r"при (?:полном или частичном )?(?:использовании|цитировании|копировании|перепечатке) материалов|свидетельство о регистрации сми|"
    r"^[^.!?©]{2,60}(?:©|\(c\))\s*\d{4}(?:\s*[-–]\s*\d{4})?\.?$"  # "TechPulse Asia © 2019"
)
COPYRIGHT_NOTICE = r"(?i)^(?:©|\(c\)|copyright)\s*(?:©\s*)?\d{4}.{0,600}(?:all rights reserved|permission)"
#: a copyright notice closes the article once this share of its running text (or more) is above it
COPYRIGHT_TAIL_SHARE = 0.75
CALL_TO_ACTION = (
    r"(?i)(?-u:\b)click here(?-u:\b)|(?-u:\b)click (?:the |this )?(?:link|button)(?-u:\b)|(?-u:\b)tap here(?-u:\b)|"
    r"^(?:for|read) (?:the )?(?:entire|full|complete|rest of the) (?:article|story|report)(?-u:\b)|"
    # "Click to WATCH: <headline>", "Click below to read the full story"
    r"^click (?:to|for|below to|here to|now to) (?:watch|read|see|view|listen|play|download|continue|learn|subscribe)(?-u:\b)|"
    # a polite imperative whose link text was "here": "please read our submission guidelines here."
    r"(?-u:\b)please (?:read|see|visit|check|click|follow|sign|submit|send|contact|email|go|review|find)(?-u:\b).{0,80}(?-u:\b)here\W*$|"
    # a share prompt: "Get the word out - share this post on Facebook and Twitter."
    r"(?-u:\b)share this (?:post|article|story|video|page|news)(?: (?:on|with|to) (?:facebook|twitter|your friends|"
    r"social media|everyone)| if you)(?-u:\b)|"
    # a correction prompt: "See an error in this article? Send us a correction", "Spot a typo? Let us know"
    r"^(?:see|spot(?:ted)?|found|notice) an? (?:error|typo|mistake)(?-u:\b).{0,60}\?"
)
GLUE = r"\p{Ll}{4,}\p{Lu}"
#: a breadcrumb or menu bar: three items or more joined by ">", "|", "»" or "›" ("Accueil > International > Proche-Orient")
MENU_BAR = r"^[^>|»›.!?]{1,40}(?:\s+[>|»›]\s+[^>|»›.!?]{1,40}){2,}$"
#: a syndication / contribution footer ("The post X appeared first on Y.", "This article has been contributed by X")
SYNDICATION = (
    r"(?i)^(?:the|this) (?:post|article|story|entry) .{1,300} appeared first on .{1,160}$|"
    # the WordPress "RSS footer" form: "<title> is a post from: <site>"
    r"^.{3,300} is a post from:? .{2,160}$|"
    r"^this (?:article|story|post|piece|content) (?:has been |was |is )?(?:contributed|produced|provided|"
    r"republished|reprinted|syndicated) (?:by|on|at|for|from|with)(?-u:\b)"
)
#: an authorship / first-publication credit ("This article was written by X and originally published at Y")
#: is metadata (a credit line), unless it carries a promotion ("... Visit X for more", "Read the original")
SYNDICATION_CREDIT = (
    r"(?i)^this (?:article|story|post|piece|content) (?:has been |was |is )?(?:written|(?:originally |first )?published) "
    r"(?:by|on|at|for|in)(?-u:\b)"
)
SYNDICATION_PROMO = r"(?i)(?-u:\b)(?:visit|read (?:the|more)|click|subscribe|follow us|sign up|donate|support us)(?-u:\b)"
#: a call to action pointing at a link ("Browse more detail information about X at: http://...",
#: "For more information, please visit www.example.com", "Get a PDF Sample of the Report at: ...")
PROMO_LINK = (
    r"(?i)(?-u:\b)(?:visit|browse|download|request|access|purchase|buy|order|inquire|enquire|register|sign up|watch|read more|"
    r"check out|learn more|find out more|more (?:detail(?:ed)? |further )?information|full report|sample(?: copy| report| pdf)?)"
    r"(?-u:\b).{0,120}(?:https?://|www\.|@\s*\S|(?-u:\b)[a-z0-9-]+\.(?:com|org|net|info|co\.uk)(?-u:\b))"
)
#: the same call to action whose link text is lost: "For more information, please visit their website."
PROMO_SITE = (
    r"(?i)(?-u:\b)(?:visit|check out|go to)\s+(?:the\s+|our\s+|their\s+|its\s+|his\s+|her\s+)?"
    r"(?:[\p{L}\p{N}'’&.-]+\s+){0,3}?(?:official\s+)?(?:web\s?site|site|home\s?page|web page)s?(?-u:\b)"
    # an "at/for/to ..." clause of at most 60 characters, or trailing punctuation, to the end of the line
    # (written as one alternation: ``(clause)?\W*$`` made this the costliest regex of the stage, 6x)
    r"(?:\s+(?:at|for|to)(?-u:\b)[^\n]{0,60}|[^\w\n]*)$"
)
#: the header of a trailing about / contact box ("About Night Fision", "About the author", "Media contact:")
FOOTER_START = (
    r"^(?:(?i:about (?:the )?(?:author|authors|company|us|publisher|editor))|"
    r"About (?:the )?[\p{Lu}\p{N}][\p{L}\p{N}.&'’-]*(?:\s+(?:[\p{Lu}\p{N}&][\p{L}\p{N}.&'’-]*|of|and|for|the|in)){0,5}"
    # an appositive naming the parent ("About Acme, an Acme Group Company")
    r"(?:,\s+(?:an?|the)\s+[\p{Lu}\p{N}][\p{L}\p{N}.&'’-]*(?:\s+(?:[\p{Lu}\p{N}&][\p{L}\p{N}.&'’-]*|of|and|for|the|in|company)){0,5})?|"
    r"(?i:(?:media|press|investor) (?:contacts?|inquiries|enquiries))|(?i:for (?:more|further) information,? contact)|"
    r"#{3}|-\s*(?i:ends?)\s*-)\s*:?$"
)
#: the last sentence of a page presenting the publisher ("LifeNews.com is an independent news agency ...")
ABOUT_ORG = (
    r"^(?:The )?[\p{Lu}\p{N}][\p{L}\p{N}.&'’-]*(?:\s+(?:[\p{Lu}\p{N}&][\p{L}\p{N}.&'’-]*|of|for|and|the)){0,6},?\s+"
    r"(?:is|are)\s+(?:an?|the|one of the)\s+((?:[\p{L}\p{N}'’-]+,?\s+){0,7}?)"
    r"(?:news|media|agency|organi[sz]ation|website|web site|blog|publication|publisher|non-?profit|not-for-profit|"
    r"charity|think[ -]tank|institute|magazine|newspaper|outlet|foundation)(?-u:\b)"
)
#: words that make the words between "is a" and the noun a clause, not a description
#: ("X is the only leader to have attacked the news media")
ABOUT_ORG_CLAUSE = r"(?i)(?-u:\b)(?:to|that|which|who|whom|has|have|had|was|were|been|be|by|of|in|on|at|for|with|from|about|than|not|no)(?-u:\b)"
#: "... is the editor of ...": a person's bio line, not the publisher's box
PERSON_ROLE = r"(?i)(?-u:\b)(?:is|are) (?:an?|the) (?:\S+ ){0,2}(?:editor|author|writer|founder|director|reporter|correspondent|columnist|contributor|professor|fellow|member|head)s?(?-u:\b)"
#: ... promoting something: the guide's "promotional biography" (chrome), unlike a one-sentence
#: affiliation tagline ("X is a reporter at Politico.", metadata)
BIO_PROMO = (
    r"(?i)(?-u:\b)(?:author of|books?|website|blog|follow (?:him|her|them|me)|twitter|tweets|facebook|homepage|"
    r"visit|subscribe|newsletter|available (?:at|on)|podcast)(?-u:\b)|@\w"
)
#: promotional tail lines (``promo_tail``): line features of an appeal to the reader, scored together.
#: The verbs a call to action opens with ("Spread the word!", "Connect with God ...", "See more here:")
PROMO_IMPERATIVE = (
    r"(?i)^\W*(?:click|subscribe|sign|join|download|get|grab|order|buy|shop|donate|support|share|like|follow|visit|"
    r"watch|listen|learn|discover|connect|explore|encounter|spread|send|call|contact|check|try|register|claim|save|"
    r"start|find|see|read|enjoy|help|become|give|please|don't|do not|tell|email|e-mail|text|act|make sure)(?-u:\b)"
)
PROMO_YOU = r"(?i)(?-u:\b)(?:you|your|you're|yourself)(?-u:\b)"
#: commerce and engagement words (offers, appeals, share / comment / follow prompts)
PROMO_WORDS = (
    r"(?i)(?-u:\b)(?:free|discount|shipping|gift|offer|sale|deals?|e-?books?|books?|newsletters?|subscri\w*|donat\w*|"
    r"membership|orders?|buy|shop|prices?|bonus|exclusive|download|podcast|webinar|course|coupon|promo|sign up|join|"
    r"share|like|comments?|follow|support|premium|trial|guarantee\w*|facebook|twitter)(?-u:\b)|\d+% off"
)
PROMO_LINKISH = r"(?i)https?://|www\.|(?-u:\b)[a-z0-9-]+\.(?:com|org|net|info|tv|co\.uk)(?-u:\b)"
PROMO_POINTER = r"(?i)(?-u:\b)(?:here|below)\W*$|(?-u:\b)click(?-u:\b)"
#: reported speech is article text, however it addresses "you"
PROMO_SPEECH = r"^\W*[“\"‘']|(?i)(?-u:\b)(?:said|added|says|told|wrote)(?-u:\b)|[“\"][^”\"]{12,}[”\"]"
#: how many of the seven features a promotional tail line shows at least, and where it may stand
PROMO_MIN_SCORE = 3
PROMO_TAIL_UNITS = 5
PROMO_MAX_WORDS = 60
#: a line that is one bare URL and nothing else: a reference, or the trailing link to the original
#: (labelled body / meta), not link chrome; left to the neighbour context (``tasks.clean.context``)
BARE_URL = r"^<?(?:https?://|www\.)\S+>?$"
#: the sales lines of a market-report press release: page count, price, licence ("No. of Pages: 116")
REPORT_SALES = (
    r"(?i)^(?:no\.?|number|total) of pages\s*:?\s*\d[\d,]*\.?$|^(?:price of (?:the |this )?report|report price)\s*:|"
    r"^(?:single|multi|corporate|enterprise|global)[- ]user licen[cs]e(?: price)?\s*:"
)
#: a footer box may hold at most this many body paragraphs (an about-the-company paragraph)
FOOTER_MAX_GOOD = 2


_WIDGET_ANY = r"(?i)(?-u:\b)(?:" + "|".join(w.replace("+", r"\+") for w in WIDGET_WORDS) + r")(?-u:\b)"
_VOCAB = r"(?i)(?-u:\b)(?:" + "|".join(w.replace("+", r"\+") for w in WIDGET_WORDS + WIDGET_CONNECTORS) + r")(?-u:\b)"


#: share / follow words of French and Arabic pages (matched with Unicode word boundaries)
WIDGET_WORDS_OTHER = (
    "partager|envoyer|imprimer|réagir|commenter|accueil|sur|par|e-mail|courriel|réactions?|écouter|cet|l'article|article|"
    "شارك|الخبر|فيسبوك|تويتر|يوتيوب|تلغرام|واتساب|انستغرام|طباعة|الرئيسية|على|عبر"
)


_VOCAB_OTHER = rf"(?i)\b(?:{WIDGET_WORDS_OTHER})\b"
_WIDGET_OTHER = r"(?i)\b(?:partager|envoyer|imprimer|réagir|courriel|écouter|شارك|فيسبوك|تويتر|واتساب|طباعة)\b"


#: platform names written in camel case, kept whole before glued words are split ("WeChat", not "We Chat")
CAMEL_BRANDS = ["WeChat", "WhatsApp", "YouTube", "LinkedIn", "TikTok"]


def _widget_line() -> pl.Expr:
    """A short non-sentence made only of widget words (after splitting glued words: 'standardsDiscussion')."""
    split = (
        t.str.replace_many(CAMEL_BRANDS, [b.lower() for b in CAMEL_BRANDS])
        .str.replace_all(r"\d[\d.,]*[kKmM]?(?-u:\b)", " ").str.replace_all(r"(\p{Ll})(\p{Lu})", "$1 $2")
    )
    only_vocab = ~split.str.replace_all(_VOCAB, " ").str.replace_all(_VOCAB_OTHER, " ").str.contains(r"\p{L}")
    return (
        # "Read More!" is a button, not a sentence
        n_words.is_between(1, 7) & (~pl.col("is_sentence") | (t.str.ends_with("!") & (n_words <= 3)))
        & (split.str.contains(_WIDGET_ANY) | split.str.contains(_WIDGET_OTHER))
        & only_vocab
        # at most one number, or one per widget word when each stands alone: share counts ("Share 2.1K | Tweet 388"),
        # not figures glued to words ("(PREVIOUS CLOSE421.50/422.00)")
        & ((t.str.count_matches(r"\d[\d.,]*") <= 1) | (
            ~t.str.contains(r"[^\s\d.,]\d|\d[^\s\d.,kKmM]")
            & (t.str.count_matches(r"\d[\d.,]*") <= split.str.count_matches(_WIDGET_ANY) + split.str.count_matches(_WIDGET_OTHER))))
    )


#: a social network's name alone on a line
NETWORK_NAME = r"(?i)^(?:facebook|twitter|instagram|youtube|linkedin|pinterest|reddit|tumblr|telegram|whatsapp|snapchat|tiktok)$"


def _network_subheading() -> pl.Expr:
    """A network's name alone between two running-text paragraphs: the subheading of a how-to section
    ("Facebook" / "Click [down arrow] at the top right ..."), not a share button (those come in a row)."""
    same_prev, same_next = pl.col("_d").shift(1) == pl.col("_d"), pl.col("_d").shift(-1) == pl.col("_d")
    good = pl.col("fclass") == "good"
    return (
        (n_words == 1) & t.str.contains(NETWORK_NAME)
        & (same_prev & good.shift(1)).fill_null(False) & (same_next & good.shift(-1)).fill_null(False)
    )


def _about_org() -> pl.Expr:
    """A paragraph presenting an organisation ("X is an independent news agency ..."); where it stands is up to the caller."""
    gap = t.str.extract(ABOUT_ORG, 1)
    return (
        t.str.contains(ABOUT_ORG) & ~gap.str.contains(ABOUT_ORG_CLAUSE).fill_null(False)
        & ~t.str.contains(PERSON_ROLE) & _short(80)
    )


def _short(max_words: int) -> pl.Expr:
    return n_words <= max_words


#: a case-insensitive regex tests the lower-cased text (``lc``, added by ``_first_rule``) without its
#: ``(?i)`` flag: the same matches, several times faster (case folding defeats the literal prefilters)
_ESCAPE = re.compile(r"\\[pP]\{[^}]*\}|\\.")


def _caseless(pattern: str) -> str | None:
    """``pattern`` without its ``(?i)`` flags when that is equivalent on lower-cased text, else None:
    not when case sensitivity is switched back on, a class names a letter case (``\\p{Lu}``), or an
    upper-case letter is matched literally."""
    if (not pattern.startswith("(?i)") or re.search(r"\(\?[a-z]*-[a-z]*i", pattern)
            or re.search(r"\\[pP]\{L[ult]", pattern) or re.search(r"[A-Z]", _ESCAPE.sub("", pattern))):
        return None
    return pattern.replace("(?i)", "")


def _logo_alt() -> pl.Expr:
    """An image's alternative text left by the scraper: "Global Press Wire logo" (suffix tests, no regex)."""
    lc = pl.col("lc")
    return (lc.str.ends_with(" logo") | lc.str.ends_with(" icon")) & ~pl.col("is_sentence")


def ci(pattern: str) -> pl.Expr:
    """``text`` contains ``pattern`` (a ``(?i)`` regex), tested on ``lc`` when that is equivalent."""
    caseless = _caseless(pattern)
    return t.str.contains(pattern) if caseless is None else pl.col("lc").str.contains(caseless)


#: (name, condition, kind, most words) in priority order. A rule fires only on units of at most
#: "most words" words (None = any length): ``_first_rule`` evaluates each rule on the units within
#: its cap only, so long units (most of the text) skip most regexes. A cap
#: written as ``n_tokens`` in the condition is repeated here as words (words <= tokens).
RULES: list[tuple[str, pl.Expr, str, int | None]] = [
    ("symbols_only", ~t.str.contains(r"[\p{L}\p{N}]"), "inline", None),
    ("js_residue", ci(JS_RESIDUE) & (pl.col("stop_density") < 0.3), "anchor", None),
    ("wire_garbage", ci(GARBAGE) & (pl.col("n_tokens") <= 4), "inline", 4),
    ("numbers_only", ~t.str.contains(r"\p{L}") & (t.str.count_matches(r"\d+") >= 2) & (pl.col("n_tokens") >= 2), "inline", None),
    ("error_page", ci(ERROR_PAGE), "anchor", 30),
    ("comment_form", ci(COMMENT_LINE), "anchor", 30),
    ("cookie_notice", ci(COOKIE), "anchor", 60),
    ("counter", ci(COUNTER), "anchor", None),
    ("weather", t.str.contains(WEATHER), "anchor", 10),
    ("ticker", ci(TICKER), "anchor", 40),
    ("widget", ci(GALLERY) | ci(CITE_WIDGET) | ci(PAGE_VERSION) | _logo_alt(), "anchor", 10),
    # a feedback prompt and its buttons: "Was this explainer helpful?" / "Yes, thanks     Not really"
    ("widget", ci(r"(?i)^was this (?:\w+ ){0,2}(?:helpful|useful)\W*$|^yes\W*(?:thanks\W*)?(?:no|not really)\W*$"), "anchor", 6),
    # a caption toggle: "hide caption", "toggle caption"
    ("widget", ci(r"(?i)^(?:hide|show|toggle) caption$"), "anchor", 2),
    # a link back to the section: "← Back to Newsroom", "« Return to the press releases"
    ("widget", ci(r"(?i)^[←‹«<]+\s*(?:back|return) to(?-u:\b)"), "anchor", 8),
    # a file's download link: "Download high-resolution booking photo (JPG, 1.1 MB)", "Full report (PDF, 2.4 MB)"
    ("widget", ci(DOWNLOAD_LINK), "anchor", 20),
    # a reader poll's results: "HUB POLL: 64% of Hub readers rate this post TRUE · 23% FALSE — Vote now!"
    ("widget", ci(POLL) & (t.str.count_matches(r"\d%") >= 2), "anchor", 30),
    ("pagination", ci(PAGINATION), "anchor", 20),
    ("release_label", ci(RELEASE_LABEL), "anchor", 10),
    ("archive_toolbar", ci(ARCHIVE_TOOLBAR), "anchor", 40),
    ("newsletter", ci(NEWSLETTER_PITCH), "anchor", 60),
    ("paywall", ci(PAYWALL), "anchor", 60),
    ("email_footer", ci(EMAIL_FOOTER), "anchor", 40),
    ("donation_appeal", ci(DONATION), "anchor", 60),
    # the widget vocabulary test is a costly one; a widget has at least one word
    ("widget", _widget_line() & (n_words >= 1), "anchor", 7),
    ("social_prompt", ci(SOCIAL_PROMPT) | ci(SHARE_BAR) | ci(SHARE_ON_BAR), "anchor", 25),
    ("related_header", ci(RELATED_HEADER), "anchor", None),
    ("menu_bar", ci(MENU_BAR) & ~pl.col("is_sentence"), "anchor", 20),
    ("topic_counter", ci(TOPIC_COUNTER) & ~pl.col("is_sentence"), "anchor", 8),
    ("date_counter", t.str.count_matches(DATE_ANY + r"\s*\(\d+\)") >= 2, "anchor", None),
    ("copyright", ci(COPYRIGHT), "anchor", 40),
    # a long reuse notice opening with the copyright sign or word and its year ("©2015 Jane Doe, http://...,
    # All Rights Reserved. Permission is given to share this message as long as ...")
    ("copyright", ci(COPYRIGHT_NOTICE), "anchor", 100),
    ("disclaimer", ci(DISCLAIMER), "anchor", 80),
    ("menu_glue", (t.str.count_matches(GLUE) >= 2) & ~pl.col("is_sentence") & (pl.col("n_tokens") <= 10), "anchor", 10),
    ("tweet_embed", ci(TWEET), "inline", None),
    ("syndication", ci(SYNDICATION), "anchor", 80),
    ("syndication", ci(SYNDICATION_CREDIT) & ci(SYNDICATION_PROMO), "anchor", 80),
    ("about_org", _about_org() & (pl.col("u") >= pl.col("n_units") - 2) & (pl.col("u") >= 2), "anchor", 80),
    ("report_sales", ci(REPORT_SALES), "anchor", 15),
    ("link_dense", (pl.col("link_density") >= 0.5) & ~ci(BARE_URL), "anchor", None),
    ("promo_link", ci(PROMO_LINK) & (pl.col("link_chars") > 0), "inline", 45),
    ("promo_link", ci(PROMO_SITE) & t.str.contains(r"(?i)(?-u:\b)(?:please|more|learn|find out)(?-u:\b)"), "inline", 45),
    ("read_more", ci(READ_MORE), "inline", 30),
    ("call_to_action", ci(CALL_TO_ACTION), "inline", 30),
    ("photo_caption", ci(PHOTO_CAPTION), "inline", 60),
    ("ad_label", ci(AD_LABEL) | ci(SPONSOR_READ) | ci(AD_TEASER), "inline", None),
    # a "Source" / "Via" label closing the page whose link text was lost (the guide: chrome)
    ("link_residue", t.str.contains(r"(?i)^(?:sources?|via|links?)\s*:?$") & (pl.col("u") == pl.col("n_units") - 1),
     "inline", 1),
    ("video_residue", ci(VIDEO_RESIDUE), "inline", None),
]
RULE_KIND = {name: kind for name, _, kind, _ in RULES} | {
    "comment_block": "anchor", "template_partial": "inline", "tweet_embed": "inline", "repeated_line": "inline",
"template": "anchor", "pull_quote": "inline", "contents_list": "anchor", "title_repeat": "inline",
    "date_line": "inline", "page_header": "anchor", "related_links": "anchor", "wire_control": "inline",
    "footer_block": "anchor", "no_article": "anchor", "promo_tail": "anchor", "off_topic": "anchor", "closing_headline": "anchor", "profile_page": "anchor", "list_item": "inline", "author_bio": "anchor",
}


def apply_rules(units: pl.DataFrame) -> pl.DataFrame:
    """Add ``rule`` (first matching rule name, or null), including the block and repetition rules."""
    units = units.with_columns(
        _first_rule(units),
        # "NEXT STORY ▼": read by the comment block here and by ``segment.add_segments`` (the regex on short units only)
        flag_rows(units, n_words <= NEXT_MARKER_MAX_WORDS, t.str.contains(NEXT_ARTICLE)).alias("next_marker"),
    )
    units = units.with_columns(
        pl.when((pl.col("rule") == "widget") & _network_subheading()).then(None).otherwise(pl.col("rule")).alias("rule")
    )
    return _footer_block(_tweet_text(_comment_block(_contents_list(_repetitions(units)))))


def _first_rule(units: pl.DataFrame) -> pl.Series:
    """``rule``: the name of the first rule in ``RULES`` order whose condition holds, else null.

    Each rule is evaluated once, on the units within its word cap (one frame per distinct cap, holding
    only the columns the conditions read): a regex is compiled once per call, and long units, most of
    the text, skip most regexes.
    """
    needed = sorted({c for _, cond, *_ in RULES for c in cond.meta.root_names()} - {"lc"} | {"n_words"})
    narrow = units.select(needed).with_columns(t.str.to_lowercase().alias("lc"))
    words = narrow.get_column("n_words").to_numpy()
    none = len(RULES)
    first = np.full(narrow.height, none, dtype=np.int32)
    subsets: dict[int | None, tuple[np.ndarray | None, pl.DataFrame]] = {}
    for i, (_, cond, _, cap) in enumerate(RULES):
        if cap not in subsets:
            rows = None if cap is None else np.flatnonzero(words <= cap)
            subsets[cap] = (rows, narrow if rows is None else narrow[rows])
        rows, frame = subsets[cap]
        if frame.height == 0:
            continue
        hits = np.flatnonzero(frame.select(cond.fill_null(False)).to_series().to_numpy())
        hits = hits if rows is None else rows[hits]
        first[hits[first[hits] == none]] = i
    names = pl.Series([name for name, *_ in RULES] + [None], dtype=pl.String)
    return names.gather(first).alias("rule")


#: the header of an in-page table of contents
CONTENTS_HEADER = r"(?i)^(?:contents|table of contents|on this page|in this (?:article|story|page)|jump to|sommaire|inhalt|inhaltsverzeichnis)\s*:?$"
#: a table-of-contents entry has at most this many words
CONTENTS_ITEM_MAX_WORDS = 12


_contents_header = t.str.contains(CONTENTS_HEADER) & pl.col("rule").is_null()


def _docs_with(units: pl.DataFrame, short: pl.Expr, header: pl.Expr) -> pl.Series:
    """The ``_d`` of the documents holding a ``header`` unit (tested on the ``short`` units only)."""
    return units.lazy().filter(short).filter(header).select(pl.col("_d").unique()).collect()["_d"]


def _contents_list(units: pl.DataFrame) -> pl.DataFrame:
    """``contents_list``: a "Contents" header and the short lines after it that the page prints again
    further down (its subheadings, linked from the list); the later copies stay in the body."""
    docs = _docs_with(units, n_words <= 4, _contents_header)
    return update_rows(units, pl.col("_d").is_in(docs.implode()), _mark_contents, ["rule"]) if docs.len() else units


def _mark_contents(units: pl.DataFrame) -> pl.DataFrame:
    header = _contents_header
    units = units.with_columns(header.cast(pl.Int32).cum_sum().over("_d").alias("_toc"))
    later = pl.col("u").max().over("_d", "fp") > pl.col("u")  # the same line comes again after this one
    item = (
        pl.col("rule").is_null() & (pl.col("n_words") <= CONTENTS_ITEM_MAX_WORDS) & later & (pl.col("fp") != "")
        & (pl.col("_toc") > 0)
    )
    # the run of items right after the header (it ends at the first unit that is no item)
    run_break = (~item & ~header).cast(pl.Int32).cum_sum().over("_d", "_toc")
    in_run = item & (run_break == 0)
    return units.with_columns(
        pl.when(header | in_run).then(pl.lit("contents_list")).otherwise(pl.col("rule")).alias("rule")
    )


def _repetitions(units: pl.DataFrame) -> pl.DataFrame:
    """A line identical to the previous one (a caption repeated under its photo)."""
    same_doc = pl.col("_d").shift(1) == pl.col("_d")
    repeat_prev = same_doc & (pl.col("fp") == pl.col("fp").shift(1)) & (pl.col("fp") != "")
    return units.with_columns(
        pl.when(pl.col("rule").is_not_null()).then(pl.col("rule"))
        .when(repeat_prev.fill_null(False)).then(pl.lit("repeated_line"))
        .otherwise(None).alias("rule")
    )


#: a next-article marker ("▼ KEEP SCROLLING — NEXT POST ON THE HUB ▼") has at most this many words
NEXT_MARKER_MAX_WORDS = 12
#: running-text units above a comment section's start
COMMENT_MIN_GOOD_BEFORE = 2


def _comment_block(units: pl.DataFrame) -> pl.DataFrame:
    """Everything from a comment-section start (after some body text) to its end marker.

    After two running-text units at least: a standfirst is one, and the comment counter beside its
    byline ("Comments (0)") opens no comment section before the article has begun."""
    good_before = (pl.col("fclass") == "good").cast(pl.Int32).cum_sum().over("_d") >= COMMENT_MIN_GOOD_BEFORE
    # (the header regex runs on the few lines ending like one)
    ends = t.str.ends_with("said...") | t.str.ends_with("said…") | t.str.ends_with("says:") | t.str.ends_with("wrote:")
    start = (t.str.contains(COMMENT_START) | flag_rows(units, ends & (n_words <= 8), t.str.contains(COMMENT_HEADER))) & good_before
    end = t.str.contains(COMMENT_END)
    # an infinite-scroll page's "NEXT ARTICLE" marker closes the section too (the next story follows it)
    mark = pl.when(start).then(pl.lit(1)).when(end).then(pl.lit(0)).when(pl.col("next_marker")).then(pl.lit(2))
    units = units.with_columns(mark.alias("_m")).with_columns(pl.col("_m").forward_fill().over("_d").alias("_state"))
    prev_state = pl.col("_state").shift(1).over("_d")
    in_block = (pl.col("_state") == 1) | (end & (prev_state == 1))
    return units.with_columns(
        pl.when(pl.col("rule").is_null() & in_block.fill_null(False)).then(pl.lit("comment_block"))
        .otherwise(pl.col("rule")).alias("rule")
    ).drop("_m", "_state")


def _tweet_text(units: pl.DataFrame) -> pl.DataFrame:
    """The line just before a tweet signature ("— Name (@handle) June 3, 2017") is the tweet's text."""
    sig = pl.col("text").str.contains(r"^[—–-]\s*.{1,80}\(@\w{1,15}\)")
    before_sig = (sig.shift(-1) & (pl.col("_d").shift(-1) == pl.col("_d"))).fill_null(False)
    tweet_like = (pl.col("n_chars") <= 280) & (
        pl.col("text").str.contains(r"[@#]\w|https?://|pic\.twitter") | (pl.col("fclass") != "good")
    )
    return units.with_columns(
        pl.when(pl.col("rule").is_null() & before_sig & tweet_like).then(pl.lit("tweet_embed"))
        .otherwise(pl.col("rule")).alias("rule")
    )


def _footer_block(units: pl.DataFrame) -> pl.DataFrame:
    """From an about / contact box header after the body to the end of the page (``footer_block``).

    Only when the box is short: at most ``FOOTER_MAX_GOOD`` body paragraphs from the header on
    (an "About the company" paragraph), so a subheading "About the deal" in the middle of an
    article never cuts it.
    """
    gcum = running_text().cast(pl.Int32).cum_sum().over("_d")
    start = t.str.contains(FOOTER_START) & (n_words <= 8) & ~pl.col("is_sentence") & pl.col("rule").is_null()
    units = units.with_columns(gcum.alias("_gc"), start.alias("_fs"))
    good_after = pl.col("_gc").max().over("_d") - pl.col("_gc")
    first_start = (
        pl.when(pl.col("_fs") & (pl.col("_gc") > 0) & (good_after <= FOOTER_MAX_GOOD)).then(pl.col("u")).min().over("_d")
    )
    in_block = (pl.col("u") >= first_start).fill_null(False)
    return units.with_columns(
        pl.when(pl.col("rule").is_null() & in_block).then(pl.lit("footer_block")).otherwise(pl.col("rule")).alias("rule")
    ).drop("_gc", "_fs")


#: the header of an article's list of references (fact-checks, science news)
#: (a wiki prints "[edit]" beside its section heads)
REFERENCES_HEADER = r"(?i)^(?:sources?|references?|bibliography|journal references?|our sources|quellen)\s*:?\s*(?:\[edit\])?$"
#: a references list holds at most this many entries, of at most this many words each
REFERENCES_MAX_ITEMS, REFERENCES_ITEM_MAX_WORDS = 10, 60
#: what a references list may have been taken for: a recurring header, link-dense entries, nothing
_REFERENCE_RULES = ["template", "template_partial", "link_dense", "menu_glue"]
_reference_free = pl.col("rule").is_null() | pl.col("rule").is_in(_REFERENCE_RULES)


def mark_references(units: pl.DataFrame) -> pl.DataFrame:
    """A "Sources" / "References" header after article text and the entries under it are article text
    (``fclass`` good, rule cleared, ``in_refs``): the fact-check's or study's references, not a
    related-links list (nor a closing headline).

    The entries are the units right after the header, up to ``REFERENCES_MAX_ITEMS``, that no other
    rule removed and that are no bare address or credit line ("Fact-checked by ..." ends the list)."""
    docs = _docs_with(units, (n_words <= 3) & _reference_free, t.str.contains(REFERENCES_HEADER))
    units = units.with_columns(pl.lit(False).alias("in_refs"))
    if docs.len() == 0:
        return units
    return update_rows(units, pl.col("_d").is_in(docs.implode()), _mark_references, ["rule", "fclass", "in_refs"])


def _mark_references(units: pl.DataFrame) -> pl.DataFrame:
    free = _reference_free
    running = running_text().cast(pl.Int32)
    before = running.cum_sum().over("_d") - running
    header = free & t.str.contains(REFERENCES_HEADER) & (before > 0)
    units = units.with_columns(header.cast(pl.Int32).cum_sum().over("_d").alias("_ref"))
    item = (
        free & ~header & (n_words <= REFERENCES_ITEM_MAX_WORDS) & ~t.str.contains(BARE_URL)
        & ~t.str.contains(r"(?i)^(?:fact-checked|edited|reviewed|written|reported) by\s")
    )
    run_break = (~item & ~header).cast(pl.Int32).cum_sum().over("_d", "_ref")
    rank = pl.int_range(pl.len()).over("_d", "_ref")
    keep = (pl.col("_ref") > 0) & (header | (item & (run_break == 0) & (rank <= REFERENCES_MAX_ITEMS)))
    # a header with no entry under it is no list
    keep = keep & (keep.cast(pl.Int32).sum().over("_d", "_ref") >= 2)
    return units.with_columns(
        pl.when(keep).then(None).otherwise(pl.col("rule")).alias("rule"),
        pl.when(keep).then(pl.lit("good")).otherwise(pl.col("fclass")).alias("fclass"),
        keep.alias("in_refs"),
    )


def apply_tail_rules(units: pl.DataFrame) -> pl.DataFrame:
    """Rules about the article's end, run after templates: a unit no running text follows.

    ``about_org``: a paragraph presenting an organisation ("X is an independent research
    organization ...") after the article and followed by no unruled ``good`` unit (only chrome,
    short lines or nothing): the publisher's or press-release issuer's box, wherever the
    page's remaining chrome (follow bars, commenting policies) puts it.

    ``author_bio``: one of the page's last two running-text paragraphs, after article text,
    presenting a person ("Jane Doe is a writer and ...") and promoting something (a book, a
    blog, a Twitter handle) in two sentences or more: a promotional biography. A one-sentence
    affiliation tagline is metadata and stays.

    ``footer_block`` after a copyright notice: a ``copyright`` line with three running-text
    paragraphs above it, and at least ``COPYRIGHT_TAIL_SHARE`` of the page's, closes the
    article; every unit after it is the page's footer (the author's promotion, a mailing-list
    pitch, a book advert), however long.

    ``promo_tail``: among the page's last ``PROMO_TAIL_UNITS`` unruled units, in its second
    half, a line of at most ``PROMO_MAX_WORDS`` words that addresses the reader (``you``, or
    opens with an imperative) outside reported speech and shows ``PROMO_MIN_SCORE`` of seven
    features: reader address, imperative opening, commerce / engagement words, "!", a link or
    domain, two all-capital words, a pointer ("here", "below", "click"). An appeal after the
    article ("Spread the word! LIKE and SHARE this article", "Select Bibles are now 50% OFF
    plus Free Shipping"). No rule lists the phrases: the features do.
    """
    running = running_text().cast(pl.Int32)
    units = units.with_columns(
        (running.cum_sum(reverse=True).over("_d") - running).alias("_run_after"),
        (running.cum_sum().over("_d") - running).alias("_run_before"),
    )
    tail = (pl.col("_run_after") == 0) & (pl.col("_run_before") > 0) & (pl.col("u") >= 2)
    run_before = pl.col("_run_before")
    notice = (pl.col("rule") == "copyright") & (run_before >= 3) & (
        run_before >= COPYRIGHT_TAIL_SHARE * (run_before + pl.col("_run_after")))
    after_notice = (pl.col("u") > pl.when(notice).then(pl.col("u")).min().over("_d")).fill_null(False)
    # an author bio is itself running text: one of the page's last two, after article text
    # (the regexes run on those few units only)
    bio = (
        units.filter((pl.col("_run_after") <= 1) & (pl.col("_run_before") >= 2) & _short(120) & pl.col("rule").is_null())
        .filter(t.str.contains(AUTHOR_BIO) & t.str.contains(BIO_PROMO)
                & t.str.contains(r"[.!?]\s+\p{Lu}"))  # two sentences at least: a one-line tagline is metadata
        .select("_d", "u", pl.lit(True).alias("_bio"))
    )
    units = units.join(bio, on=["_d", "u"], how="left", maintain_order="left")
    units = units.with_columns(
        pl.when(pl.col("rule").is_null() & after_notice).then(pl.lit("footer_block"))
        .when(pl.col("rule").is_null() & tail & _about_org()).then(pl.lit("about_org"))
        .when(pl.col("rule").is_null() & pl.col("_bio").fill_null(False)).then(pl.lit("author_bio"))
        .otherwise(pl.col("rule")).alias("rule")
    ).drop("_run_after", "_run_before", "_bio")
    return _promo_tail(units)


def promo_score() -> pl.Expr:
    """How many promotional features a unit shows (0 when it does not address the reader, or quotes someone)."""
    you = t.str.contains(PROMO_YOU)
    # an all-capitals line is a headline ("SHARE TRADING SUSPENDED"): only "you" addresses the reader there
    imperative = t.str.contains(PROMO_IMPERATIVE) & t.str.contains(r"\p{Ll}")
    features = [
        you, imperative, t.str.contains(PROMO_WORDS), t.str.contains("!", literal=True), t.str.contains(PROMO_LINKISH),
        t.str.count_matches(r"(?-u:\b)[A-Z]{3,}(?-u:\b)") >= 2, t.str.contains(PROMO_POINTER),
    ]
    score = pl.sum_horizontal([f.cast(pl.Int32) for f in features])
    return pl.when((you | imperative) & ~t.str.contains(PROMO_SPEECH)).then(score).otherwise(0)


def _promo_tail(units: pl.DataFrame) -> pl.DataFrame:
    """``promo_tail`` (see ``apply_tail_rules``); the features are computed on the candidates only."""
    kept = pl.col("rule").is_null().cast(pl.Int32)
    from_end = kept.cum_sum(reverse=True).over("_d")
    cand = (
        pl.col("rule").is_null() & (from_end <= PROMO_TAIL_UNITS) & (pl.col("u") >= 1)
        & (pl.col("u") * 2 >= pl.col("n_units")) & _short(PROMO_MAX_WORDS)
    )
    units = units.with_row_index("_row")
    hits = units.filter(cand).filter(promo_score() >= PROMO_MIN_SCORE).select("_row")
    if hits.height == 0:
        return units.drop("_row")
    return units.with_columns(
        pl.when(pl.col("_row").is_in(hits["_row"].implode())).then(pl.lit("promo_tail")).otherwise(pl.col("rule")).alias("rule")
    ).drop("_row")
