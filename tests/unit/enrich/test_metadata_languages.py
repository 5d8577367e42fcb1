"""Metadata on non-English pages and agency credits (synthetic values)."""

import datetime as dt

import polars as pl
import pytest

from tasks.enrich.metadata import parse_text_date

UTC = dt.timezone.utc


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mercredi 3 mars 2021 – Mis à jour à 10:14", dt.datetime(2021, 3, 3, tzinfo=UTC)),
        ("12 juillet 2019", dt.datetime(2019, 7, 12, tzinfo=UTC)),
        ("1er décembre 2018", None),  # "1er" is not supported: no guess
        ("السبت 14 تشرين الأول 2017 - 19:30", dt.datetime(2017, 10, 14, tzinfo=UTC)),
        ("الخميس 4 آذار 2021", dt.datetime(2021, 3, 4, tzinfo=UTC)),
        ("5 يناير 2020", dt.datetime(2020, 1, 5, tzinfo=UTC)),
        ("14:27 05.04.2016 (updated 16:02 05.04.2016)", dt.datetime(2016, 4, 5, tzinfo=UTC)),
    ],
)
def test_parse_text_date_other_languages(text, expected):
    got = pl.DataFrame({"t": [text]}).select(parse_text_date(pl.col("t")))["t"][0]
    assert got == expected


def _one(**cols):
    from test_metadata import one  # the shared silver-row helper

    return one(**cols)


@pytest.mark.parametrize(
    "credit, outlet",
    [
        ("Source: Levant Example Agency (LEA)", "LEA"),
        ("المصدر: سانا", "SANA"),
    ],
)
def test_outlet_from_credit(credit, outlet):
    assert _one(credit=credit)["outlet"] == outlet
