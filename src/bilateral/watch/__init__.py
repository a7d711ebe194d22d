"""``bilateral watch``: news feeds in, events out.

    feeds.py    RSS/Atom -> items (feedparser)
    fetch.py    polite HTTP: robots.txt, a rate limit per host, timeouts, conditional GET
    article.py  a fetched page -> an ingest record (or the reason it is refused)
    state.py    what was seen, fetched, ingested (SQLite; survives restarts)
    run.py      one polling round through the project's ingest path
    cli.py      the command
"""
