"""Find a font with Chinese glyphs for the static drawings, so labels never become empty boxes.

Order of preference:

1. Noto Sans CJK SC shipped by the ``mplfonts`` package (a dependency; SIL Open Font License
   1.1), so every installation has one;
2. any font matplotlib's ``font_manager`` knows (system fonts) whose character map covers the
   probe text (``党建两张皮融合机制``).

A candidate is accepted only when fontTools finds a glyph for every probe character.
"""

from __future__ import annotations

import functools
import logging
from importlib import util as importlib_util
from pathlib import Path

LOGGER = logging.getLogger(__name__)

PROBE_TEXT = "党建两张皮融合机制双向交流一岗双责"
"""Characters a usable font must cover."""

_PACKAGED = ("NotoSansCJKsc-Regular.otf", "SourceHanSerifSC-Regular.otf", "NotoSerifCJKsc-Regular.otf")
_SYSTEM_HINTS = ("CJK", "Source Han", "WenQuanYi", "WQY", "Hei", "Song", "YaHei", "PingFang", "Kai",
                 "Fang", "Droid Sans Fallback", "AR PL", "Ming")


@functools.cache
def font_codepoints(path: str) -> frozenset[int]:
    """The code points a font file (``.ttf``, ``.otf``, first face of a ``.ttc``) has glyphs for."""
    from fontTools.ttLib import TTFont

    kwargs = {"fontNumber": 0} if path.lower().endswith((".ttc", ".otc")) else {}
    with TTFont(path, lazy=True, **kwargs) as font:
        cmap = font.getBestCmap() or {}
    return frozenset(cmap)


def font_covers(path: str | Path, text: str) -> bool:
    """True when the font has a glyph for every non-space character of ``text``."""
    try:
        points = font_codepoints(str(path))
    except Exception as exc:  # noqa: BLE001  (a broken font file is simply not a candidate)
        LOGGER.debug("cannot read font %s: %s", path, exc)
        return False
    return all(ord(ch) in points for ch in text if not ch.isspace())


def _packaged_candidates() -> list[Path]:
    spec = importlib_util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    return [folder / name for name in _PACKAGED if (folder / name).is_file()]


def _system_candidates() -> list[Path]:
    from matplotlib import font_manager

    paths = {Path(entry.fname) for entry in font_manager.fontManager.ttflist
             if any(hint.lower() in entry.name.lower() for hint in _SYSTEM_HINTS)}
    return sorted(paths)


@functools.cache
def cjk_font_path() -> Path | None:
    """A font file with Chinese glyphs, or ``None`` when the machine has none.

    Returns:
        The first candidate (packaged Noto Sans CJK, then system fonts) that covers
        :data:`PROBE_TEXT`.
    """
    for candidate in [*_packaged_candidates(), *_system_candidates()]:
        if font_covers(candidate, PROBE_TEXT):
            LOGGER.debug("CJK font: %s", candidate)
            return candidate
    LOGGER.warning("no font with Chinese glyphs found; install mplfonts (pip install mplfonts) "
                   "or a CJK font such as Noto Sans CJK")
    return None
