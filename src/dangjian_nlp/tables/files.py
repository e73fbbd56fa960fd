"""Tables on disk: CSV (UTF-8 with BOM, so Excel shows the Chinese), one XLSX workbook with a
sheet per table, and Markdown; and the user's metadata CSV on the way in.

Every file is written atomically and byte for byte the same for the same tables: the XLSX
gets fixed document properties and fixed zip timestamps.
"""

from __future__ import annotations

import csv
import datetime
import io as _io
import logging
import os
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from dangjian_nlp import io
from dangjian_nlp.errors import InputError
from dangjian_nlp.tables.build import Table

LOGGER = logging.getLogger(__name__)

FORMATS = ("csv", "xlsx", "md")
WORKBOOK_NAME = "tables.xlsx"
MARKDOWN_NAME = "tables.md"
FIXED_TIME = datetime.datetime(2000, 1, 1, 0, 0, 0)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
KEY_COLUMNS = ("file", "filename", "file_name", "source", "文件", "文件名", "文件名称")
MAX_COLUMN_WIDTH = 60
QUOTE_PREVIEW = 60


# --- metadata in ----------------------------------------------------------------------------

def read_metadata(path: str | os.PathLike[str]) -> dict[str, dict[str, str]]:
    """Read a user's metadata CSV, keyed by file name.

    The key column is the first of ``file``, ``filename``, ``source``, ``文件名`` … found in the
    header, else the first column. UTF-8 (with or without BOM) and GBK files are accepted.

    Args:
        path: The CSV file.

    Returns:
        ``{file name: {field: value}}`` in file order; the key column is not among the fields.

    Raises:
        InputError: The file is missing, empty, undecodable or has a repeated key.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the metadata CSV ({exc.strerror or exc})") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise InputError(f"{path}: the metadata CSV is neither UTF-8 nor GBK")
    rows = list(csv.reader(_io.StringIO(text)))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        raise InputError(f"{path}: the metadata CSV needs a header row and at least one data row")
    header = [cell.strip() for cell in rows[0]]
    lowered = [cell.lower() for cell in header]
    key_index = next((lowered.index(k) for k in KEY_COLUMNS if k in lowered), 0)
    result: dict[str, dict[str, str]] = {}
    for number, row in enumerate(rows[1:], 2):
        row = row + [""] * (len(header) - len(row))
        key = row[key_index].strip()
        if not key:
            LOGGER.warning("%s:%d: no file name, row skipped", path, number)
            continue
        if key in result:
            raise InputError(f"{path}:{number}: file {key!r} is listed twice")
        result[key] = {header[i]: row[i].strip() for i in range(len(header)) if i != key_index and header[i]}
    return result


# --- CSV ------------------------------------------------------------------------------------

def table_to_csv(table: Table, *, quotes: bool = False) -> str:
    """The table as CSV text (no BOM); with ``quotes`` the quote grid instead of the counts."""
    buffer = _io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows(_quote_grid(table) if quotes and table.quotes is not None else table.rows)
    return buffer.getvalue()


def write_csv(table: Table, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write ``<name>.csv`` (and ``<name>.quotes.csv`` when the table has quotes), UTF-8 with BOM."""
    out_dir = Path(out_dir)
    paths = [io.write_text(out_dir / f"{table.name}.csv", "\ufeff" + table_to_csv(table))]
    if table.quotes is not None:
        paths.append(io.write_text(out_dir / f"{table.name}.quotes.csv", "\ufeff" + table_to_csv(table, quotes=True)))
    return paths


# --- XLSX -----------------------------------------------------------------------------------

def _sheet_title(name: str, used: set[str]) -> str:
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "table"
    title, suffix = cleaned, 2
    while title.lower() in used:
        title = f"{cleaned[:28]}_{suffix}"
        suffix += 1
    used.add(title.lower())
    return title


def _display_width(value: Any) -> int:
    text = str(value)[:MAX_COLUMN_WIDTH]
    # East Asian characters take two columns in Excel's default font.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _normalised_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, entries in their original order."""
    source = zipfile.ZipFile(_io.BytesIO(data))
    target_buffer = _io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return target_buffer.getvalue()


def _quote_grid(table: Table) -> list[list[Any]]:
    assert table.quotes is not None
    return [[row[i] if i < table.index_columns else quote for i, quote in enumerate(quote_row)]
            for row, quote_row in zip(table.rows, table.quotes)]


def _fill_sheet(sheet: Any, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, index_columns: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    sheet.append(list(columns))
    for row in rows:
        sheet.append(list(row))
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor="FCE4D6")
    for cell in sheet[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(row=2, column=index_columns + 1).coordinate
    for c, header in enumerate(columns, 1):
        values = [header] + [row[c - 1] for row in rows if c - 1 < len(row)]
        width = max(_display_width(v) for v in values) + 2
        sheet.column_dimensions[get_column_letter(c)].width = min(max(width, 6), MAX_COLUMN_WIDTH)


def workbook_bytes(tables: Iterable[Table]) -> bytes:
    """One XLSX workbook: a sheet per table (bold frozen header, widths fitted to the content),
    and after each table with quotes a ``<name>_quotes`` sheet of the same shape holding the
    representative quote of every count cell."""
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.writer.excel import ExcelWriter  # noqa: PLC0415

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables:
        _fill_sheet(workbook.create_sheet(_sheet_title(table.name, used)), table.columns, table.rows,
                    index_columns=table.index_columns)
        if table.quotes is not None:
            _fill_sheet(workbook.create_sheet(_sheet_title(f"{table.name}_quotes", used)), table.columns,
                        _quote_grid(table), index_columns=table.index_columns)
    properties = workbook.properties
    properties.creator = "dangjian-nlp"
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    buffer = _io.BytesIO()
    # Stored first, compressed once when the entries are rewritten with fixed timestamps.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return _normalised_zip(buffer.getvalue())


def write_xlsx(tables: Iterable[Table], path: str | os.PathLike[str]) -> Path:
    """Write the tables to one XLSX workbook (see :func:`workbook_bytes`), atomically."""
    return io.write_bytes(path, workbook_bytes(tables))


# --- Markdown -------------------------------------------------------------------------------

def _md_cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def table_to_markdown(table: Table, *, with_quotes: bool = True) -> str:
    """The table as a Markdown section: heading, pipe table and, for count tables, the
    representative quotes listed under it."""
    lines = [f"## {table.title}", ""]
    if table.description:
        lines += [table.description, ""]
    lines.append("| " + " | ".join(_md_cell(c) for c in table.columns) + " |")
    lines.append("|" + "|".join("---" if i < table.index_columns else "---:" for i in range(len(table.columns))) + "|")
    lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in table.rows]
    if with_quotes and table.quotes is not None:
        quoted = [(row[0], table.columns[c], quote) for row, quote_row in zip(table.rows, table.quotes)
                  for c, quote in enumerate(quote_row) if quote and c >= table.index_columns]
        if quoted:
            lines += ["", "代表性引文：", ""]
            lines += [f"- {_md_cell(row)} × {_md_cell(column)}：{_md_cell(quote)}" for row, column, quote in quoted]
    return "\n".join(lines) + "\n"


def write_markdown(tables: Sequence[Table], path: str | os.PathLike[str]) -> Path:
    """Write every table into one Markdown file, atomically."""
    body = "# 比较表\n\n" + "\n".join(table_to_markdown(t) for t in tables)
    return io.write_text(path, body)


# --- everything -----------------------------------------------------------------------------

def write_tables(tables: Mapping[str, Table] | Sequence[Table], out_dir: str | os.PathLike[str], *,
                 formats: Sequence[str] = FORMATS) -> list[Path]:
    """Write tables to ``out_dir``: a CSV per table, ``tables.xlsx`` and ``tables.md``.

    Args:
        tables: Tables by name (as :func:`build_tables` returns them) or a sequence.
        out_dir: Output folder (created when missing).
        formats: Any of ``csv``, ``xlsx``, ``md``.

    Returns:
        The files written, in writing order.

    Raises:
        InputError: An unknown format.
    """
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise InputError(f"unknown table format {', '.join(unknown)}: use {', '.join(FORMATS)}")
    items = list(tables.values()) if isinstance(tables, Mapping) else list(tables)
    out_dir = Path(out_dir)
    written: list[Path] = []
    if "csv" in formats:
        for table in items:
            written += write_csv(table, out_dir)
    if "xlsx" in formats:
        written.append(write_xlsx(items, out_dir / WORKBOOK_NAME))
    if "md" in formats:
        written.append(write_markdown(items, out_dir / MARKDOWN_NAME))
    LOGGER.info("wrote %d table files to %s", len(written), out_dir)
    return written


def _metadata_of_run(folder: Path) -> Path | None:
    """The metadata CSV the analysis in ``folder`` used (from its manifest), when it still exists."""
    import json  # noqa: PLC0415

    manifest = folder / "manifest.json"
    if not manifest.is_file():
        return None
    recorded = json.loads(manifest.read_text(encoding="utf-8")).get("options", {}).get("metadata")
    if recorded and Path(recorded).is_file():
        LOGGER.info("using the metadata of the analysis: %s", recorded)
        return Path(recorded)
    return None


def compare_output(out: str | os.PathLike[str], *, by: str, metadata: str | os.PathLike[str] | None = None,
                   count: str = "documents", codebook: Any = None) -> list[Table]:
    """The tables of one grouping over an analysis output folder (``dangjian compare``).

    Args:
        out: The output folder of ``dangjian analyze`` (or its documents.jsonl).
        by: ``source``, ``org``, ``year`` or a metadata field.
        metadata: A metadata CSV joined on file name; by default the one the analysis used
            (recorded in its manifest).
        count: ``documents`` or ``passages``.
        codebook: Codebook object, id → name mapping or ``None`` for the packaged one.

    Returns:
        Group × problem type, group × countermeasure type and, when the folder has
        topics.json and the documents topic weights, topic × group.
    """
    import json  # noqa: PLC0415

    from dangjian_nlp.export.schema import read_documents  # noqa: PLC0415
    from dangjian_nlp.tables.build import compare  # noqa: PLC0415

    documents = read_documents(out)
    folder = Path(out) if Path(out).is_dir() else Path(out).parent
    if metadata is None:
        metadata = _metadata_of_run(folder)
    rows = read_metadata(metadata) if metadata is not None else None
    topics_path = folder / "topics.json"
    topics = json.loads(topics_path.read_text(encoding="utf-8")) if topics_path.is_file() else None
    return compare(documents, by=by, metadata=rows, codebook=codebook, count=count, topics=topics)
