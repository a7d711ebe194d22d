"""``bilateral serve``: a read-only HTTP API (FastAPI) over the store, and a web dashboard.

``app.create_app(db_path)`` builds the application; ``app.run`` serves it with uvicorn. The
dashboard is plain HTML + vanilla JS in ``static/`` (no CDN, no build step): the browser only
ever talks to this server.
"""
