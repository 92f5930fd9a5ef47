"""The govkg ontology: entity types, predicates and the output contract.

The first version follows ``GUIDELINES.md`` (shared evaluation guideline) exactly;
everything the scorer does not read (ids, provenance) is an extension.
Labels and relationship types written to Neo4j come only from the whitelists here.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

#: Node labels (entity types). ``Article`` is the document a triple came from; ``Organisation``
#: (the body a post belongs to) is made by the resolved graph, never by the extractor.
ENTITY_TYPES = ("Person", "Position", "Meeting", "Project", "Place", "Date", "Article", "Organisation")

#: predicate -> (subject type, object type)
PREDICATES = {
    "HOLDS": ("Person", "Position"),
    "CHAIRED": ("Person", "Meeting"),
    "SPOKE_AT": ("Person", "Meeting"),
    "ATTENDED": ("Person", "Meeting"),
    "INSPECTED": ("Person", "Place"),
    "CONCERNS": ("Meeting", "Project"),
    "HELD_ON": ("Meeting", "Date"),
    "REPORTED": ("Person", "Article"),
    "OF": ("Position", "Organisation"),
}

#: what the extractor emits (the guideline's types); ``Organisation`` and ``OF`` exist only in the
#: resolved graph (:mod:`govkg.graph.resolved`): a normalised post is a post of an organisation
EXTRACTED_PREDICATES = tuple(p for p in PREDICATES if p != "OF")

#: predicates in which a person takes part in an event (the official-event view)
PARTICIPATION = ("CHAIRED", "SPOKE_AT", "ATTENDED", "INSPECTED")

#: properties of the resolved graph's nodes besides ``id`` and ``name``, by label
#: (:mod:`govkg.graph.resolved` writes them, :mod:`govkg.graph.queries` loads them)
RESOLVED_NODE_PROPS = {
    "Person": ("aliases", "jurisdictions", "article_count", "first_seen", "last_seen", "reasons"),
    "Position": ("organisation", "role", "level", "wordings"),
    "Organisation": ("level", "locality"),
    "Meeting": ("date", "dates", "series", "qualifier", "locality", "reasons"),
    "Place": ("aliases", "locality", "reasons"),
    "Article": ("title", "date", "date_source", "locality", "source", "url"),
}
#: properties of the resolved graph's relationships besides ``id``
RESOLVED_REL_PROPS = ("article_id", "evidence", "evidence_start", "evidence_end", "rule", "confidence", "source",
                      "date", "wording", "former", "first_seen", "last_seen", "articles")

#: keys the shared scorer reads, in output order
CONTRACT_KEYS = ("subject", "subject_type", "predicate", "object", "object_type")

#: provenance keys govkg adds to every triple
PROVENANCE_KEYS = (
    "article_id",   # stable content hash of the article (see :func:`article_id`)
    "evidence",     # the sentence the triple was read from
    "start",        # character offset of the evidence sentence in the article text
    "end",          # end offset (exclusive) of the evidence sentence
    "rule",         # name of the rule or model that produced the triple
    "confidence",   # 0..1, the rule's prior precision
    "source",       # the input file (and line, for JSON Lines)
)

_STRIP = re.compile(r"[\s\u3000“”\"'‘’「」『』（）()【】《》〈〉·•]")


def normalize_name(name: str) -> str:
    """The key under which two surface names are the same entity.

    NFKC, then quotes, brackets and spaces removed (the scorer's own rule).
    """
    return _STRIP.sub("", unicodedata.normalize("NFKC", str(name or "")))


def node_id(label: str, name: str) -> str:
    """A stable node id: the same label and normalised name give the same id in every run.

    >>> node_id("Person", "陈红民") == node_id("Person", " 陈红民")
    True
    >>> node_id("Person", "陈红民").startswith("person:")
    True
    """
    if label not in ENTITY_TYPES:
        raise ValueError(f"unknown entity type {label!r}; known: {', '.join(ENTITY_TYPES)}")
    key = normalize_name(name) if label != "Article" else str(name)
    digest = hashlib.sha1(f"{label}\x1f{key}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{label.lower()}:{digest}"


def article_id(title: str, text: str) -> str:
    """Content hash of an article: re-reading the same text gives the same id.

    >>> article_id("标题", "正文") == article_id("标题", "正文")
    True
    """
    body = normalize_name(title) + "\x1f" + re.sub(r"\s+", "", text)
    return "art-" + hashlib.sha1(body.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def relationship_id(subject_id: str, predicate: str, object_id: str, article: str, start: int) -> str:
    """Stable id of one relationship *with its evidence*: one per (triple, article, sentence)."""
    raw = f"{subject_id}\x1f{predicate}\x1f{object_id}\x1f{article}\x1f{start}"
    return "rel-" + hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:20]
