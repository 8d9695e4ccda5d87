"""The output formats a run can write (``--format jsonl,parquet,warc``, ``WIRECRAWL_FORMATS``).

``jsonl`` is always written, whatever is asked: ``articles.jsonl`` is the append-safe record of
truth (every finished line survives a kill), and the other formats are views of the same
records — ``parquet`` (``output.parquet``) for tables, ``warc`` (``output.warc``) for the raw
responses, so a corpus can be extracted again later.
"""

from __future__ import annotations

from typing import Iterable

FORMATS = ("jsonl", "parquet", "warc")


def parse_formats(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """The formats named by ``value`` (``"jsonl,parquet"`` or a list), ``jsonl`` first and always.

    Raises:
        ValueError: for a name that is not a format, naming it.
    """
    if value is None:
        names: list[str] = []
    elif isinstance(value, str):
        names = value.split(",")
    else:
        names = list(value)
    out = ["jsonl"]
    for name in names:
        name = name.strip().lower()
        if not name:
            continue
        if name not in FORMATS:
            raise ValueError(f"unknown format {name!r} (choose from {', '.join(FORMATS)})")
        if name not in out:
            out.append(name)
    return tuple(out)
