"""``dangjian tag``: roles, problem and countermeasure tags of a text, a file, stdin or JSON Lines."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from dangjian_nlp.cli._app import app
from dangjian_nlp.cli._common import configure_logging, fail, library_errors

if TYPE_CHECKING:
    from dangjian_nlp.tagging import Tagger

LOGGER = logging.getLogger(__name__)


def _format(index: int, text: str, result: dict) -> str:
    lines = [f"[{index}] role: {result['role']} ({result['role_source']})"]
    for kind in ("problems", "measures"):
        for tag in result[kind]:
            quote = tag["evidence"][0]["quote"] if tag["evidence"] else ""
            start = tag["evidence"][0]["start"] if tag["evidence"] else 0
            lines.append(f"    {tag['id']}  {tag['score']:.2f}  @{start}  {quote}")
    if len(lines) == 1:
        lines.append("    (no labels)")
    return "\n".join(lines)


def _warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


def _tag_jsonl(tagger: Tagger, *, context: bool) -> None:
    """Tag JSON Lines from stdin to stdout; exit 1 when there were lines and every one was rejected."""
    from dangjian_nlp.ingest import plural  # noqa: PLC0415
    from dangjian_nlp.tagging import tag_json_lines  # noqa: PLC0415

    rejected = tagged = 0

    def reject(message: str) -> None:
        nonlocal rejected
        rejected += 1
        _warn(message)

    write = sys.stdout.write
    for row in tag_json_lines(sys.stdin, tagger=tagger, context=context, on_error=reject):
        write(json.dumps(row, ensure_ascii=False))
        write("\n")
        tagged += 1
    if rejected and not tagged:
        raise fail(f"no line tagged: {plural(rejected, 'input line')} rejected (see above)", code=1)


_FILE_SUFFIXES = {".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".jsonl"}


def _file_lines(path: Path) -> list[str]:
    """Non-blank lines of a report file in any format and encoding ingestion reads."""
    from dangjian_nlp.ingest.readers import ReadError, read_source  # noqa: PLC0415

    try:
        content = read_source(path.read_bytes(), path.as_posix()).text
    except ReadError as exc:
        raise fail(f"{path}: {exc}") from None
    return [line.strip() for line in content.splitlines() if line.strip()]


@app.command("tag")
def tag_command(
    text: Optional[str] = typer.Argument(None, help="Text to tag, a file (one passage a line), or - for stdin."),
    jsonl: bool = typer.Option(False, "--jsonl", help='Read {"id", "text"} lines on stdin, write one JSON line each.'),
    as_json: bool = typer.Option(False, "--json", help="Print JSON lines instead of a readable listing."),
    codebook: Optional[Path] = typer.Option(None, "--codebook", help="A codebook YAML file of your own."),
    tagger_name: str = typer.Option("default", "--tagger", help="Tagger: default, hybrid or rules."),
    context: bool = typer.Option(True, "--context/--no-context",
                                 help="Let a numbered heading's role carry to the passages after it."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log debug messages."),
) -> None:
    """Tag passages with a role and the codebook's problem and countermeasure labels, with evidence."""
    configure_logging(verbose)
    from dangjian_nlp.tagging import get_tagger, load_codebook, tag_json_lines  # noqa: PLC0415

    with library_errors():
        book = load_codebook(codebook) if codebook else None
        tagger = get_tagger(tagger_name, codebook=book)
        if jsonl:
            _tag_jsonl(tagger, context=context)
            return
        if text is None:
            raise fail("give a TEXT, a FILE, - for stdin, or --jsonl")
        if text == "-":
            passages = [line.strip() for line in sys.stdin.read().splitlines() if line.strip()]
        elif len(text) < 1024 and Path(text).is_dir():
            raise fail(f"{text}: is a folder; `dangjian analyze {text} --out OUT` tags a folder of reports")
        elif len(text) < 1024 and Path(text).is_file():
            passages = _file_lines(Path(text))
        elif len(text) < 1024 and Path(text).suffix.lower() in _FILE_SUFFIXES:
            raise fail(f"{text}: no such file")
        else:
            passages = [text]
        records = ({"id": f"p{i:04d}", "text": passage} for i, passage in enumerate(passages, 1))
        lines = (json.dumps(r, ensure_ascii=False) for r in records)
        for index, (passage, row) in enumerate(zip(passages, tag_json_lines(lines, tagger=tagger,
                                                                               context=context)), 1):
            typer.echo(json.dumps(row, ensure_ascii=False) if as_json else _format(index, passage, row))
