"""Splitting into logical lines (units), line numbers, hard-wrap joining."""

from tasks.clean.lines import build_units

from clean_synth import bronze


def test_line_numbers_are_one_based_and_skip_blanks():
    units, control = build_units(bronze(["first\r\n\r\nsecond\n   \nthird"]))
    assert units["line_no"].to_list() == [1, 3, 5]
    assert units["text"].to_list() == ["first", "second", "third"]
    assert control.height == 0


def test_control_only_lines_are_reported():
    units, control = build_units(bronze(["Body text here.\n&#3;"]))
    assert units["text"].to_list() == ["Body text here."]
    assert control["line_no"].to_list() == [2]


WRAPPED = """    SALVADOR, Feb 26 - Showers continued throughout the week in
the cocoa zone, alleviating the drought since early January and
improving prospects for the coming crop, although normal humidity
levels have not been restored, the company said in its review.
    The dry period means the crop will be late this year and the
traders who spoke to the company expect prices to stay firm for
some weeks.
 Reuter"""


def test_hard_wrapped_paragraphs_are_joined():
    units, _ = build_units(bronze([WRAPPED]))
    assert units["line_no"].to_list() == [1, 5, 8]
    assert units["n_raw"].to_list() == [4, 3, 1]
    assert units["text"][0].startswith("SALVADOR, Feb 26 - Showers continued throughout the week in the cocoa zone")
    assert units["text"][0].endswith("in its review.")


def test_short_consecutive_lines_are_not_joined():
    text = "Headline one about a thing\nHeadline two about another\nHeadline three about more\nFour"
    units, _ = build_units(bronze([text]))
    assert units.height == 4
