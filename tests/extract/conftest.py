import pytest

from govkg.extract.pipeline import Extractor


@pytest.fixture(scope="session")
def extractor():
    """The default pipeline (pkuseg, mention tagger, role scorer), built once: loading takes seconds."""
    return Extractor(segmenter="pkuseg")


@pytest.fixture(scope="session")
def rules_extractor():
    """The rules alone (no mention tagger, no scorer): what the rule tests check."""
    return Extractor(segmenter="pkuseg", learned=False)


def _triples_fn(ex):
    from govkg.extract.read import Document
    from govkg.extract.split import split_document

    def run(text, *, date=None, title=None):
        doc = Document(text=text, source="<test>", kind="article", title=title, date=date)
        arts = split_document(doc)
        return {(t["subject"], t["predicate"], t["object"]) for t in ex.extract_articles(arts)}
    return run


@pytest.fixture(scope="session")
def triples_of(rules_extractor):
    """Triples (subject, predicate, object) the rules extract from a piece of text taken as one article."""
    return _triples_fn(rules_extractor)


@pytest.fixture(scope="session")
def learned_triples_of(extractor):
    """The same through the default pipeline, learned parts included."""
    return _triples_fn(extractor)
