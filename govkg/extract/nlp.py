"""The spaCy pipeline: a Chinese tokenizer (pkuseg by default, jieba as the faster
option) with the governance lexicon as its user dictionary, and govkg's extractor
as a registered component.

>>> nlp = make_nlp(segmenter="jieba")
>>> doc = nlp("11月28日，二七区召开换届工作推进会。会议由区委副书记时博主持。")
>>> sorted((t["subject"], t["predicate"], t["object"]) for t in doc._.govkg_triples)  # doctest: +NORMALIZE_WHITESPACE
[('换届工作推进会', 'CONCERNS', '换届'), ('换届工作推进会', 'HELD_ON', '--11-28'),
 ('时博', 'CHAIRED', '换届工作推进会'), ('时博', 'HOLDS', '区委副书记')]
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from govkg.errors import ModelNotFound
from govkg.extract.lexicon import Lexicon

SEGMENTERS = ("pkuseg", "jieba")


def pkuseg_model_dir() -> Path:
    """Where the pkuseg ``default`` model lives: ``$GOVKG_PKUSEG_MODEL`` or the user cache."""
    env = os.environ.get("GOVKG_PKUSEG_MODEL")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "govkg" / "pkuseg" / "default"


def _jieba_cache() -> Optional[str]:
    """jieba's dictionary cache in the user's cache folder (mode 0700), not a shared /tmp/jieba.cache
    another user may own or plant; None (jieba's default) if it cannot be made."""
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "govkg" / "jieba"
    try:
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
        return str(base) if os.access(base, os.W_OK) else None
    except OSError:
        return None


def _register() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    for ext, default in (("govkg_triples", None), ("govkg_article", None), ("govkg_known", None)):
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=default)

    if "govkg_extractor" in Language.factories:
        return

    @Language.factory("govkg_extractor", default_config={"lexicon_dir": None, "year": None})
    def make_extractor(nlp, name: str, *, lexicon_dir: Optional[str], year: Optional[int]):
        return GovkgExtractor(nlp, name, lexicon_dir=lexicon_dir, year=year)


class GovkgExtractor:
    """spaCy component: mentions (``doc.spans['govkg_people']``, ``['govkg_meetings']``) and
    triples with evidence (``doc._.govkg_triples``).

    The article metadata comes from ``doc._.govkg_article`` (a :class:`~govkg.extract.split.Article`);
    without it the whole doc is one untitled article. ``doc._.govkg_known`` adds names already
    known in the file, so bare later mentions resolve to them.
    """

    def __init__(self, nlp, name: str = "govkg_extractor", *, lexicon_dir: Optional[str] = None,
                 year: Optional[int] = None):
        self.name = name
        self.lexicon_dir = lexicon_dir
        self.year = year
        self.lexicon: Optional[Lexicon] = None
        self._finder = self._relations = None

    def initialize(self, get_examples=None, *, nlp=None, lexicon_dir: Optional[str] = None) -> None:
        from govkg.extract.mentions import Finder
        from govkg.extract.relations import RelationExtractor
        self.lexicon = Lexicon.load(Path(lexicon_dir or self.lexicon_dir) if (lexicon_dir or self.lexicon_dir) else None)
        self._finder = Finder(self.lexicon)
        self._relations = RelationExtractor(self._finder)

    @property
    def finder(self):
        if self._finder is None:
            self.initialize()
        return self._finder

    def __call__(self, doc):
        from govkg.extract.split import Article
        from govkg.schema import article_id
        if self._relations is None:
            self.initialize()
        art = doc._.govkg_article or Article(id=article_id("", doc.text), title=None, subtitle=None, text=doc.text)
        bounds = {t.idx + len(t.text) for t in doc}
        known = doc._.govkg_known or ()
        people = self._finder.titled_people(doc.text, bounds)
        doc.spans["govkg_people"] = [sp for sp in (doc.char_span(p.start, p.end, label="Person",
                                                                 alignment_mode="expand") for p in people) if sp]
        doc.spans["govkg_meetings"] = [sp for sp in (doc.char_span(m.start, m.end, label="Meeting",
                                                                   alignment_mode="expand")
                                                     for m in self._finder.meetings(doc.text)) if sp]
        doc._.govkg_triples = self._relations.extract(art, known_names=known, boundaries=bounds, year=self.year)
        return doc

    def to_disk(self, path, *, exclude=()):
        if self.lexicon is None:
            self.initialize()
        self.lexicon.to_disk(Path(path))

    def from_disk(self, path, *, exclude=()):
        self.initialize(lexicon_dir=str(path))
        return self


def make_nlp(*, segmenter: str = "pkuseg", pkuseg_model: Optional[Path] = None, year: Optional[int] = None,
             lexicon_dir: Optional[Path] = None):
    """Build the govkg pipeline: ``spacy.blank('zh')`` with the chosen segmenter + ``govkg_extractor``.

    Raises
    ------
    ModelNotFound
        When spaCy, the segmenter package or the pkuseg model is missing (the message says what to install).
    """
    if segmenter not in SEGMENTERS:
        raise ModelNotFound(f"unknown segmenter {segmenter!r}; choose one of {', '.join(SEGMENTERS)}")
    try:
        import spacy
    except ImportError as e:
        raise ModelNotFound("spaCy is not installed: pip install 'spacy>=3.7'") from e
    _register()
    lexicon = Lexicon.load(lexicon_dir)
    user_words = lexicon.user_words()
    if segmenter == "pkuseg":
        try:
            import spacy_pkuseg  # noqa: F401
        except ImportError as e:
            raise ModelNotFound("spacy-pkuseg is not installed: pip install spacy-pkuseg "
                                "(or use --segmenter jieba)") from e
        model = Path(pkuseg_model) if pkuseg_model else pkuseg_model_dir()
        if not (model / "features.pkl").exists() and not (model / "features.msgpack").exists():
            raise ModelNotFound(f"pkuseg model not found in {model}: run `python -m govkg.extract.models fetch` "
                                "(scripts/setup.sh does it) or use --segmenter jieba")
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
        import contextlib
        import io
        note = io.StringIO()  # spacy-pkuseg prints a note about features.msgpack
        with contextlib.redirect_stdout(note), contextlib.redirect_stderr(note):
            nlp.tokenizer.initialize(pkuseg_model=str(model), pkuseg_user_dict="default")
        nlp.tokenizer.pkuseg_update_user_dict(user_words)
    else:
        try:
            import jieba
        except ImportError as e:
            raise ModelNotFound("jieba is not installed: pip install jieba") from e
        import logging
        jieba.setLogLevel(logging.CRITICAL)  # a cache it cannot write costs time, not a traceback on stderr
        jieba.dt.tmp_dir = _jieba_cache()
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        for w in user_words:
            jieba.add_word(w)
    nlp.add_pipe("govkg_extractor", config={"lexicon_dir": str(lexicon_dir) if lexicon_dir else None, "year": year})
    nlp.get_pipe("govkg_extractor").initialize()
    return nlp
