"""Parquet outputs (``--format parquet``): typed columns derived from ``output.schema``.

``articles.parquet`` is a **directory dataset**: the rows are buffered and every
``rows_per_part`` records (and at close) they are written as the next part file,
``articles.parquet/part-00000.parquet``, ``part-00001.parquet``, ... — one row group each,
zstd-compressed. A part is written under a hidden temporary name (``.part-00001.parquet.tmp``)
and renamed when complete, so a killed run leaves only whole parts: every reader sees what
was written up to the last finished part (``articles.jsonl`` holds the rest). pandas
(``read_parquet(dir)``), pyarrow (``pq.read_table(dir)``) and Hugging Face ``datasets`` read
the directory as one table; DuckDB reads it with a glob:
``SELECT count(*) FROM 'RUN/articles.parquet/*.parquet'``.

``stories.parquet`` and ``canonical.parquet`` are whole files written atomically at the end
of the run, like ``stories.jsonl``.

Column types: strings, ``timestamp[us, tz=UTC]`` for dates, ``list<string>`` for authors,
members and sites, ``int64`` for sizes, ``struct<id, url>`` for a story's canonical member.
The lines are the JSON-ready dicts of ``output.schema``; their ISO dates are turned into
timestamps here, and fields the schema does not declare (extra fields of ``wirecrawl
dedup`` input) are left out.
"""

from __future__ import annotations

import logging
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from output.schema import parse_iso_utc

logger = logging.getLogger(__name__)

Columns = Sequence[tuple[str, str]]

_REF = pa.struct([("id", pa.string()), ("url", pa.string())])
ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "timestamp": pa.timestamp("us", tz="UTC"),
    "strings": pa.list_(pa.string()),
    "int": pa.int64(),
    "ref": _REF,
    "refs": pa.list_(_REF),
}
COMPRESSION = "zstd"
_PART = re.compile(r"^part-(\d{5,})\.parquet$")


def arrow_schema(columns: Columns) -> pa.Schema:
    """The Arrow schema of ``columns`` (``output.schema.ARTICLE_COLUMNS`` and its kin).

    Raises:
        ValueError: for a column kind without an Arrow type.
    """
    fields = []
    for name, kind in columns:
        if kind not in ARROW_TYPES:
            raise ValueError(f"column {name!r}: unknown kind {kind!r}")
        fields.append(pa.field(name, ARROW_TYPES[kind]))
    return pa.schema(fields)


def _value(kind: str, v: Any) -> Any:
    """One JSON value as its column kind wants it; what does not fit becomes null."""
    if v is None:
        return None
    if kind == "string":
        return v if isinstance(v, str) else str(v)
    if kind == "timestamp":
        if isinstance(v, datetime):
            return v
        return parse_iso_utc(v) if isinstance(v, str) else None
    if kind == "strings":
        if isinstance(v, str):
            return [v]
        return [str(x) for x in v if x is not None] if isinstance(v, (list, tuple)) else None
    if kind == "int":
        return int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None
    if kind == "ref":
        return {"id": v.get("id"), "url": v.get("url")} if isinstance(v, dict) else None
    if kind == "refs":
        return [_value("ref", x) for x in v] if isinstance(v, (list, tuple)) else None
    raise ValueError(f"unknown column kind {kind!r}")


def to_table(lines: Iterable[dict[str, Any]], columns: Columns) -> pa.Table:
    """A table with one row per line, typed by ``columns``."""
    lines = list(lines)
    data = {name: [_value(kind, line.get(name)) for line in lines] for name, kind in columns}
    return pa.table(data, schema=arrow_schema(columns))


def _write_atomic(table: pa.Table, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp, compression=COMPRESSION, row_group_size=max(table.num_rows, 1))
    os.replace(tmp, path)


def write_parquet(path: str | os.PathLike[str], lines: Iterable[dict[str, Any]], columns: Columns) -> int:
    """Writes ``lines`` as one Parquet file, atomically; returns the number of rows."""
    table = to_table(lines, columns)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(table, path)
    return table.num_rows


class ParquetParts:
    """A directory dataset written a part at a time (see the module docstring).

    Args:
        path: the directory (``RUN/articles.parquet``); parts already there are kept and new
            ones numbered after them, as ``articles.jsonl`` is appended to.
        columns: the columns (``output.schema.ARTICLE_COLUMNS``).
        rows_per_part: rows buffered before a part is written.

    Raises:
        ValueError: when ``rows_per_part`` is below 1.
    """

    def __init__(self, path: str | os.PathLike[str], columns: Columns, *, rows_per_part: int = 1000) -> None:
        if rows_per_part < 1:
            raise ValueError(f"rows_per_part ({rows_per_part!r}) must be 1 or more")
        self.path = Path(path)
        self.columns = tuple(columns)
        self.rows_per_part = rows_per_part
        self.path.mkdir(parents=True, exist_ok=True)
        for stale in self.path.glob(".part-*.tmp"):  # a part a killed run did not finish
            logger.warning("%s: removed an unfinished part left by an interrupted run", stale)
            stale.unlink()
        numbers = [int(m.group(1)) for p in self.path.iterdir() if (m := _PART.match(p.name))]
        self._next = max(numbers, default=-1) + 1
        self._rows: list[dict[str, Any]] = []
        self.parts = 0  # written by this writer
        self.rows = 0

    def write(self, line: dict[str, Any]) -> None:
        """Buffers one line; writes a part when ``rows_per_part`` are waiting."""
        self._rows.append(line)
        if len(self._rows) >= self.rows_per_part:
            self.flush()

    def flush(self) -> None:
        """Writes the buffered rows as the next part (nothing when none are waiting)."""
        if not self._rows:
            return
        self._write_part(self._rows)
        self.rows += len(self._rows)
        self._rows = []

    def _write_part(self, rows: list[dict[str, Any]]) -> None:
        _write_atomic(to_table(rows, self.columns), self.path / f"part-{self._next:05d}.parquet")
        self._next += 1
        self.parts += 1

    def close(self) -> None:
        """Writes what is buffered; an empty dataset gets one empty part, so it has a schema."""
        self.flush()
        if self._next == 0:
            self._write_part([])
