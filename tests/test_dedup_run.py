"""``wirecrawl dedup`` over JSONL from any tool, and across runs with a persistent index."""

import json

from crawler.cli import main

BASE = ("MADRID (EFE) - The regional government approved on Thursday a plan to restore forty "
        "kilometres of riverbank along the Tagus, with native trees planted over three winters. "
        "Officials said the work would begin in February near Aranjuez and move upstream. "
        "Farmers' groups welcomed the plan but asked for compensation for land taken out of use. "
        "Environmental groups said the budget of twelve million euros was too small for the task.")
OTHER = ("Heavy snow closed three alpine passes on Wednesday and stranded hundreds of lorries near the "
         "border, officials said, as forecasters warned of more snow over the weekend and road crews "
         "worked through the night to clear the main routes.")


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def read(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_dedup_groups_copies_and_skips_bad_records(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [
        {"url": "http://a.example/1", "text": BASE, "published": "2026-11-20T10:00:00Z"},
        {"url": "http://b.example/9", "text": BASE.replace("(EFE) - ", "").replace("Thursday", "Thursday,")},
        {"url": "http://c.example/2", "text": OTHER},
        {"url": "http://d.example/3"},
    ])
    assert main(["dedup", str(src), "-o", str(tmp_path / "run"), "--no-progress"]) == 0
    recs = read(tmp_path / "run" / "articles.jsonl")
    assert len(recs) == 3
    assert recs[0]["story_id"] == recs[1]["story_id"] != recs[2]["story_id"]
    stories = read(tmp_path / "run" / "stories.jsonl")
    assert sorted(s["size"] for s in stories) == [1, 2]
    run = json.loads((tmp_path / "run" / "run.json").read_text())
    assert run["summary"]["skipped"] == 1
    assert "stories" in capsys.readouterr().out


def test_story_ids_persist_across_runs_with_state(tmp_path):
    day1, day2 = tmp_path / "day1.jsonl", tmp_path / "day2.jsonl"
    write_jsonl(day1, [{"url": "http://a.example/1", "text": BASE}])
    write_jsonl(day2, [{"url": "http://z.example/7", "text": BASE.replace("forty", "40")},
                       {"url": "http://c.example/2", "text": OTHER}])
    state = tmp_path / "state"
    assert main(["dedup", str(day1), "-o", str(tmp_path / "r1"), "--state", str(state), "--no-progress"]) == 0
    assert main(["dedup", str(day2), "-o", str(tmp_path / "r2"), "--state", str(state), "--no-progress"]) == 0
    first = read(tmp_path / "r1" / "articles.jsonl")[0]
    copy, other = read(tmp_path / "r2" / "articles.jsonl")
    assert copy["story_id"] == first["story_id"]
    assert copy["duplicate_of"] == first["id"]
    assert other["story_id"] != first["story_id"]


def test_dedup_missing_input_exits_2(tmp_path, capsys):
    assert main(["dedup", str(tmp_path / "absent.jsonl"), "-o", str(tmp_path / "run")]) == 2
    assert "no such input file" in capsys.readouterr().err


def test_stories_jsonl_lists_the_stories_of_this_run_with_earlier_members(tmp_path):
    day1, day2 = tmp_path / "day1.jsonl", tmp_path / "day2.jsonl"
    write_jsonl(day1, [{"url": "http://a.example/1", "text": BASE, "published": "2026-11-20T10:00:00Z"},
                       {"url": "http://c.example/2", "text": OTHER}])
    # A date another tool wrote in its own format is not guessed at; the record still counts.
    write_jsonl(day2, [{"url": "http://z.example/7", "text": BASE.replace("forty", "40"),
                        "published": "Friday, 20 Nov 2026"}])
    state = tmp_path / "state"
    for day, out in ((day1, "r1"), (day2, "r2")):
        assert main(["dedup", str(day), "-o", str(tmp_path / out), "--state", str(state), "--no-progress"]) == 0
    assert len(read(tmp_path / "r1" / "stories.jsonl")) == 2
    (story,) = read(tmp_path / "r2" / "stories.jsonl")
    assert story["members"] == ["http://a.example/1", "http://z.example/7"]
    assert story["first_published"] == "2026-11-20T10:00:00Z"
    assert json.loads((tmp_path / "r2" / "run.json").read_text())["summary"]["stories"] == 1


def _good(n):
    return json.dumps({"url": f"http://a.example/{n}", "text": f"{BASE} Story number {n}."}).encode()


def test_a_bad_line_costs_only_itself(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join([_good(1), _good(2), b'{"url": "http://a.example/x", "text": "\xff bad"}',
                                 _good(4), b"{not json", _good(6)]) + b"\n")
    assert main(["dedup", str(src), "-o", str(tmp_path / "run"), "--no-progress"]) == 3
    assert [r["url"][-1] for r in read(tmp_path / "run" / "articles.jsonl")] == ["1", "2", "4", "6"]
    err = capsys.readouterr().err.splitlines()
    assert err == [f"wirecrawl dedup: {src}:3: not UTF-8 (byte 40 of the line) (line skipped)",
                   f"wirecrawl dedup: {src}:5: not a JSON line (Expecting property name enclosed in double quotes, "
                   "column 2) (line skipped)"]
    summary = json.loads((tmp_path / "run" / "run.json").read_text())["summary"]
    assert summary["bad_lines"] == 2 and summary["documents_read"] == 4


def test_many_bad_lines_are_named_then_counted(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join([_good(0)] + [b"oops"] * 12 + [_good(1)]) + b"\n")
    assert main(["dedup", str(src), "-o", str(tmp_path / "run"), "--no-progress"]) == 3
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 6 and err[-1] == "wirecrawl dedup: 12 bad lines skipped in all (the first 5 named above)"
    assert len(read(tmp_path / "run" / "articles.jsonl")) == 2


def test_strict_stops_at_the_first_bad_line(tmp_path, capsys):
    src, more = tmp_path / "in.jsonl", tmp_path / "more.jsonl"
    src.write_bytes(b"\n".join([_good(1), b"[1, 2]", _good(3)]) + b"\n")
    more.write_bytes(_good(4) + b"\n")
    assert main(["dedup", str(src), str(more), "-o", str(tmp_path / "run"), "--no-progress", "--strict"]) == 3
    assert [r["url"][-1] for r in read(tmp_path / "run" / "articles.jsonl")] == ["1"]
    assert f"{src}:2: expected a JSON object, got list; stopped there (--strict)" in capsys.readouterr().err
    summary = json.loads((tmp_path / "run" / "run.json").read_text())["summary"]
    assert summary["stopped_at"].endswith("in.jsonl:2: expected a JSON object, got list")
