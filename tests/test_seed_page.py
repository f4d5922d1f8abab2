"""Issue 2's done-when checks on the team's model input (read from ../shared at run time)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import shared_path

pytestmark = [pytest.mark.shared, pytest.mark.nlp, pytest.mark.slow]

CHROME = re.compile(r"Related (News|Videos)|Click to see the full-size image|Continue here|bloggers like this"
                    r"|Posted by .* on|Translated by Staff")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def strife(*args, env=None):
    proc = subprocess.run([sys.executable, "-m", "strife.cli", *args], capture_output=True, text=True, env=env)
    return proc


def test_seed_page_run_rerun_and_evidence(tmp_path):
    page = shared_path("samples", "seed-page.txt")
    db = str(tmp_path / "seed.db")
    first = strife("run", str(page), "--db", db, "--json")
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["articles"] >= 7
    assert report["events"] >= 3

    second = strife("run", str(page), "--db", db, "--json")
    again = json.loads(second.stdout)
    assert (again["documents"], again["articles"], again["events"]) == (0, 0, 0)

    import sqlite3

    con = sqlite3.connect(db)
    rows = con.execute("select title, text from articles order by position").fetchall()
    page_text = page.read_text(encoding="utf-8")
    flat = squash(page_text)
    for title, text in rows:
        assert not CHROME.search(text), title
        if title:
            # the article begins at its real headline: a line of the page, followed by its body
            assert squash(title) in flat
            assert flat.index(squash(title)) < flat.index(squash(text)[:60])

    listed = strife("events", "--db", db, "--format", "json")
    events = json.loads(listed.stdout)
    assert events
    quotes = [ev["text"] for e in events for ev in e["evidence"]]
    assert quotes and all(squash(q) in flat for q in quotes)
    for e in events:
        assert e["event_id_cnty"] and e["event_type"] and e["sources"] is not None
