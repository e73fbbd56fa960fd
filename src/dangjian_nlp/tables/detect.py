"""Organisation type and year of an essay, read by the rules in ``data/grouping_rules.yaml``.

Both are looked for where Chinese reports state them: the author/organisation lines
(``厦门市中级人民法院民五庭 朱燕萍``), the title, the opening lines (``曲组〔2021〕2号``,
``(2021年3月24日)``) and, for a signature date, the end of the text. A value already in
``document.meta`` (``org_type``, ``year``) wins over the rules.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from dangjian_nlp.errors import DangjianError
from dangjian_nlp.types import Document

LOGGER = logging.getLogger(__name__)

RULES_RESOURCE = "grouping_rules.yaml"


class RulesError(DangjianError):
    """The grouping rules file is malformed."""


@dataclass(frozen=True, slots=True)
class OrgRule:
    """One organisation type and the patterns that reveal it."""

    id: str
    name: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class GroupingRules:
    """Validated, compiled grouping rules."""

    unknown: str
    head_chars: int
    max_line_chars: int
    tail_chars: int
    org_types: tuple[OrgRule, ...]
    year_min: int
    year_max: int
    year_patterns: tuple[re.Pattern[str], ...]
    year_tail_patterns: tuple[re.Pattern[str], ...]


def _compile(pattern: Any, where: str) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise RulesError(f"{where}: a pattern must be a non-empty string, got {pattern!r}")
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RulesError(f"{where}: bad pattern {pattern!r} ({exc})") from None


def parse_rules(data: Any, *, source: str = RULES_RESOURCE) -> GroupingRules:
    """Validate and compile grouping rules loaded from YAML.

    Args:
        data: The parsed YAML document.
        source: Name used in error messages.

    Returns:
        The compiled rules.

    Raises:
        RulesError: A key is missing or unknown, an id repeats, a pattern does not compile
            or a year pattern lacks the ``year`` group.
    """
    if not isinstance(data, dict):
        raise RulesError(f"{source}: expected a mapping at the top level")
    allowed = {"version", "unknown", "head_chars", "max_line_chars", "tail_chars", "org_types", "year"}
    unknown_keys = sorted(set(data) - allowed)
    if unknown_keys:
        raise RulesError(f"{source}: unknown keys {', '.join(unknown_keys)}")
    org_types, seen = [], set()
    for number, item in enumerate(data.get("org_types") or [], 1):
        where = f"{source}: org_types[{number}]"
        if not isinstance(item, dict) or not {"id", "name", "patterns"} <= set(item):
            raise RulesError(f"{where}: needs id, name and patterns")
        if item["id"] in seen:
            raise RulesError(f"{where}: duplicate id {item['id']!r}")
        seen.add(item["id"])
        org_types.append(OrgRule(str(item["id"]), str(item["name"]),
                                 tuple(_compile(p, where) for p in item["patterns"])))
    year = data.get("year") or {}
    if not isinstance(year, dict):
        raise RulesError(f"{source}: year must be a mapping")
    year_patterns = tuple(_compile(p, f"{source}: year.patterns") for p in year.get("patterns") or [])
    tail_patterns = tuple(_compile(p, f"{source}: year.tail_patterns") for p in year.get("tail_patterns") or [])
    for pattern in (*year_patterns, *tail_patterns):
        if "year" not in pattern.groupindex:
            raise RulesError(f"{source}: year pattern {pattern.pattern!r} has no (?P<year>…) group")
    return GroupingRules(
        unknown=str(data.get("unknown", "unknown")),
        head_chars=int(data.get("head_chars", 300)),
        max_line_chars=int(data.get("max_line_chars", 40)),
        tail_chars=int(data.get("tail_chars", 200)),
        org_types=tuple(org_types),
        year_min=int(year.get("min", 1949)),
        year_max=int(year.get("max", 2100)),
        year_patterns=year_patterns,
        year_tail_patterns=tail_patterns,
    )


@functools.cache
def load_rules() -> GroupingRules:
    """The packaged grouping rules, loaded and validated once."""
    text = resources.files("dangjian_nlp.tables").joinpath("data", RULES_RESOURCE).read_text(encoding="utf-8")
    return parse_rules(yaml.safe_load(text))


def _head_lines(document: Document, rules: GroupingRules) -> Iterator[str]:
    yield from document.authors
    if document.title:
        yield document.title
    for line in document.text[: rules.head_chars].splitlines():
        if len(line.strip()) <= rules.max_line_chars:
            yield line


def detect_org_type(document: Document, *, rules: GroupingRules | None = None) -> str:
    """The organisation type of ``document`` (``法院``, ``组织部`` …), or the rules' unknown value.

    Args:
        document: The essay.
        rules: Grouping rules; the packaged ones when ``None``.

    Returns:
        The display name of the first matching organisation type, searching the author
        lines first, then the title, then the opening lines; ``meta["org_type"]`` wins.
    """
    rules = rules or load_rules()
    if document.meta.get("org_type"):
        return str(document.meta["org_type"])
    for line in _head_lines(document, rules):
        line = line.strip()
        for org in rules.org_types:
            if any(pattern.search(line) for pattern in org.patterns):
                return org.name
    return rules.unknown


def _first_year(text: str, patterns: tuple[re.Pattern[str], ...], rules: GroupingRules) -> int | None:
    for pattern in patterns:
        for match in pattern.finditer(text):
            year = int(match.group("year"))
            if rules.year_min <= year <= rules.year_max:
                return year
    return None


def detect_year(document: Document, *, rules: GroupingRules | None = None) -> int | None:
    """The year an essay was written, where one is stated, else ``None``.

    Args:
        document: The essay.
        rules: Grouping rules; the packaged ones when ``None``.

    Returns:
        ``meta["year"]`` when set; else the first year the patterns find in the author
        lines, the title and the opening of the text (patterns in order of reliability);
        else a signature date at the end of the text.
    """
    rules = rules or load_rules()
    if document.meta.get("year"):
        try:
            return int(str(document.meta["year"])[:4])
        except ValueError:
            LOGGER.debug("%s: meta year %r is not a year", document.id, document.meta["year"])
    head = "\n".join(_head_lines(document, rules))
    year = _first_year(head, rules.year_patterns, rules)
    if year is None and rules.tail_chars:
        year = _first_year(document.text[-rules.tail_chars:], rules.year_tail_patterns, rules)
    return year
