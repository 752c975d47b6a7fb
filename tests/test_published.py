"""``parse_published`` reads the scrapers' usual forms without dateparser, always as dateparser does."""
from datetime import date

import pytest

from extractor.lang import load_table
from extractor.normalize.dates import _dateparser, _usual_form, parse_published

MONTHS = list(load_table("months"))
DAYS = list(load_table("days"))
NAMED = ["{d} {m} 2024", "{w}, {d} {m} 2025 {h}:17 WIB", "{d} {m} 2025 |{h}:51 WIB", "{w}   {d} {m} 2024  {h}:45 WITA",
         "{d} {M} 2025, {h}.45 WIT", "{w}, {d} {m} 2025-  {h}:03 WIB", "{w} {d} {m} 2024 - 07:{h} XYZ"]


def named_forms():
    for i, month in enumerate(MONTHS):  # every month and day name, the days and times that are no date
        for k, form in enumerate(NAMED):
            day, hour = (1, 29, 30, 31, 32)[(i + k) % 5], (23, 24, 7, 60, 59)[(i + 2 * k) % 5]
            yield form.format(d=day, m=month, M=month.upper(), w=DAYS[(i + k) % len(DAYS)], h=hour)


def numeric_forms():
    for a in range(0, 33, 2):
        for b in range(0, 33, 3):
            yield f"{a}/{b}/2025" + ("", " 20:43", ", 10:20 WIB", " 24:00", " 9:15 WITA")[(a + b) % 5]


@pytest.mark.parametrize("order", ["DMY", "MDY", "YMD"])
def test_usual_forms_read_as_dateparser_reads_them(order):
    texts = list(named_forms()) + list(numeric_forms())
    assert [parse_published(t, order) for t in texts] == [_dateparser(t, order) for t in texts]


def test_the_usual_forms_skip_dateparser():
    assert _usual_form("Senin, 16 Jun 2025 13:17 WIB", "DMY") == date(2025, 6, 16)
    assert _usual_form("10 Juni 2025 |17:51 WIB", "DMY") == date(2025, 6, 10)
    assert _usual_form("10/21/2025 20:43", "DMY") == date(2025, 10, 21)
    assert _usual_form("10/7/2025 11:55", "DMY") == date(2025, 7, 10)
    assert _usual_form("10/7/2025 11:55", "MDY") == date(2025, 10, 7)
    # names dateparser does not read, impossible times and other forms are left to it
    assert _usual_form("1 Ags 2025", "DMY") is None and parse_published("1 Ags 2025") is None
    assert _usual_form("Jum'at, 20 Juni 2025 11:58 WIB", "DMY") is None
    assert _usual_form("5 Mei 2025 25:17 WIB", "DMY") is None
    assert _usual_form("Diperbarui 13 Jun 2025, 08:14 WIB", "DMY") is None


@pytest.mark.parametrize("text, expected", [
    ("Diperbarui 18 Jun 2025, 14:05 WIB", date(2025, 6, 18)),           # a label before the date
    ("Tayang: Senin, 9 Juni 2025 10:48 WIB", date(2025, 6, 9)),
    ("Kompas.com- 18/06/2025, 21:35 WIB", date(2025, 6, 18)),
    ("Kompas.com - 10/06/2025, 21:23 WIB", date(2025, 6, 10)),
    (",\xa0Jurnalis-Jum'at, 13 Juni 2025 |19:04 WIB", date(2025, 6, 13)),  # a day name dateparser does not read
    ("Tidak Ditemukan", None),                                            # no date at all
    ("Edisi 2 - 9 Juni 2025", None),                                      # a prefix with a number is no label
])
def test_a_label_before_the_publication_date_is_skipped(text, expected):
    assert parse_published(text) == expected
