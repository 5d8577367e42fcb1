"""Line normalisation and fingerprints."""

import polars as pl

from tasks.clean.normalize import compose, fingerprint, normalize_line


def norm(values):
    return pl.DataFrame({"t": values}).select(normalize_line(pl.col("t")))["t"].to_list()


def test_wire_control_codes_and_entities():
    assert norm(["Shares rose&#3;", "&#5;&#5;&#5;C T", "Acme &lt;ACM> &amp; Co"]) == ["Shares rose", "C T", "Acme <ACM> & Co"]


def test_numeric_references_and_double_escape():
    assert norm(["&#163;1.8m fine", "a &amp;lt; b", "x&#8217;s"]) == ["£1.8m fine", "a &lt; b", "x’s"]


def test_spaces_invisible_and_ligatures():
    assert norm(["a\u00a0\u00a0b\tc", "zero\u200bwidth\u00ad", "\ufb01nal  word  ", "  "]) == [
        "a b c", "zerowidth", "final word", ""]


def test_nfc_keeps_content_characters():
    # composed form, but superscripts and typographic quotes are content and stay
    df = compose(pl.DataFrame({"text": ["Cafe\u0301 km² “quoted” ISIL’s", "plain"]}))
    assert df["text"].to_list() == ["Café km² “quoted” ISIL’s", "plain"]


def test_fingerprint_folds_case_punctuation_and_width():
    fp = pl.DataFrame({"t": ["Scroll  Up!", "scroll up", "ＳＣＲＯＬＬ up"]}).select(fingerprint(pl.col("t")))["t"]
    assert fp.n_unique() == 1 and fp[0] == "scroll up"
