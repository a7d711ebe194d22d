"""Link: the same event across documents and languages.

``link_events`` is the pipeline's stage and ``link_reports`` the same linker with corrections
and explanations (the store's ingest uses it); ``evidence.compare`` scores one pair;
``blocking`` gives the keys that find candidates. The text part of the evidence comes from
``bilateral.similarity`` (a package of its own, also behind ``bilateral similarity``).
"""
from bilateral.link.blocking import index_keys, lookup_keys
from bilateral.link.linker import Corrections, is_same_event, link_events, link_reports, report_id
from bilateral.link.merge import merge_events

__all__ = ["link_events", "link_reports", "is_same_event", "merge_events", "index_keys", "lookup_keys",
           "Corrections", "report_id"]
