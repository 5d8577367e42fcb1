"""Article metadata from the silver columns: publication date, page date, site, outlet, author, tags.

All polars expressions, no Python per row.

- ``published_at`` (UTC): for the first article of a page the tabular ``meta_date``
  wins (ISO strings, Mongo ``{"$date": <epoch ms>}``, Reuters "26-FEB-1987 15:01:01.79"
  with trailing wire garbage, epoch numbers); else ``published_text`` — an absolute
  date, or a relative one ("10 months ago") resolved *only* against the page date,
  never guessed. The page (crawl) date is never used as the publication date.
- ``page_date``: the first date in ``page_date_text`` (the page header's clock).
- ``site``: normalised domain of ``url`` (else ``meta_domain``), shorteners resolved.
- ``outlet``: the original agency if the text names one (credit "Source: X",
  sign-off "Reuter", dateline "MOSCOW (Sputnik) —", "... told FNA", an "Alahednews:"
  prefix), else the site's outlet name (``OUTLETS``), else the site itself (its domain, else the
  name its copyright footer gives: ``site_name``).
- ``author``: ``meta_author`` (tabular) or the byline without "By".
- ``tags``: ``tags_line`` + ``meta_tags``, de-duplicated, never null.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from tasks.clean.normalize import split_list
from tasks.clean.patterns import (
    AGENCY_PREFIX, BARE_NAMES, DATE_DMY, DATE_ISO, DATE_MDY, DATE_NUM, DATE_REL, MONTHS_OTHER, READ_TIME_CREDIT,
    SIGNOFF_NAME, TOLD_AGENCY, WAYBACK_STAMP,
)

UTC = pl.Datetime("us", "UTC")
MONTH_NUMBERS = {m.lower()[:3]: i for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], start=1)}
#: dates outside this range are parsing accidents, not publication dates
EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.timezone.utc)

#: URL shorteners and alternative hosts -> the publisher's domain
DOMAIN_ALIASES = {
    "politi.co": "politico.com", "cnn.it": "cnn.com", "abcn.ws": "abcnews.go.com", "nyti.ms": "nytimes.com",
    "wapo.st": "washingtonpost.com", "fxn.ws": "foxnews.com", "reut.rs": "reuters.com", "bbc.in": "bbc.co.uk",
    "on.wsj.com": "wsj.com", "nbcnews.to": "nbcnews.com", "huff.to": "huffingtonpost.com", "lat.ms": "latimes.com",
    "usat.ly": "usatoday.com", "cbsn.ws": "cbsnews.com", "n.pr": "npr.org", "thebea.st": "thedailybeast.com",
    "bloom.bg": "bloomberg.com", "econ.st": "economist.com", "gu.com": "theguardian.com", "ti.me": "time.com",
    "ind.pn": "independent.co.uk", "dailym.ai": "dailymail.co.uk", "trib.al": None, "bit.ly": None, "ow.ly": None,
    "goo.gl": None, "t.co": None, "tinyurl.com": None, "buff.ly": None, "dlvr.it": None, "ift.tt": None,
    "fb.me": None, "youtu.be": "youtube.com", "abcnews.com": "abcnews.go.com", "addictinginfo.org": "addictinginfo.com",
    "edition.cnn.com": "cnn.com", "amp.cnn.com": "cnn.com", "en.farsnews.com": "farsnews.ir",
    "english.farsnews.com": "farsnews.ir", "farsnews.com": "farsnews.ir",
}
#: domain -> outlet name (the outlets of the shared corpora and the seeds' agencies)
OUTLETS = {
    "farsnews.ir": "FNA", "sputniknews.com": "Sputnik", "presstv.ir": "Press TV", "presstv.com": "Press TV",
    "alahednews.com.lb": "Al-Ahed News", "english.alahednews.com.lb": "Al-Ahed News", "bbc.co.uk": "BBC",
    "bbc.com": "BBC", "reuters.com": "Reuters", "cnn.com": "CNN", "politico.com": "Politico",
    "abcnews.go.com": "ABC News", "nytimes.com": "The New York Times", "washingtonpost.com": "The Washington Post",
    "foxnews.com": "Fox News", "nbcnews.com": "NBC News", "cbsnews.com": "CBS News", "npr.org": "NPR",
    "theguardian.com": "The Guardian", "wsj.com": "The Wall Street Journal", "usatoday.com": "USA Today",
    "huffingtonpost.com": "HuffPost", "latimes.com": "Los Angeles Times", "bloomberg.com": "Bloomberg",
    "breitbart.com": "Breitbart", "infowars.com": "Infowars", "rt.com": "RT", "tasnimnews.com": "Tasnim",
    "irna.ir": "IRNA", "en.irna.ir": "IRNA", "sana.sy": "SANA", "almanar.com.lb": "Al-Manar", "aljazeera.com": "Al Jazeera",
    "beforeitsnews.com": "Before It's News", "canadafreepress.com": "Canada Free Press",
    "washingtonexaminer.com": "Washington Examiner", "newsmax.com": "Newsmax", "naturalnews.com": "Natural News",
    "strategic-culture.org": "Strategic Culture Foundation", "addictinginfo.com": "Addicting Info",
    "dailymail.co.uk": "Daily Mail", "independent.co.uk": "The Independent", "thedailybeast.com": "The Daily Beast",
}
#: agency names as the text spells them -> canonical outlet
AGENCY_ALIASES = {
    "reuter": "Reuters", "reuters": "Reuters", "afp": "AFP", "agence france-presse": "AFP", "ap": "AP",
    "associated press": "AP", "the associated press": "AP", "upi": "UPI", "dpa": "dpa", "xinhua": "Xinhua",
    "irna": "IRNA", "fna": "FNA", "fars news agency": "FNA", "fars": "FNA", "tass": "TASS", "itar-tass": "TASS",
    "sputnik": "Sputnik", "sputnik news": "Sputnik", "alahednews": "Al-Ahed News", "al-ahed news": "Al-Ahed News",
    "al-ahed": "Al-Ahed News", "press tv": "Press TV", "presstv": "Press TV", "sana": "SANA", "tasnim": "Tasnim",
    "mehr": "Mehr News", "efe": "EFE", "europa press": "Europa Press", "سانا": "SANA", "وكالة سانا": "SANA", "isna": "ISNA", "ria novosti": "RIA Novosti", "ria": "RIA Novosti", "anadolu": "Anadolu",
}
#: upper-case words after "told" that are not outlets
NOT_OUTLETS = ["US", "UK", "UN", "EU", "USA", "NATO", "MPS", "MP", "ISIS", "ISIL", "IS", "I", "TV", "CIA", "FBI", "GOP"]
#: a credit prefix that names where the story comes from (not who wrote or edited it)
OUTLET_CREDIT = (
    r"^\(?(?:(?i:sources?)\s*(?::\s*|\()|(?i:courtesy(?: of)?|via|originally (?:published|appeared) (?:at|on|by|in)|"
    r"reprinted (?:from|with permission of)|contributed by|delivered by|المصدر|источник|"
    r"(?:video|footage) courtesy(?: of)?|footage(?: from)?)\s*(?::\s*|\s+)|From:\s*)(.{2,120}?)\)?\.?$"
)
SIGNOFF_ONLY = r"^(?:[—–-]\s*)?(?i:reuters?|afp|ap|aap|upi|dpa|xinhua|irna|fna|tass)$"


# ---------------------------------------------------------------- dates

def _month_number(name: pl.Expr) -> pl.Expr:
    low = name.str.to_lowercase().str.strip_chars_end(".")
    other = low.replace_strict(MONTHS_OTHER, default=None, return_dtype=pl.Int32)
    return pl.coalesce(other, low.str.slice(0, 3).replace_strict(MONTH_NUMBERS, default=None, return_dtype=pl.Int32))


def _build(y: pl.Expr, m: pl.Expr, d: pl.Expr, hh: pl.Expr | None = None, mm: pl.Expr | None = None,
           ss: pl.Expr | None = None) -> pl.Expr:
    """A UTC datetime from integer parts; impossible dates (Feb 30) become null."""
    zero = pl.lit(0, pl.Int32)
    parts = [
        y.cast(pl.Int32, strict=False), m.cast(pl.Int32, strict=False), d.cast(pl.Int32, strict=False),
        (hh if hh is not None else zero).cast(pl.Int32, strict=False).fill_null(0),
        (mm if mm is not None else zero).cast(pl.Int32, strict=False).fill_null(0),
        (ss if ss is not None else zero).cast(pl.Int32, strict=False).fill_null(0),
    ]
    text = pl.format("{}-{}-{} {}:{}:{}", *(p.cast(pl.String).str.zfill(2) for p in parts))
    return text.str.to_datetime("%Y-%m-%d %H:%M:%S", strict=False, time_unit="us").dt.replace_time_zone("UTC")


_TIME_TAIL = rf"(?:\s*,?\s*(?:at\s+)?(\d{{1,2}}):(\d{{2}})(?::(\d{{2}}))?\s*([ap]\.?m\.?)?)?"
#: (regex, group numbers of year, month, day, hour, minute, second, am/pm; month_is_name): the clean stage's
#: date patterns (``tasks.clean.patterns``, which find the date lines) with the time after them
_TEXT_DATES = [
    (rf"(?i){DATE_DMY}{_TIME_TAIL}", (3, 2, 1, 4, 5, 6, 7), True),
    (rf"(?i){DATE_MDY}{_TIME_TAIL}", (3, 1, 2, 4, 5, 6, 7), True),
    (rf"{DATE_ISO}{_TIME_TAIL}", (1, 2, 3, 4, 5, 6, 7), False),
    (rf"{DATE_NUM}{_TIME_TAIL}", (3, 2, 1, 4, 5, 6, 7), False),
    (WAYBACK_STAMP, (1, 2, 3, 4, 5, 6, None), False),
]


def _parse_one(text: pl.Expr, pattern: str, groups: tuple[int | None, ...], month_name: bool,
               month_first: pl.Expr | None = None) -> pl.Expr:
    g = lambda i: text.str.extract(pattern, i) if i else pl.lit(None, pl.String)  # noqa: E731  (None: no such group)
    y, m, d, hh, mi, ss, ampm = (g(i) for i in groups)
    month = _month_number(m) if month_name else m.cast(pl.Int32, strict=False)
    day = d.cast(pl.Int32, strict=False)
    if not month_name and DATE_NUM in pattern:
        # dd/mm/yyyy unless the first number cannot be a day-of-month pair that way round, or the page
        # writes its dates month first ("Wednesday, April 3, 2019" over "Release date: 03/09/2016": US order)
        swap = month > 12
        if month_first is not None:
            swap = swap | (month_first & (day <= 12)).fill_null(False)
        month, day = pl.when(swap).then(day).otherwise(month), pl.when(swap).then(month).otherwise(day)
    hour = hh.cast(pl.Int32, strict=False)
    pm = ampm.str.to_lowercase().str.starts_with("p").fill_null(False)
    am = ampm.str.to_lowercase().str.starts_with("a").fill_null(False)
    hour = pl.when(pm & (hour < 12)).then(hour + 12).when(am & (hour == 12)).then(0).otherwise(hour)
    return _build(y, month, day, hour, mi, ss)


#: Arabic-Indic and Persian digits, read as ASCII ones in dates ("٥ أيلول ٢٠١٧")
_EASTERN_DIGITS = [chr(0x660 + i) for i in range(10)] + [chr(0x6F0 + i) for i in range(10)]
_ASCII_DIGITS = [str(i) for i in range(10)] * 2


def parse_text_date(text: pl.Expr, month_first: pl.Expr | None = None) -> pl.Expr:
    """The first absolute date (with its time, if any) written in a free-text field.

    ``month_first``: true where numeric dates are to be read month first (mm/dd/yyyy)."""
    text = text.str.replace_many(_EASTERN_DIGITS, _ASCII_DIGITS)
    positions = [text.str.find(p) for p, _, _ in _TEXT_DATES]
    parsed = [_parse_one(text, p, g, named, month_first) for p, g, named in _TEXT_DATES]
    earliest = pl.min_horizontal(*positions)
    out = pl.lit(None, UTC)
    for pos, value in reversed(list(zip(positions, parsed))):
        out = pl.when(pos.is_not_null() & (pos == earliest)).then(value).otherwise(out)
    return out


def _after_published(text: pl.Expr) -> pl.Expr:
    """The text after its "Published (online)" cue (null without one)."""
    return text.str.extract(r"(?i)(?-u:\b)published(?: online)?\s*:?\s*(.+)$", 1)


def parse_meta_date(text: pl.Expr) -> pl.Expr:
    """A tabular date column: epoch JSON, Reuters SGML, ISO 8601, bare epoch, else free text."""
    s = text.str.strip_chars()
    epoch_ms = s.str.extract(r"""["']?\$date["']?\s*:\s*(?:\{\s*["']?\$numberLong["']?\s*:\s*["']?)?(-?\d{9,})""", 1)
    bare = s.str.extract(r"^(-?\d{9,13})(?:\.\d+)?$", 1)
    bare_ms = pl.when(bare.str.len_chars() >= 12).then(bare.cast(pl.Int64, strict=False)).otherwise(
        bare.cast(pl.Int64, strict=False) * 1000
    )
    ms = pl.coalesce(epoch_ms.cast(pl.Int64, strict=False), bare_ms)
    from_epoch = pl.from_epoch(ms, time_unit="ms").dt.replace_time_zone("UTC").dt.cast_time_unit("us")
    reuters_re = r"(\d{1,2})-([A-Za-z]{3})-(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})"
    reuters = _build(
        s.str.extract(reuters_re, 3), _month_number(s.str.extract(reuters_re, 2)), s.str.extract(reuters_re, 1),
        s.str.extract(reuters_re, 4), s.str.extract(reuters_re, 5), s.str.extract(reuters_re, 6),
    )
    iso_re = r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?"
    iso_local = _build(*(s.str.extract(iso_re, i) for i in range(1, 7)))
    tz = s.str.extract(iso_re, 7)
    sign = pl.when(tz.str.starts_with("-")).then(-1).otherwise(1)
    offset_min = sign * (tz.str.slice(1, 2).cast(pl.Int32, strict=False) * 60 + tz.str.slice(-2, 2).cast(pl.Int32, strict=False))
    iso = iso_local - pl.duration(minutes=pl.when(tz.is_null() | (tz == "Z")).then(0).otherwise(offset_min))
    return pl.coalesce(
        pl.when(ms.is_not_null()).then(from_epoch), reuters, iso, parse_text_date(s)
    )


def _relative(text: pl.Expr, anchor: pl.Expr) -> pl.Expr:
    """'10 months ago' resolved against an anchor date (null without one)."""
    amount = text.str.extract(DATE_REL, 1).str.to_lowercase()
    n = pl.when(amount.is_in(["a", "an", "one"])).then(pl.lit("1")).otherwise(amount)
    unit = text.str.extract(DATE_REL, 2).str.to_lowercase().replace_strict(
        {"second": "s", "minute": "m", "hour": "h", "day": "d", "week": "w", "month": "mo", "year": "y"},
        default=None, return_dtype=pl.String,
    )
    base = anchor.cast(pl.Datetime("us")).dt.replace_time_zone("UTC")
    return base.dt.offset_by(pl.lit("-") + n + unit)


def _plausible(ts: pl.Expr) -> pl.Expr:
    now = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2)
    return pl.when(ts.is_between(pl.lit(EARLIEST, UTC), pl.lit(now, UTC))).then(ts)


# ---------------------------------------------------------------- site, outlet, author, tags

def normalize_domain(url: pl.Expr) -> pl.Expr:
    """'http://www.Politi.co/x' -> 'politico.com' (lower case, no scheme/www/port/path, aliases resolved)."""
    host = (
        url.str.strip_chars().str.to_lowercase()
        .str.extract(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/?#]*@)?([^/:?#\s]+)", 1)
        .str.replace(r"^www\d*\.", "").str.strip_chars(".")
    )
    # generic sub-domains of a publisher ("m.", "amp.", "author.") when a registrable domain remains
    host = host.str.replace(r"^(?:m|mobile|amp|author|edition|english|en)\.([^.]+\.[^.]+(?:\.[a-z]{2})?)$", "$1")
    host = pl.when(host.str.contains(r"\.")).then(host)
    resolved = host.replace_strict(DOMAIN_ALIASES, default=host, return_dtype=pl.String)
    return resolved


#: the words a byline opens with
BYLINE_PREFIX = (
    r"^(?i:by|written by|posted by|reported by|author|par|interview(?: by)?|story by|words by|text(?: by)?|"
    r"propos recueillis par|un entretien (?:de|avec)|reporting by|von|por|hosted by|host\s*:|текст|автор|беседовал[аи]?|"
    r"curated by|summary by|compiled by|contributor|submitted by|"
    r"بقلم|كتب|كتبت|تحرير|حوار|إعداد)\s*:?\s+"
)
#: a title before the author's name ("By Dr Helen Marsh": the author is Helen Marsh)
HONORIFIC = (
    r"^(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame|Rev|"
    # a rank ("By Lt. Marcus Feeney, Veterans Liaison Officer": the author is Marcus Feeney)
    r"Lt|Lieut|Sgt|Capt|Col|Gen|Maj|Cpl|Cmdr|Adm|Det|Insp|Supt)\.?\s+(\p{Lu})"
)
#: what follows the author's name in a byline: a role or bureau after a comma, a place, an agency in parentheses,
#: the time of posting ("Posted by Jane Doe at 10:48 PM")
BYLINE_TRAILER = (
    r"\s*\(.*$|,\s+(?:\p{Ll}|(?:[\p{L}\d]\p{L}*\s+){0,3}(?i:correspondent|editor|reporter|writer|bureau|staff|"
    r"contributor|columnist|analyst|producer|desk|journaliste|rédact\w*|envoyée? spéciale?|specialist|professor|fellow|"
    r"director|researcher|officer|lecturer|md|phd|department|university|institute|college|school|extension|"
    r"meteorologist|anchor|presenter|host|photographer|photojournalist|intern|spokesperson|spokesman|spokeswoman)).*$|"
    r"\s+in\s+\p{Lu}\p{L}+$|\s+[|–—]\s.*$|\s+(?i:at|on|um|am)\s+\d.*$|\.\s+(?i:guests?|with|producers?)\s*:.*$"
)
#: an agency a byline credits in parentheses ("Julien Marchal (avec AFP)", "Jane Doe (with Reuters)")
BYLINE_AGENCY = r"\((?i:with|avec|and|et|\+)\s+(\p{Lu}{2,6}|Reuters|Xinhua|Sputnik)\)"
#: what follows an outlet's name in a credit: a clause after a comma, parentheses, a dash, a second
#: publisher ("From: Ministry of Defence and The Rt Hon Jane Doe MP")
CREDIT_TRAILER = r"(?:,\s|\s\(|\s[–—-]\s|\s+and\s+(?:[Tt]he\s+)?\p{Lu}).*$"
#: the medium after an outlet's name ("Al-Manar Website", "Al-Akhbar newspaper")
CREDIT_MEDIUM = r"(?i)\s+(?:web ?site|newspaper|daily newspaper|news portal|portal)\s*$"


def _agency_name(name: pl.Expr) -> pl.Expr:
    clean = name.str.strip_chars(" .:;,-—–()[]\"'“”").str.replace_all(r"\s+", " ")
    return clean.str.to_lowercase().replace_strict(AGENCY_ALIASES, default=clean, return_dtype=pl.String)


def _outlet_from_domain(domain: pl.Expr) -> pl.Expr:
    return domain.replace_strict(OUTLETS, default=domain, return_dtype=pl.String)


def _credit_outlet() -> pl.Expr:
    credit = pl.col("credit").str.strip_chars()
    named = pl.coalesce(credit.str.extract(OUTLET_CREDIT, 1), credit.str.extract(READ_TIME_CREDIT, 1))
    # "Levant Wire Agency (LWA)": the agency goes by its acronym
    named = pl.coalesce(named.str.extract(r"\((\p{Lu}{2,6})\)?$", 1), named)
    # "Al-Manar Website, translated and edited by X", "Al-Akhbar newspaper (translated from Arabic)": the name
    named = named.str.replace(CREDIT_TRAILER, "").str.replace(CREDIT_MEDIUM, "")
    is_url = named.str.contains(r"(?i)^(?:https?://|www\.)|^[\w-]+(?:\.[\w-]+)+(?:/|$)")
    from_url = _outlet_from_domain(normalize_domain(named))
    signoff = pl.when(credit.str.contains(SIGNOFF_ONLY)).then(_agency_name(credit))
    return pl.coalesce(pl.when(is_url).then(from_url).otherwise(_agency_name(named)), signoff)


def _told_outlet() -> pl.Expr:
    name = pl.col("body").str.extract(TOLD_AGENCY, 1)
    known = name.str.to_lowercase().is_in(list(AGENCY_ALIASES))
    acronym = name.str.contains(r"^\p{Lu}{2,6}$") & ~name.is_in(NOT_OUTLETS)
    return pl.when(known | acronym).then(_agency_name(name))


def extract_metadata(silver: pl.DataFrame) -> pl.DataFrame:
    """Add published_at, page_date, site, outlet, author, tags (see the module docstring)."""
    text_cols = ["published_text", "page_date_text", "site_name", "meta_date", "url", "meta_domain", "credit", "dateline",
                 "title", "byline", "meta_author", "meta_tags", "body"]
    df = silver.with_columns(pl.col(c).cast(pl.String) for c in text_cols if c in silver.columns)
    # the page writes its dates month first, as US sites do ("Thu, Apr 13 2017", "March 3, 2017"), and never
    # day first ("13 April 2017"): its numeric dates are mm/dd/yyyy
    written = pl.concat_str([pl.col("page_date_text"), pl.col("published_text")], separator=" ", ignore_nulls=True)
    us_order = written.str.contains(rf"(?i){DATE_MDY}") & ~written.str.contains(rf"(?i){DATE_DMY}")
    page_ts = parse_text_date(pl.col("page_date_text"))
    df = df.with_columns(_plausible(page_ts).dt.date().alias("page_date"))
    first = pl.col("segment") == 0
    published = pl.coalesce(
        pl.when(first).then(_plausible(parse_meta_date(pl.col("meta_date")))),
        # "Received 21 April 2017; Accepted 30 August 2017; Published online 6 October 2017": the published one
        # (or, when that tail holds no date - "Updated March 14 2017 - 10:22am, first published 9:40am" - the first date)
        _plausible(parse_text_date(_after_published(pl.col("published_text")), us_order)),
        _plausible(parse_text_date(pl.col("published_text"), us_order)),
        _plausible(_relative(pl.col("published_text"), pl.col("page_date"))),
    )
    site = pl.coalesce(normalize_domain(pl.col("url")), normalize_domain(pl.col("meta_domain")))
    outlet_domain = pl.coalesce(normalize_domain(pl.col("meta_domain")), site)
    named = pl.col("byline").str.replace(BYLINE_PREFIX, "").str.replace(HONORIFIC, "$1")
    byline = (
        # affiliation marks ("Sarah Lind1*, Omar Haddad2"; a one-word handle such as "DeltaPatriot76" keeps its digits)
        pl.when(named.str.contains(r"\s")).then(named.str.replace_all(r"(\p{Ll})\d{1,2}\*?", "$1")).otherwise(named)
        # "Jane Doe, Air Power Correspondent", "Jane Doe in Paris", "Jane Doe (avec AFP)": the name only
        .str.replace(BYLINE_TRAILER, "").str.strip_chars()
    )
    # "Chris Nolan, Channel 9 Eyewitness News": the name before the affiliation (not "Jane Doe, John Roe")
    byline = pl.when(byline.str.contains(SIGNOFF_NAME) & ~byline.str.contains(BARE_NAMES)).then(
        byline.str.extract(SIGNOFF_NAME, 1)).otherwise(byline)
    # a byline naming an agency, not a person ("EFE | Algeciras"): the outlet, and no author
    agency_byline = byline.str.to_lowercase().is_in(list(AGENCY_ALIASES))
    outlet = pl.coalesce(
        _credit_outlet(),
        _agency_name(pl.col("dateline").str.extract(r"\(([^)]{2,40})\)\s*(?:[—–-]{1,2}\s*)?$", 1)),
        _agency_name(pl.col("title").str.extract(AGENCY_PREFIX, 1)),
        _told_outlet(),
        _agency_name(pl.col("byline").str.extract(BYLINE_AGENCY, 1)),
        pl.when(agency_byline).then(_agency_name(byline)),
        _outlet_from_domain(outlet_domain),
        pl.col("site_name") if "site_name" in silver.columns else pl.lit(None, pl.String),
    )
    meta_author = split_list(pl.col("meta_author")).list.join(", ")
    author = pl.coalesce(pl.when(first & (meta_author != "")).then(meta_author), pl.when((byline != "") & ~agency_byline).then(byline))
    tags = pl.concat_list(
        pl.col("tags_line").fill_null(pl.lit([], dtype=pl.List(pl.String))),
        split_list(pl.col("meta_tags")).fill_null(pl.lit([], dtype=pl.List(pl.String))),
    ).list.unique(maintain_order=True)
    return df.with_columns(
        published.cast(UTC).alias("published_at"),
        site.alias("site"),
        outlet.alias("outlet"),
        author.alias("author"),
        tags.alias("tags"),
    )
