"""The HTML report at scale, and the screenshots in docs/.

    python benchmarks/report_pages.py [--articles 1000] [--screenshots]

Extracts ``--articles`` raw_news articles (every 8th line of ``../shared/data/raw_news``, read in
place) with ``--include-text``, writes ``extractor report`` for them, and opens it in Debian's
chromium (playwright): reported are the page's size, the time to write it and the time until the
browser has loaded it. ``--screenshots``: also the report of ``samples/`` against
``samples/press_releases.gold.jsonl``, photographed into ``docs/report-article.png`` (an
article, its role row selected) and ``docs/report-summary.png`` (the scores).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from timing import RAW_NEWS, every_nth_line  # noqa: E402


def extractor(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "extractor", *args], cwd=ROOT, check=True)


def open_seconds(browser, page_path: Path) -> float:
    pg = browser.new_page()
    t0 = time.perf_counter()
    pg.goto(page_path.as_uri(), wait_until="load")
    seconds = time.perf_counter() - t0
    pg.close()
    return seconds


def screenshots(browser, tmp: Path) -> None:
    rec, out = tmp / "samples.jsonl", tmp / "samples.html"
    extractor("extract", "samples", "-o", str(rec), "-q", "--include-text")
    extractor("report", str(rec), "--gold", "samples/press_releases.gold.jsonl", "-o", str(out))
    pg = browser.new_page(viewport={"width": 1200, "height": 760})
    pg.goto(out.as_uri())
    pg.locator("#summary").screenshot(path=str(ROOT / "docs" / "report-summary.png"))
    pg.locator("#art-4 table[data-kind=role] tr.fact").first.click()
    pg.locator("#art-4").screenshot(path=str(ROOT / "docs" / "report-article.png"))
    pg.close()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--screenshots", action="store_true")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        tmp = Path(tmp)
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        src, rec, out = tmp / "in.jsonl", tmp / "rec.jsonl", tmp / "report.html"
        src.write_text("".join(every_nth_line(RAW_NEWS, args.articles, 8)), encoding="utf-8")
        extractor("extract", str(src), "-o", str(rec), "-q", "--include-text", "--jobs", "2")
        t0 = time.perf_counter()
        extractor("report", str(rec), "-o", str(out))
        written = time.perf_counter() - t0
        print(f"{args.articles} articles: report {out.stat().st_size / 1e6:.1f} MB, written in {written:.1f} s "
              f"(whole command), loaded by chromium in {open_seconds(browser, out):.1f} s")
        if args.screenshots:
            screenshots(browser, tmp)
            print("docs/report-article.png, docs/report-summary.png written")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
