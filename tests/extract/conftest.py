import pytest

from govkg.extract.pipeline import Extractor


@pytest.fixture(scope="session")
def extractor():
    """The default pipeline (pkuseg), built once: loading the model takes seconds."""
    return Extractor(segmenter="pkuseg")


@pytest.fixture(scope="session")
def triples_of(extractor):
    """Triples (subject, predicate, object) extracted from a piece of text taken as one article."""
    from govkg.extract.read import Document
    from govkg.extract.split import split_document

    def run(text, *, date=None, title=None):
        doc = Document(text=text, source="<test>", kind="article", title=title, date=date)
        arts = split_document(doc)
        return {(t["subject"], t["predicate"], t["object"]) for t in extractor.extract_articles(arts)}
    return run
