"""Link: the same event across documents and languages, and article similarity.

``link_events`` is the pipeline's stage; ``is_same_event``, ``merge_events``,
``blocking_keys`` and ``candidate_keys`` are for the store's incremental ingest;
``bilateral.link.similarity.article_similarity`` backs ``bilateral similarity``.
"""
from bilateral.link.linker import blocking_keys, candidate_keys, is_same_event, link_events
from bilateral.link.merge import merge_events

__all__ = ["link_events", "is_same_event", "merge_events", "blocking_keys", "candidate_keys"]
