"""Line-level cleaning: artefacts out, essay text kept.

The rules (markers, boilerplate lines, byline fields, Markdown syntax) are data in
``rules.yaml``; this module applies them to the lines a reader produced and returns
:class:`Line` records that keep what the layout analysis needs (leading whitespace,
heading hints). Reflowing and splitting happen in :mod:`dangjian_nlp.ingest.split`.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from dangjian_nlp.errors import InputError

LOGGER = logging.getLogger(__name__)

_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\ufffc]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = "\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACES_CHARS = " \t\u00a0\u3000\u2002\u2003\u2009"
_LEAD = re.compile(f"^[{_SPACES}]*")
_INNER_SPACES = re.compile(f"[{_SPACES}]+")
_ELLIPSIS_END = re.compile(r"(?:\.{3,}|…+|。{3,})\s*$")
MAX_BOILERPLATE = 120
"""Page furniture and site chrome lines are short; longer lines are never tested."""
MAX_BYLINE = 100


@dataclass(slots=True)
class Line:
    """One cleaned line.

    Attributes:
        text: The line without leading/trailing whitespace; inner runs of spaces are one space.
        lead: The leading whitespace as it stood (page-start and indentation signals).
        heading: Heading level stated by the format (Markdown ``#``, docx style, ``<h2>``), else None.
    """

    text: str
    lead: str = ""
    heading: int | None = None


@dataclass(frozen=True, slots=True)
class CleaningRules:
    """Compiled ``rules.yaml``."""

    inline_markers: tuple[re.Pattern[str], ...]
    boilerplate_lines: tuple[re.Pattern[str], ...]
    any_marker: re.Pattern[str]
    any_boilerplate: re.Pattern[str]
    byline: re.Pattern[str]
    md_heading: re.Pattern[str]
    md_inline: tuple[tuple[re.Pattern[str], str], ...]


def _compile(pattern: Any, where: str) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise InputError(f"rules.yaml: {where}: expected a pattern string, got {pattern!r}")
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise InputError(f"rules.yaml: {where}: bad pattern {pattern!r}: {exc}") from None


def parse_rules(data: dict[str, Any]) -> CleaningRules:
    """Validate and compile a rules mapping (the content of ``rules.yaml``).

    Raises:
        InputError: A key is missing or unknown, or a pattern does not compile.
    """
    expected = {"inline_markers", "boilerplate_lines", "byline_fields", "markdown"}
    if not isinstance(data, dict) or set(data) != expected:
        got = sorted(data) if isinstance(data, dict) else type(data).__name__
        raise InputError(f"rules.yaml: expected keys {sorted(expected)}, got {got}")
    fields = data["byline_fields"]
    if not fields or not all(isinstance(f, str) for f in fields):
        raise InputError("rules.yaml: byline_fields must be a list of strings")
    names = "|".join(sorted((re.escape(f) for f in fields), key=len, reverse=True))
    markdown = data["markdown"]
    if not isinstance(markdown, dict) or "heading" not in markdown or set(markdown) - {"heading", "inline"}:
        raise InputError("rules.yaml: markdown needs 'heading' (and optionally 'inline') only")
    inline = []
    for number, pair in enumerate(markdown.get("inline", [])):
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], str)):
            raise InputError(f"rules.yaml: markdown.inline[{number}]: expected [pattern, replacement]")
        inline.append((_compile(pair[0], f"markdown.inline[{number}]"), pair[1]))
    markers = tuple(_compile(p, f"inline_markers[{i}]") for i, p in enumerate(data["inline_markers"]))
    boilerplate = tuple(_compile(p if not isinstance(p, str) else f"(?:{p})", f"boilerplate_lines[{i}]")
                        for i, p in enumerate(data["boilerplate_lines"]))
    return CleaningRules(
        inline_markers=markers,
        boilerplate_lines=boilerplate,
        # One alternation each, so a line is scanned once (ingestion speed).
        any_marker=re.compile("|".join(f"(?:{p.pattern})" for p in markers) or "(?!)"),
        any_boilerplate=re.compile("|".join(p.pattern for p in boilerplate) or "(?!)"),
        byline=re.compile(f"({names})\\s*[:：]\\s*([^\\s:：]*)"),
        md_heading=_compile(markdown["heading"], "markdown.heading"),
        md_inline=tuple(inline),
    )


@functools.cache
def default_rules() -> CleaningRules:
    """The packaged ``rules.yaml``, loaded once."""
    text = resources.files("dangjian_nlp.ingest").joinpath("rules.yaml").read_text(encoding="utf-8")
    return parse_rules(yaml.safe_load(text))


def normalize_text(text: str) -> str:
    """Unify newlines, drop invisible and control characters, keep everything else."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub("", text)


def parse_byline(text: str, rules: CleaningRules | None = None) -> dict[str, str] | None:
    """The fields of a byline such as ``来源：网络  作者：某某  更新时间：2025-02-18``, else None.

    A line counts as a byline when it holds two or more known fields and little else.
    """
    rules = rules or default_rules()
    if len(text) > MAX_BYLINE or ("：" not in text and ":" not in text):
        return None
    found = list(rules.byline.finditer(text))
    if len(found) < 2:
        return None
    rest = rules.byline.sub("", text).strip()
    if len(rest) > 6:
        return None
    return {match.group(1): match.group(2) for match in found}


def is_boilerplate(text: str, rules: CleaningRules | None = None) -> bool:
    """True when the whole line is page furniture or site chrome (page number, URL, copyright …)."""
    rules = rules or default_rules()
    return len(text) <= MAX_BOILERPLATE and rules.any_boilerplate.fullmatch(text) is not None


def strip_markers(text: str, rules: CleaningRules | None = None) -> str:
    """Remove paywall, watermark and export markers anywhere in ``text``."""
    rules = rules or default_rules()
    return rules.any_marker.sub("", text)


def strip_markdown(text: str, rules: CleaningRules | None = None) -> tuple[str, int | None]:
    """Remove Markdown syntax from one line; returns the text and the ``#`` heading level, if any."""
    rules = rules or default_rules()
    level = None
    match = rules.md_heading.match(text)
    if match:
        level, text = len(match.group(1)), match.group(2)
    for pattern, replacement in rules.md_inline:
        text = pattern.sub(replacement, text)
    return text, level


_MD_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s+\S", re.MULTILINE)
_MD_BOLD = re.compile(r"\*\*[^*\n]+\*\*")


def uses_markdown(lines: list[str]) -> bool:
    """True when the text carries Markdown headings or bold runs (so ``**`` and ``#`` are syntax)."""
    text = "\n".join(lines)
    return ("#" in text and _MD_HEADING_LINE.search(text) is not None) or \
        ("**" in text and _MD_BOLD.search(text) is not None)


def clean_lines(text: str, *, markdown: bool | None = None, headings: dict[int, int] | None = None,
                rules: CleaningRules | None = None) -> tuple[list[Line], dict[str, Any]]:
    """Clean the lines of one file.

    Args:
        text: The reader's text.
        markdown: Treat ``#``/``**`` as Markdown syntax; None detects it.
        headings: Heading levels the reader found, keyed by line index.
        rules: Cleaning rules; the packaged ones by default.

    Returns:
        The kept lines (blank lines kept as empty ``Line`` so layouts that use them still
        can) and metadata found on the way (``byline``).
    """
    rules = rules or default_rules()
    headings = headings or {}
    raw = normalize_text(text).split("\n")
    if markdown is None:
        markdown = uses_markdown(raw)
    meta: dict[str, Any] = {}
    lines: list[Line] = []
    for index, raw_line in enumerate(raw):
        lead = _LEAD.match(raw_line).group(0)
        body = strip_markers(raw_line[len(lead):], rules).rstrip(_SPACES_CHARS)
        level = headings.get(index)
        if markdown and body:
            body, md_level = strip_markdown(body, rules)
            level = md_level if md_level is not None else level
        body = _INNER_SPACES.sub(" ", body).strip()
        if not body:
            lines.append(Line("", lead))
            continue
        byline = parse_byline(body, rules)
        if byline is not None:
            meta.setdefault("byline", byline)
            continue
        if is_boilerplate(body, rules):
            LOGGER.debug("dropped boilerplate line %r", body)
            continue
        lines.append(Line(body, lead, level))
    return drop_truncated_abstracts(lines), meta


_WHITESPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _WHITESPACE.sub("", text)


def drop_truncated_abstracts(lines: list[Line]) -> list[Line]:
    """Drop a line ending in an ellipsis whose text reappears whole in the next few lines.

    Web pages often show a cut-off summary (``…服务群...``) before the article itself.
    """
    out: list[Line] = []
    for index, line in enumerate(lines):
        match = _ELLIPSIS_END.search(line.text) if line.text.endswith(("...", "…", "。。。")) else None
        if match and len(line.text) >= 20:
            head = _squash(line.text[:match.start()])
            following = "".join(_squash(other.text) for other in lines[index + 1:index + 6])
            if head and head in following:
                LOGGER.debug("dropped truncated abstract %r", line.text[:30])
                continue
        out.append(line)
    return out

