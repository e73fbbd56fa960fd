"""``dangjian topics``: the topic model alone: OUT/topics.json and the saved model in OUT/topics/."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

import typer

from dangjian_nlp.cli._app import app
from dangjian_nlp.cli._common import configure_logging, library_errors, report_skipped

LOGGER = logging.getLogger(__name__)


@app.command("topics")
def topics_command(
    paths: list[Path] = typer.Argument(..., help="Report files or folders, or a documents.jsonl."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder."),
    seed: int = typer.Option(0, "--seed", help="Seed of the topic model."),
    backend: Optional[str] = typer.Option(None, "--backend", help="Topic backend: nmf (default) or lda."),
    k: Optional[int] = typer.Option(None, "--k", min=2, help="Fit exactly K topics instead of choosing K by coherence."),
    tag: bool = typer.Option(True, "--tag/--no-tag", help="Tag passages first (needed for the codebook alignment)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log debug messages."),
) -> None:
    """Fit topics over passages (K chosen by coherence), write OUT/topics.json and the model with a manifest."""
    configure_logging(verbose)
    from dangjian_nlp import io  # noqa: PLC0415
    from dangjian_nlp.pipeline import load_documents  # noqa: PLC0415
    from dangjian_nlp.topics import fit_topics, save_topic_model  # noqa: PLC0415

    with library_errors():
        documents, _ = load_documents(paths, tag=tag, on_error=report_skipped)
        result = fit_topics(documents, seed=seed, backend=backend, k=k)
        path = io.write_json(out / "topics.json", result.to_dict())
        save_topic_model(result, out / "topics")
    if result.k == 0:
        typer.echo(f"no topic model: {result.skipped} -> {path}", err=True)
        return
    typer.echo(f"{result.k} topics ({result.backend}), NPMI {result.coherence['npmi']:.3f}, "
               f"c_v {result.coherence['c_v']:.3f}, stability {result.stability:.2f} -> {path}", err=True)
    for topic in result.topics:
        codebook = f"  [{topic['codebook']}]" if topic.get("codebook") else ""
        typer.echo(f"T{topic['id']:<3}{topic['share']:>6.1%}  {' '.join(t['term'] for t in topic['terms'])}{codebook}")
