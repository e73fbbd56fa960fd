"""The codebook as data: roles, problem and countermeasure labels, cues, the answer map.

The packaged codebook is ``data/codebook.yaml`` (ids verbatim from the project's taxonomy).
A user's own codebook in the same format is loaded with ``load_codebook(path)`` and validated:
unknown keys, duplicate ids, bad patterns and dangling answer ids raise
:class:`~dangjian_nlp.errors.CodebookError` naming the file and the problem.

Cue syntax (compiled once to regular expressions):

- plain text matches literally; ``、`` between parts also matches nothing, ``，``, ``而``, ``又``
  or ``但`` (so ``重业务、轻党建`` matches 重业务轻党建 and 重业务而轻党建);
- ``…`` is a gap of up to 12 characters inside one clause;
- quotes are removed from text and cues before matching: ``两张皮`` matches “两张皮”, ``是“虚”的`` matches 是虚的;
- ``re:`` starts a raw Python regular expression.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dangjian_nlp.errors import CodebookError
from dangjian_nlp.segment import normalize
from dangjian_nlp.types import ROLES

LOGGER = logging.getLogger(__name__)

GAP = r"[^。；！？\n]{0,12}?"
"""What ``…`` in a cue stands for: a short gap inside one sentence."""
SEPARATOR = r"(?:[、，,；;\s]|而|又|但|却)?"
"""What ``、`` in a cue stands for: nothing or a light separator."""
QUOTES = "“”‘’\"'「」『』"
"""Quotation marks, removed from the text before cues are matched (see ``rules.strip_quotes``)."""
_DROP_QUOTES = str.maketrans("", "", QUOTES)

_TOP_KEYS = {"version", "name", "language", "negators", "scope", "roles", "problems", "measures", "answers"}
_SCOPE_KEYS = {"cues", "min_per_1000_chars"}
_REQUIRED_TOP = {"version", "problems", "measures"}
_LABEL_KEYS = {"id", "name", "definition", "cues", "heading_cues"}
_CUE_KEYS = {"cue", "weight", "goal"}


@dataclass(frozen=True, slots=True)
class Cue:
    """One compiled cue.

    Attributes:
        text: The cue as written in the codebook.
        pattern: The compiled regular expression.
        weight: Evidence weight in (0, 1].
        goal: The cue names the label only as the aim of some other action (``深度融合``
            for ``M.integration``): it supports the label only when no other label of the
            same kind is found in the passage.
    """

    text: str
    pattern: re.Pattern[str]
    weight: float = 1.0
    goal: bool = False


@dataclass(frozen=True, slots=True)
class Label:
    """A role, problem type or countermeasure type with its cues.

    Attributes:
        id: ``P.priority``, ``M.integration`` or a role name.
        name: Chinese display name.
        definition: What the label covers.
        cues: Body cues.
        heading_cues: Cues read in a heading (roles only).
    """

    id: str
    name: str
    definition: str = ""
    cues: tuple[Cue, ...] = ()
    heading_cues: tuple[Cue, ...] = ()


@dataclass(frozen=True, slots=True)
class Codebook:
    """A validated codebook.

    Attributes:
        version: Codebook version string.
        name: Codebook name.
        roles: Role labels, in ``types.ROLES`` order when present.
        problems: Problem labels, in file order.
        measures: Countermeasure labels, in file order.
        answers: Problem id → countermeasure ids that answer it.
        negators: Words that cancel a following cue in the same clause.
        source: Where the codebook was read from.
        scope: Pattern of the words that show a text is about the codebook's subject (party
            building), or ``None``: in a document where they are rarer than
            ``scope_per_1000_chars``, only passages that contain them get labels.
        scope_per_1000_chars: The density below which a document is out of scope.
    """

    version: str
    name: str
    roles: tuple[Label, ...]
    problems: tuple[Label, ...]
    measures: tuple[Label, ...]
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    negators: tuple[str, ...] = ()
    source: str = ""
    scope: re.Pattern[str] | None = None
    scope_per_1000_chars: float = 0.0

    @property
    def problem_ids(self) -> tuple[str, ...]:
        """Problem ids in codebook order."""
        return tuple(label.id for label in self.problems)

    @property
    def measure_ids(self) -> tuple[str, ...]:
        """Countermeasure ids in codebook order."""
        return tuple(label.id for label in self.measures)

    def label(self, label_id: str) -> Label:
        """The label (role, problem or countermeasure) with id ``label_id``."""
        for label in (*self.roles, *self.problems, *self.measures):
            if label.id == label_id:
                return label
        raise KeyError(label_id)


def compile_cue(text: str) -> re.Pattern[str]:
    """Compile one cue written in the codebook's cue syntax.

    Args:
        text: The cue (``重业务、轻党建``, ``未能…结合``, ``re:…``).

    Returns:
        The compiled pattern.

    Raises:
        re.error: The cue is not a valid pattern.
    """
    if text.startswith("re:"):
        return re.compile(text[3:])
    pieces = []
    # Split before normalising: NFKC turns "…" into "...".
    for gap_index, chunk in enumerate(normalize(piece) for piece in text.split("…")):
        if gap_index:
            pieces.append(GAP)
        parts = []
        for sep_index, part in enumerate(chunk.split("、")):
            if sep_index:
                parts.append(SEPARATOR)
            parts.append(re.escape(part.translate(_DROP_QUOTES)))
        pieces.append("".join(parts))
    return re.compile("".join(pieces))


def _fail(source: str, message: str) -> CodebookError:
    return CodebookError(f"{source}: {message}")


def _parse_cues(raw: Any, *, source: str, where: str) -> tuple[Cue, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _fail(source, f"{where}: cues must be a list, not {type(raw).__name__}")
    cues = []
    for index, item in enumerate(raw):
        weight = 1.0
        goal = False
        if isinstance(item, dict):
            unknown = sorted(set(item) - _CUE_KEYS)
            if unknown:
                raise _fail(source, f"{where}: cue {index + 1}: unknown key(s) {', '.join(unknown)}")
            if "cue" not in item:
                raise _fail(source, f"{where}: cue {index + 1}: missing 'cue'")
            weight = item.get("weight", 1.0)
            if not isinstance(weight, (int, float)) or isinstance(weight, bool) or not 0 < weight <= 1:
                raise _fail(source, f"{where}: cue {item['cue']!r}: weight must be a number in (0, 1]")
            goal = item.get("goal", False)
            if not isinstance(goal, bool):
                raise _fail(source, f"{where}: cue {item['cue']!r}: goal must be true or false")
            item = item["cue"]
        if not isinstance(item, str) or not item.strip():
            raise _fail(source, f"{where}: cue {index + 1} must be non-empty text")
        try:
            pattern = compile_cue(item)
        except re.error as exc:
            raise _fail(source, f"{where}: bad pattern {item!r}: {exc}") from None
        if pattern.search("") is not None:
            raise _fail(source, f"{where}: pattern {item!r} matches the empty string")
        cues.append(Cue(text=item, pattern=pattern, weight=float(weight), goal=goal))
    return tuple(cues)


def _parse_labels(raw: Any, *, source: str, section: str, prefix: str | None,
                  seen: set[str]) -> tuple[Label, ...]:
    if not isinstance(raw, list) or not raw:
        raise _fail(source, f"'{section}' must be a non-empty list of labels")
    labels = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            raise _fail(source, f"{section}[{index}]: a label must be a mapping with id, name, cues")
        label_id = item.get("id")
        if not isinstance(label_id, str) or not label_id:
            raise _fail(source, f"{section}[{index}]: missing 'id'")
        where = f"{section} {label_id}"
        unknown = sorted(set(item) - _LABEL_KEYS)
        if unknown:
            raise _fail(source, f"{where}: unknown key(s) {', '.join(unknown)}")
        if prefix and not label_id.startswith(prefix):
            raise _fail(source, f"{where}: ids in '{section}' must start with {prefix!r}")
        if label_id in seen:
            raise _fail(source, f"duplicate id {label_id!r}")
        seen.add(label_id)
        labels.append(Label(
            id=label_id,
            name=str(item.get("name", label_id)),
            definition=str(item.get("definition", "")),
            cues=_parse_cues(item.get("cues"), source=source, where=where),
            heading_cues=_parse_cues(item.get("heading_cues"), source=source, where=f"{where} heading_cues"),
        ))
    return tuple(labels)


def _parse_scope(raw: Any, *, source: str) -> tuple[re.Pattern[str] | None, float]:
    if raw is None:
        return None, 0.0
    if not isinstance(raw, dict):
        raise _fail(source, "'scope' must be a mapping with cues and min_per_1000_chars")
    unknown = sorted(set(raw) - _SCOPE_KEYS)
    if unknown:
        raise _fail(source, f"scope: unknown key(s) {', '.join(unknown)}")
    cues = _parse_cues(raw.get("cues"), source=source, where="scope")
    if not cues:
        raise _fail(source, "scope: cues must be a non-empty list")
    density = raw.get("min_per_1000_chars", 2.0)
    if not isinstance(density, (int, float)) or isinstance(density, bool) or density < 0:
        raise _fail(source, "scope: min_per_1000_chars must be a number >= 0")
    return re.compile("|".join(f"(?:{cue.pattern.pattern})" for cue in cues)), float(density)


def parse_codebook(data: Any, *, source: str = "<codebook>") -> Codebook:
    """Validate the parsed YAML of a codebook and compile its cues.

    Args:
        data: The mapping read from YAML.
        source: Name used in error messages (the file path).

    Returns:
        The codebook.

    Raises:
        CodebookError: Unknown or missing keys, duplicate ids, bad patterns, dangling answers.
    """
    if not isinstance(data, dict):
        raise _fail(source, "a codebook must be a YAML mapping with version, problems and measures")
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise _fail(source, f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_TOP_KEYS))}")
    missing = sorted(_REQUIRED_TOP - set(data))
    if missing:
        raise _fail(source, f"missing key(s) {', '.join(missing)}")
    seen: set[str] = set()
    roles: tuple[Label, ...] = ()
    if data.get("roles") is not None:
        roles = _parse_labels(data["roles"], source=source, section="roles", prefix=None, seen=seen)
        bad = sorted(label.id for label in roles if label.id not in ROLES)
        if bad:
            raise _fail(source, f"unknown role(s) {', '.join(bad)}; roles are {', '.join(ROLES)}")
        roles = tuple(sorted(roles, key=lambda label: ROLES.index(label.id)))
    problems = _parse_labels(data["problems"], source=source, section="problems", prefix="P.", seen=seen)
    measures = _parse_labels(data["measures"], source=source, section="measures", prefix="M.", seen=seen)
    answers_raw = data.get("answers") or {}
    if not isinstance(answers_raw, dict):
        raise _fail(source, "'answers' must map problem ids to lists of countermeasure ids")
    problem_ids = {label.id for label in problems}
    measure_ids = {label.id for label in measures}
    answers: dict[str, tuple[str, ...]] = {}
    for problem, answer_list in answers_raw.items():
        if problem not in problem_ids:
            raise _fail(source, f"answers: unknown problem id {problem!r}")
        if not isinstance(answer_list, list):
            raise _fail(source, f"answers: {problem} must list countermeasure ids")
        dangling = [m for m in answer_list if m not in measure_ids]
        if dangling:
            raise _fail(source, f"answers: {problem}: unknown countermeasure id(s) {', '.join(map(str, dangling))}")
        answers[problem] = tuple(answer_list)
    negators = data.get("negators") or []
    if not isinstance(negators, list) or not all(isinstance(n, str) and n for n in negators):
        raise _fail(source, "'negators' must be a list of words")
    scope, scope_density = _parse_scope(data.get("scope"), source=source)
    return Codebook(
        scope=scope,
        scope_per_1000_chars=scope_density,
        version=str(data["version"]),
        name=str(data.get("name", "codebook")),
        roles=roles,
        problems=problems,
        measures=measures,
        answers=answers,
        negators=tuple(normalize(n) for n in negators),
        source=source,
    )


def _yaml_load(text: str) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 (a safe loader)


@functools.cache
def _default_codebook() -> Codebook:
    text = resources.files("dangjian_nlp.tagging").joinpath("data", "codebook.yaml").read_text(encoding="utf-8")
    return parse_codebook(_yaml_load(text), source="dangjian_nlp/tagging/data/codebook.yaml")


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Load the packaged codebook (cached) or a user's own codebook file.

    Args:
        path: A YAML codebook; ``None`` for the packaged default.

    Returns:
        The validated codebook.

    Raises:
        CodebookError: The file is missing, not YAML, or not a valid codebook.
    """
    if path is None:
        return _default_codebook()
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise _fail(source, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(source, f"cannot read: {exc}") from None
    try:
        data = _yaml_load(text)
    except yaml.YAMLError as exc:
        raise _fail(source, f"not valid YAML: {exc}") from None
    codebook = parse_codebook(data, source=source)
    if not codebook.roles:
        # A user codebook may leave roles out: reuse the packaged role cues.
        codebook = Codebook(version=codebook.version, name=codebook.name, roles=_default_codebook().roles,
                            problems=codebook.problems, measures=codebook.measures, answers=codebook.answers,
                            negators=codebook.negators or _default_codebook().negators, source=source,
                            scope=codebook.scope, scope_per_1000_chars=codebook.scope_per_1000_chars)
    LOGGER.debug("loaded codebook %s (%d problems, %d measures)", source, len(codebook.problems),
                 len(codebook.measures))
    return codebook
