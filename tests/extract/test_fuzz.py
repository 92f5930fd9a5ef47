"""The fuzz harness (bench/fuzz.py) for a fixed budget: no crash, no hang, no contract violation.

CI runs GOVKG_FUZZ_INPUTS inputs (default 1,500, about half a minute) from GOVKG_FUZZ_SEED
(default 20260101); the 100,000-input run is in bench/README.md.
"""
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import fuzz  # noqa: E402

INPUTS = int(os.environ.get("GOVKG_FUZZ_INPUTS", "1500"))
SEED = int(os.environ.get("GOVKG_FUZZ_SEED", "20260101"))


def test_fuzz_budget(extractor):
    rep = fuzz.run(INPUTS, seed=SEED, extractor=extractor)
    failures = rep.crashes + rep.hangs + rep.violations
    assert not failures, "\n".join(f"{f['kind']} #{f['i']}: {f['error']} <- {f['input'][:200]}" for f in failures[:10])
    assert rep.inputs == INPUTS and set(rep.kinds) == set(fuzz.KINDS)
    assert rep.triples > INPUTS and rep.input_errors > 0  # it extracted, and it was fed bad input
