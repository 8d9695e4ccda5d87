"""Start lists (``@FILE``): a bad line costs only itself; URLs and lists mix in one ``start``."""

import pytest

from spiders.arguments import parse_starts, read_start_file


def test_bad_start_lines_are_named_and_skipped(tmp_path):
    f = tmp_path / "urls.txt"
    f.write_bytes(b"\xef\xbb\xbf# list\nhttp://a.example/\nnope\n\xff\xfe\n\nhttps://b.example/feed  # feed\n")
    bad = []
    assert read_start_file(f, on_bad=bad.append) == ["http://a.example/", "https://b.example/feed"]
    assert bad == [f"@{f} line 3: not an http(s) URL: 'nope'; line skipped",
                   f"@{f} line 4: not UTF-8 (byte 1); line skipped"]


def test_bad_start_lines_are_logged_by_default(tmp_path, caplog):
    f = tmp_path / "urls.txt"
    f.write_text("http://a.example/\nftp://b.example/\n")
    assert read_start_file(f) == ["http://a.example/"]
    assert "line 2: not an http(s) URL: 'ftp://b.example/'" in caplog.text


def test_a_start_list_without_a_url_is_refused(tmp_path):
    f = tmp_path / "urls.txt"
    f.write_text("# only\nnope\n")
    with pytest.raises(ValueError, match=r"no URL in the file \(1 bad lines skipped\)"):
        read_start_file(f, on_bad=lambda m: None)


def test_urls_and_start_lists_mix(tmp_path):
    f = tmp_path / "urls.txt"
    f.write_text("http://b.example/\nhttp://a.example/\n")
    assert parse_starts(f"http://a.example/,@{f}") == [("http://a.example/", "link"), ("http://b.example/", "list")]
