"""The governance lexicon: data files under ``govkg/extract/data/``.

Posts, meeting words, verbs for each predicate, surnames and campaign names live in
plain text files (one entry a line, ``#`` comments) so users extend them without
touching code. :class:`Lexicon` bundles them; ``to_disk``/``from_disk`` copy them
so a saved spaCy pipeline carries its own lexicon.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional

DATA_DIR = Path(__file__).with_name("data")
FILES = ("titles.txt", "surnames.txt", "name_followers.txt", "chain_stops.txt", "meetings.txt",
         "verbs.tsv", "projects.txt", "places.txt", "bylines.txt", "datelines.txt", "localities.txt", "generic_places.txt", "not_names.txt")


def _read(path: Path) -> List[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@lru_cache(maxsize=None)
def _cached(name: str) -> tuple:
    return tuple(_read(DATA_DIR / name))


def data_lines(name: str, directory: Optional[Path] = None) -> List[str]:
    """Entries of one lexicon file (from the package, or from ``directory``)."""
    if directory is None:
        return list(_cached(name))
    return _read(Path(directory) / name)


def alternation(words, *, escape: bool = True) -> str:
    """A regex alternation, longest first so that the fullest word wins."""
    items = sorted(set(words), key=len, reverse=True)
    return "(?:%s)" % "|".join(re.escape(w) if escape else w for w in items)


@dataclass
class Lexicon:
    """All lexicon files of one pipeline, loaded from ``directory`` (default: the package's)."""

    directory: Path = DATA_DIR
    titles: List[str] = field(default_factory=list)
    surnames: List[str] = field(default_factory=list)
    name_followers: List[str] = field(default_factory=list)
    chain_stops: List[str] = field(default_factory=list)
    meetings: List[str] = field(default_factory=list)
    verbs: Dict[str, List[str]] = field(default_factory=dict)
    projects: List[str] = field(default_factory=list)
    places: List[str] = field(default_factory=list)
    localities: List[str] = field(default_factory=list)
    generic_places: List[str] = field(default_factory=list)
    not_names: List[str] = field(default_factory=list)

    @classmethod
    def load(cls, directory: Optional[Path] = None) -> "Lexicon":
        d = Path(directory) if directory else DATA_DIR
        missing = [f for f in FILES if not (d / f).exists()]
        if missing:
            from govkg.errors import ModelNotFound
            raise ModelNotFound(f"{d}: lexicon files missing ({', '.join(missing)}); "
                                f"copy them from {DATA_DIR}")
        verbs: Dict[str, List[str]] = {}
        for line in _read(d / "verbs.tsv"):
            key, _, words = line.partition("\t")
            key = key.strip()
            if key.endswith("_RE"):  # one regular expression a line
                verbs.setdefault(key, []).append(words.strip())
            else:
                verbs.setdefault(key, []).extend(w for w in re.split(r"[\s,，]+", words) if w)
        lex = cls(directory=d, verbs=verbs)
        for name in ("titles", "surnames", "name_followers", "chain_stops", "meetings", "projects", "places",
                     "generic_places", "not_names"):
            setattr(lex, name, [w for line in _read(d / f"{name}.txt") for w in line.split()])
        lex.localities = _read(d / "localities.txt")  # regular expressions, one a line
        return lex

    def user_words(self) -> List[str]:
        """Words to add to the segmenter's user dictionary (posts, meeting words, verbs)."""
        words = set(self.titles) | set(self.meetings) | set(self.projects)
        for key, vs in self.verbs.items():
            if not key.endswith("_RE"):
                words.update(vs)
        return sorted(w for w in words if len(w) >= 2)

    def to_disk(self, path: Path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for f in FILES:
            shutil.copyfile(self.directory / f, path / f)

    @classmethod
    def from_disk(cls, path: Path) -> "Lexicon":
        return cls.load(path)
