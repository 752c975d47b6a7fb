"""Bounds that keep one article from stalling a run (``extractor extract --max-chars``,
``--article-timeout``): kept apart so that the command line reads them without loading the pipeline."""

# Articles longer than this are cut (with a warning): 13 times the longest of the 8,094 raw_news
# articles (38,570 characters), so a real article is never cut, and a 10 MB field (a whole page
# dump, a log) costs what half a megabyte does.
MAX_ARTICLE_CHARS = 500_000

# The time budget of one article's rules and facts in batch runs, in seconds. The slowest real
# article takes well under a second, a 500,000-character text of dense names about 12 s on one
# core (benchmarks/long_articles.py); past the budget an article gets a `timeout` error record.
ARTICLE_SECONDS = 120.0
