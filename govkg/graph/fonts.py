"""A CJK font for matplotlib, so charts and drawings show Chinese names, not boxes.

The font comes from the system (Debian: ``apt-get install fonts-noto-cjk``, which
``scripts/setup-browser.sh`` does) and is found through
:mod:`matplotlib.font_manager`.
"""
from __future__ import annotations

import contextlib
from functools import lru_cache
from typing import Iterator, Optional

from govkg.errors import ModelNotFound

#: family names tried in order (simplified Chinese first)
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "Noto Sans CJK JP", "Noto Sans CJK TC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    "Droid Sans Fallback", "AR PL UMing CN", "SimHei", "Microsoft YaHei", "PingFang SC",
    "Noto Serif CJK SC",
)
INSTALL_HINT = ("no CJK font found for Chinese labels: install one with `apt-get install "
                "fonts-noto-cjk` (or run scripts/setup-browser.sh)")


class FontNotFound(ModelNotFound):
    """No font with Chinese glyphs is installed."""


@lru_cache(maxsize=1)
def cjk_family() -> Optional[str]:
    """The family name of an installed CJK font matplotlib can use, or ``None``."""
    from matplotlib import font_manager as fm

    names = {f.name for f in fm.fontManager.ttflist}
    for fam in CJK_FAMILIES:
        if fam in names:
            return fam
    # a font installed after matplotlib built its cache: add the files by hand
    for path in fm.findSystemFonts():
        low = path.lower()
        if any(tag in low for tag in ("cjk", "wqy", "sourcehansans", "droidsansfallback")):
            try:
                fm.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
    names = {f.name for f in fm.fontManager.ttflist}
    return next((fam for fam in CJK_FAMILIES if fam in names), None)


def require_cjk_family() -> str:
    """:func:`cjk_family`, or :class:`FontNotFound` saying how to install one."""
    fam = cjk_family()
    if fam is None:
        raise FontNotFound(INSTALL_HINT)
    return fam


@contextlib.contextmanager
def cjk_rc() -> Iterator[str]:
    """matplotlib settings with the CJK font first (DejaVu Sans for the rest).

    Uses the non-interactive ``Agg`` backend's defaults; SVG text is drawn as
    paths so the file shows the same glyphs without the font installed.
    """
    import matplotlib

    fam = require_cjk_family()
    with matplotlib.rc_context({"font.family": "sans-serif",
                                "font.sans-serif": [fam, "DejaVu Sans"],
                                "axes.unicode_minus": False,
                                "svg.fonttype": "path"}):
        yield fam
