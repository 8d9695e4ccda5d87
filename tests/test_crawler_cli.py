"""Bad command lines fail fast: a clear message, exit code 2, nothing crawled."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.cli import main


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], capture_output=True, text=True,
                          timeout=60, env=dict(os.environ, PYTHONPATH=os.getcwd()))


@pytest.mark.parametrize("start", ["not-a-url", "ftp://example.org/feed", "http://", "www.example.org"])
def test_start_that_is_not_a_url_exits_2(tmp_path, capsys, start):
    assert main(["crawl", start, "-o", str(tmp_path / "run")]) == 2
    err = capsys.readouterr().err
    assert "not an http(s) URL" in err and repr(start) in err
    assert not (tmp_path / "run").exists()


def test_start_file_without_a_good_line_names_its_bad_lines(tmp_path, capsys):
    f = tmp_path / "urls.txt"
    f.write_text("# list\n\nnope\n")
    assert main(["crawl", f"@{f}", "-o", str(tmp_path / "run")]) == 2
    err = capsys.readouterr().err
    assert "line 3: not an http(s) URL: 'nope'" in err and "no URL in the file" in err
    assert not (tmp_path / "run").exists()


def test_bad_start_lines_and_sources_entries_cost_only_themselves(tmp_path):
    """The good starts are crawled (a closed port here: one counted failure), each bad line or
    entry is named once, and the exit status is 3."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/"
    urls, sources = tmp_path / "urls.txt", tmp_path / "sources.toml"
    urls.write_text(f"{dead}a\nnope\n")
    sources.write_text(f"[[source]]\nname='ok'\nstart='{dead}b'\n\n"
                       "[[source]]\nname='bad'\nstart='ftp://x.example/'\n")
    proc = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", f"@{urls}", "--sources", str(sources),
                           "-o", str(tmp_path / "run"), "--no-progress", "--no-robots"],
                          capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parents[1])
    assert proc.returncode == 3, proc.stderr
    assert proc.stderr.count("line 2: not an http(s) URL: 'nope'") == 1
    assert proc.stderr.count("source 'bad': not an http(s) URL: 'ftp://x.example/'; entry skipped") == 1
    assert "error: connection_refused  2" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_missing_start_file(tmp_path, capsys):
    assert main(["crawl", f"@{tmp_path}/absent.txt", "-o", str(tmp_path / "run")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_unwritable_output_dir_exits_2(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["crawl", "http://127.0.0.1:9/", "-o", str(blocker / "run")]) == 2
    assert "not writable" in capsys.readouterr().err


def test_read_only_output_dir_exits_2(tmp_path, capsys):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        if os.access(ro, os.W_OK):  # root ignores mode bits; use a path under /proc instead
            target = "/proc/wirecrawl-run"
        else:
            target = str(ro / "run")
        assert main(["crawl", "http://127.0.0.1:9/", "-o", target]) == 2
        assert "not writable" in capsys.readouterr().err
    finally:
        ro.chmod(0o700)


@pytest.mark.parametrize("args,message", [
    (["--since", "someday"], "--since"),
    (["--tz", "Mars/Olympus"], "unknown time zone"),
    (["--concurrency", "0"], "--concurrency"),
    (["--max-pages", "0"], "--max-pages"),
    (["--site-tz", "lemonde.fr"], "SITE=ZONE"),
    (["--window", "soon"], "--window"),
])
def test_bad_options_exit_2(tmp_path, capsys, args, message):
    assert main(["crawl", "http://127.0.0.1:9/", "-o", str(tmp_path / "run"), *args]) == 2
    assert message in capsys.readouterr().err


def test_cli_entry_point_reports_usage_errors():
    proc = run_cli("crawl", "nonsense", "-o", "/tmp/wirecrawl-never")
    assert proc.returncode == 2
    assert "wirecrawl crawl: not an http(s) URL" in proc.stderr


def test_extract_missing_file_exits_2(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "absent.html")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_corrupt_state_file_is_a_clear_error_before_crawling(tmp_path, capsys):
    state = tmp_path / "state"
    state.mkdir()
    (state / "stories.sqlite").write_bytes(b"garbage, not an index" * 50)
    assert main(["crawl", "http://127.0.0.1:9/", "-o", str(tmp_path / "run"), "--state", str(state)]) == 2
    err = capsys.readouterr().err
    assert "stories.sqlite" in err and "Traceback" not in err


def test_full_and_its_alias_refetch_set_the_state_setting():
    from crawler.cli.main import build_parser
    from crawler.cli.options import crawl_overrides

    for flag in ("--full", "--refetch"):
        args = build_parser().parse_args(["crawl", "http://127.0.0.1:9/", "-o", "r", "--state", "s", flag])
        assert args.full is True
    args.state = None
    assert crawl_overrides(args)["WIRECRAWL_STATE_FULL"] is True


def test_an_old_seen_sqlite_state_is_refused_before_crawling(tmp_path, capsys):
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "seen.sqlite").write_bytes(b"")
    assert main(["crawl", "http://127.0.0.1:9/", "-o", str(tmp_path / "run"), "--state", str(tmp_path / "state")]) == 2
    err = capsys.readouterr().err
    assert "seen.sqlite" in err and "Remove or rename" in err and len(err.strip().splitlines()) == 1


def test_status_of_a_directory_without_state_exits_2(tmp_path, capsys):
    assert main(["status", "--state", str(tmp_path)]) == 2
    assert "no wirecrawl state" in capsys.readouterr().err
