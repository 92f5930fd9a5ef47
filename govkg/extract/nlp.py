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


def token_ends(doc) -> set:
    """Character offsets where the segmenter's words end, read from the Doc's arrays (making a
    Python Token object per word costs more than the segmentation).

    >>> nlp = make_nlp(segmenter="jieba", components=False)
    >>> sorted(token_ends(nlp("县委书记主持")))
    [4, 6]
    """
    from spacy.attrs import IDX, LENGTH
    if not len(doc):
        return set()
    arr = doc.to_array([IDX, LENGTH])
    return set((arr[:, 0] + arr[:, 1]).tolist())


def token_starts(doc) -> list:
    """Character offsets where the segmenter's words start."""
    from spacy.attrs import IDX
    return doc.to_array([IDX]).tolist() if len(doc) else []


def _register() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    for ext, default in (("govkg_triples", None), ("govkg_article", None), ("govkg_known", None),
                         ("govkg_candidates", None)):
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=default)

    if "govkg_extractor" in Language.factories:
        return

    @Language.factory("govkg_extractor", default_config={"lexicon_dir": None, "year": None, "model_dir": None,
                                                         "learned": True})
    def make_extractor(nlp, name: str, *, lexicon_dir: Optional[str], year: Optional[int], model_dir: Optional[str],
                       learned: bool):
        return GovkgExtractor(nlp, name, lexicon_dir=lexicon_dir, year=year, model_dir=model_dir, learned=learned)


class GovkgExtractor:
    """spaCy component: mentions (``doc.spans['govkg_people']``, ``['govkg_meetings']``) and
    triples with evidence (``doc._.govkg_triples``).

    The article metadata comes from ``doc._.govkg_article`` (a :class:`~govkg.extract.split.Article`);
    without it the whole doc is one untitled article. ``doc._.govkg_known`` adds names already
    known in the file, so bare later mentions resolve to them.
    """

    def __init__(self, nlp, name: str = "govkg_extractor", *, lexicon_dir: Optional[str] = None,
                 year: Optional[int] = None, model_dir: Optional[str] = None, learned: bool = True):
        self.name = name
        self.lexicon_dir = lexicon_dir
        self.year = year
        self.model_dir = model_dir
        self.learned = learned
        self.lexicon: Optional[Lexicon] = None
        self._finder = self._relations = None

    def initialize(self, get_examples=None, *, nlp=None, lexicon_dir: Optional[str] = None) -> None:
        from govkg.extract.mentions import Finder
        from govkg.extract.relations import RelationExtractor
        self.lexicon = Lexicon.load(Path(lexicon_dir or self.lexicon_dir) if (lexicon_dir or self.lexicon_dir) else None)
        from govkg.extract.roles import RoleScorer
        self._finder = Finder(self.lexicon)
        scorer = RoleScorer(self.model_dir) if self.learned and RoleScorer.exists(self.model_dir) else None
        self._relations = RelationExtractor(self._finder, scorer)

    @property
    def finder(self):
        if self._finder is None:
            self.initialize()
        return self._finder

    @staticmethod
    def tagged(doc) -> list:
        """The mention tagger's spans of ``doc`` as ``(start, end, label, p)``; none without a tagger."""
        if "govkg_ner" not in doc.spans:
            return []
        return [(sp.start_char, sp.end_char, sp.label_, doc.user_data.get(("govkg_ner", sp.start_char, sp.end_char), 0.5))
                for sp in doc.spans["govkg_ner"]]

    def people(self, doc, bounds, text: Optional[str] = None):
        """Names given a post in ``doc`` (those the tagger does not read as names left out)."""
        ner = self.tagged(doc)
        return self.finder.titled_people(text or doc.text, bounds, ner=ner if "govkg_ner" in doc.spans else None)

    def __call__(self, doc):
        from govkg.extract.split import Article
        from govkg.schema import article_id
        if self._relations is None:
            self.initialize()
        text = doc._.govkg_article.text if doc._.govkg_article is not None else doc.text  # Doc.text is rebuilt per call
        art = doc._.govkg_article or Article(id=article_id("", text), title=None, subtitle=None, text=text)
        bounds = token_ends(doc)
        known = doc._.govkg_known or ()
        people = self.people(doc, bounds, text)
        doc.spans["govkg_people"] = [sp for sp in (doc.char_span(p.start, p.end, label="Person",
                                                                 alignment_mode="expand") for p in people) if sp]
        ner = self.tagged(doc)
        doc.spans["govkg_meetings"] = [sp for sp in (doc.char_span(m.start, m.end, label="Meeting",
                                                                   alignment_mode="expand")
                                                     for m in self._finder.meetings(text, ner, bounds)) if sp]
        doc._.govkg_triples = self._relations.extract(art, known_names=known, boundaries=bounds, year=self.year,
                                                      ner=ner, collect=doc._.govkg_candidates,
                                                      tagged="govkg_ner" in doc.spans)
        return doc

    def to_disk(self, path, *, exclude=()):
        if self.lexicon is None:
            self.initialize()
        self.lexicon.to_disk(Path(path))

    def from_disk(self, path, *, exclude=()):
        self.initialize(lexicon_dir=str(path))
        return self


def make_nlp(*, segmenter: str = "pkuseg", pkuseg_model: Optional[Path] = None, year: Optional[int] = None,
             lexicon_dir: Optional[Path] = None, model_dir: Optional[Path] = None, components: bool = True,
             learned: bool = True):
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
    if not components:  # the tokenizer alone (training reads its token boundaries)
        return nlp
    from govkg.extract.ner import MODEL_DIR, MODEL_FILE, register as register_ner
    if learned and (Path(model_dir or MODEL_DIR) / MODEL_FILE).exists():
        register_ner()
        nlp.add_pipe("govkg_ner", config={"model_dir": str(model_dir) if model_dir else None})
        nlp.get_pipe("govkg_ner").initialize()
    nlp.add_pipe("govkg_extractor", config={"lexicon_dir": str(lexicon_dir) if lexicon_dir else None, "year": year,
                                            "model_dir": str(model_dir) if model_dir else None, "learned": learned})
    nlp.get_pipe("govkg_extractor").initialize()
    return nlp
