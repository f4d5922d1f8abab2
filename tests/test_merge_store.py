"""Merging against a real store (SQLite, and PostgreSQL through the `store` fixture)."""

from __future__ import annotations

import json

from sqlalchemy import select
from test_merge_support import mention, place

from strife.records import RawDocument
from strife.store import schema
from strife.store import merging


def save(store, *ms):
    """Store each mention with its own document and article, as the runner does."""
    from test_merge_support import article

    for m in ms:
        art = article(m.text, "x" + (m.outlet or ""), m.outlet)  # as test_merge_support.mention builds it
        assert art.id == m.article_id
        doc = RawDocument(id=art.document_id, source=f"{m.id}.txt", content=m.text.encode(), media_type="text/plain",
                          fetched_at="2020-03-05T00:00:00+00:00")
        store.save_document(None, doc, [art], [m])


def reports():
    a = mention("Houthi fighters stormed government lines at Al Hazm on Sunday.", outlet="Saba", fatalities=7,
                title="x", confidence=0.8)
    b = mention("Pro-Hadi troops beat back an Ansar Allah assault near Al Hazm, losing three men.",
                outlet="Aden Post", fatalities=3, title="x")
    c = mention("Houthi and government forces fought in Al Ghayl.", outlet="Wire", loc=place("Al Ghayl"), title="x")
    d = mention("Both sides claimed gains after Sunday's fight for Al Hazm.", outlet="Radio", title="x")
    return a, b, c, d


def events_table(store):
    E = schema.events
    with store.connect() as conn:
        return {r["id"]: dict(r) for r in conn.execute(select(E)).mappings()}


def owners(store):
    M = schema.mentions
    with store.connect() as conn:
        return dict(conn.execute(select(M.c.id, M.c.event_id)).all())


def test_merge_pending_creates_updates_and_reruns_as_noop(store):
    a, b, c, d = reports()
    save(store, a, b, c)
    counts = merging.merge_pending(store, run_id="r1", now=100)
    assert counts["created"] == 2 and counts["mentions"] == 3
    ev = events_table(store)
    assert len(ev) == 2
    own = owners(store)
    assert own[a.id] == own[b.id] != own[c.id]
    battle = ev[own[a.id]]
    assert battle["source"] == "Aden Post; Saba" and battle["fatalities"] == 3 and battle["mention_count"] == 2
    assert battle["timestamp"] == 100 and battle["created_at"] == 100

    # nothing new: nothing changes, no timestamp moves
    assert merging.merge_pending(store, run_id="r2", now=150).get("created", 0) == 0
    assert events_table(store) == ev

    # a new report of the known event attaches to it and updates it
    save(store, d)
    counts = merging.merge_pending(store, run_id="r3", now=200)
    assert counts["updated"] == 1 and counts["created"] == 0
    ev2 = events_table(store)
    assert set(ev2) == set(ev)
    assert ev2[own[a.id]]["timestamp"] == 200 and ev2[own[a.id]]["mention_count"] == 3
    assert ev2[own[a.id]]["created_at"] == 100
    assert ev2[own[c.id]]["timestamp"] == 100  # untouched event keeps its timestamp
    assert "Radio" in ev2[own[a.id]]["source"]
    log = merging.changed_since(store, 200)
    assert [(r["event_id"], r["change"]) for r in log] == [(own[a.id], "updated")]


def test_one_by_one_equals_all_at_once_in_the_store(store, tmp_path, settings):
    from strife.store import Store

    ms = sorted(reports(), key=lambda m: m.id)
    for t, m in enumerate(ms):
        save(store, m)
        merging.merge_pending(store, now=10 + t)
    other = Store.open(str(tmp_path / "all.db"), settings)
    try:
        save(other, *ms)
        merging.merge_pending(other, now=99)

        def parts(s):
            groups: dict = {}
            for mid, eid in owners(s).items():
                groups.setdefault(eid, set()).add(mid)
            return sorted(sorted(g) for g in groups.values())

        assert parts(store) == parts(other)
        live = {k for k, v in events_table(store).items() if not v["deleted"]}
        assert live == {k for k, v in events_table(other).items() if not v["deleted"]}
    finally:
        other.close()


def test_deleted_duplicate_is_logged_and_listed(store):
    from strife.merge import plan_merge

    a, b, _c, d = reports()
    save(store, a, b)
    # two stored events for one battle (as an older, stricter strife might have left them)
    with store.begin() as conn:
        merging.apply_merge_plan(conn, plan_merge([a], [], {}, 50), None, 50)
        merging.apply_merge_plan(conn, plan_merge([b], [], {}, 50), None, 50)
    assert len(events_table(store)) == 2
    save(store, d)
    counts = merging.merge_pending(store, now=300)
    assert counts["deleted"] == 1 and counts["merged"] == 1
    ev = events_table(store)
    gone = [k for k, v in ev.items() if v["deleted"]]
    live = [k for k, v in ev.items() if not v["deleted"]]
    assert len(gone) == 1 and len(live) == 1
    assert set(owners(store).values()) == set(live)
    dels = merging.deletions(store)
    assert [(r["id"], r["other_id"]) for r in dels] == [(gone[0], live[0])]
    assert merging.deletions(store, since=301) == []


def test_explain_from_the_store_and_the_command(store):
    from click.testing import CliRunner

    from strife.merge import explain
    from strife.merge.commands import explain as explain_cmd

    a, b, c, _d = reports()
    save(store, a, b, c)
    merging.merge_pending(store, now=5)
    eid = owners(store)[a.id]
    exp = explain(eid, store, near=True)
    assert set(exp.mention_ids) == {a.id, b.id}
    assert exp.pairs[0].ok
    assert [(k.mention_id, k.rule) for k in exp.kept_apart] == [(c.id, "place")]
    result = CliRunner().invoke(explain_cmd, [eid, "--near", "--db", store.url, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["event_id"] == eid and data["kept_apart"][0]["rule"] == "place"
    missing = CliRunner().invoke(explain_cmd, ["nope", "--db", store.url])
    assert missing.exit_code == 1 and "[M102]" in missing.output
