"""End to end: files in, stored events out, through the real stages and a real SQLite store."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.nlp

# Short articles written for these tests (not taken from any corpus).
CLASH = """Fighting flares again south of Idlib

On March 12, 2020, fighters of Hayat Tahrir al-Sham attacked positions of the Syrian Army near the town of Saraqib in Idlib province. Local sources said that at least 4 soldiers were killed in the clashes.
"""

AIRSTRIKE = """Drone strike hits vehicle in Marib

On Tuesday, March 10, 2020, a Saudi-led coalition air strike hit a car on the road east of Marib city, killing 3 civilians, according to medical sources.
"""

PLAN_ONLY = """Commander outlines spring plans

The militia commander said his forces are preparing a new offensive to capture the town of Ayn Issa next month. He vowed that the enemy will be defeated.
"""


def write(tmp: Path, name: str, text: str, encoding="utf-8") -> Path:
    path = tmp / name
    path.write_text(text, encoding=encoding)
    return path


def table_contents(db: Path) -> dict[str, list]:
    """Stored content without per-run bookkeeping (run ids, timestamps)."""
    con = sqlite3.connect(db)
    out = {}
    out["documents"] = sorted(con.execute("select id, source, size from documents").fetchall())
    out["articles"] = sorted(con.execute("select id, document_id, position, title, text from articles").fetchall())
    out["mentions"] = sorted(con.execute(
        "select id, article_id, event_id, event_type, sub_event_type, event_date, fatalities from mentions"
    ).fetchall())
    out["events"] = sorted(con.execute(
        "select id, event_date, event_type, sub_event_type, actor1, actor2, location, fatalities, mention_count "
        "from events where deleted = 0"
    ).fetchall())
    out["failures"] = sorted(con.execute("select id, stage, code from failures").fetchall())
    con.close()
    return out


def strife_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "strife.cli", *args]


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder, "clash.txt", CLASH)
    write(folder, "airstrike.txt", AIRSTRIKE)
    write(folder, "plan.txt", PLAN_ONLY)
    return folder


def test_run_stores_events_and_rerun_is_noop(corpus, tmp_path, settings):
    from strife.pipeline import Pipeline
    from strife.store import Store

    store = Store.open(str(tmp_path / "run.db"), settings)
    pipeline = Pipeline(settings)
    first = pipeline.run([str(corpus)], store)
    assert first.status == "ok"
    assert first.documents == 3
    assert first.articles == 3
    assert first.events >= 2
    second = pipeline.run([str(corpus)], store)
    assert (second.documents, second.articles, second.mentions, second.events) == (0, 0, 0, 0)
    assert second.skipped_documents == 3


def test_plan_and_threat_yield_no_event(tmp_path, settings):
    import strife

    events = strife.code_text(PLAN_ONLY, published="2020-03-30")
    violent = [e for e in events if e.event_type != "Strategic developments"]
    assert violent == []


def test_code_text_returns_coded_event_with_evidence():
    import strife

    events = strife.code_text(CLASH, published="2020-03-13")
    assert events, "the clash should be found"
    clash = [e for e in events if e.event_type == "Battles"]
    assert clash, [(e.event_type, e.sub_event_type) for e in events]
    event = clash[0]
    assert event.event_date == "2020-03-12"
    assert event.country == "Syria"
    assert event.fatalities == 4
    assert any(ev.field in ("event_type", "trigger") for ev in event.evidence)
    for ev in event.evidence:
        assert ev.text in CLASH
    # the place is quoted too: the name the location was read from, at its offsets in the article
    places = [ev for ev in event.evidence if ev.field == "location"]
    assert [ev.text for ev in places] == ["Saraqib"], event.evidence
    assert event.location == "Saraqib"


def test_bad_inputs_fail_alone_and_run_is_partial(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    write(folder, "good.txt", CLASH)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    write(folder, "lines.jsonl", json.dumps({"text": AIRSTRIKE, "title": "strike"}) + "\n{not json\n")
    write(folder, "table.csv", "body,headline\nsomething happened,x\n")
    write(folder, "arabic.txt", CLASH.replace("Fighting", "Fighting \u0642\u062a\u0627\u0644"), encoding="cp1256")
    write(folder, "latin.txt", AIRSTRIKE.replace("Marib", "Mar\u00efb"), encoding="latin-1")
    (folder / "utf16.txt").write_bytes(PLAN_ONLY.encode("utf-16"))  # with BOM
    (folder / "truncated.html").write_text("<html><head><title>Clash</title></head><body><article><p>"
                                           + CLASH.replace("\n\n", "</p><p>")[:300], encoding="utf-8")
    with open(folder / "huge.txt", "wb") as fh:  # 50 MB, sparse: over the 32 MB limit set below
        fh.truncate(50 * 1024 * 1024)
    db = tmp_path / "mixed.db"
    env = {**os.environ, "STRIFE_DB": str(db), "STRIFE_MAX_INPUT_MB": "32", "STRIFE_ALLOW_PRIVATE_URLS": "1"}
    unreachable = "http://127.0.0.1:9/closed-port.html"  # port 9 (discard) is closed here
    proc = subprocess.run(strife_cmd("run", str(folder), unreachable, "--json"), capture_output=True, text=True,
                          env=env)
    assert proc.returncode == 3, proc.stderr
    report = json.loads(proc.stdout)
    for key in ("documents", "articles", "events", "failures", "run_id"):
        assert key in report
    codes = {f["code"] for f in report["failure_list"]}
    assert {"I102", "I103", "I105", "I106", "I107", "I108"} <= codes
    # good.txt, the good JSONL line, and the cp1256, latin-1, UTF-16 and truncated HTML files
    assert report["articles"] >= 6
    failed_items = {Path(f["item"]).name for f in report["failure_list"]}
    assert not failed_items & {"good.txt", "arabic.txt", "latin.txt", "utf16.txt", "truncated.html"}
    before = table_contents(db)
    again = subprocess.run(strife_cmd("run", str(folder), unreachable, "--json"), capture_output=True, text=True,
                           env=env)
    assert again.returncode == 3
    rerun = json.loads(again.stdout)
    assert (rerun["documents"], rerun["articles"], rerun["events"], rerun["failures"]) == (0, 0, 0, 0)
    assert table_contents(db) == before


@pytest.mark.slow
def test_kill_9_then_rerun_equals_uninterrupted(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    places = ["Saraqib", "Ariha", "Jisr al-Shughur", "Maarat al-Numan", "Kafranbel", "Atarib", "Binnish", "Taftanaz"]
    for i, place in enumerate(places):
        write(folder, f"a{i}.txt", CLASH.replace("Saraqib", place).replace("March 12", f"March {i + 1}"))
        write(folder, f"b{i}.txt", AIRSTRIKE.replace("3 civilians", f"{i + 2} civilians"))
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    env = {**os.environ}
    done = subprocess.run(strife_cmd("run", str(folder), "--db", str(clean_db), "--json"),
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    proc = subprocess.Popen(strife_cmd("run", str(folder), "--db", str(killed_db), "--json"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        try:
            con = sqlite3.connect(killed_db, timeout=0.2)
            n = con.execute("select count(*) from documents").fetchone()[0]
            con.close()
        except sqlite3.Error:
            n = 0
        if n >= 3:
            break
        time.sleep(0.05)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    again = subprocess.run(strife_cmd("run", str(folder), "--db", str(killed_db), "--json"),
                           capture_output=True, text=True, env=env)
    assert again.returncode == 0, again.stderr
    assert table_contents(killed_db) == table_contents(clean_db)
    con = sqlite3.connect(killed_db)
    statuses = [r[0] for r in con.execute("select status from runs order by started_at")]
    con.close()
    assert "running" not in statuses  # the killed run is marked interrupted by the re-run
    assert statuses[-1] == "ok"
