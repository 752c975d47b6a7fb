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

from ..lang import load_table

ISO = regex.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    return {k.casefold(): int(v) for k, v in load_table("months").items()}


def parse_published(value, date_order: str = "DMY") -> Optional[date]:
    """An ISO date/datetime, or a scraper's format via dateparser (Indonesian and English)."""
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
    import dateparser  # imported lazily: it takes a second to load its language data

    parsed = dateparser.parse(
        text, languages=["id", "en"],
        settings={"DATE_ORDER": date_order, "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date() if parsed else None


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
