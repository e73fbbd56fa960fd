"""``dangjian terms``: domain terms found in reports, and codebook terms the segmenter still splits."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

import typer

from dangjian_nlp.cli._app import app
from dangjian_nlp.cli._common import configure_logging, library_errors, report_skipped

LOGGER = logging.getLogger(__name__)


def _status(candidate) -> str:
    from dangjian_nlp.keywords import is_adoptable  # noqa: PLC0415

    if candidate.known:
        return "known"
    if is_adoptable(candidate):
        return "adopt"
    return "new" if candidate.split else "word"


@app.command("terms")
def terms_command(
    paths: list[Path] = typer.Argument(..., help="Report files or folders, or a documents.jsonl."),
    min_freq: int = typer.Option(5, "--min-freq", min=1, help="Fewest occurrences of a candidate."),
    top: int = typer.Option(100, "--top", min=1, help="List at most this many candidates."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Also write the JSON to this file."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log debug messages."),
) -> None:
    """List candidate domain terms (quoted jargon, cohesive n-grams) with frequencies, and split codebook terms.

    Status: ``known`` (in the domain dictionary), ``adopt`` (the segmenter splits it and it is
    frequent and cohesive enough that ``analyze`` adds it to the dictionary for the run), ``new``
    (split, but not adopted) or ``word`` (a quoted ordinary word).
    """
    configure_logging(verbose)
    from dangjian_nlp import io  # noqa: PLC0415
    from dangjian_nlp.ingest import plural  # noqa: PLC0415
    from dangjian_nlp.keywords import discover_terms, split_terms  # noqa: PLC0415
    from dangjian_nlp.pipeline import load_documents  # noqa: PLC0415

    with library_errors():
        documents, _ = load_documents(paths, tag=False, adopt_terms=False, on_error=report_skipped)
        candidates = discover_terms(documents, min_freq=min_freq)
        split = split_terms()
    data = {
        "documents": len(documents),
        "terms": [{**c.to_dict(), "status": _status(c)} for c in candidates[:top]],
        "split_codebook_terms": split,
    }
    if out is not None:
        with library_errors():
            io.write_json(out, data)
    if as_json:
        typer.echo(io.dumps(data, indent=2))
        return
    typer.echo(f"{plural(len(candidates), 'candidate term')} in {plural(len(documents), 'document')}"
               f" (showing {min(top, len(candidates))})")
    typer.echo(f"{'term':<14}{'freq':>6}{'docs':>6}{'quoted':>8}  {'status':<7}sources")
    for candidate in candidates[:top]:
        typer.echo(f"{candidate.term:<14}{candidate.freq:>6}{candidate.documents:>6}{candidate.quoted:>8}  "
                   f"{_status(candidate):<7}{'+'.join(candidate.sources)}")
    typer.echo(f"\n{plural(len(split), 'codebook or dictionary term')} the segmenter still splits"
               f" (showing {min(top, len(split))}):")
    for row in split[:top]:
        typer.echo(f"  {row['term']}: {' / '.join(row['tokens'])}")
