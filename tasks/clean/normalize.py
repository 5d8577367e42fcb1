"""Text normalisation as polars expressions (no Python per row).

``normalize_line`` is what the body keeps: HTML/SGML entities unescaped, wire
control codes and invisible characters removed, every kind of space folded to
" " and runs collapsed; ``compose`` applies Unicode NFC to the documents that
need it (those with combining marks). Full NFKC is *not* applied to the body
because it rewrites content ("km²" -> "km2", "½" -> "1⁄2"); only its safe parts
are (ligatures, exotic spaces). ``fingerprint`` is the aggressive key used to
compare lines (lower case, full-width forms folded, punctuation folded).
"""

from __future__ import annotations

import polars as pl

#: SGML/HTML numeric references to C0 control characters (Reuters' &#3; &#5; &#22; &#31; &#127;)
CONTROL_REFS = r"&#(?:0*(?:[0-9]|[12][0-9]|3[01]|127));"
CONTROL_CHARS = r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\u200B-\u200D\u2060\uFEFF\u00AD]"
SPACES = r"[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]"
ENTITIES = {
    "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&#39;": "'", "&#039;": "'",
    "&nbsp;": " ", "&ndash;": "–", "&mdash;": "—", "&lsquo;": "‘", "&rsquo;": "’",
    "&ldquo;": "“", "&rdquo;": "”", "&hellip;": "…", "&#8217;": "’", "&#8216;": "‘",
    "&#8220;": "“", "&#8221;": "”", "&#8211;": "–", "&#8212;": "—", "&#8230;": "…",
}
# numeric references to Latin-1 and common punctuation ("&#163;" -> "£"); control codes are removed above
ENTITIES |= {f"&#{i};": chr(i) for i in list(range(160, 256)) + list(range(8211, 8231))}
ENTITIES |= {f"&#x{i:x};": chr(i) for i in range(160, 256)} | {f"&#x{i:X};": chr(i) for i in range(160, 256)}
ENTITIES |= {"&#160;": " ", "&pound;": "£", "&euro;": "€", "&copy;": "©", "&reg;": "®", "&deg;": "°"}
#: full-width ASCII (U+FF01..U+FF5E) -> ASCII, for fingerprints
FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}


def normalize_line(expr: pl.Expr) -> pl.Expr:
    """Clean one line of text (also fine on whole documents)."""
    e = expr.str.replace_all(CONTROL_REFS, "").str.replace_all(CONTROL_CHARS, "")
    # "&amp;" last so "&amp;lt;" becomes "&lt;" (text that was escaped twice stays escaped once)
    e = e.str.replace_many(ENTITIES).str.replace_all("&amp;", "&", literal=True)
    e = e.str.replace_many(LIGATURES).str.replace_all(SPACES, " ")
    return e.str.replace_all(r" {2,}", " ").str.strip_chars()


def compose(texts: pl.DataFrame, column: str = "text") -> pl.DataFrame:
    """Unicode NFC, applied only to the rows that hold combining marks (the others are already NFC)."""
    marked = pl.col(column).str.contains(r"\p{M}")
    if not texts.select(marked.any()).item():
        return texts
    return texts.with_columns(
        pl.when(marked).then(pl.col(column).str.normalize("NFC")).otherwise(pl.col(column)).alias(column)
    )


def fingerprint(expr: pl.Expr, max_chars: int = 200) -> pl.Expr:
    """Comparison key of a normalised line: lower case, full-width forms folded, non-alphanumerics to one space."""
    return (
        expr.str.replace_many(FULLWIDTH).str.to_lowercase()
        .str.replace_all(r"[^\p{L}\p{N}]+", " ").str.strip_chars().str.slice(0, max_chars)
    )


def split_list(expr: pl.Expr) -> pl.Expr:
    """'a, b' or "['a', 'b']" (a tabular list column) -> list of stripped, non-empty strings."""
    return (
        expr.str.replace_all(r"^\s*\[|\]\s*$", "").str.split(",")
        .list.eval(pl.element().str.strip_chars(" '\"#\t").filter(pl.element() != ""))
    )
