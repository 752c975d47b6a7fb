"""Date normalisation: publication dates, year-less dates, relative offsets.

>>> from datetime import date
>>> parse_published("2024-10-10")
datetime.date(2024, 10, 10)
>>> parse_published("Senin, 9 Juni 2025 20:57 WIB")
datetime.date(2025, 6, 9)
>>> closest_year(9, 10, date(2024, 10, 10))
2024
>>> closest_year(28, 12, date(2025, 1, 3))
2024
>>> shift(date(2024, 10, 10), "day", -1)
'2024-10-09'
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Optional

import regex

from ..lang import alternation, load_table

ISO = regex.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
# The scrapers' usual forms are read here, not by dateparser (about 1.5 ms a string, a tenth of
# an article's whole extraction): `Senin, 16 Jun 2025 13:17 WIB`, `10 Juni 2025 |17:51 WIB`,
# `10/21/2025 20:43`. The result is always dateparser's: an impossible date or time, a name it
# does not read (`Ags`, `Jum'at`) and every other form go to dateparser.
CLOCK = r"(?:\s*[,|\-]?\s*(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s+(?P<zone>\p{Lu}{3,4}))?)?"
NUMERIC = regex.compile(rf"(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<year>\d{{4}}){CLOCK}")


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    return {k.casefold(): int(v) for k, v in load_table("months").items()}


@lru_cache(maxsize=1)
def _named_form():
    """``[day name[,]] day month year [time [zone]]`` with the day and month names of ``lang/id``."""
    return regex.compile(rf"(?:(?P<weekday>{alternation(load_table('days'))}),?\s+)?(?P<day>\d{{1,2}})\s+"
                         rf"(?P<month>(?i:{alternation(load_table('months'))}))\s+(?P<year>\d{{4}}){CLOCK}")


def _dateparser(text: str, date_order: str) -> Optional[date]:
    import dateparser  # imported lazily: it takes a second to load its language data

    parsed = dateparser.parse(
        text, languages=["id", "en"],
        settings={"DATE_ORDER": date_order, "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date() if parsed else None


@lru_cache(maxsize=256)
def _dateparser_reads(probe: str, expected: date, date_order: str) -> bool:
    """Whether dateparser reads ``probe`` as ``expected``: asked once for each set of names and
    each shape of a usual form, on a date of that form."""
    return _dateparser(probe, date_order) == expected


def _usual_form(text: str, date_order: str) -> Optional[date]:
    """The date of a scraper's usual form (see ``CLOCK``), or None when dateparser must decide."""
    clock = lambda m: (" 10:00" if m["hour"] else "") + (f" {m['zone']}" if m["zone"] else "")  # noqa: E731
    m = _named_form().fullmatch(text)
    if m:
        month = month_numbers()[m["month"].casefold()]
        probe = f"{m['weekday'] + ', ' if m['weekday'] else ''}1 {m['month']} 2001{clock(m)}"
        if not _dateparser_reads(probe, date(2001, month, 1), date_order):
            return None
        day = int(m["day"])
    elif date_order in ("DMY", "MDY") and (m := NUMERIC.fullmatch(text)):
        if not _dateparser_reads(f"1/13/2001{clock(m)}", date(2001, 1, 13), date_order):
            return None
        # dateparser reads the date order's way, or the other way when that is no date (10/21/2025)
        a, b = int(m["a"]), int(m["b"])
        day, month = (a, b) if date_order == "DMY" else (b, a)
        if not valid(int(m["year"]), month, day):
            day, month = month, day
    else:
        return None
    if m["hour"] is not None and (int(m["hour"]) > 23 or int(m["minute"]) > 59):
        return None
    return valid(int(m["year"]), month, day)


def after_label(text: str) -> Optional[str]:
    """The date that follows a label without digits, as scrapers store publication dates
    (about half of them in ``raw_news``), from its day number on (a day name after a label is
    not needed), or None when the text does not open with such a label.

    >>> after_label("Diperbarui 18 Jun 2025, 14:05 WIB"), after_label(", Jurnalis-Jum'at, 13 Juni 2025 |19:04 WIB")
    ('18 Jun 2025, 14:05 WIB', '13 Juni 2025 |19:04 WIB')
    >>> after_label("Kompas.com- 18/06/2025, 21:35 WIB"), after_label("Senin, 9 Juni 2025"), after_label("Edisi 2 - 9 Juni 2025")
    ('18/06/2025, 21:35 WIB', None, None)
    """
    matches = [m for m in (_named_form().search(text), NUMERIC.search(text)) if m]
    if not matches:
        return None
    first = min(matches, key=lambda m: m.start())
    label = text[:first.start()]
    if not label or any(c.isdigit() for c in label):
        return None
    return text[first.start("day") if "day" in first.re.groupindex else first.start():]


def parse_published(value, date_order: str = "DMY") -> Optional[date]:
    """An ISO date/datetime, or a scraper's format via dateparser (Indonesian and English), after
    a label if there is one (``Tayang: Senin, 9 Juni 2025 10:48 WIB``)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    m = ISO.match(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    text = after_label(text) or text
    return _usual_form(text, date_order) or _dateparser(text, date_order)


def valid(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def closest_year(day: int, month: int, published: date) -> Optional[int]:
    """The year that puts day/month closest to the publication date (news looks back and ahead)."""
    best = None
    for y in (published.year - 1, published.year, published.year + 1):
        d = valid(y, month, day)
        if d and (best is None or abs((d - published).days) < abs((best - published).days)):
            best = d
    return best.year if best else None


def shift(published: date, precision: str, offset: int) -> str:
    """ISO value ``offset`` days/months/years from ``published`` at that precision."""
    if precision == "day":
        return (published + timedelta(days=offset)).isoformat()
    if precision == "month":
        months = published.year * 12 + published.month - 1 + offset
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    if precision == "year":
        return f"{published.year + offset:04d}"
    raise ValueError(f"unknown precision {precision!r}")


def named_month(published: date, month: int, sign: int) -> str:
    """The month of that number nearest before (``sign`` -1: `Januari lalu`) or after (1: `Juli
    mendatang`) the publication month, as ``YYYY-MM``.

    >>> named_month(date(2024, 10, 10), 1, -1), named_month(date(2024, 10, 10), 7, 1)
    ('2024-01', '2025-07')
    """
    year = published.year
    if sign < 0 and month >= published.month:
        year -= 1
    if sign > 0 and month <= published.month:
        year += 1
    return f"{year:04d}-{month:02d}"


def named_weekday(published: date, weekday: int, sign: int) -> str:
    """The day of that ISO weekday (1 Monday) nearest before or after the publication date.

    >>> named_weekday(date(2024, 10, 10), 1, -1), named_weekday(date(2024, 10, 10), 1, 1)
    ('2024-10-07', '2024-10-14')
    """
    days = (published.isoweekday() - weekday) % 7 or 7
    if sign > 0:
        days = -((weekday - published.isoweekday()) % 7 or 7)
    return (published - timedelta(days=days)).isoformat()
