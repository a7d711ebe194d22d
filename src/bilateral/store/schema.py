"""The database schema: plain SQL types that SQLite and PostgreSQL both take.

``events.record`` keeps the whole event (evidence offsets included) as JSON so that incremental
linking can merge a new report into it; the other tables are its queryable projection, rewritten
with it in the same transaction.

Linking tables (schema 2): ``reports`` keeps every document's own report of an event (before
merging) with the event and story it was linked into and why (``link_score``, ``link_parts``:
the best-scoring link to another report of its event, JSON); ``report_vectors`` the sentence
vector of a report's title + lead (int8, base64) once the linker needed it; ``link_keys`` is the blocking index
over reports (a new report is compared only with reports sharing a key); ``corrections`` keeps an
analyst's split/merge decisions between two reports, applied on every later link.

Schema 4 (compact storage, indexed filters): ``events.record`` and ``reports.record`` are
zlib-compressed JSON (``records.dump_event``), report vectors raw int8 bytes; the ``evidence``
table keeps where each piece of evidence is (document and offsets) and no copy of its text, which
the event's record holds; ``event_sources`` keeps each source's title and evidence sentences
once, as the text the ``text`` filter searches, through a trigram index (SQLite FTS5
``source_text``; PostgreSQL ``pg_trgm``); ``actor_names`` lists each actor name once, so the
``actor`` filter reads the few names, not every actor row. BYTEA is PostgreSQL's binary type;
SQLite takes the name and stores the bytes as they are.

Schema 5: ``event_pairs`` lists each pair of an event's states with its type and date, so a
pair with a type pages from one index range (``PAIRS_TABLE``).
"""

SCHEMA_VERSION = 5  # 3: indexes that page events by date; 4: compact records, search indexes; 5: event_pairs
# (store/migrate.py)

# Schema 3: the order every listing uses (undated last, by date, then id), ascending and
# descending, so a first page reads 50 index entries instead of sorting the whole store.
PAGING_INDEXES = [
    "CREATE INDEX IF NOT EXISTS events_by_date ON events ((date IS NULL), date, event_id)",
    "CREATE INDEX IF NOT EXISTS events_by_date_desc ON events ((date IS NULL), date DESC, event_id)",
    "CREATE INDEX IF NOT EXISTS event_countries_by_country ON event_countries (country, event_id)",
    "CREATE INDEX IF NOT EXISTS events_by_type ON events (type, (date IS NULL), date, event_id)",
]

# Schema 5: each pair of an event's states (a < b) with the event's type and date, kept with the
# event: a pair with a type is one range of ``event_pairs_by_pair`` already in date order (at
# 1,000,000 events its first page read the date index until 50 of its 0.1% of the events turned
# up, and its count tested every event of the type). The key on (event_id, a, b) is how the rows
# go when the event is rewritten, and how a page that walks the date index tests a pair in one probe.
# ``WITHOUT ROWID`` (SQLite; ``backend.translate`` drops it for PostgreSQL, whose tables have no
# rowid): the rows are kept in their key's b-tree, not in a table plus an index of the same key
# (event_countries too, from schema 5): 1,000,000 events took 4,043 bytes each with both.
PAIRS_TABLE = """CREATE TABLE IF NOT EXISTS event_pairs (
    event_id TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, type TEXT NOT NULL, date TEXT,
    PRIMARY KEY (event_id, a, b)) WITHOUT ROWID"""
COUNTRIES_TABLE = """CREATE TABLE IF NOT EXISTS event_countries (
    event_id TEXT NOT NULL, country TEXT NOT NULL, PRIMARY KEY (event_id, country)) WITHOUT ROWID"""
# Schema 5: a type's events newest first (a state with a type walks them until a page is found;
# ascending, events_by_type)
TYPE_DESC_INDEX = "CREATE INDEX IF NOT EXISTS events_by_type_desc ON events (type, (date IS NULL), date DESC, event_id)"
PAIRS_INDEX = ("CREATE INDEX IF NOT EXISTS event_pairs_by_pair ON event_pairs "
               "(a, b, type, (date IS NULL), date, event_id)")

DDL = [
    """CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS documents (
        doc_id TEXT PRIMARY KEY, source TEXT, url TEXT, title TEXT, language TEXT,
        published TEXT, content_hash TEXT NOT NULL, n_events INTEGER NOT NULL, ingested_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS events (
        event_id TEXT PRIMARY KEY, type TEXT NOT NULL, mode TEXT, cameo TEXT, date TEXT,
        date_precision TEXT, countries TEXT NOT NULL, organizations TEXT, location_name TEXT,
        location_country TEXT, geonameid INTEGER, future INTEGER NOT NULL DEFAULT 0,
        conflicts TEXT, n_sources INTEGER NOT NULL, record BYTEA NOT NULL)""",
    COUNTRIES_TABLE,
    PAIRS_TABLE,
    # initiator/recipient of directed events (side = 'initiator' | 'recipient'): --from-country/--to-country
    """CREATE TABLE IF NOT EXISTS event_direction (
        event_id TEXT NOT NULL, side TEXT NOT NULL, country TEXT NOT NULL, PRIMARY KEY (event_id, side, country))""",
    """CREATE TABLE IF NOT EXISTS event_sources (
        event_id TEXT NOT NULL, doc_id TEXT NOT NULL, language TEXT, published TEXT, title TEXT,
        date TEXT, evidence TEXT, PRIMARY KEY (event_id, doc_id))""",
    """CREATE TABLE IF NOT EXISTS actors (
        event_id TEXT NOT NULL, name TEXT NOT NULL, country TEXT, role TEXT, PRIMARY KEY (event_id, name))""",
    """CREATE TABLE IF NOT EXISTS actor_names (name TEXT PRIMARY KEY)""",
    """CREATE TABLE IF NOT EXISTS places (
        geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT)""",
    """CREATE TABLE IF NOT EXISTS figures (
        event_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, flow TEXT, value DOUBLE PRECISION NOT NULL,
        unit TEXT NOT NULL, period TEXT, countries TEXT, qualifier TEXT, flags TEXT,
        PRIMARY KEY (event_id, seq))""",
    """CREATE TABLE IF NOT EXISTS quotes (
        event_id TEXT NOT NULL, seq INTEGER NOT NULL, speaker TEXT, text TEXT NOT NULL, doc_id TEXT,
        PRIMARY KEY (event_id, seq))""",
    """CREATE TABLE IF NOT EXISTS evidence (
        event_id TEXT NOT NULL, seq INTEGER NOT NULL, field TEXT NOT NULL, ref TEXT, doc_id TEXT NOT NULL,
        start_offset INTEGER, end_offset INTEGER, PRIMARY KEY (event_id, seq))""",
    """CREATE TABLE IF NOT EXISTS reports (
        report_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, event_id TEXT NOT NULL, story_id TEXT NOT NULL,
        link_score DOUBLE PRECISION, link_parts TEXT, record BYTEA NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS report_vectors (
        report_id TEXT PRIMARY KEY, lead_vec BYTEA NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS link_keys (
        key TEXT NOT NULL, report_id TEXT NOT NULL, PRIMARY KEY (key, report_id))""",
    """CREATE TABLE IF NOT EXISTS corrections (
        report_a TEXT NOT NULL, report_b TEXT NOT NULL, kind TEXT NOT NULL, doc_a TEXT NOT NULL,
        doc_b TEXT NOT NULL, note TEXT, created_at TEXT NOT NULL, PRIMARY KEY (report_a, report_b))""",
    "CREATE INDEX IF NOT EXISTS events_date ON events (date)",
    # (event_countries_country, on country alone, went in schema 5: event_countries_by_country has it first)
    # (name, event_id): the actor filter reads an actor's events from the index alone (schema 4;
    # stores of schema 3 keep their older actors_name index on name, unused)
    "CREATE INDEX IF NOT EXISTS actors_by_name ON actors (name, event_id)",
    "CREATE INDEX IF NOT EXISTS event_sources_doc ON event_sources (doc_id)",
    "CREATE INDEX IF NOT EXISTS reports_event ON reports (event_id)",
    "CREATE INDEX IF NOT EXISTS reports_story ON reports (story_id)",
    "CREATE INDEX IF NOT EXISTS reports_doc ON reports (doc_id)",
    "CREATE INDEX IF NOT EXISTS link_keys_report ON link_keys (report_id)",
    # an attach asks for the corrections naming a report on either side (report_a leads the key)
    "CREATE INDEX IF NOT EXISTS corrections_b ON corrections (report_b)",
    *PAGING_INDEXES,
    PAIRS_INDEX,
    TYPE_DESC_INDEX,
]

# Tables holding one event's projection: rewritten whenever the event changes.
EVENT_TABLES = ("event_countries", "event_pairs", "event_direction", "event_sources", "actors", "figures", "quotes",
                "evidence")

# The text filter's trigram index, one per engine (schema 4). SQLite: an FTS5 index over
# ``event_sources`` (external content: the text is not copied; ``detail=none`` keeps the index
# to about 0.2 KB per source, its LIKE queries check the candidates against the rows), kept in
# step by triggers. PostgreSQL: pg_trgm GIN indexes over the lowercased title and evidence,
# which LIKE uses directly; ``pg_trgm`` ships with PostgreSQL, and where the extension cannot be
# created (no privilege) the filter still works, by scanning.
SEARCH_DDL = {
    "sqlite": [
        """CREATE VIRTUAL TABLE IF NOT EXISTS source_text USING fts5(title, evidence, content='event_sources',
           content_rowid='rowid', tokenize='trigram', detail=none)""",
        """CREATE TRIGGER IF NOT EXISTS event_sources_text_insert AFTER INSERT ON event_sources BEGIN
           INSERT INTO source_text (rowid, title, evidence) VALUES (new.rowid, new.title, new.evidence); END""",
        """CREATE TRIGGER IF NOT EXISTS event_sources_text_delete AFTER DELETE ON event_sources BEGIN
           INSERT INTO source_text (source_text, rowid, title, evidence)
           VALUES ('delete', old.rowid, old.title, old.evidence); END""",
    ],
    "postgresql": [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE INDEX IF NOT EXISTS event_sources_title_trgm ON event_sources USING gin (lower(title) gin_trgm_ops)",
        "CREATE INDEX IF NOT EXISTS event_sources_evidence_trgm ON event_sources USING gin (lower(evidence) gin_trgm_ops)",
    ],
}
