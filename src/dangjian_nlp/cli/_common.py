"""Helpers shared by the command modules: error translation and logging set-up."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator

import typer

from dangjian_nlp.errors import DangjianError, NoDocumentsError
from dangjian_nlp.types import IngestError

LOGGER = logging.getLogger(__name__)


def configure_logging(verbose: bool = False) -> None:
    """Log warnings (or debug with ``verbose``) to stderr, once."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def fail(message: str, *, code: int = 2) -> typer.Exit:
    """Print ``error: message`` to stderr and return the exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


@contextlib.contextmanager
def library_errors() -> Iterator[None]:
    """Turn the library's own errors (and missing files) into clear CLI errors."""
    try:
        yield
    except NoDocumentsError as exc:
        raise fail(str(exc), code=1) from None
    except DangjianError as exc:
        raise fail(str(exc)) from None
    except FileNotFoundError as exc:
        raise fail(f"{exc.filename}: no such file or folder") from None
    except OSError as exc:  # a file where a folder is wanted, no permission, disk full …
        where = f"{exc.filename}: " if exc.filename else ""
        raise fail(f"{where}{exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise fail(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def report_skipped(error: IngestError) -> None:
    """Print one skipped file and the reason to stderr."""
    typer.echo(f"skipped {error.path}: {error.reason}", err=True)
