"""Parquet outputs: typed columns from output.schema, a directory dataset that survives a kill."""

import os
import subprocess
import sys
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from crawler.items import Article, Record
from dedup import Story
from output.parquet import ParquetParts, arrow_schema, to_table, write_parquet
from output.schema import (ARTICLE_COLUMNS, CANONICAL_COLUMNS, STORY_COLUMNS, article_line, canonical_line,
                           iso_utc, story_line)

ROOT = Path(__file__).resolve().parents[1]
UTC = timezone.utc


def line(i):
    return {"id": f"{i:016x}", "url": f"http://127.0.0.2/a/{i}", "canonical_url": None, "site": "127.0.0.2",
            "title": f"Title {i}", "text": f"Body {i}\nsecond paragraph", "published": "2026-11-20T13:32:00Z",
            "published_zone": "learned" if i % 2 else "stated",
            "modified": None, "authors": ["Ana Ruiz", "Bo Li"] if i % 2 else [], "language": "en",
            "wire": "AFP" if i % 3 == 0 else None, "fetched_at": "2026-11-21T08:00:05Z", "source": "feed",
            "story_id": f"{i // 2:016x}", "duplicate_of": None, "revision": 1 + i % 2}


def as_lines(df):
    """Rows of a DataFrame as the JSON lines they came from (timestamps back to ISO strings)."""
    out = []
    for rec in df.to_dict("records"):
        for name, kind in ARTICLE_COLUMNS:
            v = rec[name]
            if kind == "timestamp":
                rec[name] = None if pd.isna(v) else iso_utc(v.to_pydatetime())
            elif kind == "strings":
                rec[name] = list(v)
            elif v is None or (isinstance(v, float) and pd.isna(v)):
                rec[name] = None
        out.append(rec)
    return out


def test_the_declared_columns_are_exactly_the_fields_of_each_line():
    when = datetime(2026, 11, 20, 13, 32, tzinfo=UTC)
    rec = Record(Article(url="http://a/1", site="a", text="x", published=when, authors=("A",)), id="1",
                 fetched_at=when, story_id="1")
    assert list(article_line(rec)) == [n for n, _ in ARTICLE_COLUMNS]
    story = Story("1", "1", "http://a/1", ["http://a/1"], ["a"], when, 1, ["1"])
    assert list(story_line(story)) == [n for n, _ in STORY_COLUMNS]
    assert list(canonical_line(article_line(rec), [])) == [n for n, _ in CANONICAL_COLUMNS]


def test_columns_are_typed():
    schema = arrow_schema(ARTICLE_COLUMNS)
    assert schema.field("published").type == pa.timestamp("us", tz="UTC")
    assert schema.field("authors").type == pa.list_(pa.string())
    assert arrow_schema(STORY_COLUMNS).field("size").type == pa.int64()
    with pytest.raises(ValueError, match="'when'.*'date'"):
        arrow_schema([("when", "date")])


def test_values_that_do_not_fit_their_column_become_null():
    # wirecrawl dedup reads other tools' JSON Lines: a date that is not ISO, authors as one string.
    t = to_table([{"id": "x", "published": "yesterday", "authors": "Ana Ruiz", "extra": 1}], ARTICLE_COLUMNS)
    row = t.to_pylist()[0]
    assert row["published"] is None and row["authors"] == ["Ana Ruiz"] and "extra" not in row


def test_parts_read_as_one_table_by_pandas_pyarrow_duckdb_and_datasets(tmp_path):
    lines = [line(i) for i in range(25)]
    parts = ParquetParts(tmp_path / "articles.parquet", ARTICLE_COLUMNS, rows_per_part=10)
    for x in lines:
        parts.write(x)
    parts.close()
    names = sorted(p.name for p in (tmp_path / "articles.parquet").iterdir())
    assert names == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    assert pq.ParquetFile(tmp_path / "articles.parquet" / "part-00000.parquet").metadata.row_group(0).column(0) \
        .compression == "ZSTD"
    assert as_lines(pd.read_parquet(tmp_path / "articles.parquet")) == lines
    assert pq.read_table(tmp_path / "articles.parquet").num_rows == 25
    assert duckdb.sql(f"SELECT count(*) FROM '{tmp_path}/articles.parquet/*.parquet'").fetchall() == [(25,)]
    datasets = pytest.importorskip("datasets")
    ds = datasets.load_dataset("parquet", data_files=f"{tmp_path}/articles.parquet/*.parquet", split="train",
                               cache_dir=str(tmp_path / "hf-cache"))
    assert ds["id"] == [x["id"] for x in lines]


def test_a_new_writer_numbers_its_parts_after_those_there(tmp_path):
    for start in (0, 5):
        with_parts = ParquetParts(tmp_path / "d", ARTICLE_COLUMNS, rows_per_part=3)
        for i in range(start, start + 5):
            with_parts.write(line(i))
        with_parts.close()
    assert len(list((tmp_path / "d").iterdir())) == 4
    assert list(pd.read_parquet(tmp_path / "d")["id"]) == [line(i)["id"] for i in range(10)]


def test_an_empty_dataset_still_has_its_schema(tmp_path):
    ParquetParts(tmp_path / "d", ARTICLE_COLUMNS).close()
    df = pd.read_parquet(tmp_path / "d")
    assert len(df) == 0 and list(df.columns) == [n for n, _ in ARTICLE_COLUMNS]


def test_a_killed_writer_leaves_every_finished_part_readable(tmp_path):
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_output_parquet import line
        from output.parquet import ParquetParts
        from output.schema import ARTICLE_COLUMNS
        parts = ParquetParts({str(tmp_path / 'articles.parquet')!r}, ARTICLE_COLUMNS, rows_per_part=10)
        for i in range(35):
            parts.write(line(i))
        # A part being written when the kill came: a hidden temporary file, cut short.
        open(os.path.join(parts.path, ".part-00003.parquet.tmp"), "wb").write(b"PAR1\\x00\\x01")
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == -9, proc.stderr
    d = tmp_path / "articles.parquet"
    assert as_lines(pd.read_parquet(d)) == [line(i) for i in range(30)]
    assert duckdb.sql(f"SELECT count(*) FROM '{d}/*.parquet'").fetchall() == [(30,)]
    # The next writer removes the unfinished part and goes on after the finished ones.
    again = ParquetParts(d, ARTICLE_COLUMNS, rows_per_part=10)
    again.write(line(35))
    again.close()
    assert not list(d.glob(".*"))
    assert len(pd.read_parquet(d)) == 31


def test_whole_files_are_written_atomically(tmp_path):
    story = Story("s", "c", "http://a/1", ["http://a/1", "http://b/1"], ["a", "b"],
                  datetime(2026, 11, 20, tzinfo=UTC), 2, ["c", "d"])
    assert write_parquet(tmp_path / "stories.parquet", [story_line(story)], STORY_COLUMNS) == 1
    row = pq.read_table(tmp_path / "stories.parquet").to_pylist()[0]
    assert row["canonical"] == {"id": "c", "url": "http://a/1"} and row["size"] == 2
    assert row["first_published"] == datetime(2026, 11, 20, tzinfo=UTC)
    assert sorted(os.listdir(tmp_path)) == ["stories.parquet"]
