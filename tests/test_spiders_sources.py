import re

import pytest

from crawler.cli import main
from spiders.sources import SourcesError, load_sources

GOOD = """
timezone = "UTC"

[[source]]
name = "Courrier"
start = ["https://www.courrier.example/", "https://www.courrier.example/rss.xml"]
timezone = "Europe/Paris"

[[source]]
name = "Herald"
start = "http://127.0.0.3:8080/sitemap.xml"
"""


def test_sources_file_gives_starts_and_site_timezones(tmp_path):
    f = tmp_path / "sources.toml"
    f.write_text(GOOD)
    src = load_sources(f)
    assert src.starts == ["https://www.courrier.example/", "https://www.courrier.example/rss.xml",
                          "http://127.0.0.3:8080/sitemap.xml"]
    assert src.site_timezones == {"courrier.example": "Europe/Paris"}
    assert src.timezone == "UTC"


def test_a_bad_source_entry_costs_only_itself(tmp_path):
    f = tmp_path / "sources.toml"
    f.write_text(GOOD + "\n[[source]]\nname = 'Bad'\nstart = 'ftp://bad.example/'\n"
                 "\n[[source]]\nname = 'Typo'\nstart = 'http://t.example/'\ntimzone = 'UTC'\n")
    src = load_sources(f)
    assert [s.name for s in src.sources] == ["Courrier", "Herald"]
    assert src.skipped == (f"{f}: source 'Bad': not an http(s) URL: 'ftp://bad.example/'; entry skipped",
                           f"{f}: source 'Typo': unknown keys ['timzone'] (known: name, start, timezone); "
                           "entry skipped")


@pytest.mark.parametrize("text,message", [
    ("[[source]]\nname='x'\nstart=['nope']\n", "no usable [[source]] entry"),
    ("[[source]]\nname='x'\nstart=['nope']\n", "not an http(s) URL: 'nope'"),
    ("timezone='Mars/Base'\n[[source]]\nstart=['http://a.example/']\n", "unknown time zone 'Mars/Base'"),
    ("\xff = 1\n", "not valid TOML"),
    ("[[source]]\nstart=['http://a.example/']\ntimezone='Mars/Base'\n", "unknown time zone 'Mars/Base'"),
    ("title = 'no sources'\n", "no [[source]] entries"),
    ("[[source]\n", "not valid TOML"),
    ("[[source]]\nstart=['http://a.example/']\nfeeds=['x']\n", "unknown keys ['feeds']"),
])
def test_bad_sources_files_are_named_precisely(tmp_path, text, message):
    f = tmp_path / "sources.toml"
    f.write_text(text)
    with pytest.raises(SourcesError, match=re.escape(message)):
        load_sources(f)


def test_cli_rejects_a_bad_sources_file_before_crawling(tmp_path, capsys):
    f = tmp_path / "sources.toml"
    f.write_text("[[source]]\nstart=['ftp://a.example/']\n")
    assert main(["crawl", "--sources", str(f), "-o", str(tmp_path / "run")]) == 2
    assert "not an http(s) URL" in capsys.readouterr().err
    assert not (tmp_path / "run").exists()


def test_cli_needs_something_to_crawl(tmp_path, capsys):
    assert main(["crawl", "-o", str(tmp_path / "run")]) == 2
    assert "nothing to crawl" in capsys.readouterr().err
