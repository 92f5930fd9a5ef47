"""Fetch the pkuseg ``default`` segmentation model once, from the ``pkuseg==0.0.25`` sdist on PyPI.

``python -m govkg.extract.models fetch [DIR]`` downloads the sdist with pip (it needs numpy,
Cython and wheel present to prepare it, hence ``--no-build-isolation``) and unpacks
``pkuseg/models/default/`` into the cache. Nothing is fetched from GitHub or a model hub.
"""
from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Optional

from govkg.errors import ModelNotFound
from govkg.extract.nlp import pkuseg_model_dir

SDIST = "pkuseg==0.0.25"
MEMBERS = ("features.pkl", "weights.npz")


def fetch_pkuseg_model(target: Optional[Path] = None, *, quiet: bool = True) -> Path:
    """Download and unpack the model into ``target`` (default: :func:`pkuseg_model_dir`); no-op if present."""
    target = Path(target) if target else pkuseg_model_dir()
    if all((target / m).exists() for m in MEMBERS):
        return target
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-build-isolation", "-d", tmp, SDIST]
        run = subprocess.run(cmd, capture_output=quiet, text=True)
        sdists = list(Path(tmp).glob("pkuseg-*.tar.gz"))
        if run.returncode != 0 or not sdists:
            tail = (run.stderr or "").strip().splitlines()[-1:] if quiet else []
            raise ModelNotFound(f"could not download {SDIST} from PyPI ({' '.join(tail) or 'pip failed'}); "
                                "it needs numpy, Cython and wheel installed: pip install numpy cython wheel")
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(sdists[0]) as tar:
            for member in tar.getmembers():
                if "/pkuseg/models/default/" in member.name and Path(member.name).name in MEMBERS:
                    member.name = Path(member.name).name
                    tar.extract(member, target)
    if not all((target / m).exists() for m in MEMBERS):
        raise ModelNotFound(f"{SDIST} did not contain pkuseg/models/default; cannot set up the segmenter")
    return target


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "fetch":
        print(fetch_pkuseg_model(Path(sys.argv[2]) if len(sys.argv) > 2 else None))
    else:
        print("usage: python -m govkg.extract.models fetch [DIR]", file=sys.stderr)
        sys.exit(2)
