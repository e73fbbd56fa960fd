"""Exceptions the library raises; the CLI turns them into clear messages at the boundary."""


class DangjianError(Exception):
    """Base class for every error the library raises on purpose."""


class InputError(DangjianError):
    """A file or argument cannot be used (missing, unreadable, wrong format)."""


class NoDocumentsError(InputError):
    """Every input file failed: nothing to analyse (the CLI exits 1, as for ``ingest``)."""


class CodebookError(DangjianError):
    """A codebook file is invalid: unknown keys, duplicate ids, bad patterns."""


class ModelError(DangjianError):
    """A trained artefact is missing, corrupt or incompatible."""


class UnknownNameError(DangjianError, KeyError):
    """A name is not in a registry; also a ``KeyError`` for code that looked names up in a dict."""

    def __str__(self) -> str:
        # KeyError would show the message in quotes; keep it plain like every other error.
        return Exception.__str__(self)
